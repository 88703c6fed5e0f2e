// The purpose context: what an action is for, not the action
// (`为进一步丰富职工文化生活,市总工会举办了…`, `活动旨在提升骑手技能`).
//
// A hit is in a purpose when a purpose word (为了, 旨在, 目的是, 以便,
// 为进一步, 为切实, 为更好 …) ends before it in its clause, or when its
// clause is the first of its sentence, starts with 为, ends at a `,` and
// holds no 了 (`为保障骑手权益,…`; `为骑手提供了体检,…` reports). A purpose
// runs to the first comma.

extension Sentences {
  static let purposeMarkers: [[UInt8]] = [
    "为了", "旨在", "目的是", "以便", "为的是", "为进一步", "为切实", "为深入", "为全面", "为更好", "为有效", "为扎实", "为持续", "为不断",
    "为积极", "为充分",
  ].map { Array($0.utf8) }
  static let wei: [UInt8] = Array("为".utf8)
  static let le: [UInt8] = Array("了".utf8)

  /// Where purpose starts in `clause` (hits starting there or later are
  /// in it), or Int32.max.
  static func purposeFrom(_ p: UnsafeBufferPointer<UInt8>, _ clause: Range<Int>, sentence: Int) -> Int32 {
    if clause.lowerBound == sentence && starts(p, at: clause.lowerBound, with: wei) && clause.upperBound < p.count
      && p[clause.upperBound] == 0x2C && !contains(p, clause, any: [le])
    {
      return Int32(clause.lowerBound)
    }
    return firstMarkerEnd(p, clause, ClauseContexts.purposes)
  }
}

extension ClauseContexts {
  static let purposes = Markers(Sentences.purposeMarkers)
}
