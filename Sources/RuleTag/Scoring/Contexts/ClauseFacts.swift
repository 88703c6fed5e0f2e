// What the eligibility, purpose, background and delivered contexts need
// to know about one clause, found in one visit of the clause.
//
// Each field is an offset that a hit's bounds are compared with, so a
// clause is scanned once however many hits it holds. One field looks
// back over the whole sentence (an eligibility heading); the index carries it
// from clause to clause, and the plain definition scans the sentence up to
// the clause's end: markers never hold a clause end, so both agree.

struct ClauseFacts {
  /// Eligibility: the first heading end (or the sentence start after 凡)
  /// in the sentence up to this clause's end.
  var headingEnd: Int32
  /// Eligibility: the end of a scope word with no report verb after it.
  var scopeEnd: Int32
  /// Eligibility: the last start of an availability word.
  var availableStart: Int32
  /// Purpose: where it starts.
  var purposeFrom: Int32
  /// Background: the first 早在 end in the clause.
  var earlyEnd: Int32
  /// Background: the `自 … 以来` span (from > to when none).
  var sinceFrom: Int32
  var sinceTo: Int32
  /// Background: the last start of the ending of a `成立后`-like marker.
  var sinceAfter: Int32
  /// The first end of a delivery verb (list items after it are delivered).
  var deliveryEnd: Int32

  /// The facts of `clause`, in the sentence starting at `sentence`;
  /// `earlier` is the previous clause of the same sentence when it is
  /// known (then only this clause is scanned), nil to scan the sentence.
  init(clause: Range<Int>, sentence: Int, earlier: ClauseFacts?, in p: UnsafeBufferPointer<UInt8>) {
    let from = earlier == nil ? sentence : clause.lowerBound
    let back = from..<max(from, clause.upperBound)
    var heading = Sentences.firstHeadingEnd(p, back)
    if let earlier {
      heading = min(heading, earlier.headingEnd)
    } else if Sentences.startsWithFan(p, sentence) {
      heading = Int32(sentence)
    }
    headingEnd = heading
    earlyEnd = Sentences.firstMarkerEnd(p, clause, ClauseContexts.early)
    scopeEnd = Sentences.scopeEnd(p, clause)
    availableStart = Sentences.lastMarkerStart(p, clause, ClauseContexts.available)
    purposeFrom = Sentences.purposeFrom(p, clause, sentence: sentence)
    let since = Sentences.sinceSpan(p, clause)
    sinceFrom = since?.0 ?? Int32.max
    sinceTo = since?.1 ?? Int32.min
    let after = Sentences.lastMarkerStart(p, clause, ClauseContexts.since)
    sinceAfter = after < 0 ? -1 : after + 6
    deliveryEnd = Sentences.firstMarkerEnd(p, clause, ClauseContexts.deliveries)
  }

  /// The contexts `contexts(of:)` answers.
  static let answers: HitContext = [.eligibility, .purpose, .background]

  /// The eligibility, purpose and background contexts of `range`, a hit
  /// in this clause.
  func contexts(of range: Range<Int>) -> HitContext {
    let a = Int32(range.lowerBound)
    let b = Int32(range.upperBound)
    var out: HitContext = []
    if headingEnd <= a || scopeEnd <= a || availableStart >= b { out.insert(.eligibility) }
    if purposeFrom <= a { out.insert(.purpose) }
    if earlyEnd <= a || (sinceFrom <= a && b <= sinceTo) || sinceAfter >= b { out.insert(.background) }
    return out
  }
}

extension Sentences {
  /// The smallest end of a word of `m` lying whole in `r`, or Int32.max.
  static func firstMarkerEnd(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ m: ClauseContexts.Markers) -> Int32 {
    var best = Int.max
    var i = r.lowerBound
    while i + 2 < r.upperBound && i < best {
      if let ws = m.candidates(p, i) {
        for w in ws where i + w.count <= r.upperBound && i + w.count < best && starts(p, at: i, with: w) {
          best = i + w.count
        }
      }
      i &+= ClauseContexts.step(p[i])
    }
    return best == Int.max ? Int32.max : Int32(best)
  }

  /// The largest start of a word of `m` lying whole in `r`, or -1.
  static func lastMarkerStart(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ m: ClauseContexts.Markers) -> Int32 {
    var last: Int32 = -1
    var i = r.lowerBound
    while i + 2 < r.upperBound {
      if let ws = m.candidates(p, i) {
        for w in ws where i + w.count <= r.upperBound && starts(p, at: i, with: w) { last = Int32(i) }
      }
      i &+= ClauseContexts.step(p[i])
    }
    return last
  }
}

extension ClauseContexts {
  /// The bounds of clause `k`, as `intersects` finds them.
  func clauseBounds(_ k: Int, in p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    let cl = k > 0 ? Int(ends[k - 1]) + 1 : 0
    var cu = k < ends.count ? Int(ends[k]) : p.count
    if cu < p.count && p[cu] == 0x82 { cu -= 2 }
    return cl..<max(cl, cu)
  }

  /// The facts of clause `k`, computed once; those of the clauses before
  /// it in its sentence are computed first, in order.
  mutating func facts(clause k: Int, in p: UnsafeBufferPointer<UInt8>) -> ClauseFacts {
    if let f = facts[k] { return f }
    var j = k
    while j > 0 && sentenceStart[j - 1] == sentenceStart[k] && facts[j - 1] == nil { j -= 1 }
    var earlier: ClauseFacts? = j > 0 && sentenceStart[j - 1] == sentenceStart[k] ? facts[j - 1] : nil
    while j <= k {
      let f = ClauseFacts(clause: clauseBounds(j, in: p), sentence: Int(sentenceStart[k]), earlier: earlier, in: p)
      facts[j] = f
      earlier = f
      j += 1
    }
    return earlier!
  }
}
