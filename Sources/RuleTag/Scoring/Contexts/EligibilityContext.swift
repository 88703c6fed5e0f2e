// The eligibility context: who may take part or who is served, not what
// happened (`报名条件:年满18周岁,…`, `活动面向全市外卖骑手、快递员`,
// `凡在本市从事配送的骑手均可报名`).
//
// A hit is in eligibility when
// - a heading (条件 / 对象 / 范围 followed by `:`, 为, 是, 包括 or 如下)
//   ends before it in its sentence, or its sentence starts with 凡: the
//   conditions run on through the commas to the sentence end;
// - a scope word (面向, 惠及, 覆盖, 包括, 包含, 涵盖, 适用于) ends before it
//   in its clause, and no report verb (开展, 举办, 提供 …) follows that
//   word in the clause: `面向骑手开展培训` reports the training, while
//   `活动面向全市骑手,…` and `惠及职工3000余人以及农民工` only say who is
//   served;
// - an availability word (可报名, 可参加, 可申请, 均可, 即可 …) follows
//   it in its clause.

extension Sentences {
  static let eligibilityHeadings: [[UInt8]] = ["条件", "对象", "范围"].map { Array($0.utf8) }
  static let eligibilityHeadingFollowers: [[UInt8]] = [":", "为", "是", "包括", "如下"].map { Array($0.utf8) }
  static let eligibilityScopes: [[UInt8]] = ["面向", "惠及", "覆盖", "包括", "包含", "涵盖", "适用于"].map { Array($0.utf8) }
  static let reportVerbs: [[UInt8]] = [
    "开展", "举办", "举行", "组织", "进行", "提供", "推出", "开设", "启动", "召开", "发放", "送上", "送去", "送来", "走访", "慰问",
    "建立", "成立", "设立", "打造", "实施", "参加", "参与", "开通", "上线", "建成",
  ].map { Array($0.utf8) }
  static let eligibilityAfter: [[UInt8]] = ["可报名", "可参加", "可参与", "可申请", "可申报", "可享受", "方可", "均可", "即可"].map {
    Array($0.utf8)
  }
  static let fan: [UInt8] = Array("凡".utf8)

  /// The first end of a heading (a heading word and its follower, the
  /// word lying in `r`), or Int32.max.
  static func firstHeadingEnd(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int32 {
    var i = r.lowerBound
    while i + 2 < r.upperBound {
      if let ws = ClauseContexts.headings.candidates(p, i) {
        for w in ws where i + w.count <= r.upperBound && starts(p, at: i, with: w) {
          for f in eligibilityHeadingFollowers where starts(p, at: i + w.count, with: f) { return Int32(i + w.count) }
        }
      }
      i &+= ClauseContexts.step(p[i])
    }
    return Int32.max
  }

  /// Whether the sentence starting at `s` starts with 凡 (after spaces).
  static func startsWithFan(_ p: UnsafeBufferPointer<UInt8>, _ s: Int) -> Bool {
    var i = s
    while i < p.count && (p[i] == 0x20 || p[i] == 0x0A) { i += 1 }
    return starts(p, at: i, with: fan)
  }

  /// The end of the clause's first scope word when no report verb follows
  /// it in the clause, else Int32.max.
  static func scopeEnd(_ p: UnsafeBufferPointer<UInt8>, _ clause: Range<Int>) -> Int32 {
    let e = firstMarkerEnd(p, clause, ClauseContexts.scopes)
    if e == Int32.max { return e }
    return firstMarkerEnd(p, Int(e)..<clause.upperBound, ClauseContexts.verbs) == Int32.max ? e : Int32.max
  }
}

extension ClauseContexts {
  static let headings = Markers(Sentences.eligibilityHeadings)
  static let scopes = Markers(Sentences.eligibilityScopes)
  static let verbs = Markers(Sentences.reportVerbs)
  static let available = Markers(Sentences.eligibilityAfter)
}
