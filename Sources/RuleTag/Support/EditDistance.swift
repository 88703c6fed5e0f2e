// Levenshtein edit distance over Unicode scalars, for the "did you mean"
// hints of unknown flags, commands, topics, functions and options.

/// Edit distance, for "did you mean" hints.
public enum EditDistance {
  /// Levenshtein distance between `a` and `b`.
  public static func between(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      cur[0] = i
      for j in 1...y.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[y.count]
  }

  /// The candidate nearest to `word`, if it is close enough to be a typo.
  public static func nearest(_ word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates {
      let d = between(word, c)
      if d <= max(2, c.count / 3), best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
  }
}
