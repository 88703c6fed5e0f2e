// The reference the automaton is checked against.
//
// `NaiveMatcher` finds every occurrence of every non-empty pattern by
// trying each pattern at each offset and comparing bytes: slow, and
// obviously right. Patterns are only bucketed by their first byte, so that
// the reference stays usable on whole corpora with thousands of keywords
// (`ruletag-bench count` checks sampled articles with it). The tests'
// differential checks of `AhoCorasick` use the same matcher.

/// Every occurrence of every non-empty pattern, overlapping ones included,
/// found by comparing bytes.
public struct NaiveMatcher: Sendable {
  /// The patterns, as given (ids are their indexes).
  public let patterns: [[UInt8]]
  /// First byte → ids of the non-empty patterns that start with it.
  let byFirst: [[Int]]

  public init(patterns: [[UInt8]]) {
    self.patterns = patterns
    var byFirst = [[Int]](repeating: [], count: 256)
    for (id, p) in patterns.enumerated() where !p.isEmpty { byFirst[Int(p[0])].append(id) }
    self.byFirst = byFirst
  }

  /// Calls `body(pattern, start)` for every occurrence, by start offset,
  /// then by pattern id.
  public func forEachMatch(in haystack: [UInt8], _ body: (_ pattern: Int, _ start: Int) -> Void) {
    for start in haystack.indices {
      for id in byFirst[Int(haystack[start])] {
        let p = patterns[id]
        if start + p.count <= haystack.count && haystack[start..<(start + p.count)].elementsEqual(p) {
          body(id, start)
        }
      }
    }
  }

  /// The number of occurrences in `haystack`.
  public func count(in haystack: [UInt8]) -> Int {
    var n = 0
    forEachMatch(in: haystack) { _, _ in n += 1 }
    return n
  }
}
