import Testing

@testable import RuleTag

/// Byte range of the first occurrence of `needle` in the normalised form of `text`.
func normalizedRange(of needle: String, in text: String, occurrence: Int = 0) -> (bytes: [UInt8], range: Range<Int>)? {
  let bytes = Normalizer.normalize(text).bytes
  let n = Array(Normalizer.normalizedString(needle).utf8)
  var seen = 0
  var i = 0
  while i + n.count <= bytes.count {
    if Array(bytes[i..<i + n.count]) == n {
      if seen == occurrence { return (bytes, i..<(i + n.count)) }
      seen += 1
    }
    i += 1
  }
  return nil
}

@Suite struct SentencesTests {
  struct ContextCase: CustomTestStringConvertible, Sendable {
    var id: String
    var text: String
    var hit: String
    var occurrence = 0
    var expected: HitContext
    var testDescription: String { id }
  }

  static let contextCases: [ContextCase] = [
    // Every item of a 、-enumeration is a list item, first, middle and last.
    ContextCase(id: "list-first", text: "联合开展职工技能培训、劳动竞赛、维权帮困和各类文化体育活动", hit: "技能培训", expected: .list),
    ContextCase(id: "list-middle", text: "联合开展职工技能培训、劳动竞赛、维权帮困和各类文化体育活动", hit: "劳动竞赛", expected: .list),
    ContextCase(id: "list-last", text: "联合开展职工技能培训、劳动竞赛、维权帮困和各类文化体育活动", hit: "维权帮困", expected: .list),
    ContextCase(id: "list-last-tail", text: "联合开展职工技能培训、劳动竞赛、维权帮困和各类文化体育活动", hit: "文化体育", expected: .list),
    ContextCase(id: "list-ends-at-clause", text: "举办了劳动竞赛、技能培训,职工技能比武取得好成绩", hit: "技能比武", expected: []),
    ContextCase(id: "slogan-followed-by-jingshen", text: "弘扬劳模精神、劳动精神", hit: "劳模", expected: [.list, .slogan]),
    ContextCase(id: "slogan-second-item", text: "弘扬劳模精神、劳动精神", hit: "劳动", expected: [.list, .slogan]),
    ContextCase(id: "slogan-marker-in-clause", text: "争做新时代的快递小哥", hit: "快递小哥", expected: .slogan),
    ContextCase(id: "slogan-only-own-clause", text: "践行初心,快递小哥送来温暖", hit: "快递小哥", expected: []),
    ContextCase(id: "plan-xiayibu", text: "下一步将开展技能竞赛", hit: "技能竞赛", expected: .plan),
    ContextCase(id: "plan-yao", text: "各级工会要做好技能竞赛", hit: "技能竞赛", expected: .plan),
    ContextCase(id: "plan-lizheng", text: "力争年内建成十个驿站", hit: "驿站", expected: .plan),
    ContextCase(id: "not-plan-zhongyao", text: "这是一次重要的技能竞赛", hit: "技能竞赛", expected: []),
    ContextCase(id: "not-plan-xuyao", text: "根据职工需要举办技能竞赛", hit: "技能竞赛", expected: []),
    ContextCase(id: "plan-jiang-verb", text: "工会将开展技能竞赛", hit: "技能竞赛", expected: .plan),
    ContextCase(id: "not-plan-jiang-as-ba", text: "县总工会将慰问金送到困难职工手中", hit: "困难职工", expected: []),
    ContextCase(id: "not-list-subject-before-object-list", text: "志愿者为职工送上了奶茶、春联和福字", hit: "志愿者", expected: []),
    ContextCase(id: "plan-jijiang", text: "即将举办技能竞赛", hit: "技能竞赛", expected: .plan),
    ContextCase(id: "plan-marker-after-hit", text: "技能竞赛将于明天举行", hit: "技能竞赛", expected: .plan),
    ContextCase(id: "plan-nyu-after-hit", text: "职工运动会拟于11月2日启动", hit: "运动会", expected: .plan),
    ContextCase(id: "plan-marker-earlier-clause", text: "计划利用周末时间,免费为职工开展技能培训", hit: "技能培训", expected: .plan),
    ContextCase(id: "plan-marker-other-sentence", text: "要加油。技能竞赛已经举行", hit: "技能竞赛", expected: []),
    ContextCase(id: "plan-marker-later-clause", text: "技能竞赛已经举行,下一步要推广", hit: "技能竞赛", expected: []),
    ContextCase(
      id: "list-item-too-long", text: "日前,织里镇总工会、镇社会事务办等共同举办2024年织里镇趣味运动会", hit: "趣味运动会",
      expected: []),
    ContextCase(id: "list-closed-by-deng", text: "总工会、团委等举办运动会", hit: "运动会", expected: []),
    ContextCase(id: "not-slogan-jingshen-fengmao", text: "展现了快递小哥的精神风貌", hit: "快递小哥", expected: []),
    ContextCase(id: "plan-marker-other-sentence", text: "要加油。技能竞赛已经举行", hit: "技能竞赛", expected: []),
    ContextCase(id: "plain-report", text: "市总工会举办技能竞赛。", hit: "技能竞赛", expected: []),
  ]

