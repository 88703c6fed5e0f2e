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
// RULETAG_BIN overrides where the binary is looked for.

import Foundation
import Testing

enum PySpark {
  /// Runs `exe args` and returns (exit code, stdout, stderr).
  @discardableResult
  static func run(_ exe: String, _ args: [String], stdin: String? = nil, env: [String: String]? = nil) -> (
    Int32, Data, String
  ) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let env { p.environment = env }
    let out = Pipe()
    // stderr goes to a file, so only one pipe has to be drained.
    let errPath = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ruletag-pyspark-err-\(UUID().uuidString)"
    ).path
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    p.standardOutput = out
    p.standardError = FileHandle(forWritingAtPath: errPath)
    if let stdin { p.standardInput = FileHandle(forReadingAtPath: stdin) }
    do { try p.run() } catch { return (127, Data(), "\(error)") }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let errData = FileManager.default.contents(atPath: errPath) ?? Data()
    return (p.terminationStatus, outData, String(decoding: errData, as: UTF8.self))
  }

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
    if run(py, ["-c", "import pyspark"]).0 != 0 {
      return "pyspark is not installed (`python3 -c 'import pyspark'` failed; `pip install pyspark` enables this test)"
    }
    if run("/usr/bin/env", ["java", "-version"]).0 != 0 {
      return "no Java runtime (`java -version` failed); Spark needs one"
    }
    if binary == nil {
      return "no built `ruletag` binary found next to the test bundle or under .build (set RULETAG_BIN)"
    }
    return nil
  }()

  static var available: Bool { missing == nil }

  /// The package root: the folder above Tests/.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `ruletag` built with these tests: beside the test bundle (the build
  /// folder of this `swift test` run, whatever its scratch path), else under
  /// .build of the package.
  static let binary: String? = {
    var candidates: [String] = []
    if let b = ProcessInfo.processInfo.environment["RULETAG_BIN"] { candidates.append(b) }
    var dirs: [URL] = []
    if let e = Bundle.main.executableURL { dirs.append(e.deletingLastPathComponent()) }
    dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
    dirs.append(Bundle.main.bundleURL)
    if let a = CommandLine.arguments.first { dirs.append(URL(fileURLWithPath: a).deletingLastPathComponent()) }
    for b in Bundle.allBundles { dirs.append(b.bundleURL.deletingLastPathComponent()) }
    // An .xctest bundle folder on some platforms: walk up a few levels.
    for d in dirs {
      var u = d
      for _ in 0..<4 {
        candidates.append(u.appendingPathComponent("ruletag").path)
        u = u.deletingLastPathComponent()
      }
    }
    candidates += [".build/debug/ruletag", ".build/release/ruletag"].map { root.appendingPathComponent($0).path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !$0.hasSuffix("/") }
  }()

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
    let bin = try #require(PySpark.binary)
    let py = try #require(PySpark.python)
    let rules = PySpark.root.appendingPathComponent("Rules").path
    let corpus = PySpark.root.appendingPathComponent("Corpus/corpus.jsonl").path
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-pyspark-\(getpid())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let scriptPath = work.appendingPathComponent("pipe.py").path
    try PySpark.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    let sparkOut = work.appendingPathComponent("spark.jsonl").path

    // Single machine: the whole corpus on stdin.
    let (code, single, err) = PySpark.run(bin, ["tag", "--rules", rules, "--format", "jsonl"], stdin: corpus)
    #expect(code == 0, "ruletag tag failed: \(err)")
    // Spark: four shards, one `ruletag` process per partition.
    let (scode, _, serr) = PySpark.run(py, [scriptPath, bin, rules, corpus, work.path, sparkOut])
    try #require(scode == 0, "the PySpark job failed:\n\(serr.suffix(3000))")

    let want = try PySpark.keyed(String(decoding: single, as: UTF8.self))
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
