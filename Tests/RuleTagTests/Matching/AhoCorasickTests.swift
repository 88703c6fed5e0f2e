// AhoCorasick: table tests with (pattern, start, end) triples, and a seeded
// random differential test against the library's `NaiveMatcher` (the
// reference `ruletag-bench count` checks the automaton with too).

import Testing

@testable import RuleTag

/// One occurrence: pattern id and byte range.
struct Occurrence: Hashable, Comparable, CustomStringConvertible, Sendable {
  var pattern: Int
  var start: Int
  var end: Int
  init(_ pattern: Int, _ start: Int, _ end: Int) {
    self.pattern = pattern
    self.start = start
    self.end = end
  }
  static func < (a: Occurrence, b: Occurrence) -> Bool { (a.end, a.pattern, a.start) < (b.end, b.pattern, b.start) }
  var description: String { "(\(pattern), \(start), \(end))" }
}

/// The reference: every overlapping occurrence of every non-empty pattern.
func naiveMatches(_ patterns: [[UInt8]], in haystack: [UInt8]) -> [Occurrence] {
  var out: [Occurrence] = []
  NaiveMatcher(patterns: patterns).forEachMatch(in: haystack) { pid, s in
    out.append(Occurrence(pid, s, s + patterns[pid].count))
  }
  return out.sorted()
}

func automatonMatches(_ ac: AhoCorasick, in haystack: [UInt8]) -> (occurrences: [Occurrence], endsInOrder: Bool) {
  var out: [Occurrence] = []
  var lastEnd = 0
  var inOrder = true
  haystack.withUnsafeBufferPointer { p in
    ac.forEachMatch(in: p) { pid, end in
      if end < lastEnd { inOrder = false }
      lastEnd = end
      out.append(Occurrence(Int(pid), end - Int(ac.patternLengths[Int(pid)]), end))
    }
  }
  return (out, inOrder)
}

