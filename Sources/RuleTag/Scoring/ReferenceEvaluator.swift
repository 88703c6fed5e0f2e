// The reference evaluator: every expression the plain way.
//
// `evaluate` is the rule language's definition, written for clarity: each
// term lists all its accepted hits, and functions combine the lists
// (`any` merges them in text order, `all` takes the first hit of each term,
// `sentence` pairs hits sentence by sentence, `near` pairs each hit of the
// first term with the nearest of the second). Rules of a shape the lazy
// paths do not cover (`.tree`) are scored here, and `scanReference` scores
// every rule here, so a differential test holds the lazy paths to it.

extension ArticleScanner {
  /// A hit of an expression: one or more spans, the first one the anchor.
  typealias Hit = [Span]

  mutating func evaluate(_ e: CompiledExpr, rule: CompiledRule) -> [Hit] {
    switch e {
    case .leaf(let l):
      var out: [Hit] = []
      var n = chains.leafHead[Int(l)]
      let leaf = rules.leaves[Int(l)]
      while n >= 0 {
        let s = chains.nodes[Int(n)].span
        if accept(s, rule: rule, positive: leaf.positive) { out.append([s]) }
        n = chains.nodes[Int(n)].next
      }
      out.reverse()
      return out
    case .regex(let r):
      if r < 0 || !gates.open[Int(r)] { return [] }
      runRegex(r, onlyIn: nil)
      let positive = rules.regexes[Int(r)].positive
      return gates.hits[Int(r)].filter { accept($0, rule: rule, positive: positive) }.map { [$0] }
    case .any(let xs):
      var out: [Hit] = []
      for x in xs { out += evaluate(x, rule: rule) }
      out.sort { $0[0].start < $1[0].start }
      return out
    case .not(let x):
      return evaluate(x, rule: rule)
    case .title(let x):
      return evaluate(x, rule: rule).filter { Int($0[0].start) < titleEnd }
    case .lead(let x):
      return evaluate(x, rule: rule).filter { Int($0[0].start) < leadEnd }
    case .all(let xs):
      var combined: Hit = []
      for x in xs {
        if case .not(let inner) = x {
          if !evaluate(inner, rule: rule).isEmpty { return [] }
        } else {
          guard let first = evaluate(x, rule: rule).first else { return [] }
          combined += first
        }
      }
      return [combined]
    case .sentence(let xs):
      // Positive terms first (stop at the first that has no hit), then
      // sentences where every positive term has a hit and no `not` term does.
      ensureSentences()
      var lists: [[Hit]] = []
      for x in xs {
        if case .not = x { continue }
        let h = evaluate(x, rule: rule)
        if h.isEmpty { return [] }
        lists.append(h)
      }
      var candidates = lists[0].map { sentenceOf($0[0]) }
      // For each list, the first hit in each candidate sentence.
      var picks: [[Int]] = [Array(candidates.indices)]
      for list in lists.dropFirst() {
        var first: [Int: Int] = [:]
        for (k, h) in list.enumerated() {
          let sn = sentenceOf(h[0])
          if first[sn] == nil { first[sn] = k }
        }
        var keep: [Int] = []
        var pick: [Int] = []
        for (k, sn) in candidates.enumerated() {
          if let f = first[sn] {
            keep.append(k)
            pick.append(f)
          }
        }
        if keep.isEmpty { return [] }
        candidates = keep.map { candidates[$0] }
        picks = picks.map { p in keep.map { p[$0] } }
        picks.append(pick)
      }
      var excluded = Set<Int>()
      for x in xs {
        guard case .not(let inner) = x else { continue }
        for h in evaluate(inner, rule: rule) { excluded.insert(sentenceOf(h[0])) }
      }
      var out: [Hit] = []
      var seen = Set<Int>()
      for (k, sn) in candidates.enumerated() where !excluded.contains(sn) && seen.insert(sn).inserted {
        var hit: Hit = []
        for (l, list) in lists.enumerated() { hit += list[picks[l][k]] }
        out.append(hit)
      }
      return out
    case .near(let distance, let a, let b):
      let ha = evaluate(a, rule: rule)
      if ha.isEmpty { return [] }
      let hb = evaluate(b, rule: rule)
      var out: [Hit] = []
      doc.bytes.withUnsafeBufferPointer { p in
        for x in ha {
          var best: (Int, Hit)? = nil
          for y in hb {
            // Only gaps up to `distance` can win, so the count stops there.
            let g = ArticleScanner.gap(x[0], y[0], p, limit: distance)
            if g <= distance && (best == nil || g < best!.0) { best = (g, y) }
          }
          if let best { out.append(x + best.1) }
        }
      }
      return out
    }
  }

  /// Characters between two spans (0 when they touch or overlap), or any
  /// number above `limit` when there are more than `limit`: a character
  /// has at most 4 bytes, so a byte gap over 4 × limit is over the limit
  /// without counting, and counting stops at limit + 1.
  static func gap(_ a: Span, _ b: Span, _ p: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    let from = Int(min(a.end, b.end))
    let to = Int(max(a.start, b.start))
    if to <= from { return 0 }
    if to - from > 4 * limit + 4 { return limit + 1 }
    var c = 0
    var i = from
    while i < to {
      if p[i] & 0xC0 != 0x80 {
        c += 1
        if c > limit { return c }
      }
      i += 1
    }
    return c
  }

  /// Characters between two spans (0 when they touch or overlap).
  static func gap(_ a: Span, _ b: Span, _ p: UnsafeBufferPointer<UInt8>) -> Int {
    let from = Int(min(a.end, b.end))
    let to = Int(max(a.start, b.start))
    if to <= from { return 0 }
    var c = 0
    for i in from..<to where p[i] & 0xC0 != 0x80 { c += 1 }
    return c
  }
}
