// The per-document index of clauses that answers context questions.
//
// `Sentences.context(of:in:)` walks the clause around every hit and looks
// for markers in it: on a dense article that is O(hits × clause length).
// This index finds clause ends and `、` positions in one pass over the
// document (and the sentence ends with them), answers the clause of a hit
// by binary search and caches, per clause, what the list, slogan and plan
// checks (one file each beside this one) and `ClauseFacts` (eligibility,
// purpose, background, delivered) found there.

/// The contexts of many hits in one document, computed once per clause.
///
/// Its answers equal `Sentences.context(of:in:)` exactly (a randomized
/// test compares the two on every short span; `tag` output was also
/// compared byte for byte with the per-hit walk on the 20 MB bench corpus).
struct ClauseContexts {
  /// Offsets of clause-end bytes, ascending.
  var ends: [Int32] = []
  /// Offsets where a `、` (E3 80 81) starts, ascending.
  var commas: [Int32] = []
  /// Per clause (index into `ends` + 1 of the end before it): 0 unknown,
  /// 1 no slogan marker, 2 slogan marker.
  var slogan: [UInt8] = []
  /// Per clause: smallest end offset of a plan marker that is not part of
  /// an excluded word (Int32.max when none, Int32.min when not computed).
  var planEnd: [Int32] = []
  /// Per clause: `planAfterLast`, Int32.min when not computed.
  var planAfter: [Int32] = []
  /// Per clause: where its sentence starts.
  var sentenceStart: [Int32] = []
  /// Per clause: what the eligibility, purpose, background and delivered
  /// checks need (`ClauseFacts`), nil until asked.
  var facts: [ClauseFacts?] = []
  /// The sentence whose plan markers are being scanned, how far, and the
  /// first marker end found there.
  var planSentence = -1
  var planScanned = 0
  var planFound = Int32.max
  var ready = false

  mutating func reset() { ready = false }

  /// Sentence ends in the form of `Sentences.sentenceEnds` (exclusive
  /// ends, then `count + 1`), found by the same pass as clause ends.
  var sentenceEnds: [Int32] = []

