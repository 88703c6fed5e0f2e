// ruletag-bench: the matcher on the peers' work, and the speed of `tag`.
//
//   ruletag-bench count CORPUS KEYWORDS [--expect N] [--sample-every N]
//       The work of /work/shared/bench (README "The same work"): for every
//       article, count every occurrence of every keyword (overlapping ones
//       included) in title and text; `id<TAB>count` per article on stdout,
//       `TOTAL <matches> ARTICLES <n>` on stderr. Exit 1 when the total
//       differs from --expect, or when a naive byte-comparing matcher
//       disagrees on any sampled article (every 1,000th by default; 1 checks
//       all, 0 none).
//
//   ruletag-bench tag CORPUS [--rules Rules] [--runs N] [--keywords kw200.txt,kw2000.txt,kw10000.txt] [--keywords-only]
//       Times, in this process and in the same run: a `cat`-like read(2) of
//       CORPUS, `ruletag tag --format jsonl` (full pipeline, output to
//       /dev/null) on one thread and on all cores (in turns, round by round,
//       so the 2-thread speed-up is also given per round), and the keyword matcher
//       with each keyword list (compile time, scan MB/s). Prints a markdown
//       table with medians and ratios. Asserts: every article read without
//       error, `--threads N` output byte-identical to `--threads 1` (on the
//       first 5,000 lines), the matcher's counts equal a naive matcher's on
//       a sample, compiling a keyword list takes under 1 s. Exit 1 on any
//       failed check. --keywords-only runs only the keyword table.
//
//   ruletag-bench literals [--rules Rules]
//       Prints the literals the shipped rules compile into their automaton
//       (normalised keywords, regex atoms, not-inside words), one per
//       line, in the keyword-file format of /work/shared/bench: the peers
//       can then count the same literal set that `tag` matches.
//
//   ruletag-bench pairs [--runs N] [--warmup K] 'COMMAND A' 'COMMAND B'
//       Runs two shell commands in turns, A B A B …: K warm-up pairs
//       (default 1), then N timed pairs (default 10), with standard input,
//       output and error on /dev/null. Prints each command's wall and CPU
//       seconds (median, min, max) and the ratio B / A of each pair
//       (median, min, max). On a machine whose speed drifts, both commands
//       of a pair see the same drift; a ratio of two medians taken minutes
//       apart does not. Exit 1 when a command fails.
//
// See Sources/RuleTag/Matching/DESIGN.md for the numbers and how to read them.

import Foundation
import RuleTag
import RuleTagCLI

#if canImport(Glibc)
  import Glibc
#endif

// MARK: Output

/// Buffered writes to a file descriptor.
final class FDWriter {
  let fd: Int32
  var buf: [UInt8] = []
  init(fd: Int32) {
    self.fd = fd
    buf.reserveCapacity(1 << 17)
  }
  func write(_ b: UnsafeBufferPointer<UInt8>) {
    buf.append(contentsOf: b)
    if buf.count >= 1 << 16 { flush() }
  }
  func write(_ s: String) {
    var s = s
    s.withUTF8 { write($0) }
  }
  func flush() {
    buf.withUnsafeBufferPointer { p in
      var off = 0
      while off < p.count {
        let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
        if n <= 0 { if errno == EINTR { continue }; return }
        off += n
      }
    }
    buf.removeAll(keepingCapacity: true)
  }
}

func fail(_ s: String) -> Never {
  FileHandle.standardError.write(Data(("ruletag-bench: " + s + "\n").utf8))
  exit(1)
}

func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fileSize(_ path: String) -> Int {
  var st = stat()
  return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

// MARK: Keywords

/// Keywords one per line (as the peers read them: stripped, empty lines
/// skipped), each put through the normaliser that rules go through.
func loadKeywords(_ path: String) -> (patterns: [[UInt8]], changed: Int) {
  guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
  var out: [[UInt8]] = []
  var changed = 0
  for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
    let w = line.trimmingCharacters(in: .whitespacesAndNewlines)
    if w.isEmpty { continue }
    let n = Normalizer.normalizedString(w)
    if n != w { changed += 1 }
    out.append(Array(n.utf8))
  }
  return (out, changed)
}

