// Lazy scoring of `sentence(…)` rules whose terms are plain lists.
//
// Such a rule hits once in each sentence where its anchor (the first term)
// has an accepted hit, every other term has one, and no `not` term has
// one. Before anything is accepted, one pass over the raw hits marks the
// sentences every term reaches (`possibleSentences`); the rule's regexes
// run only there, and only hits there are sorted and accepted. The anchor
// is accepted last, in text order, until the cap is settled (`Overlap`).

extension ArticleScanner {
  /// Sets `possible` to the sentences where every term has a hit before
  /// `accept`, or, for a regex that has not run, an atom of each of its atom
  /// sets; false when there is none.
  mutating func possibleSentences(_ terms: [[Int32]]) -> Bool {
    // A term without any raw hit (or gated regex) rules out every
    // sentence: say so before walking the other terms' hits.
    for t in terms {
      var any = false
      for x in t {
        if x >= 0 ? chains.leafHead[Int(x)] >= 0 : gates.open[Int(-x - 1)] {
          any = true
          break
        }
      }
      if !any {
        scratch.possible.removeAll(keepingCapacity: true)
        return false
      }
    }
    // termsSeen[k] counts the terms (in order) that have a hit in sentence
    // k: term i moves it from i to i + 1, once however many hits it has.
    if scratch.termsSeen.count < sentences.ends.count + 1 {
      scratch.termsSeen = [UInt8](repeating: 0, count: sentences.ends.count + 1)
    }
    scratch.possible.removeAll(keepingCapacity: true)
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
          var n = chains.leafHead[Int(x)]
          while n >= 0 {
            see(sentenceOf(chains.nodes[Int(n)].span), &scratch.termsSeen, &scratch.possible)
            n = chains.nodes[Int(n)].next
          }
        } else {
          let r = -x - 1
          if !gates.open[Int(r)] { continue }
          if gates.ran[Int(r)] {
            for s in gates.hits[Int(r)] { see(sentenceOf(s), &scratch.termsSeen, &scratch.possible) }
          } else {
            gatedSentences(r)
            for k in gates.sentences { see(Int(k), &scratch.termsSeen, &scratch.possible) }
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
    for j in 0..<scratch.possible.count {
      let k = scratch.possible[j]
      if ok && scratch.termsSeen[Int(k)] == all {
        scratch.possible[kept] = k
        kept += 1
      }
      scratch.termsSeen[Int(k)] = 0
    }
    scratch.possible.removeLast(scratch.possible.count - kept)
    scratch.possible.sort()
    return !scratch.possible.isEmpty
  }

  /// The hits of `sentence(terms…, not(nots)…)` as `evaluate` lists them,
  /// up to where the cap can no longer change: one hit per sentence where
  /// the anchor term (the first) has an accepted hit, every other term has
  /// a hit and no `not` term has one.
  ///
  /// The anchor is accepted only in such
  /// sentences.
  mutating func sentenceHits(_ terms: [[Int32]], nots: [[Int32]], rule: CompiledRule) -> [Hit] {
    ensureSentences()
    // Sentences where every term has a raw hit or a regex could match;
    // the rule's regexes run only there.
    if !possibleSentences(terms) { return [] }
    for t in terms {
      for x in t where x < 0 { runRegex(-x - 1, onlyIn: scratch.possible) }
    }
    for t in nots {
      for x in t where x < 0 { runRegex(-x - 1, onlyIn: scratch.possible) }
    }
    // Only hits in those sentences can make a hit of the rule: the others
    // are left out before sorting and `accept`.
    if scratch.isPossible.count < sentences.ends.count + 1 {
      scratch.isPossible = [Bool](repeating: false, count: sentences.ends.count + 1)
    }
    for k in scratch.possible { scratch.isPossible[Int(k)] = true }
    defer { for k in scratch.possible { scratch.isPossible[Int(k)] = false } }
    // Other terms: their first accepted hit in each sentence (hits in the
    // order `evaluate` gives them: by start, ties in term order).
    scratch.picks.removeAll(keepingCapacity: true)
    scratch.pickStart.removeAll(keepingCapacity: true)
    for t in terms.dropFirst() {
      scratch.pickStart.append(scratch.picks.count)
      gather(t, possibleOnly: true)
      scratch.candidates.sort { ($0.span.start, $0.term) < ($1.span.start, $1.term) }
      var last: Int32 = -1
      for c in scratch.candidates {
        let sn = Int32(sentenceOf(c.span))
        if sn == last { continue }
        if accept(c.span, rule: rule, positive: c.positive) {
          scratch.picks.append((sn, c.span))
          last = sn
        }
      }
      if scratch.picks.count == scratch.pickStart.last! { return [] }
    }
    scratch.pickStart.append(scratch.picks.count)
    // Sentences with a hit of a `not` term.
    scratch.excludedSentences.removeAll(keepingCapacity: true)
    for t in nots {
      gather(t, possibleOnly: true)
      for c in scratch.candidates where accept(c.span, rule: rule, positive: c.positive) {
        scratch.excludedSentences.append(Int32(sentenceOf(c.span)))
      }
    }
    scratch.excludedSentences.sort()
    // The anchor term, in order.
    gather(terms[0], possibleOnly: true)
    if scratch.candidates.isEmpty { return [] }
    scratch.candidates.sort { ($0.span.start, $0.term) < ($1.span.start, $1.term) }
    let others = terms.count - 1
    // Per other term, its next pick (reused scratch, no array per call).
    scratch.cursor.removeAll(keepingCapacity: true)
    scratch.cursor.append(contentsOf: scratch.pickStart.prefix(others))
    var out: [Hit] = []
    var lastSentence: Int32 = -1
    // Groups of overlapping anchors among the hits so far (as `dedupe`
    // will form them, `Overlap`), and the furthest end in the current one.
    var groups = 0
    var groupEnd: Int32 = -1
    for c in scratch.candidates {
      if groups >= rule.cap && c.span.start >= groupEnd { break }
      let sn = Int32(sentenceOf(c.span))
      if sn == lastSentence { continue }
      // Every other term has a hit in sentence sn (cursors only move on:
      // anchors come in sentence order).
      var found = true
      for k in 0..<others {
        var i = scratch.cursor[k]
        while i < scratch.pickStart[k + 1] && scratch.picks[i].sentence < sn { i += 1 }
        scratch.cursor[k] = i
        if i == scratch.pickStart[k + 1] || scratch.picks[i].sentence != sn {
          found = false
          break
        }
      }
      if !found { continue }
      let x = ClauseContexts.lowerBound(scratch.excludedSentences, Int(sn))
      if x < scratch.excludedSentences.count && scratch.excludedSentences[x] == sn { continue }
      if !accept(c.span, rule: rule, positive: c.positive) { continue }
      var hit: Hit = []
      hit.reserveCapacity(others + 1)
      hit.append(c.span)
      for k in 0..<others { hit.append(scratch.picks[scratch.cursor[k]].span) }
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
}