  mutating func build(_ p: UnsafeBufferPointer<UInt8>) {
    ends.removeAll(keepingCapacity: true)
    commas.removeAll(keepingCapacity: true)
    sentenceEnds.removeAll(keepingCapacity: true)
    let n = p.count
    var i = 0
    // Only ASCII below 0x40 and the lead byte E3 (of 。 and 、) matter:
    // 8-byte words without either are skipped whole (SWAR test).
    if let base = p.baseAddress {
      let raw = UnsafeRawPointer(base)
      let lo: UInt64 = 0x0101_0101_0101_0101
      let hi: UInt64 = 0x8080_8080_8080_8080
      @inline(__always) func visit(_ i: Int) {
        let b = p[i]
        if b < 0x40 {
          if b == 0x2C || b == 0x3A {
            ends.append(Int32(i))
          } else if b == 0x0A || b == 0x21 || b == 0x3F || b == 0x3B {
            ends.append(Int32(i))
            sentenceEnds.append(Int32(i &+ 1))
          }
        } else if b == 0xE3 && i &+ 2 < n && p[i &+ 1] == 0x80 {
          if p[i &+ 2] == 0x82 {
            ends.append(Int32(i &+ 2))
            sentenceEnds.append(Int32(i &+ 3))
          } else if p[i &+ 2] == 0x81 {
            commas.append(Int32(i))
          }
        }
      }
      while i &+ 8 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let e3 = x ^ 0xE3E3_E3E3_E3E3_E3E3
        // The top bit of every byte below 0x40 or equal to E3 is set (and
        // maybe of a byte above one of those, which `visit` rejects): go
        // straight to those bytes, in order.
        var flags = (((x &- lo &* 0x40) & ~x) | ((e3 &- lo) & ~e3)) & hi
        while flags != 0 {
          visit(i &+ flags.trailingZeroBitCount >> 3)
          flags &= flags &- 1
        }
        i &+= 8
      }
      while i < n {
        visit(i)
        i &+= 1
      }
    }
    sentenceEnds.append(Int32(n + 1))
    // Clause k runs from after ends[k-1] (or 0) to ends[k] (or n).
    ClauseContexts.refill(&slogan, 0, count: ends.count + 1)
    ClauseContexts.refill(&planEnd, Int32.min, count: ends.count + 1)
    ClauseContexts.refill(&planAfter, Int32.min, count: ends.count + 1)
    ClauseContexts.refill(&facts, nil, count: ends.count + 1)
    // Where the sentence of each clause starts (after the last sentence end).
    sentenceStart.removeAll(keepingCapacity: true)
    var start = 0
    for e in ends {
      sentenceStart.append(Int32(start))
      let b = p[Int(e)]
      if b != 0x2C && b != 0x3A { start = Int(e) + 1 }
    }
    sentenceStart.append(Int32(start))
    planSentence = -1
    ready = true
  }

  /// Makes `a` hold `count` copies of `value`, in the storage it has when
  /// that is large enough (a fill, not an element-by-element append).
  static func refill<T>(_ a: inout [T], _ value: T, count: Int) {
    if a.count > count {
      a.removeLast(a.count - count)
    } else if a.count < count {
      a.reserveCapacity(count)
      a.append(contentsOf: repeatElement(value, count: count - a.count))
    }
    a.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
  }

  /// Number of elements of `a` that are < x.
  @inline(__always)
  static func lowerBound(_ a: [Int32], _ x: Int) -> Int {
    var lo = 0
    var hi = a.count
    let v = Int32(truncatingIfNeeded: x)
    while lo < hi {
      let mid = (lo &+ hi) >> 1
      if a[mid] < v { lo = mid &+ 1 } else { hi = mid }
    }
    return lo
  }

  /// Whether `Sentences.context(of: range, in: p)` has a context of
  /// `wanted`; computes only what it needs (a hit in a list is not checked
  /// for slogans when lists are enough to answer).
  mutating func intersects(_ range: Range<Int>, _ wanted: HitContext, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    if wanted.isEmpty { return false }
    if !ready { build(p) }
    // Last clause end before the hit (clause start = it + 1).
    let ia = ClauseContexts.lowerBound(ends, range.lowerBound)  // ends[ia-1] < lower
    // The first clause end at or after the hit's start ends its clause
    // unless it lies inside the hit.
    if ia < ends.count && Int(ends[ia]) < range.upperBound {  // a clause end inside the hit: the plain walk
      return !Sentences.context(of: range, in: p).intersection(wanted).isEmpty
    }
    let k = ia
    let cl = k > 0 ? Int(ends[k - 1]) + 1 : 0
    var cu = k < ends.count ? Int(ends[k]) : p.count
    // As in `clause(around:)`: a 。 is found at its last byte, the clause ends before its first.
    if cu < p.count && p[cu] == 0x82 { cu -= 2 }
    if !wanted.isDisjoint(with: [.list, .delivered]) && inList(range, cl: cl, cu: cu, in: p) {
      let delivered = facts(clause: k, in: p).deliveryEnd <= Int32(range.lowerBound)
      if wanted.contains(delivered ? .delivered : .list) { return true }
    }
    if wanted.contains(.slogan) && inSlogan(range, clause: k, cl: cl, cu: cu, in: p) { return true }
    if wanted.contains(.plan) && inPlan(range, clause: k, cl: cl, cu: cu, in: p) { return true }
    if !wanted.isDisjoint(with: ClauseFacts.answers) {
      return !facts(clause: k, in: p).contexts(of: range).isDisjoint(with: wanted)
    }
    return false
  }

  /// Marker words grouped by their first two characters (every marker
  /// starts with a three-byte CJK character), with a filter on the first
  /// character: most positions are rejected by one table load, and a
  /// position that passes is compared only with the words that have its
  /// second character (one first character, 将, starts some 190 plan words).
  struct Markers: Sendable {
    /// One bit per BMP scalar: set for the first characters (8 KB, exact,
    /// so only real first characters reach the key comparison; a filter on
    /// the last byte alone let one CJK character in six through).
    var firstBits: [UInt64]
    /// First characters, packed as 24-bit keys.
    var firsts: [UInt32]
    /// Per first character: the second characters of its words of six bytes
    /// or more (bytes 3–5 as 24-bit keys), ascending, and for each the index
    /// in `groups` of the words that may start with those two characters.
    var seconds: [[Int32]]
    var secondGroups: [[Int]]
    /// Per first character: the index in `groups` of its shorter words
    /// alone (every group of that character holds them too).
    var shortGroup: [Int]
    /// The word lists that `group` answers.
    var groups: [[[UInt8]]]

    init(_ words: [[UInt8]]) {
      firstBits = [UInt64](repeating: 0, count: 1024)
      firsts = []
      var byFirst: [[[UInt8]]] = []
      for w in words {
        precondition(w.count >= 3 && w[0] >= 0xE0 && w[0] < 0xF0)
        let c = Markers.scalar(w[0], w[1], w[2])
        firstBits[c >> 6] |= 1 << UInt64(c & 63)
        let key = Markers.key(w[0], w[1], w[2])
        if let g = firsts.firstIndex(of: key) {
          byFirst[g].append(w)
        } else {
          firsts.append(key)
          byFirst.append([w])
        }
      }
      seconds = []
      secondGroups = []
      shortGroup = []
      groups = []
      for ws in byFirst {
        let short = ws.filter { $0.count < 6 }
        let keys = Set(ws.filter { $0.count >= 6 }.map { Int32(Markers.key($0[3], $0[4], $0[5])) }).sorted()
        shortGroup.append(groups.count)
        groups.append(short)
        seconds.append(keys)
        var indices: [Int] = []
        for k in keys {
          indices.append(groups.count)
          groups.append(short + ws.filter { $0.count >= 6 && Int32(Markers.key($0[3], $0[4], $0[5])) == k })
        }
        secondGroups.append(indices)
      }
    }

    /// The 16 payload bits of a three-byte sequence (its scalar when it is
    /// well formed).
    @inline(__always)
    static func scalar(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int {
      Int(b0 & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
    }

    /// Three bytes packed as a 24-bit key.
    @inline(__always)
    static func key(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> UInt32 {
      UInt32(b0) << 16 | UInt32(b1) << 8 | UInt32(b2)
    }

    /// The index in `groups` of the words that may start at `i` (same first
    /// and second character, or shorter than two characters), or nil when
    /// no word starts with the character at `i`.
    @inline(__always)
    func group(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
      guard p[i] >= 0xE0 else { return nil }
      let c = Markers.scalar(p[i], p[i + 1], p[i + 2])
      guard firstBits.withUnsafeBufferPointer({ ($0[c >> 6] >> UInt64(c & 63)) & 1 }) != 0 else { return nil }
      guard let f = firsts.firstIndex(of: Markers.key(p[i], p[i + 1], p[i + 2])) else { return nil }
      // A word of six bytes or more fits only when those bytes exist.
      guard i + 5 < p.count else { return shortGroup[f] }
      let k = Int32(Markers.key(p[i + 3], p[i + 4], p[i + 5]))
      let s = ClauseContexts.lowerBound(seconds[f], Int(k))
      return s < seconds[f].count && seconds[f][s] == k ? secondGroups[f][s] : shortGroup[f]
    }

    /// The words that may start at `i` (as `group` picks them), or nil.
    @inline(__always)
    func candidates(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> [[UInt8]]? {
      group(p, i).map { groups[$0] }
    }
  }

  /// `Sentences.contains(p, cl..<cu, any: words)`, through the marker groups.
  static func containsMarker(_ p: UnsafeBufferPointer<UInt8>, _ cl: Int, _ cu: Int, _ m: Markers) -> Bool {
    var i = cl
    while i + 2 < cu {
      if let ws = m.candidates(p, i) {
        for w in ws where i + w.count <= cu && Sentences.starts(p, at: i, with: w) { return true }
      }
      i &+= step(p[i])
    }
    return false
  }

  /// How far to move on from a byte: a whole three-byte character from its
  /// lead byte (markers start with one, so none starts inside it), else 1.
  @inline(__always)
  static func step(_ b: UInt8) -> Int { b &- 0xE0 < 16 ? 3 : 1 }
}
