// Acceptance: whether one raw hit of a leaf or regex counts for its rule.
//
// A hit is refused when a `not-after` word ends right before it, a
// `not-before` word starts right after it, or a `not-inside` guard word's
// hit contains it. A positive hit (the first term of a function, or a
// plain keyword) is also refused when it stands in a context the rule
// ignores (list, slogan, plan, eligibility, purpose, background,
// delivered: `ClauseContexts`). Acceptance is the costly
// part of scoring a hit, so the lazy paths call it as late as they can.

extension ArticleScanner {
  /// Whether a leaf or regex hit counts: guards and contexts.
  mutating func accept(_ s: Span, rule: CompiledRule, positive: Bool) -> Bool {
    let ok: Bool = doc.bytes.withUnsafeBufferPointer { p in
      for w in rule.notAfter where Int(s.start) >= w.count {
        if Sentences.starts(p, at: Int(s.start) - w.count, with: w) { return false }
      }
      for w in rule.notBefore where Sentences.starts(p, at: Int(s.end), with: w) { return false }
      for g in rule.guards {
        var n = chains.guardHead[Int(g)]
        while n >= 0 {
          let o = chains.nodes[Int(n)].span
          if o.start <= s.start && s.end <= o.end { return false }
          n = chains.nodes[Int(n)].next
        }
      }
      return true
    }
    if !ok { return false }
    if positive && !rule.ignored.isEmpty {
      let ignored = rule.ignored
      let hit = doc.bytes.withUnsafeBufferPointer {
        sentences.contexts.intersects(Int(s.start)..<Int(s.end), ignored, in: $0)
      }
      if hit { return false }
    }
    return true
  }
}
