// The list context: a hit in a short item of a `、`-separated enumeration
// (`联合开展职工技能培训、劳动竞赛、维权帮困`).
//
// A hit is in a list when a `、` stands before it in its clause, with at
// most `maxListItem` characters from there to the hit's end and no 等
// between (等 closes a list), or when a `、` follows it after a short noun
// tail (`isListTail`). A contest name followed by its trades is the
// subject, not the first item (`技能大赛车床、数控等项目开赛`: a 大赛 / 竞赛
// / 比赛 / 比武 from the hit on, with a trade after it, before the `、`).
//
// A list item after a delivery verb in its clause (提供了, 送上, 赠送,
// 发放了 …) is `delivered` instead: the object list of a reported delivery
// is the report (`为骑手提供了健康监测、理疗、常备药等服务`).

extension Sentences {
  /// Whether `range`, in `clause`, stands in a list item.
  static func inList(_ range: Range<Int>, clause: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    var a = range.lowerBound
    while a > clause.lowerBound && !isEnumComma(p, a - 1) { a -= 1 }
    if a > clause.lowerBound && scalars(p, a, range.upperBound) <= maxListItem
      && !contains(p, a..<range.lowerBound, any: dengList)
    {
      return true
    }
    var b = range.upperBound
    while b < clause.upperBound && !isEnumComma(p, b + 2) { b += 1 }
    return b < clause.upperBound && isListTail(p, range.upperBound, b)
      && !contestBeforeTrades(p, range.lowerBound, b)
  }

  /// Longest list item, in characters, that still counts as an item.
  public static let maxListItem = 16
  /// Most characters between a hit and a following `、` for the hit to be
  /// part of that first item (`开展职工技能培训、…`, `劳模和职工创新工作室、…`).
  public static let maxListTail = 8

  /// Whether `p[a..<b]`, the text between a hit and the `、` after it, keeps
  /// the hit inside the first item: short, and without the prepositions and
  /// particles that make it the subject or verb of a clause whose object is
  /// the list (`志愿者为职工送上了奶茶、春联`).
  static func isListTail(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
    scalars(p, a, b) <= maxListTail && !contains(p, a..<b, any: clauseParticles)
  }

  /// Whether a contest word starts in `p[a..<b]` (from the hit's start to
  /// the `、`) and ends before `b`: the contest is followed by its trades.
  static func contestBeforeTrades(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
    var i = a
    while i + 6 < b {
      for w in contestWords where i + w.count < b && starts(p, at: i, with: w) { return true }
      i &+= ClauseContexts.step(p[i])
    }
    return false
  }

  static let contestWords: [[UInt8]] = ["大赛", "竞赛", "比赛", "比武"].map { Array($0.utf8) }
  static let deliveryVerbs: [[UInt8]] = [
    "提供了", "送上", "送去", "送来", "送出", "送达", "赠送", "捐赠", "发放了", "配备了", "带来了", "准备了", "购置了", "添置了",
  ].map { Array($0.utf8) }

  static let clauseParticles: [[UInt8]] = ["为", "给", "向", "送", "了", "把", "将", "对", "是", "在"].map { Array($0.utf8) }

  /// Whether the bytes ending at `i` (inclusive) are 、 (E3 80 81).
  @inline(__always)
  static func isEnumComma(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    i >= 2 && i < p.count && p[i] == 0x81 && p[i - 1] == 0x80 && p[i - 2] == 0xE3
  }

  static let deng: [UInt8] = Array("等".utf8)
  static let dengList: [[UInt8]] = [deng]
}

extension ClauseContexts {
  /// `Sentences.inList` through the index, for a hit in the clause
  /// `cl..<cu`.
  func inList(_ range: Range<Int>, cl: Int, cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    // A 、 before the hit in its clause, the nearest one within reach…
    let c1 = ClauseContexts.lowerBound(commas, range.lowerBound - 2)  // commas[c1-1] ends before the hit
    if c1 > 0 {
      let c = Int(commas[c1 - 1])
      if c >= cl && Sentences.scalars(p, c + 3, range.upperBound) <= Sentences.maxListItem
        && !ClauseContexts.containsDeng(p, c + 3, range.lowerBound)
      {
        return true
      }
    }
    // …or a 、 after it.
    let c2 = ClauseContexts.lowerBound(commas, range.upperBound)
    return c2 < commas.count && Int(commas[c2]) < cu && Sentences.isListTail(p, range.upperBound, Int(commas[c2]))
      && !Sentences.contestBeforeTrades(p, range.lowerBound, Int(commas[c2]))
  }

  /// Whether 等 (E7 AD 89) occurs in `p[a..<b]`.
  @inline(__always)
  static func containsDeng(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
    var i = a
    while i + 3 <= b {
      if p[i] == 0xE7 && p[i + 1] == 0xAD && p[i + 2] == 0x89 { return true }
      i &+= 1
    }
    return false
  }
}

extension ClauseContexts {
  static let deliveries = Markers(Sentences.deliveryVerbs)
}
