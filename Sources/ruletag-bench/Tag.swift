// ruletag-bench tag CORPUS [--rules Rules] [--runs N] [--keywords kw200.txt,kw2000.txt,kw10000.txt] [--keywords-only]
//
// Times, in this process and in the same run: a `cat`-like read(2) of
// CORPUS, `ruletag tag --format jsonl` (full pipeline, output to /dev/null)
// on one thread and on all cores (in turns, round by round, so the 2-thread
// speed-up is also given per round), each stage of the pipeline on one
// thread, and the keyword matcher with each keyword list (compile time,
// scan MB/s; KeywordScaling.swift). Prints markdown tables with medians
// and ratios. Asserts: every article read without error, `--threads N`
// output byte-identical to `--threads 1` (on the first 5,000 lines), the
// matcher's counts equal the naive matcher's on a sample, compiling a
// keyword list takes under 1 s. Exit 1 on any failed check.
// --keywords-only runs only the keyword table.

import Foundation
import RuleTag
import RuleTagCLI

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `ruletag ARGS` in-process with stdout and stderr sent to files (or
/// /dev/null); returns (seconds, exit code, stderr text).
func runCLI(_ args: [String], stdout: String, stderrPath: String) -> (Double, Int32, String) {
  fflush(nil)
  let saved1 = dup(1)
  let saved2 = dup(2)
  let o = open(stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  let e = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  dup2(o, 1)
  dup2(e, 2)
  close(o)
  close(e)
  let t0 = now()
  let code = RuleTagCLI.main(args)
  let dt = now() - t0
  fflush(nil)
  dup2(saved1, 1)
  dup2(saved2, 2)
  close(saved1)
  close(saved2)
  let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
  return (dt, code, err)
}

/// Reads `path` with read(2) into a reused 1 MB buffer, touching each
/// 64-byte line: the in-process `cat` bound.
func catRead(_ path: String) -> (Double, Int) {
  let fd = open(path, O_RDONLY)
  if fd < 0 { fail("cannot open \(path)") }
  defer { close(fd) }
  var buf = [UInt8](repeating: 0, count: 1 << 20)
  let t0 = now()
  var total = 0
  var x: UInt8 = 0
  buf.withUnsafeMutableBufferPointer { b in
    while true {
      let n = read(fd, b.baseAddress!, b.count)
      if n <= 0 { break }
      total += n
      var i = 0
      while i < n { x ^= b[i]; i += 64 }
    }
  }
  let dt = now() - t0
  if x == 0xFF && total == 0 { note("") }
  return (dt, total)
}

struct TagBench {
  static let spec = benchSpec(
    "tag", "Time `ruletag tag` against `cat`, stage by stage, and the matcher on keyword lists.",
    positional: "CORPUS",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: Rules)"),
      FlagSpec(name: "runs", value: "n", help: "runs of each timing (default 3)"),
      FlagSpec(name: "keywords", value: "a.txt,b.txt", help: "keyword lists for the scaling table"),
      FlagSpec(name: "keywords-only", value: nil, help: "run only the keyword scaling table"),
    ],
    example: "ruletag-bench tag corpus200.jsonl --rules Rules --keywords kw200.txt,kw2000.txt,kw10000.txt")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    guard f.positional.count == 1 else {
      fail("usage: ruletag-bench tag CORPUS [--rules Rules] [--runs N] [--keywords a.txt,b.txt,…]")
    }
    // At least one run: every table below takes medians.
    let bench = TagBench(
      corpus: f.positional[0], rules: f.value("rules") ?? "Rules", runs: max(1, Int(f.value("runs") ?? "3") ?? 3))
    try? FileManager.default.createDirectory(atPath: bench.tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: bench.tmp) }
    let mb = Double(bench.bytes) / 1e6

    // --keywords-only: just the keyword scaling table (step 5).
    if f.has("keywords-only") {
      return keywordScaling(f.value("keywords"), corpus: bench.corpus, lines: bench.lines, runs: bench.runs, mb: mb)
    }
    var failures: [String] = []
    // 1. cat bound.
    let cat = median((0..<bench.runs).map { _ in catRead(bench.corpus).0 })
    // 2. tag, one thread and all cores; 3. their outputs agree.
    let tagT = bench.timeTag(failures: &failures)
    if let e = bench.threadsDisagree() { failures.append(e) }
    bench.printSpeeds(cat: cat, tagT)
    // 4. Stage by stage, one thread, in this process: where the time goes.
    bench.printStages(cat: cat, tag: median(tagT[1]!))
    // 5. Keyword scaling.
    if keywordScaling(f.value("keywords"), corpus: bench.corpus, lines: bench.lines, runs: bench.runs, mb: mb) != 0 {
      failures.append("keyword scaling")
    }
    if !failures.isEmpty {
      for f in failures { note("FAILED: " + f) }
      return 1
    }
    return 0
  }

  let corpus: String
  let rules: String
  let runs: Int
  let cores = ProcessInfo.processInfo.activeProcessorCount
  let bytes: Int
  /// Lines of the corpus, for the article-count check.
  let lines: Int
  /// A scratch folder for outputs.
  let tmp = NSTemporaryDirectory() + "ruletag-bench-\(getpid())"

  init(corpus: String, rules: String, runs: Int) {
    self.corpus = corpus
    self.rules = rules
    self.runs = runs
    bytes = fileSize(corpus)
    var lines = 0
    let reader = InputReader(paths: [corpus])
    while reader.next() != nil { lines += 1 }
    self.lines = lines
  }

  func mbs(_ s: Double) -> String { String(format: "%.1f", Double(bytes) / 1e6 / s) }

  /// Seconds of `tag` per thread count, output to /dev/null.
  ///
  /// The thread
  /// counts take turns within each round, so that round k of each is run
  /// at nearly the same moment, and their ratio, round by round, is less
  /// exposed to the machine's drift than a ratio of medians.
  func timeTag(failures: inout [String]) -> [Int: [Double]] {
    var tagT: [Int: [Double]] = [:]
    for _ in 0..<runs {
      for t in Array(Set([1, 2, cores])).sorted() {
        let (dt, code, err) = runCLI(
          ["tag", corpus, "--rules", rules, "--format", "jsonl", "--threads", String(t)], stdout: "/dev/null",
          stderrPath: tmp + "/err")
        if code != 0 || !err.contains("summary: \(lines) article") || !err.contains(" + 0 errors") {
          failures.append("tag --threads \(t): exit \(code), \(err.suffix(300))")
        }
        tagT[t, default: []].append(dt)
      }
    }
    return tagT
  }

  /// Whether `--threads N` output differs from `--threads 1` on the first
  /// 5,000 lines: the failure, or nil.
  func threadsDisagree() -> String? {
    let sample = tmp + "/sample.jsonl"
    let reader = InputReader(paths: [corpus])
    var body = [UInt8]()
    var k = 0
    while k < 5000, let r = reader.next() {
      body += r.bytes
      body.append(0x0A)
      k += 1
    }
    _ = FileManager.default.createFile(atPath: sample, contents: Data(body))
    var outs: [Data] = []
    for t in [1, max(2, cores)] {
      let o = tmp + "/out\(t).jsonl"
      _ = runCLI(
        ["tag", sample, "--rules", rules, "--format", "jsonl", "--threads", String(t)], stdout: o,
        stderrPath: tmp + "/err")
      outs.append(FileManager.default.contents(atPath: o) ?? Data())
    }
    if outs[0] != outs[1] || outs[0].isEmpty { return "--threads \(max(2, cores)) output differs from --threads 1" }
    return nil
  }

  /// The table of `cat` and `tag` speeds, and the 2-thread speed-up.
  func printSpeeds(cat: Double, _ tagT: [Int: [Double]]) {
    let t1 = median(tagT[1]!)
    let t2 = median(tagT[2]!)
    var rows: [(String, String, String, String)] = []
    rows.append(("in-process read(2), 1 MB buffer (`cat`)", String(format: "%.3f", cat), mbs(cat), "1"))
    rows.append(("tag --format jsonl, 1 thread", String(format: "%.3f", t1), mbs(t1), String(format: "%.4f", cat / t1)))
    rows.append(
      ("tag --format jsonl, 2 threads", String(format: "%.3f", t2), mbs(t2), String(format: "%.4f", cat / t2)))
    if cores > 2, let tc = tagT[cores] {
      rows.append(
        (
          "tag --format jsonl, \(cores) threads", String(format: "%.3f", median(tc)), mbs(median(tc)),
          String(format: "%.4f", cat / median(tc))
        ))
    }
    print(
      "# ruletag-bench tag: \(corpus) (\(bytes) bytes, \(lines) articles), rules \(rules), \(runs) runs, \(cores) cores\n"
    )
    print("| what | median s | MB/s | share of cat speed |")
    print("|---|---:|---:|---:|")
    for r in rows { print("| \(r.0) | \(r.1) | \(r.2) | \(r.3) |") }
    let pairs = zip(tagT[1]!, tagT[2]!).map { $0 / $1 }.sorted()
    print(
      String(
        format:
          "\n2 threads / 1 thread: %.2fx (ratio of the medians); %.2fx as the median of %d rounds in turns (%.2fx-%.2fx)\n",
        t1 / t2, median(pairs), pairs.count, pairs.first!, pairs.last!))
  }

  /// The rules' automaton, and the time each stage of `tag` adds on one
  /// thread (`tag`: the seconds of the whole of it).
  func printStages(cat: Double, tag t1: Double) {
    if case .success(let compiled) = CompiledRules.load(path: rules) {
      let ac = compiled.automaton
      print(
        "Shipped rules: \(compiled.rules.count) rules, \(ac.patternCount) literals, \(ac.stateCount) states × \(ac.classCount) byte classes = \(ac.tableBytes / 1024) KB of transition table.\n"
      )
    }
    print("Stages, one thread (each row does everything above it too):\n")
    print("| stage | median s | MB/s | s added by the stage |")
    print("|---|---:|---:|---:|")
    var prevStage = cat
    var hits = 0
    for (name, stage) in [
      ("read + JSON parse", nil), ("+ normalise", ArticleScanner.Stage.normalize),
      ("+ automaton, hits to leaves", .match), ("+ rule scoring (with the regexes it needs)", .score),
    ] as [(String, ArticleScanner.Stage?)] {
      var ts: [Double] = []
      for _ in 0..<runs {
        let r = timeStage(corpus, rules: rules, stage)
        ts.append(r.seconds)
        if stage == .match { hits = r.work }
      }
      let s = median(ts)
      print("| \(name) | \(String(format: "%.3f", s)) | \(mbs(s)) | \(String(format: "%.3f", s - prevStage)) |")
      prevStage = s
    }
    print(
      "| + JSONL output (= tag, 1 thread) | \(String(format: "%.3f", t1)) | \(mbs(t1)) | \(String(format: "%.3f", t1 - prevStage)) |\n"
    )
    print(
      String(
        format: "Automaton hits (literal occurrences): %d, one per %.1f bytes of input.\n", hits,
        Double(bytes) / Double(max(hits, 1))))
  }
}

/// Seconds to read, parse and run every article of `corpus` through
/// `stage` on one thread (nil: read and parse only), and the sum of what
/// the stage returned (for `.match`, the automaton's hits).
func timeStage(_ corpus: String, rules path: String, _ stage: ArticleScanner.Stage?) -> (seconds: Double, work: Int) {
  guard case .success(let rules) = CompiledRules.load(path: path) else { fail("rules at \(path) do not compile") }
  var scanner = ArticleScanner(rules: rules)
  var sink = 0
  var work = 0
  let t0 = now()
  let reader = InputReader(paths: [corpus])
  while let r = reader.next() {
    guard case .success(let a) = r.parse() else { continue }
    sink &+= a.text.count
    if let stage {
      work &+= a.title.withUnsafeBufferPointer { t in
        a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0, through: stage) }
      }
    }
  }
  let dt = now() - t0
  if sink == -1 { note("") }
  return (dt, work)
}