// MARK: Counting

/// The peers' work on one article at a time, with the library's automaton.
///
/// Title and text are counted without copying when their JSON escapes
/// cannot matter: an escape whose raw bytes (`\` and the letter) and
/// decoded byte occur in no keyword sends the automaton to its root in
/// both forms, so the raw string gives the same count as the decoded one.
/// Otherwise (e.g. `\u` escapes) the string is decoded first.
struct Counter {
  let ac: AhoCorasick
  /// Bytes that occur in some keyword.
  let used: [Bool]
  /// Escape letter → whether scanning it raw is exact.
  let rawSafe: [Bool]

  init(patterns: [[UInt8]]) {
    ac = AhoCorasick(patterns: patterns)
    var used = [Bool](repeating: false, count: 256)
    for p in patterns { for b in p { used[Int(b)] = true } }
    self.used = used
    var safe = [Bool](repeating: false, count: 256)
    let decoded: [UInt8: UInt8] = [
      UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "b"): 0x08,
      UInt8(ascii: "f"): 0x0C, UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
    ]
    for (e, d) in decoded where !used[0x5C] && !used[Int(e)] && !used[Int(d)] { safe[Int(e)] = true }
    rawSafe = safe
  }

  /// A JSON line's id, and its title and text as scannable byte ranges
  /// (raw ranges into `p`, or decoded into `scratchT` / `scratchX`).
  enum Field { case raw(Range<Int>), decoded }

  static func extract(
    _ p: UnsafeBufferPointer<UInt8>, _ c: Counter, scratchT: inout [UInt8], scratchX: inout [UInt8]
  ) -> (id: String, title: Field, text: Field)? {
    guard let fields = try? JSONReader.objectFields(p) else { return nil }
    var id = ""
    var title = Field.raw(0..<0)
    var text: Field? = nil
    for (k, r) in fields {
      switch k {
      case "id":
        guard let v = try? JSONReader.value(p, r), let s = v.idString else { return nil }
        id = s
      case "title", "text":
        guard p[r.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let inner = (r.lowerBound + 1)..<(r.upperBound - 1)
        var f = Field.raw(inner)
        if !c.rawOK(p, inner) {
          if k == "title" {
            scratchT.removeAll(keepingCapacity: true)
            guard (try? JSONReader.decodeString(p, r, into: &scratchT)) != nil else { return nil }
          } else {
            scratchX.removeAll(keepingCapacity: true)
            guard (try? JSONReader.decodeString(p, r, into: &scratchX)) != nil else { return nil }
          }
          f = .decoded
        }
        if k == "title" { title = f } else { text = f }
      default: break
      }
    }
    guard let text else { return nil }
    return (id, title, text)
  }

  /// Whether every escape in `r` can be scanned raw.
  func rawOK(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    var i = r.lowerBound
    let base = p.baseAddress!
    while i < r.upperBound {
      guard let q = memchr(base + i, 0x5C, r.upperBound - i) else { return true }
      let k = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
      if k + 1 >= r.upperBound || !rawSafe[Int(p[k + 1])] { return false }
      i = k + 2
    }
    return true
  }
}

/// Where one article's title and text are.
struct Field2 {
  var title: Counter.Field
  var text: Counter.Field
}

