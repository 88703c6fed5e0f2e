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

  init(
    headingEnd: Int32, scopeEnd: Int32, availableStart: Int32, purposeFrom: Int32, earlyEnd: Int32, sinceFrom: Int32,
    sinceTo: Int32, sinceAfter: Int32, deliveryEnd: Int32
  ) {
    self.headingEnd = headingEnd
    self.scopeEnd = scopeEnd
    self.availableStart = availableStart
    self.purposeFrom = purposeFrom
    self.earlyEnd = earlyEnd
    self.sinceFrom = sinceFrom
    self.sinceTo = sinceTo
    self.sinceAfter = sinceAfter
    self.deliveryEnd = deliveryEnd
  }

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
      let f = ClauseFacts.scanned(clause: clauseBounds(j, in: p), earlier: earlier, in: p)
      facts[j] = f
      earlier = f
      j += 1
    }
    return earlier!
  }
}

extension ClauseFacts {
  /// What each marker word of `ClauseFacts.all` is (a word can be several).
  struct Kind: OptionSet {
    let rawValue: UInt16
    static let heading = Kind(rawValue: 1)
    static let early = Kind(rawValue: 2)
    static let scope = Kind(rawValue: 4)
    static let verb = Kind(rawValue: 8)
    static let available = Kind(rawValue: 16)
    static let purpose = Kind(rawValue: 32)
    static let yiLai = Kind(rawValue: 64)
    static let since = Kind(rawValue: 128)
    static let delivery = Kind(rawValue: 256)
    static let zi = Kind(rawValue: 512)
    static let le = Kind(rawValue: 1024)
  }

  /// Every marker word the facts look for, with its kinds.
  static let kinds: [[UInt8]: UInt16] = {
    var out: [[UInt8]: UInt16] = [:]
    func add(_ words: [[UInt8]], _ k: Kind) { for w in words { out[w, default: 0] |= k.rawValue } }
    add(Sentences.eligibilityHeadings, .heading)
    add(Sentences.zaoZai, .early)
    add(Sentences.eligibilityScopes, .scope)
    add(Sentences.reportVerbs, .verb)
    add(Sentences.eligibilityAfter, .available)
    add(Sentences.purposeMarkers, .purpose)
    add(Sentences.yiLai, .yiLai)
    add(Sentences.sinceMarkers, .since)
    add(Sentences.deliveryVerbs, .delivery)
    add([Sentences.zi], .zi)
    add([Sentences.le], .le)
    return out
  }()
  static let all = ClauseContexts.Markers(kinds.keys.sorted { $0.lexicographicallyPrecedes($1) })
  /// The kinds of `all`'s words, group by group, so the scan looks no word up.
  static let groupKinds: [[UInt16]] = all.groups.map { $0.map { kinds[$0]! } }

  /// The facts of a clause that starts its sentence (`earlier` nil) or
  /// follows `earlier` in it, in one pass over the clause: the index's
  /// form of `init`, which scans once per marker list (a randomized test
  /// holds the two to the same answers).
  static func scanned(clause: Range<Int>, earlier: ClauseFacts?, in p: UnsafeBufferPointer<UInt8>) -> ClauseFacts {
    let cl = clause.lowerBound
    let cu = clause.upperBound
    var heading = Int32.max
    var early = Int32.max
    var scope = Int32.max
    var lastVerb: Int32 = -1
    var available: Int32 = -1
    var purpose = Int32.max
    var yiLai: Int32 = -1
    var since: Int32 = -1
    var delivery = Int32.max
    var firstZi = Int32.max
    var hasLe = false
    var i = cl
    while i + 2 < cu {
      if let g = all.group(p, i) {
        let ws = all.groups[g]
        let ks = groupKinds[g]
        for n in ws.indices where i + ws[n].count <= cu && Sentences.starts(p, at: i, with: ws[n]) {
          let w = ws[n]
          let k = Kind(rawValue: ks[n])
          let s = Int32(i)
          let e = Int32(i + w.count)
          if k.contains(.heading) && e < heading
            && Sentences.eligibilityHeadingFollowers.contains(where: { Sentences.starts(p, at: i + w.count, with: $0) })
          {
            heading = e
          }
          if k.contains(.early) { early = min(early, e) }
          if k.contains(.scope) { scope = min(scope, e) }
          if k.contains(.verb) { lastVerb = max(lastVerb, s) }
          if k.contains(.available) { available = max(available, s) }
          if k.contains(.purpose) { purpose = min(purpose, e) }
          if k.contains(.yiLai) { yiLai = max(yiLai, s) }
          if k.contains(.since) { since = max(since, s) }
          if k.contains(.delivery) { delivery = min(delivery, e) }
          if k.contains(.zi) && firstZi == Int32.max
            && !(i >= 3 && Sentences.notZi.contains { Sentences.starts(p, at: i - 3, with: $0) })
          {
            firstZi = s
          }
          if k.contains(.le) { hasLe = true }
        }
      }
      i &+= ClauseContexts.step(p[i])
    }
    if let earlier {
      heading = min(heading, earlier.headingEnd)
    } else if Sentences.startsWithFan(p, cl) {
      heading = Int32(cl)
    }
    if earlier == nil && Sentences.starts(p, at: cl, with: Sentences.wei) && cu < p.count && p[cu] == 0x2C && !hasLe {
      purpose = Int32(cl)
    }
    let hasSince = yiLai >= 0 && firstZi != Int32.max && Int(firstZi) + 3 <= Int(yiLai)
    return ClauseFacts(
      headingEnd: heading, scopeEnd: scope != Int32.max && lastVerb < scope ? scope : Int32.max,
      availableStart: available, purposeFrom: purpose, earlyEnd: early, sinceFrom: hasSince ? firstZi : Int32.max,
      sinceTo: hasSince ? yiLai + 6 : Int32.min, sinceAfter: since < 0 ? -1 : since + 6, deliveryEnd: delivery)
  }
}
