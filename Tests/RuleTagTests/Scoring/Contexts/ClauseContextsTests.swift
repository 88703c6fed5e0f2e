import Testing

@testable import RuleTag

/// The per-document clause index must answer exactly as the plain per-hit
/// walk of `Sentences.context(of:in:)`, which is the specification.
@Suite struct ClauseContextsTests {
  /// Pieces that build sentences full of contexts: list commas, clause and
  /// sentence ends, slogan and plan markers, words that only look like them.
  static let pieces = [
    "工会", "举办", "技能竞赛", "、", "、", ",", ",", "。", "!", "\n", "等", "弘扬", "精神", "要", "将", "将于",
    "拟于", "下一步", "重要", "需要", "计划", "于", "职工", "快递小哥", "劳模", "驿站", "服务", "和", "a", "12",
    // Eligibility, purpose, background, delivered and contest trades.
    "面向", "惠及", "包括", "开展", "对象", "条件", "为", ":", "凡", "均可", "可报名", "为了", "旨在", "为进一步", "了", "早在",
    "自", "以来", "成立", "至今", "来自", "提供了", "送上", "大赛", "车床", "比武", "将有", "承诺", " ",
  ]

  @Test func agreesWithPlainWalkOnRandomText() {
    var rng = SeededRandom(seed: 20261123)
    let all: [HitContext] = [
      .list, .slogan, .plan, [.list, .slogan, .plan], .eligibility, .purpose, .background, .delivered,
      HitContext.ignoredByDefault,
    ]
    for _ in 0..<200 {
      let n = Int.random(in: 1...40, using: &rng)
      let text = (0..<n).map { _ in ClauseContextsTests.pieces.randomElement(using: &rng)! }.joined()
      let bytes = Normalizer.normalize(text).bytes
      var index = ClauseContexts()
      bytes.withUnsafeBufferPointer { p in
        // The same pass finds the sentence ends.
        var plainEnds: [Int32] = []
        Sentences.sentenceEnds(p, into: &plainEnds)
        index.build(p)
        #expect(index.sentenceEnds == plainEnds, "\(text)")
        // Every scalar-aligned span of up to 4 scalars.
        var starts: [Int] = []
        for i in 0..<p.count where p[i] & 0xC0 != 0x80 { starts.append(i) }
        starts.append(p.count)
        for a in 0..<(starts.count - 1) {
          for len in 1...4 where a + len < starts.count {
            let r = starts[a]..<starts[a + len]
            let expected = Sentences.context(of: r, in: p)
            for wanted in all {
              let got = index.intersects(r, wanted, in: p)
              #expect(got == !expected.intersection(wanted).isEmpty, "\(text) \(r) \(wanted.rawValue)")
            }
          }
        }
      }
    }
  }

  /// `Markers.group` offers every marker word that starts at a position,
  /// at the end of the text and before more text, and only words with the
  /// first character there.
  @Test func markerGroupsOfferEveryWordThatStarts() {
    for m in [ClauseContexts.plan, ClauseContexts.slogan, ClauseContexts.planAfterWords, ClauseFacts.all] {
      for w in Set(m.groups.joined()) {
        for text in [w, w + Array("工会".utf8)] {
          text.withUnsafeBufferPointer { p in
            let g = m.group(p, 0)
            #expect(g.map { m.groups[$0].contains(w) } == true, "\(String(decoding: w, as: UTF8.self))")
            for o in g.map({ m.groups[$0] }) ?? [] { #expect(o.prefix(3).elementsEqual(w.prefix(3))) }
          }
        }
      }
    }
  }
}
