// The work every counting peer of the benchmark does, done with the
// library's automaton: for every article, every occurrence of every keyword
// (overlapping ones included) in title and text, summed over the corpus.
//
// Keywords are read as the peers read them and put through the rules'
// normaliser. Title and text are counted in place when JSON escapes cannot
// change the count (see `Counter`), two articles at a time. Sampled
// articles are checked against the library's `NaiveMatcher`.

import Foundation
import RuleTag

#if canImport(Glibc)
  import Glibc
#endif

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

// MARK: Naive check

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
  let naive = NaiveMatcher(patterns: patterns)
  var checked = 0
  for (id, t, x) in sampleArticles(path, every: every, limit: limit) {
    let want = naive.count(in: t) + naive.count(in: x)
    let got = t.withUnsafeBufferPointer { c.ac.count(in: $0) } + x.withUnsafeBufferPointer { c.ac.count(in: $0) }
    if want != got { fail("article \(id): automaton counts \(got), naive matcher \(want)") }
    checked += 1
  }
  return checked
}
