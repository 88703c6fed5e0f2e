// `ruletag tag --format jsonl` as a streaming mapper under PySpark.
//
// The built `ruletag` binary runs through Spark's `RDD.pipe` in local mode
// over Corpus/corpus.jsonl split into several shard files (one partition
// each, so every partition is a separate `ruletag` process reading stdin).
// Every record must come back exactly once and equal the single-machine
// output of `ruletag tag --format jsonl` on the same input, compared as
// sets of lines keyed by id. The `source` field is the one expected
// difference (`<stdin>:LINE` counts lines per process), so it is dropped
// from both sides before comparing; everything else must match byte for
// byte.
//
// Needs python3 with pyspark and a Java runtime; without them the test is
// skipped and says why. `pip install pyspark` (.ci/run tries it).
// RULETAG_BIN overrides where the binary is looked for (RuleTagTestSupport).

import Foundation
import RuleTagTestSupport
import Testing

enum PySpark {
  static let python: String? = {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let c = "\(dir)/python3"
      if FileManager.default.isExecutableFile(atPath: c) { return c }
    }
    return nil
  }()

  /// Why the test cannot run here, or nil when it can.
  static let missing: String? = {
    guard let py = python else { return "python3 is not on PATH" }
    if runProgram(py, ["-c", "import pyspark"]).status != 0 {
      return "pyspark is not installed (`python3 -c 'import pyspark'` failed; `pip install pyspark` enables this test)"
    }
    if runProgram("/usr/bin/env", ["java", "-version"]).status != 0 {
      return "no Java runtime (`java -version` failed); Spark needs one"
    }
    if BuiltBinary.ruletag == nil { return BuiltBinary.missing("ruletag") }
    return nil
  }()

  static var available: Bool { missing == nil }

  /// Splits the corpus into shards, pipes every partition through
  /// `ruletag tag --format jsonl`, writes the collected lines to OUT.
  static let script = #"""
    import os, shlex, sys
    binary, rules, corpus, work, out = sys.argv[1:6]
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    shards = os.path.join(work, "shards")
    os.makedirs(shards, exist_ok=True)
    lines = [l for l in open(corpus, encoding="utf-8").read().split("\n") if l.strip()]
    n = 4
    for k in range(n):
        with open(os.path.join(shards, "part-%05d.jsonl" % k), "w", encoding="utf-8") as f:
            for l in lines[k::n]:
                f.write(l + "\n")
    from pyspark import SparkConf, SparkContext
    conf = (SparkConf().setMaster("local[2]").setAppName("ruletag-pipe-test")
            .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.driver.host", "127.0.0.1"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    rdd = sc.textFile(shards)
    cmd = " ".join(shlex.quote(a) for a in [binary, "tag", "--rules", rules, "--format", "jsonl"])
    tagged = rdd.pipe(cmd, checkCode=True).collect()
    print("partitions", rdd.getNumPartitions(), "records", len(lines), "out", len(tagged), file=sys.stderr)
    sc.stop()
    with open(out, "w", encoding="utf-8") as f:
        for l in tagged:
            f.write(l + "\n")
    """#

  /// id → line without its `"source":…` field; fails on a line without id.
  static func keyed(_ text: String) throws -> [String: [String]] {
    var out: [String: [String]] = [:]
    let source = try NSRegularExpression(pattern: #","source":"(?:[^"\\]|\\.)*""#)
    for line in text.split(separator: "\n") where !line.isEmpty {
      let s = String(line)
      let obj = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]
      let id = try #require(obj?["id"] as? String, "a line without an id: \(s.prefix(200))")
      let stripped = source.stringByReplacingMatches(
        in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: "")
      out[id, default: []].append(stripped)
    }
    return out
  }
}

@Suite struct PySparkPipeTests {
  @Test(
    "ruletag under PySpark RDD.pipe equals the single-machine run",
    .enabled(if: PySpark.available, "\(PySpark.missing ?? "")"), .timeLimit(.minutes(5)))
  func pipeEqualsSingleMachine() throws {
    let bin = try #require(BuiltBinary.ruletag)
    let py = try #require(PySpark.python)
    let rules = PackagePaths.rules.path
    let corpus = PackagePaths.corpusFile.path
    let work = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: work) }
    let scriptPath = work.appendingPathComponent("pipe.py").path
    try PySpark.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    let sparkOut = work.appendingPathComponent("spark.jsonl").path

    // Single machine: the whole corpus on stdin.
    let single = runProgram(bin, ["tag", "--rules", rules, "--format", "jsonl"], stdin: corpus)
    #expect(single.status == 0, "ruletag tag failed: \(single.err)")
    // Spark: four shards, one `ruletag` process per partition.
    let spark = runProgram(py, [scriptPath, bin, rules, corpus, work.path, sparkOut])
    try #require(spark.status == 0, "the PySpark job failed:\n\(spark.err.suffix(3000))")

    let want = try PySpark.keyed(single.outString)
    let got = try PySpark.keyed(try String(contentsOfFile: sparkOut, encoding: .utf8))
    let inputs = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").filter {
      !$0.allSatisfy(\.isWhitespace)
    }.count
    #expect(want.count == inputs, "single-machine run: \(want.count) ids for \(inputs) records")
    #expect(
      Set(got.keys) == Set(want.keys),
      "ids differ: missing \(Set(want.keys).subtracting(got.keys).sorted()), extra \(Set(got.keys).subtracting(want.keys).sorted())"
    )
    for (id, lines) in got {
      #expect(lines.count == 1, "record \(id) came back \(lines.count) times")
      if let w = want[id] { #expect(lines == w, "record \(id) differs from the single-machine output") }
    }
  }
}
