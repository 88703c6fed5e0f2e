// Lazy scoring: only as much work per rule as its cap needs.
//
// A rule adds its weight at most `cap` times (1 by default), and its
// evidence is the first `cap` hits that count after the overlap selection
// (`Overlap`). The expensive part of a hit is `accept` (guards and, above
// all, the list/slogan/plan contexts), so these paths sort the raw hits
// first and take them group by group in text order, accepting a hit only
// when the selection reaches it, and stop once the groups seen hold `cap`
// kept hits. `sentence(…)` rules have their own path (`LazySentence.swift`);
// `near(…)` rules pair accepted hits without an array per raw hit.
//
// The result is exactly that of `evaluate` + `dedupe` + the cap: the
// scanner's `scanReference` keeps the plain definition, and a differential
// test compares the two on real and random articles.

extension ArticleScanner {
  /// A hit of a plain term before `accept`: its span, whether contexts
  /// apply to it, and the index of its term (for ties).
  struct Candidate {
    var span: Span
    var positive: Bool
    var term: Int32
  }

  /// Collects the hits of a plain term list into `candidates`, unsorted:
  /// leaf `l` as `l`, regex `r` as `-(r + 1)`.
  ///
  /// Only hits that start before `limit`
  /// (the title's or the lead's end for `title(…)` and `lead(…)`).
  mutating func gather(_ terms: [Int32], before limit: Int32 = Int32.max, possibleOnly: Bool = false) {
    scratch.candidates.removeAll(keepingCapacity: true)
    for (k, t) in terms.enumerated() {
      if t >= 0 {
        let positive = rules.leaves[Int(t)].positive
        var n = chains.leafHead[Int(t)]
        while n >= 0 {
          let s = chains.nodes[Int(n)].span
          if s.start < limit && (!possibleOnly || scratch.isPossible[sentenceOf(s)]) {
            scratch.candidates.append(Candidate(span: s, positive: positive, term: Int32(k)))
          }
          n = chains.nodes[Int(n)].next
        }
      } else {
        let r = Int(-t - 1)
        if !gates.open[r] { continue }
        runRegex(Int32(r), onlyIn: nil)
        let positive = rules.regexes[r].positive
        for s in gates.hits[r] where s.start < limit && (!possibleOnly || scratch.isPossible[sentenceOf(s)]) {
          scratch.candidates.append(Candidate(span: s, positive: positive, term: Int32(k)))
        }
      }
    }
  }

  /// The kept hits of a plain rule (`flat` or `title`) into `keptSpans`;
  /// returns how many (at most the cap).
  ///
  /// Same result as `evaluate`,
  /// `dedupe` and the cap: the raw hits are taken group by group in text
  /// order (`Overlap`), a hit is accepted only when the selection reaches
  /// it free of kept hits, and no group after the one that reaches the cap
  /// is looked at.
  mutating func keepFirst(_ terms: [Int32], rule: CompiledRule, before limit: Int32) -> Int {
    gather(terms, before: limit)
    scratch.keptSpans.removeAll(keepingCapacity: true)
    if scratch.candidates.isEmpty { return 0 }
    scratch.candidates.sort {
      ($0.span.start, $1.span.end, $0.term) < ($1.span.start, $0.span.end, $1.term)
    }
    let cap = rule.cap
    var i = 0
    while i < scratch.candidates.count && scratch.keptSpans.count < cap {
      // The group that starts at i: hits that start before its furthest end.
      var j = i + 1
      var end = scratch.candidates[i].span.end
      while j < scratch.candidates.count && scratch.candidates[j].span.start < end {
        end = max(end, scratch.candidates[j].span.end)
        j += 1
      }
      if j == i + 1 {
        let c = scratch.candidates[i]
        if accept(c.span, rule: rule, positive: c.positive) { scratch.keptSpans.append(c.span) }
      } else {
        selectGroup(i..<j, rule: rule)
      }
      i = j
    }
    return min(scratch.keptSpans.count, cap)
  }

  /// The overlap selection on `candidates[range]`, accepting hits only
  /// where it needs to; appends the kept spans to `keptSpans` in text order.
  mutating func selectGroup(_ range: Range<Int>, rule: CompiledRule) {
    var group: [OverlapMember] = []
    var kept: [OverlapMember] = []
    swap(&group, &scratch.overlapGroup)
    swap(&kept, &scratch.overlapKept)
    group.removeAll(keepingCapacity: true)
    kept.removeAll(keepingCapacity: true)
    for k in range { group.append(OverlapMember(span: scratch.candidates[k].span, index: Int32(k))) }
    Overlap.select(&group, into: &kept) { m in
      accept(m.span, rule: rule, positive: scratch.candidates[Int(m.index)].positive)
    }
    for m in kept { scratch.keptSpans.append(m.span) }
    swap(&group, &scratch.overlapGroup)
    swap(&kept, &scratch.overlapKept)
  }

  /// The hits of `near(distance, a, b)` as `evaluate` lists them, without
  /// an array per raw hit: every accepted hit of `a` in text order, each
  /// with the first accepted hit of `b` (in text order) at the smallest
  /// gap, when that gap is at most `distance` characters.
  mutating func nearHits(_ distance: Int, _ a: [Int32], _ b: [Int32], rule: CompiledRule) -> [Hit] {
    // The accepted hits of a plain list in text order (ties in term
    // order), into scratch that is reused from call to call.
    func accepted(_ terms: [Int32], into out: inout [Span]) {
      out.removeAll(keepingCapacity: true)
      gather(terms)
      scratch.candidates.sort { ($0.span.start, $0.term) < ($1.span.start, $1.term) }
      for c in scratch.candidates where accept(c.span, rule: rule, positive: c.positive) { out.append(c.span) }
    }
    var xs: [Span] = []
    var ys: [Span] = []
    swap(&xs, &scratch.nearA)
    swap(&ys, &scratch.nearB)
    defer {
      swap(&xs, &scratch.nearA)
      swap(&ys, &scratch.nearB)
    }
    accepted(a, into: &xs)
    if xs.isEmpty { return [] }
    accepted(b, into: &ys)
    if ys.isEmpty { return [] }
    var out: [Hit] = []
    doc.bytes.withUnsafeBufferPointer { p in
      for x in xs {
        var bestGap = Int.max
        var best = Span(0, 0)
        for y in ys {
          // Only gaps up to `distance` can win, so the count stops there.
          let g = ArticleScanner.gap(x, y, p, limit: distance)
          if g <= distance && g < bestGap {
            bestGap = g
            best = y
          }
        }
        if bestGap != Int.max { out.append([x, best]) }
      }
    }
    return out
  }
}