  @Test(arguments: contextCases)
  func context(_ c: ContextCase) throws {
    let (bytes, r) = try #require(normalizedRange(of: c.hit, in: c.text, occurrence: c.occurrence))
    let got = bytes.withUnsafeBufferPointer { Sentences.context(of: r, in: $0) }
    #expect(got == c.expected, "got \(got.rawValue), expected \(c.expected.rawValue)")
  }

  struct BoundsCase: CustomTestStringConvertible, Sendable {
    var id: String
    var text: String
    var hit: String
    var sentence: String
    var clause: String
    var testDescription: String { id }
  }

  static let boundsCases: [BoundsCase] = [
    BoundsCase(
      id: "middle-sentence", text: "第一句。工会服务职工,效果很好。第三句", hit: "服务", sentence: "工会服务职工,效果很好。", clause: "工会服务职工"),
    BoundsCase(id: "first-sentence", text: "工会服务职工!第二句", hit: "工会", sentence: "工会服务职工!", clause: "工会服务职工"),
    BoundsCase(id: "last-no-end", text: "前面。后来工会来了", hit: "工会", sentence: "后来工会来了", clause: "后来工会来了"),
    BoundsCase(id: "line-break-ends", text: "标题工会\n\n正文", hit: "工会", sentence: "标题工会", clause: "标题工会"),
    BoundsCase(id: "semicolon-question", text: "甲;工会好吗?乙", hit: "工会", sentence: "工会好吗?", clause: "工会好吗"),
    BoundsCase(id: "colon-clause", text: "通知:工会开会,散会", hit: "开会", sentence: "通知:工会开会,散会", clause: "工会开会"),
    // Regression: the clause once ended inside the 3-byte 。 (`工会开会` + E3 80).
    BoundsCase(id: "clause-ends-at-full-stop", text: "通知:工会开会。", hit: "开会", sentence: "通知:工会开会。", clause: "工会开会"),
  ]

  @Test(arguments: boundsCases)
  func sentenceAndClause(_ c: BoundsCase) throws {
    let (bytes, r) = try #require(normalizedRange(of: c.hit, in: c.text))
    bytes.withUnsafeBufferPointer { p in
      let s = Sentences.sentence(around: r, in: p)
      let cl = Sentences.clause(around: r, in: p)
      #expect(String(decoding: p[s], as: UTF8.self) == c.sentence)
      #expect(String(decoding: p[cl], as: UTF8.self) == c.clause)
    }
  }

  @Test func sentenceNumbering() {
    let bytes = Normalizer.normalize("甲。乙!丙\n\n丁").bytes
    var ends: [Int32] = []
    bytes.withUnsafeBufferPointer { Sentences.sentenceEnds($0, into: &ends) }
    #expect(ends.count == 4)  // three sentence ends + the sentinel after the last, open one
    let s = String(decoding: bytes, as: UTF8.self)
    for (k, ch) in ["甲", "乙", "丙", "丁"].enumerated() {
      let off = s.utf8.distance(from: s.utf8.startIndex, to: s.utf8.firstRange(of: ch.utf8)!.lowerBound)
      #expect(Sentences.sentenceIndex(of: off, ends: ends) == k, "\(ch)")
    }
  }

  /// The indexed form (binary search on the document's sentence ends)
  /// gives the walk's answer for every span of random text.
  @Test func sentenceAroundThroughEndsEqualsTheWalk() {
    var rng = SeededRandom(seed: 77)
    let pieces = ["工会", "。", "!", "?", ";", "\n", " ", ",", "、", "职工", "a", "12", "”", "。\n"]
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { p in
        var ends: [Int32] = []
        Sentences.sentenceEnds(p, into: &ends)
        for a in 0...p.count {
          for b in a...min(p.count, a + 7) {
            let walk = Sentences.sentence(around: a..<b, in: p)
            let indexed = Sentences.sentence(around: a..<b, in: p, ends: ends)
            #expect(walk == indexed, "\(text.debugDescription) \(a)..<\(b)")
          }
        }
      }
    }
  }
}
