// The topic ids of the labelling guide (Rules/README.md), in its order. An id is stable:
// rules, labels and reports all use these.

/// The known topic ids.
public enum Topics {
  public static let ids: [String] = [
    "new-employment", "skills-contest", "legal-aid", "recuperation", "volunteer-service", "wage-bargaining",
    "model-workers", "worker-stations", "union-building", "health-care", "training-education", "culture-sports",
    "employment-services", "labor-relations", "hardship-relief",
  ]

  /// Position of `id` in the labelling guide's order (unknown ids sort last, by name).
  public static func order(_ id: String) -> Int { ids.firstIndex(of: id) ?? ids.count }
}

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
