// The background context: what happened before, told as the setting of
// the report (`早在2018年,…`, `自2020年成立以来`, `骑手工会成立后,…`).
//
// A hit is in background when 早在 ends before it in its clause (`早在
// 2018年建成的驿站`; the clause after `早在2022年,` reports), when it lies
// between a 自 and the last 以来 of its clause (`自驿站建成以来`; not the
// 自 of 来自, 各自, 亲自, 独自), or when a 成立 / 建成 / 投用 / 开通 / 启用
// / 运行 / 组建 / 创办 followed by 以来 or 至今 comes after it in its
// clause, that ending not before the hit's end (`工会成立以来` puts 工会
// and 工会成立 in background). `成立后` is not background: `行业工会成立后,
// 将开展…` tells what a body founded now will do.

extension Sentences {
  static let zaoZai: [[UInt8]] = [Array("早在".utf8)]
  static let yiLai: [[UInt8]] = [Array("以来".utf8)]
  static let zi: [UInt8] = Array("自".utf8)
  /// Characters that make 自 part of another word when they precede it.
  static let notZi: [[UInt8]] = ["来", "各", "亲", "独"].map { Array($0.utf8) }
  static let sinceVerbs = ["成立", "建成", "投用", "开通", "启用", "运行", "组建", "创办"]
  static let sinceEndings = ["以来", "至今"]
  /// Verb + ending; every verb is two characters (6 bytes).
  static let sinceMarkers: [[UInt8]] = sinceVerbs.flatMap { v in sinceEndings.map { Array((v + $0).utf8) } }

  /// The span of `自 … 以来` in `clause` (from the first 自 before the last
  /// 以来 to that 以来's end), or nil.
  static func sinceSpan(_ p: UnsafeBufferPointer<UInt8>, _ clause: Range<Int>) -> (Int32, Int32)? {
    let last = lastMarkerStart(p, clause, ClauseContexts.yiLaiWords)
    if last < 0 { return nil }
    var i = clause.lowerBound
    while i + 3 <= Int(last) {
      if starts(p, at: i, with: zi) && !(i >= 3 && notZi.contains { starts(p, at: i - 3, with: $0) }) {
        return (Int32(i), last + 6)
      }
      i &+= ClauseContexts.step(p[i])
    }
    return nil
  }
}

extension ClauseContexts {
  static let early = Markers(Sentences.zaoZai)
  static let yiLaiWords = Markers(Sentences.yiLai)
  static let since = Markers(Sentences.sinceMarkers)
}
