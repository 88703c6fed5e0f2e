// The slogan context: a hit followed by 精神, or in a clause that calls on
// people (弘扬, 争做, 争当, 践行, 传承, 口号, 倡导).

extension Sentences {
  /// Whether `range`, in `clause`, stands in a slogan.
  static func inSlogan(_ range: Range<Int>, clause: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    starts(p, at: range.upperBound, with: jingshen) || contains(p, clause, any: sloganMarkers)
  }

  static let jingshen: [UInt8] = Array("精神".utf8)
  static let sloganMarkers: [[UInt8]] = ["弘扬", "争做", "争当", "践行", "传承", "口号", "倡导"].map { Array($0.utf8) }
}

extension ClauseContexts {
  static let slogan = Markers(Sentences.sloganMarkers)

  /// `Sentences.inSlogan` through the index, for a hit in clause `k`
  /// (`cl..<cu`); whether the clause holds a marker is found once.
  mutating func inSlogan(_ range: Range<Int>, clause k: Int, cl: Int, cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Bool
  {
    if Sentences.starts(p, at: range.upperBound, with: Sentences.jingshen) { return true }
    if slogan[k] == 0 {
      slogan[k] = ClauseContexts.containsMarker(p, cl, cu, ClauseContexts.slogan) ? 2 : 1
    }
    return slogan[k] == 2
  }
}