/// Streams CORPUS and calls `body(id, count)` per article in order.
///
/// Articles are counted two at a time (`countSplit(in:and:)`: four
/// interleaved chains). Returns totals.
func countCorpus(
  _ path: String, _ c: Counter, sampleEvery: Int = 0, sample: (InputRecord, Int) -> Void = { _, _ in },
  _ body: (String, Int) -> Void
) -> (matches: Int, articles: Int) {
  let reader = InputReader(paths: [path])
  var total = 0
  var n = 0
  var pending: (InputRecord, String, Field2)? = nil
  var sT = [UInt8](), sX = [UInt8](), sT2 = [UInt8](), sX2 = [UInt8]()

  func bufs(
    _ r: InputRecord, _ f: Field2, _ t: [UInt8], _ x: [UInt8],
    _ go: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void
  ) {
    r.bytes.withUnsafeBufferPointer { p in
      t.withUnsafeBufferPointer { tp in
        x.withUnsafeBufferPointer { xp in
          let a: UnsafeBufferPointer<UInt8>
          let b: UnsafeBufferPointer<UInt8>
          if case .raw(let rg) = f.title { a = UnsafeBufferPointer(rebasing: p[rg]) } else { a = tp }
          if case .raw(let rg) = f.text { b = UnsafeBufferPointer(rebasing: p[rg]) } else { b = xp }
          go(a, b)
        }
      }
    }
  }

  while let r = reader.next() {
    guard case .json = r.kind else { fail("cannot read \(r.source)") }
    // Alternate scratch buffers so the pending article keeps its own.
    let useFirst = pending == nil
    let ex: (id: String, title: Counter.Field, text: Counter.Field)? = r.bytes.withUnsafeBufferPointer { p in
      useFirst
        ? Counter.extract(p, c, scratchT: &sT, scratchX: &sX) : Counter.extract(p, c, scratchT: &sT2, scratchX: &sX2)
    }
    guard let ex else { fail("bad JSON article at \(r.source)") }
    let f = Field2(title: ex.title, text: ex.text)
    if let (r0, id0, f0) = pending {
      var c0 = 0
      var c1 = 0
      bufs(r0, f0, sT, sX) { t0, x0 in
        bufs(r, f, sT2, sX2) { t1, x1 in
          let (a, b) = c.ac.countSplit(in: x0, and: x1)
          c0 = a + c.ac.count(in: t0)
          c1 = b + c.ac.count(in: t1)
        }
      }
      body(id0, c0)
      body(ex.id, c1)
      if sampleEvery > 0 {
        if n % sampleEvery == 0 { sample(r0, c0) }
        if (n + 1) % sampleEvery == 0 { sample(r, c1) }
      }
      total += c0 + c1
      n += 2
      pending = nil
    } else {
      pending = (r, ex.id, f)
    }
  }
  if let (r0, id0, f0) = pending {
    var c0 = 0
    bufs(r0, f0, sT, sX) { t0, x0 in c0 = c.ac.count(in: t0) + c.ac.count(in: x0) }
    body(id0, c0)
    if sampleEvery > 0 && n % sampleEvery == 0 { sample(r0, c0) }
    total += c0
    n += 1
  }
  return (total, n)
}

// MARK: Naive reference

/// Counts occurrences of every pattern at every offset by comparing bytes
/// (patterns bucketed by first byte): slow, obviously right.
struct NaiveCounter {
  var byFirst: [[[UInt8]]] = Array(repeating: [], count: 256)
  init(_ patterns: [[UInt8]]) {
    for p in patterns where !p.isEmpty { byFirst[Int(p[0])].append(p) }
  }
  func count(_ s: [UInt8]) -> Int {
    var n = 0
    for i in 0..<s.count {
      for p in byFirst[Int(s[i])] where i + p.count <= s.count {
        var ok = true
        for k in 1..<max(1, p.count) where s[i + k] != p[k] {
          ok = false
          break
        }
        if ok { n += 1 }
      }
    }
    return n
  }
}

/// Decoded title and text of the articles of `path` whose index is a
/// multiple of `every`, up to `limit`.
func sampleArticles(_ path: String, every: Int, limit: Int) -> [(String, [UInt8], [UInt8])] {
  let reader = InputReader(paths: [path])
  var out: [(String, [UInt8], [UInt8])] = []
  var k = 0
  while let r = reader.next(), out.count < limit {
    defer { k += 1 }
    if k % every != 0 { continue }
    guard case .success(let a) = r.parse() else { fail("bad article at \(r.source)") }
    out.append((a.id, a.title, a.text))
  }
  return out
}

/// Checks the automaton against the naive matcher on sampled articles.
func checkSample(_ path: String, _ patterns: [[UInt8]], _ c: Counter, every: Int, limit: Int) -> Int {
  let naive = NaiveCounter(patterns)
  var checked = 0
  for (id, t, x) in sampleArticles(path, every: every, limit: limit) {
    let want = naive.count(t) + naive.count(x)
    let got = t.withUnsafeBufferPointer { c.ac.count(in: $0) } + x.withUnsafeBufferPointer { c.ac.count(in: $0) }
    if want != got { fail("article \(id): automaton counts \(got), naive matcher \(want)") }
    checked += 1
  }
  return checked
}

