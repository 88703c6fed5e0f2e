// Lazy scoring: only as much work per rule as its cap needs.
//
// A rule adds its weight at most `cap` times (1 by default), and its
// evidence is the first `cap` hits after overlapping ones are merged. The
// expensive part of a hit is `accept` (guards and, above all, the
// list/slogan/plan contexts), so these paths sort the raw hits first and
// accept them one by one in text order, stopping as soon as the first
// `cap` groups of overlapping hits are closed. A `sentence(…)` rule checks
// its cheap conditions (the other terms, the `not` terms) per sentence
// before it accepts an anchor there.
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
  /// leaf `l` as `l`, regex `r` as `-(r + 1)`. With `titleOnly`, only hits
  /// that start in the title.
  mutating func gather(_ terms: [Int32], titleOnly: Bool, possibleOnly: Bool = false) {
    candidates.removeAll(keepingCapacity: true)
    let limit = titleOnly ? Int32(titleEnd) : Int32.max
    for (k, t) in terms.enumerated() {
      if t >= 0 {
        let positive = rules.leaves[Int(t)].positive
        var n = leafHead[Int(t)]
        while n >= 0 {
          let s = nodes[Int(n)].span
          if s.start < limit && (!possibleOnly || isPossible[sentenceOf(s)]) {
            candidates.append(Candidate(span: s, positive: positive, term: Int32(k)))
          }
          n = nodes[Int(n)].next
        }
      } else {
        let r = Int(-t - 1)
        if !gate[r] { continue }
        runRegex(Int32(r), onlyIn: nil)
        let positive = rules.regexes[r].positive
        for s in regexHits[r] where s.start < limit && (!possibleOnly || isPossible[sentenceOf(s)]) {
          candidates.append(Candidate(span: s, positive: positive, term: Int32(k)))
        }
      }
    }
  }

  /// The kept hits of a plain rule (`flat` or `title`) into `keptSpans`;
  /// returns how many (at most the cap). Same result as `evaluate`,
  /// `dedupe` and the cap: the raw hits are taken group by group in text
  /// order (`Overlap`), a hit is accepted only when the selection reaches
  /// it free of kept hits, and no group after the one that reaches the cap
  /// is looked at.
  mutating func keepFirst(_ terms: [Int32], rule: CompiledRule, titleOnly: Bool) -> Int {
    gather(terms, titleOnly: titleOnly)
    keptSpans.removeAll(keepingCapacity: true)
    if candidates.isEmpty { return 0 }
    candidates.sort {
      ($0.span.start, $1.span.end, $0.term) < ($1.span.start, $0.span.end, $1.term)
    }
    let cap = rule.cap
    var i = 0
    while i < candidates.count && keptSpans.count < cap {
      // The group that starts at i: hits that start before its furthest end.
      var j = i + 1
      var end = candidates[i].span.end
      while j < candidates.count && candidates[j].span.start < end {
        end = max(end, candidates[j].span.end)
        j += 1
      }
      if j == i + 1 {
        let c = candidates[i]
        if accept(c.span, rule: rule, positive: c.positive) { keptSpans.append(c.span) }
      } else {
        selectGroup(i..<j, rule: rule)
      }
      i = j
    }
    return min(keptSpans.count, cap)
  }

  /// The overlap selection on `candidates[range]`, accepting hits only
  /// where it needs to; appends the kept spans to `keptSpans` in text order.
  mutating func selectGroup(_ range: Range<Int>, rule: CompiledRule) {
    var group: [OverlapMember] = []
    var kept: [OverlapMember] = []
    swap(&group, &overlapGroup)
    swap(&kept, &overlapKept)
    group.removeAll(keepingCapacity: true)
    kept.removeAll(keepingCapacity: true)
    for k in range { group.append(OverlapMember(span: candidates[k].span, index: Int32(k))) }
    Overlap.select(&group, into: &kept) { m in
      accept(m.span, rule: rule, positive: candidates[Int(m.index)].positive)
    }
    for m in kept { keptSpans.append(m.span) }
    swap(&group, &overlapGroup)
    swap(&kept, &overlapKept)
  }

  /// Sets `possible` to the sentences where every term has a hit before
  /// `accept`, or, for a regex that has not run, an atom of each of its atom
  /// sets; false when there is none.
  mutating func possibleSentences(_ terms: [[Int32]]) -> Bool {
    // A term without any raw hit (or gated regex) rules out every
    // sentence: say so before walking the other terms' hits.
    for t in terms {
      var any = false
      for x in t {
        if x >= 0 ? leafHead[Int(x)] >= 0 : gate[Int(-x - 1)] {
          any = true
          break
        }
      }
      if !any {
        possible.removeAll(keepingCapacity: true)
        return false
      }
    }
    // termsSeen[k] counts the terms (in order) that have a hit in sentence
    // k: term i moves it from i to i + 1, once however many hits it has.
    if termsSeen.count < sentenceEnds.count + 1 {
      termsSeen = [UInt8](repeating: 0, count: sentenceEnds.count + 1)
    }
    possible.removeAll(keepingCapacity: true)
    var ok = true
    // (Counters are bytes: past 255 terms the rest are not checked here,
    // which only makes the set larger; `sentenceHits` checks every term.)
    let checked = min(terms.count, 255)
    for (i, t) in terms.prefix(checked).enumerated() {
      let from = UInt8(truncatingIfNeeded: i)
      var advanced = false
      @inline(__always) func see(_ k: Int, _ seen: inout [UInt8], _ possible: inout [Int32]) {
        if seen[k] == from {
          seen[k] = from &+ 1
          advanced = true
          if from == 0 { possible.append(Int32(k)) }
        }
      }
      for x in t {
        if x >= 0 {
          var n = leafHead[Int(x)]
          while n >= 0 {
            see(sentenceOf(nodes[Int(n)].span), &termsSeen, &possible)
            n = nodes[Int(n)].next
          }
        } else {
          let r = -x - 1
          if !gate[Int(r)] { continue }
          if regexRun[Int(r)] {
            for s in regexHits[Int(r)] { see(sentenceOf(s), &termsSeen, &possible) }
          } else {
            gatedSentences(r)
            for k in regexSentences { see(Int(k), &termsSeen, &possible) }
          }
        }
      }
      if !advanced {
        ok = false
        break
      }
    }
    // Term 0 listed every sentence it reached; keep those every term
    // reached, in order, and clear the counters.
    // (By index: a `for k in possible` loop would hold the array while it
    // is written, and every call would copy it.)
    let all = UInt8(checked)
    var kept = 0
    for j in 0..<possible.count {
      let k = possible[j]
      if ok && termsSeen[Int(k)] == all {
        possible[kept] = k
        kept += 1
      }
      termsSeen[Int(k)] = 0
    }
    possible.removeLast(possible.count - kept)
    possible.sort()
    return !possible.isEmpty
  }

  /// The hits of `sentence(terms…, not(nots)…)` as `evaluate` lists them,
  /// up to where the cap can no longer change: one hit per sentence where
  /// the anchor term (the first) has an accepted hit, every other term has
  /// a hit and no `not` term has one. The anchor is accepted only in such
  /// sentences.
  mutating func sentenceHits(_ terms: [[Int32]], nots: [[Int32]], rule: CompiledRule) -> [Hit] {
    ensureSentences()
    // Sentences where every term has a raw hit or a regex could match;
    // the rule's regexes run only there.
    if !possibleSentences(terms) { return [] }
    for t in terms {
      for x in t where x < 0 { runRegex(-x - 1, onlyIn: possible) }
    }
    for t in nots {
      for x in t where x < 0 { runRegex(-x - 1, onlyIn: possible) }
    }
    // Only hits in those sentences can make a hit of the rule: the others
    // are left out before sorting and `accept`.
    if isPossible.count < sentenceEnds.count + 1 {
      isPossible = [Bool](repeating: false, count: sentenceEnds.count + 1)
    }
    for k in possible { isPossible[Int(k)] = true }
    defer { for k in possible { isPossible[Int(k)] = false } }
    // Other terms: their first accepted hit in each sentence (hits in the
    // order `evaluate` gives them: by start, ties in term order).
    picks.removeAll(keepingCapacity: true)
    pickStart.removeAll(keepingCapacity: true)
    for t in terms.dropFirst() {
      pickStart.append(picks.count)
      gather(t, titleOnly: false, possibleOnly: true)
      candidates.sort { ($0.span.start, $0.term) < ($1.span.start, $1.term) }
      var last: Int32 = -1
      for c in candidates {
        let sn = Int32(sentenceOf(c.span))
        if sn == last { continue }
        if accept(c.span, rule: rule, positive: c.positive) {
          picks.append((sn, c.span))
          last = sn
        }
      }
      if picks.count == pickStart.last! { return [] }
    }
    pickStart.append(picks.count)
    // Sentences with a hit of a `not` term.
    excludedSentences.removeAll(keepingCapacity: true)
    for t in nots {
      gather(t, titleOnly: false, possibleOnly: true)
      for c in candidates where accept(c.span, rule: rule, positive: c.positive) {
        excludedSentences.append(Int32(sentenceOf(c.span)))
      }
    }
    excludedSentences.sort()
    // The anchor term, in order.
    gather(terms[0], titleOnly: false, possibleOnly: true)
    if candidates.isEmpty { return [] }
    candidates.sort { ($0.span.start, $0.term) < ($1.span.start, $1.term) }
    let others = terms.count - 1
    // Per other term, its next pick (reused scratch, no array per call).
    cursor.removeAll(keepingCapacity: true)
    cursor.append(contentsOf: pickStart.prefix(others))
    var out: [Hit] = []
    var lastSentence: Int32 = -1
    // Groups of overlapping anchors among the hits so far (as `dedupe`
    // will form them, `Overlap`), and the furthest end in the current one.
    var groups = 0
    var groupEnd: Int32 = -1
    for c in candidates {
      if groups >= rule.cap && c.span.start >= groupEnd { break }
      let sn = Int32(sentenceOf(c.span))
      if sn == lastSentence { continue }
      // Every other term has a hit in sentence sn (cursors only move on:
      // anchors come in sentence order).
      var found = true
      for k in 0..<others {
        var i = cursor[k]
        while i < pickStart[k + 1] && picks[i].sentence < sn { i += 1 }
        cursor[k] = i
        if i == pickStart[k + 1] || picks[i].sentence != sn {
          found = false
          break
        }
      }
      if !found { continue }
      let x = ClauseContexts.lowerBound(excludedSentences, Int(sn))
      if x < excludedSentences.count && excludedSentences[x] == sn { continue }
      if !accept(c.span, rule: rule, positive: c.positive) { continue }
      var hit: Hit = []
      hit.reserveCapacity(others + 1)
      hit.append(c.span)
      for k in 0..<others { hit.append(picks[cursor[k]].span) }
      out.append(hit)
      lastSentence = sn
      if groups > 0 && c.span.start < groupEnd {
        groupEnd = max(groupEnd, c.span.end)
      } else {
        groups += 1
        groupEnd = c.span.end
      }
    }
    return out
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
      gather(terms, titleOnly: false)
      candidates.sort { ($0.span.start, $0.term) < ($1.span.start, $1.term) }
      for c in candidates where accept(c.span, rule: rule, positive: c.positive) { out.append(c.span) }
    }
    var xs: [Span] = []
    var ys: [Span] = []
    swap(&xs, &nearA)
    swap(&ys, &nearB)
    defer {
      swap(&xs, &nearA)
      swap(&ys, &nearB)
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