@Suite struct AhoCorasickTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var patterns: [String]
    var haystack: String
    var hits: [Occurrence]
    var testDescription: String { id }
  }

  static let cases: [Case] = [
    Case(id: "basic", patterns: ["工会"], haystack: "工会", hits: [.init(0, 0, 6)]),
    Case(id: "none", patterns: ["工会"], haystack: "骑手", hits: []),
    Case(id: "nested-same-end", patterns: ["工会", "总工会"], haystack: "市总工会", hits: [.init(0, 6, 12), .init(1, 3, 12)]),
    Case(id: "nested-inside", patterns: ["中国人民", "国人"], haystack: "中国人民", hits: [.init(1, 3, 9), .init(0, 0, 12)]),
    Case(
      id: "overlap", patterns: ["中国", "国人"], haystack: "中国人",
      hits: [.init(0, 0, 6), .init(1, 3, 9)]),
    Case(
      id: "shared-prefix", patterns: ["外卖", "外卖小哥", "外卖骑手"], haystack: "外卖小哥和外卖骑手",
      hits: [.init(0, 0, 6), .init(1, 0, 12), .init(0, 15, 21), .init(2, 15, 27)]),
    Case(
      id: "repeat-overlapping", patterns: ["aa"], haystack: "aaaa",
      hits: [.init(0, 0, 2), .init(0, 1, 3), .init(0, 2, 4)]),
    Case(
      id: "single-byte", patterns: ["a"], haystack: "banana", hits: [.init(0, 1, 2), .init(0, 3, 4), .init(0, 5, 6)]),
    Case(
      id: "suffix-chain", patterns: ["abcd", "bcd", "cd", "d"], haystack: "abcd",
      hits: [.init(0, 0, 4), .init(1, 1, 4), .init(2, 2, 4), .init(3, 3, 4)]),
    Case(id: "duplicate-patterns", patterns: ["工会", "工会"], haystack: "工会", hits: [.init(0, 0, 6), .init(1, 0, 6)]),
    Case(
      id: "empty-pattern-never-matches", patterns: ["", "a"], haystack: "aa", hits: [.init(1, 0, 1), .init(1, 1, 2)]),
    Case(id: "empty-pattern-list", patterns: [], haystack: "工会abc", hits: []),
    Case(id: "empty-haystack", patterns: ["a"], haystack: "", hits: []),
    Case(
      id: "failure-link-deep", patterns: ["abab", "babc"], haystack: "ababc", hits: [.init(0, 0, 4), .init(1, 1, 5)]),
    Case(id: "mixed-scripts", patterns: ["app", "外卖app"], haystack: "外卖app", hits: [.init(0, 6, 9), .init(1, 0, 9)]),
  ]

  @Test(arguments: cases)
  func table(_ c: Case) {
    let patterns = c.patterns.map { Array($0.utf8) }
    let ac = AhoCorasick(patterns: patterns)
    let hay = Array(c.haystack.utf8)
    let (got, inOrder) = automatonMatches(ac, in: hay)
    #expect(got.sorted() == c.hits.sorted())
    #expect(inOrder, "matches must come in order of end")
    // The expected rows are themselves checked against the reference.
    #expect(naiveMatches(patterns, in: hay) == c.hits.sorted())
    hay.withUnsafeBufferPointer { p in
      #expect(ac.count(in: p) == c.hits.count)
      var hits: [PatternHit] = []
      ac.findAll(in: p, into: &hits)
      #expect(hits.count == c.hits.count)
    }
  }

  @Test func statistics() {
    let ac = AhoCorasick(patterns: [Array("ab".utf8), Array("ac".utf8)])
    #expect(ac.patternCount == 2)
    #expect(ac.stateCount == 4)  // root, a, ab, ac
    #expect(ac.classCount == 4)  // a, b, c and "any other byte"
    #expect(ac.tableBytes == ac.stateCount * (ac.classCount + 1) * 4)
  }

  /// Random patterns over small alphabets (so they overlap and nest), and
  /// random haystacks; forEachMatch, count(in:) and count(in:and:) must all
  /// agree with the naive matcher.
  @Test(arguments: [
    ("cjk", ["工", "会", "总", "骑", "手"]),
    ("latin", ["a", "b", "c"]),
    ("mixed", ["a", "b", "工", "会", " ", "😀"]),
    ("bytes", ["a", "b", "\u{80}", "\u{C0}"]),  // shares continuation bytes
  ])
  func differential(_ name: String, _ alphabet: [String]) {
    var rng = SeededRandom(seed: 0xA11C_E000 &+ UInt64(name.utf8.count))
    func word(_ maxLen: Int) -> [UInt8] {
      Array(
        (0..<Int.random(in: 1...maxLen, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined().utf8)
    }
    for iteration in 0..<1500 {
      let hay = word(40)
      let hay2 = Int.random(in: 0..<4, using: &rng) == 0 ? [] : word(60)
      var patterns: [[UInt8]] = (0..<Int.random(in: 0...8, using: &rng)).map { _ in word(4) }
      // Substrings of the haystack (hits guaranteed), sometimes raw byte slices.
      for _ in 0..<Int.random(in: 0...4, using: &rng) where !hay.isEmpty {
        let a = Int.random(in: 0..<hay.count, using: &rng)
        let b = Int.random(in: (a + 1)...min(hay.count, a + 8), using: &rng)
        patterns.append(Array(hay[a..<b]))
      }
      if Int.random(in: 0..<10, using: &rng) == 0 { patterns.append([]) }
      let ac = AhoCorasick(patterns: patterns)
      let (got, inOrder) = automatonMatches(ac, in: hay)
      let expected = naiveMatches(patterns, in: hay)
      let expected2 = naiveMatches(patterns, in: hay2)
      let ok = got.sorted() == expected && inOrder
      let counts = hay.withUnsafeBufferPointer { a in
        hay2.withUnsafeBufferPointer { b in (ac.count(in: a), ac.count(in: a, and: b), ac.count(in: b, and: a)) }
      }
      if !ok || counts.0 != expected.count || counts.1 != (expected.count, expected2.count)
        || counts.2 != (expected2.count, expected.count)
      {
        Issue.record(
          """
          \(name) iteration \(iteration): patterns \(patterns.map { String(decoding: $0, as: UTF8.self).debugDescription }) \
          haystack \(String(decoding: hay, as: UTF8.self).debugDescription)
          expected \(expected) got \(got.sorted()) inOrder \(inOrder); counts \(counts) vs \(expected.count), \(expected2.count)
          """)
        return
      }
    }
  }

  /// `findAll` cuts long haystacks in four lanes; its hits must be the
  /// single scan's, in the same order (by end, then output order), whether
  /// or not it splits, wherever the cut falls relative to a match.
  @Test(arguments: [
    ("cjk", ["工", "会", "总", "骑", "手"]),
    ("latin", ["a", "b", "c"]),
    ("mixed", ["a", "工", "会", " ", "😀"]),
  ])
  func splitFindAll(_ name: String, _ alphabet: [String]) {
    var rng = SeededRandom(seed: 0x5_B117 &+ UInt64(name.utf8.count))
    func word(_ maxLen: Int) -> [UInt8] {
      Array(
        (0..<Int.random(in: 1...maxLen, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined().utf8)
    }
    var split = 0
    for iteration in 0..<800 {
      let hay = word(160)
      var patterns: [[UInt8]] = (0..<Int.random(in: 1...8, using: &rng)).map { _ in word(5) }
      for _ in 0..<Int.random(in: 0...3, using: &rng) {
        let a = Int.random(in: 0..<hay.count, using: &rng)
        patterns.append(Array(hay[a..<min(hay.count, a + Int.random(in: 1...12, using: &rng))]))
      }
      let ac = AhoCorasick(patterns: patterns)
      var single: [PatternHit] = []
      var lanes4: [PatternHit] = []
      var scratch = AhoCorasick.LaneHits()
      scratch.lane1 = [PatternHit(pattern: 99, end: 99)]  // left over from a previous call
      hay.withUnsafeBufferPointer { p in
        ac.forEachMatch(in: p) { pid, end in single.append(PatternHit(pattern: pid, end: Int32(end))) }
        ac.findAll(in: p, into: &lanes4, lanes: &scratch, splitAt: 1)
      }
      if hay.count >= 8 * max(0, ac.maxPatternLength - 1) + 4 { split += 1 }
      if lanes4 != single {
        Issue.record(
          """
          \(name) iteration \(iteration): patterns \(patterns.map { String(decoding: $0, as: UTF8.self).debugDescription }) \
          haystack \(String(decoding: hay, as: UTF8.self).debugDescription)
          single scan \(single.map { ($0.pattern, $0.end) }) four lanes \(lanes4.map { ($0.pattern, $0.end) })
          """)
        return
      }
    }
    #expect(split > 400, "most haystacks must be long enough to be split (\(split) of 800)")
  }

  /// An automaton too big for the 16-bit table scans the 32-bit one, with
  /// the same hits as the single scan.
  @Test func findAllWithoutTheCompactTable() {
    var rng = SeededRandom(seed: 0xB16_7AB1E)
    let alphabet = Array("abcdefghijklmnopqrst".utf8)
    func word(_ n: Int) -> [UInt8] { (0..<n).map { _ in alphabet.randomElement(using: &rng)! } }
    let patterns = (0..<12000).map { _ in word(Int.random(in: 3...7, using: &rng)) }
    let ac = AhoCorasick(patterns: patterns)
    let fits = !ac.compact.isEmpty
    #expect(!fits, "the case must be too big for the compact table (\(ac.stateCount) states)")
    for _ in 0..<20 {
      let hay = word(3000)
      var single: [PatternHit] = []
      var lanes4: [PatternHit] = []
      var scratch = AhoCorasick.LaneHits()
      hay.withUnsafeBufferPointer { p in
        ac.forEachMatch(in: p) { pid, end in single.append(PatternHit(pattern: pid, end: Int32(end))) }
        ac.findAll(in: p, into: &lanes4, lanes: &scratch, splitAt: 1)
      }
      #expect(!single.isEmpty)
      #expect(lanes4 == single)
    }
  }
}