// MARK: Flags

func flagValue(_ args: [String], _ name: String) -> String? {
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

func positional(_ args: [String]) -> [String] {
  var out: [String] = []
  var i = 0
  while i < args.count {
    if args[i] == "--keywords-only" { i += 1; continue }  // the one switch
    if args[i].hasPrefix("--") { i += 2; continue }
    out.append(args[i])
    i += 1
  }
  return out
}

// MARK: count

func runCount(_ args: [String]) -> Int32 {
  let pos = positional(args)
  guard pos.count == 2 else { fail("usage: ruletag-bench count CORPUS KEYWORDS [--expect N] [--sample-every N]") }
  let (patterns, changed) = loadKeywords(pos[1])
  if changed > 0 { note("note: the normaliser changed \(changed) keyword(s)") }
  let c = Counter(patterns: patterns)
  let out = FDWriter(fd: 1)
  var line = [UInt8]()
  // Every `every`-th article is also counted by a naive matcher on the
  // decoded strings (the reference); any disagreement fails the run.
  let every = Int(flagValue(args, "--sample-every") ?? "1000") ?? 1000
  let naive = NaiveCounter(patterns)
  var checked = 0
  var mismatch: String? = nil
  let (total, n) = countCorpus(
    pos[0], c, sampleEvery: every,
    sample: { r, got in
      guard case .success(let a) = r.parse() else {
        mismatch = "cannot parse \(r.source)"
        return
      }
      let want = naive.count(a.title) + naive.count(a.text)
      if want != got { mismatch = "article \(a.id): automaton counts \(got), naive matcher \(want)" }
      checked += 1
    }
  ) { id, k in
    line.removeAll(keepingCapacity: true)
    line.append(contentsOf: id.utf8)
    line.append(0x09)
    line.append(contentsOf: String(k).utf8)
    line.append(0x0A)
    line.withUnsafeBufferPointer { out.write($0) }
  }
  out.flush()
  note("TOTAL \(total) ARTICLES \(n)")
  if let e = flagValue(args, "--expect") {
    guard let want = Int(e.replacingOccurrences(of: ",", with: "")) else { fail("--expect needs a number") }
    if want != total { fail("TOTAL \(total) differs from the expected \(want)") }
  }
  if let m = mismatch { fail(m) }
  if every > 0 && checked == 0 && n > 0 { fail("no article was checked") }
  return 0
}

// MARK: tag

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

func runTag(_ args: [String]) -> Int32 {
  let pos = positional(args)
  guard pos.count == 1 else {
    fail("usage: ruletag-bench tag CORPUS [--rules Rules] [--runs N] [--keywords a.txt,b.txt,…]")
  }
  let corpus = pos[0]
  let rules = flagValue(args, "--rules") ?? "Rules"
  // At least one run: every table below takes medians.
  let runs = max(1, Int(flagValue(args, "--runs") ?? "3") ?? 3)
  let cores = ProcessInfo.processInfo.activeProcessorCount
  let bytes = fileSize(corpus)
  let mb = Double(bytes) / 1e6
  let tmp = NSTemporaryDirectory() + "ruletag-bench-\(getpid())"
  try? FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: tmp) }
  var failures: [String] = []

  // Lines of the corpus, for the article-count check.
  var lines = 0
  do {
    let reader = InputReader(paths: [corpus])
    while reader.next() != nil { lines += 1 }
  }

  // --keywords-only: just the keyword scaling table (step 4).
  if args.contains("--keywords-only") { return keywordScaling(args, corpus: corpus, lines: lines, runs: runs, mb: mb) }
  // 1. cat bound.
  var catT: [Double] = []
  for _ in 0..<runs { catT.append(catRead(corpus).0) }
  // 2. tag, one thread and all cores, output to /dev/null. The thread
  // counts take turns within each round, so that round k of each is run
  // at nearly the same moment, and their ratio, round by round, is
  // less exposed to the machine's drift than a ratio of medians.
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
  // 3. --threads N output equals --threads 1 (first 5,000 lines).
  do {
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
    if outs[0] != outs[1] || outs[0].isEmpty {
      failures.append("--threads \(max(2, cores)) output differs from --threads 1")
    }
  }
  let cat = median(catT)
  let t1 = median(tagT[1]!)
  let t2 = median(tagT[2]!)
  var rows: [(String, String, String, String)] = []
  func mbs(_ s: Double) -> String { String(format: "%.1f", mb / s) }
  rows.append(("in-process read(2), 1 MB buffer (`cat`)", String(format: "%.3f", cat), mbs(cat), "1"))
  rows.append(("tag --format jsonl, 1 thread", String(format: "%.3f", t1), mbs(t1), String(format: "%.4f", cat / t1)))
  rows.append(("tag --format jsonl, 2 threads", String(format: "%.3f", t2), mbs(t2), String(format: "%.4f", cat / t2)))
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
      format: "\n2 threads / 1 thread: %.2fx (ratio of the medians); %.2fx as the median of %d rounds in turns (%.2fx-%.2fx)\n",
      t1 / t2, median(pairs), pairs.count, pairs.first!, pairs.last!))

  // 4. Stage by stage, one thread, in this process: where the time goes.
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
  print("| + JSONL output (= tag, 1 thread) | \(String(format: "%.3f", t1)) | \(mbs(t1)) | \(String(format: "%.3f", t1 - prevStage)) |\n")
  print(String(format: "Automaton hits (literal occurrences): %d, one per %.1f bytes of input.\n", hits, Double(bytes) / Double(max(hits, 1))))

  // 5. Keyword scaling.
  if keywordScaling(args, corpus: corpus, lines: lines, runs: runs, mb: mb) != 0 { failures.append("keyword scaling") }
  if !failures.isEmpty {
    for f in failures { note("FAILED: " + f) }
    return 1
  }
  return 0
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

