// Which hits of one rule count when they overlap.
//
// The rule: overlapping hits of one rule count once, the longest. Made
// precise, it is a greedy selection: take the hits longest first (ties:
// the one that starts first, then the one listed first), and keep a hit
// when it overlaps no hit kept before it. The kept hits are then listed in
// text order, and the cap counts from the first of them.
//
// Hits only compete with hits they overlap, so the selection runs group by
// group: a group is a run of hits, in order of start, each of which starts
// before the furthest end of the ones before it. A group keeps at least
// one hit (its longest), and nothing kept in a later group starts before
// a hit kept in an earlier one. That lets the lazy paths stop at the end
// of the group that reaches the cap.
//
// (`国服, 服好国, 好国国国` on 国服好国国国: 好国国国 is kept first, 服好国
// overlaps it, and 国服 overlaps nothing kept, so two hits count.)

/// One member of a group: its span and its position in the caller's list.
struct OverlapMember {
  var span: Span
  var index: Int32
}

enum Overlap {
  /// Whether two spans share a byte.
  @inline(__always)
  static func overlaps(_ a: Span, _ b: Span) -> Bool { a.start < b.end && b.start < a.end }

  /// The end of the group that starts at `members[from]` (`members` in
  /// order of start): the index after its last member.
  static func groupEnd(_ members: [OverlapMember], from: Int) -> Int {
    var end = members[from].span.end
    var j = from + 1
    while j < members.count && members[j].span.start < end {
      end = max(end, members[j].span.end)
      j += 1
    }
    return j
  }

  /// The greedy selection within `group` (any order): appends the kept
  /// members to `kept`, in text order.
  ///
  /// `admit` is asked about a member only
  /// when it overlaps nothing kept so far, and a member it refuses is left
  /// out as if it were not there (the lazy paths accept hits through it).
  static func select(
    _ group: inout [OverlapMember], into kept: inout [OverlapMember], admit: (OverlapMember) -> Bool
  ) {
    let base = kept.count
    if group.count == 1 {
      if admit(group[0]) { kept.append(group[0]) }
      return
    }
    group.sort {
      let la = $0.span.end - $0.span.start
      let lb = $1.span.end - $1.span.start
      return (lb, $0.span.start, $0.index) < (la, $1.span.start, $1.index)
    }
    for m in group {
      var free = true
      for k in base..<kept.count where overlaps(kept[k].span, m.span) {
        free = false
        break
      }
      if free && admit(m) { kept.append(m) }
    }
    kept[base...].sort { $0.span.start < $1.span.start }
  }

  /// The indices of the hits that count among `spans` (the anchors of a
  /// rule's hits, any order), in text order.
  static func kept(_ spans: [Span]) -> [Int32] {
    var members = spans.enumerated().map { OverlapMember(span: $0.element, index: Int32($0.offset)) }
    members.sort { ($0.span.start, $0.index) < ($1.span.start, $1.index) }
    var kept: [OverlapMember] = []
    var group: [OverlapMember] = []
    var i = 0
    while i < members.count {
      let j = groupEnd(members, from: i)
      group.removeAll(keepingCapacity: true)
      group.append(contentsOf: members[i..<j])
      select(&group, into: &kept) { _ in true }
      i = j
    }
    return kept.map(\.index)
  }
}

extension ArticleScanner {
  /// Keeps the hits that count (`Overlap`), in text order.
  static func dedupe(_ hits: [Hit]) -> [Hit] {
    var xs = hits
    dedupe(&xs)
    return xs
  }

  /// `dedupe` in place.
  static func dedupe(_ hits: inout [Hit]) {
    if hits.count < 2 { return }
    // Mostly the hits come in text order, none overlapping: nothing to do.
    var apart = true
    for k in 1..<hits.count where hits[k][0].start < hits[k - 1][0].end {
      apart = false
      break
    }
    if apart { return }
    let kept = Overlap.kept(hits.map { $0[0] })
    hits = kept.map { hits[Int($0)] }
  }
}