/// Compile time and scan speed per keyword list; 1 when a check fails.
func keywordScaling(_ args: [String], corpus: String, lines: Int, runs: Int, mb: Double) -> Int32 {
  var failures: [String] = []
  func mbs(_ s: Double) -> String { String(format: "%.1f", mb / s) }
  if let kws = flagValue(args, "--keywords") {
    print("| keywords | states | table KB | compile ms (median) | scan s | scan MB/s | matches | time vs previous |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    var prev: Double? = nil
    for path in kws.split(separator: ",").map(String.init) {
      let (patterns, _) = loadKeywords(path)
      var ct: [Double] = []
      var c: Counter? = nil
      for _ in 0..<max(3, runs) {
        let t0 = now()
        c = Counter(patterns: patterns)
        ct.append(now() - t0)
      }
      var st: [Double] = []
      var total = 0
      for _ in 0..<runs {
        let t0 = now()
        total = countCorpus(corpus, c!) { _, _ in }.matches
        st.append(now() - t0)
      }
      _ = checkSample(corpus, patterns, c!, every: max(1, lines / 20), limit: 20)
      let s = median(st)
      let step = prev.map { String(format: "%.2fx", s / $0) } ?? "-"
      prev = s
      print(
        "| \(patterns.count) | \(c!.ac.stateCount) | \(c!.ac.tableBytes / 1024) | \(String(format: "%.1f", median(ct) * 1000)) | \(String(format: "%.3f", s)) | \(mbs(s)) | \(total) | \(step) |"
      )
      if median(ct) >= 1 { failures.append("compiling \(patterns.count) keywords took \(median(ct)) s") }
    }
  }
  fflush(nil)
  if !failures.isEmpty {
    for f in failures { note("FAILED: " + f) }
    return 1
  }
  return 0
}

// MARK: Literals

func runLiterals(_ args: [String]) -> Int32 {
  let path = flagValue(args, "--rules") ?? "Rules"
  guard case .success(let rules) = CompiledRules.load(path: path) else { fail("rules at \(path) do not compile") }
  let out = FDWriter(fd: 1)
  for p in rules.patterns {
    // A literal holding a line break would split into two keyword lines.
    if p.contains(where: { $0.isNewline }) { fail("literal with a line break: \(p.debugDescription)") }
    out.write(p + "\n")
  }
  out.flush()
  note("LITERALS \(rules.patterns.count)")
  return 0
}

// MARK: Pairs

/// One finished run of a shell command: wall and CPU seconds.
struct Timed {
  var wall: Double
  var cpu: Double
}

/// Runs `/bin/sh -c command` with its standard streams on /dev/null;
/// nil (and a note) when it cannot start or does not exit with 0.
func runTimed(_ command: String) -> Timed? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let args: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (s: String) in strdup(s) }
  defer { for a in args { free(a) } }
  var argv = args + [nil]
  var pid: pid_t = 0
  let start = now()
  let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
  guard rc == 0 else {
    note("ruletag-bench: cannot start /bin/sh: \(String(cString: strerror(rc)))")
    return nil
  }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 {
    if errno != EINTR { note("ruletag-bench: wait4: \(String(cString: strerror(errno)))"); return nil }
  }
  let wall = now() - start
  // WIFEXITED and WEXITSTATUS, spelt out (the C macros are not imported).
  let exited = status & 0x7F == 0
  let code = (status >> 8) & 0xFF
  guard exited && code == 0 else {
    note("ruletag-bench: `\(command)` " + (exited ? "exited with \(code)" : "was killed by signal \(status & 0x7F)"))
    return nil
  }
  func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  return Timed(wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

func runPairs(_ args: [String]) -> Int32 {
  let pos = positional(args)
  guard pos.count == 2 else { fail("usage: ruletag-bench pairs [--runs N] [--warmup K] 'COMMAND A' 'COMMAND B'") }
  guard let runs = Int(flagValue(args, "--runs") ?? "10"), runs >= 1 else { fail("--runs takes a number ≥ 1") }
  guard let warmup = Int(flagValue(args, "--warmup") ?? "1"), warmup >= 0 else { fail("--warmup takes a number ≥ 0") }
  var a: [Timed] = []
  var b: [Timed] = []
  for k in 0..<(warmup + runs) {
    guard let ta = runTimed(pos[0]), let tb = runTimed(pos[1]) else { return 1 }
    if k >= warmup {
      a.append(ta)
      b.append(tb)
    }
  }
  let ratios = zip(a, b).map { $0.1.wall / $0.0.wall }
  let out = FDWriter(fd: 1)
  func f(_ x: Double) -> String { String(format: "%.3f", x) }
  func row(_ name: String, _ cmd: String, _ t: [Timed]) -> String {
    let w = t.map(\.wall)
    return "| \(name) | `\(cmd.replacingOccurrences(of: "|", with: "\\|"))` | \(f(median(w))) | \(f(w.min()!)) | \(f(w.max()!)) | \(f(median(t.map(\.cpu)))) |\n"
  }
  out.write("# ruletag-bench pairs: \(runs) pairs in turns (A B A B …) after \(warmup) warm-up pair\(warmup == 1 ? "" : "s")\n\n")
  out.write("| | command | median wall s | min | max | median CPU s |\n|---|---|---:|---:|---:|---:|\n")
  out.write(row("A", pos[0], a))
  out.write(row("B", pos[1], b))
  let faster = ratios.filter { $0 > 1 }.count
  out.write(
    "\nB / A, wall, pair by pair: median \(f(median(ratios)))x, \(f(ratios.min()!))x-\(f(ratios.max()!))x; "
      + "A was faster in \(faster) of \(runs) pairs.\n")
  out.flush()
  return 0
}

// MARK: main

let argv = Array(CommandLine.arguments.dropFirst())
switch argv.first {
case "count": exit(runCount(Array(argv.dropFirst())))
case "tag": exit(runTag(Array(argv.dropFirst())))
case "literals": exit(runLiterals(Array(argv.dropFirst())))
case "pairs": exit(runPairs(Array(argv.dropFirst())))
default:
  note(
    "usage: ruletag-bench count CORPUS KEYWORDS [--expect N] [--sample-every N]\n       ruletag-bench tag CORPUS [--rules Rules] [--runs N] [--keywords kw200.txt,kw2000.txt,kw10000.txt]\n       ruletag-bench literals [--rules Rules]\n       ruletag-bench pairs [--runs N] [--warmup K] 'COMMAND A' 'COMMAND B'"
  )
  exit(2)
}
