// One table per context: sentences whose hit must stand in it, and
// sentences whose hit must not. Each row is checked against the plain
// definition (`Sentences.context(of:in:)`) and the per-document index
// that scoring asks (`ClauseContexts`).

import Testing

@testable import RuleTag

@Suite struct ContextTableTests {
  struct Row: CustomTestStringConvertible, Sendable {
    var context: String
    var text: String
    var hit: String
    var inside: Bool
    var occurrence = 0
    var testDescription: String { "\(context) \(inside ? "in" : "not in"): \(text) [\(hit)]" }
  }

  static func rows(_ context: String, inside: [(String, String)], outside: [(String, String)]) -> [Row] {
    inside.map { Row(context: context, text: $0.0, hit: $0.1, inside: true) }
      + outside.map { Row(context: context, text: $0.0, hit: $0.1, inside: false) }
  }

  static let eligibility = rows(
    "eligibility",
    inside: [
      ("报名条件:年满18周岁,从事快递行业满一年的快递员", "快递员"),
      ("参赛对象为全市各行业在岗职工", "职工"),
      ("培训对象:全市外卖骑手、快递员等新就业形态劳动者", "骑手"),
      ("服务范围包括全区所有户外劳动者", "户外劳动者"),
      ("活动面向全市外卖骑手、快递员等新就业形态劳动者,名额100个", "新就业形态劳动者"),
      ("项目惠及职工3000余人以及农民工", "农民工"),
      ("服务覆盖全市20个驿站及3000名骑手", "骑手"),
      ("凡在本市从事网约配送的骑手,均可报名参加", "骑手"),
      ("在本市工作的快递员均可报名", "快递员"),
      ("持有会员卡的职工可享受免费体检", "职工"),
      ("本次竞赛适用于全市技能人才", "技能人才"),
    ],
    outside: [
      ("工会面向骑手开展了技能培训", "技能培训"),
      ("面向新就业形态劳动者举办专场招聘会", "招聘会"),
      ("市总工会举办职工技能大赛", "技能大赛"),
      ("快递员在驿站休息", "快递员"),
      ("报名结束后,竞赛正式开始,职工们踊跃参赛", "职工们"),
      ("参赛对象为全市职工。比赛于昨日举行,职工踊跃参加", "比赛"),
      ("项目惠及职工3000余人,今年还将扩大", "今年"),
      ("骑手们参加了义诊,均可报名", "义诊"),
      ("平凡岗位上的快递员", "快递员"),
      ("条件艰苦的一线职工得到慰问", "一线职工"),
    ])

  static let purpose = rows(
    "purpose",
    inside: [
      ("为进一步丰富职工文化生活,市总工会举办了运动会", "文化生活"),
      ("为了提升骑手技能水平,工会开展培训", "骑手"),
      ("此次活动旨在提升新就业形态劳动者的获得感", "新就业形态劳动者"),
      ("为保障骑手合法权益,区总工会成立法律服务队", "骑手"),
      ("工会为切实维护职工权益,开展法律援助", "职工权益"),
      ("目的是帮助困难职工渡过难关", "困难职工"),
      ("为更好服务户外劳动者,驿站延长开放时间", "户外劳动者"),
      ("开展技能培训,以便职工尽快上岗", "上岗"),
      ("为深入推进产业工人队伍建设改革,举办技能竞赛", "产业工人"),
    ],
    outside: [
      ("为进一步丰富职工文化生活,市总工会举办了运动会", "运动会"),
      ("此次活动旨在提升技能,骑手们踊跃参加", "骑手们"),
      ("为骑手提供了免费体检,受到欢迎", "免费体检"),
      ("工会为骑手提供免费体检", "免费体检"),
      ("市总工会举办技能大赛,吸引了200名职工参赛", "职工"),
      ("他被评为劳动模范,并获得表彰", "劳动模范"),
      ("骑手们齐聚一堂,为了梦想而努力。驿站里很热闹", "驿站"),
      ("以为快递员只是送件的", "快递员"),
      ("成为一名快递员,为梦想奋斗", "快递员"),
    ])

  static let background = rows(
    "background",
    inside: [
      ("早在2018年建成的爱心驿站", "爱心驿站"),
      ("自2020年驿站建成以来,已服务骑手3万人次", "驿站"),
      ("该工会自成立以来,一直关心职工", "工会"),
      ("自从快递行业工会组建以来", "快递行业工会"),
      ("骑手工会成立以来,会员不断增加", "骑手工会"),
      ("驿站开通至今,接待户外劳动者5000余人", "驿站"),
      ("劳模工作室创办以来,培养徒弟30余名", "劳模工作室"),
      ("早在去年,工会就为快递员送去关爱", "去年"),
      ("联合工会成立以来", "联合工会成立"),
    ],
    outside: [
      ("早在2022年,区总工会就推出关爱快递小哥行动", "快递小哥"),
      ("自2020年驿站建成以来,已服务骑手3万人次", "骑手"),
      ("骑手工会成立以来,会员不断增加", "会员"),
      ("行业工会成立后,将开展文体活动", "行业工会"),
      ("来自各地的骑手参加了比赛以来", "比赛"),
      ("昨天,快递行业工会正式成立", "快递行业工会"),
      ("工会举办技能大赛", "技能大赛"),
      ("各自岗位上的劳模以来", "劳模"),
      ("驿站已运行三年", "驿站"),
    ])

  static let delivered = rows(
    "delivered",
    inside: [
      ("为骑手提供了健康监测、理疗、常备药等服务", "理疗"),
      ("为骑手提供了健康监测、理疗、常备药等服务", "健康监测"),
      ("志愿者为职工送上了奶茶、春联和福字", "春联"),
      ("工会送去了慰问金、米、油等物资", "慰问金"),
      ("向困难职工发放了慰问金、大米、食用油", "大米"),
      ("为环卫工人赠送防暑药品、清凉饮品", "清凉饮品"),
      ("驿站配备了饮水机、微波炉、充电宝", "微波炉"),
      ("医生为职工带来了义诊、健康讲座", "健康讲座"),
      ("工会捐赠图书、文具等学习用品", "图书"),
    ],
    outside: [
      ("联合开展职工技能培训、劳动竞赛、维权帮困", "劳动竞赛"),
      ("工会提供免费体检、理疗", "理疗"),
      ("市总工会举办技能大赛", "技能大赛"),
      ("体检、理疗等服务,由工会提供了", "理疗"),
      ("送上了祝福。驿站有饮水机、微波炉", "微波炉"),
      ("驿站设有饮水机、微波炉", "微波炉"),
      ("为骑手提供了免费体检", "免费体检"),
      ("职工们参加了技能培训、劳动竞赛", "劳动竞赛"),
      ("工会送上了慰问,骑手、快递员很感动", "快递员"),
    ])

  /// List items, and the two kinds of first words that are not items.
  static let list = rows(
    "list",
    inside: [
      ("联合开展职工技能培训、劳动竞赛、维权帮困", "技能培训"),
      ("联合开展职工技能培训、劳动竞赛、维权帮困", "维权帮困"),
      ("职业技能大赛车床、数控等项目开赛", "数控"),
      ("举办了演讲比赛、技能比赛", "演讲比赛"),
      ("工会提供免费体检、理疗", "理疗"),
      ("驿站设有饮水机、微波炉", "微波炉"),
      ("职工们参加了技能培训、劳动竞赛", "劳动竞赛"),
      ("开展技能竞赛、岗位练兵", "技能竞赛"),
    ],
    outside: [
      ("职业技能大赛车床、数控等项目开赛", "技能大赛"),
      ("全市职工技能大赛车工、焊工等项目开赛", "职工"),
      ("第五届职工劳动竞赛电工、钳工比武启动", "劳动竞赛"),
      ("岗位技能比武叉车、电工项目", "岗位技能比武"),
      ("为骑手提供了健康监测、理疗、常备药等服务", "理疗"),
      ("志愿者为职工送上了奶茶、春联和福字", "志愿者"),
      ("总工会、团委等举办运动会", "运动会"),
      ("市总工会举办技能大赛。", "技能大赛"),
    ])

  /// The plan markers added for general rules.
  static let plan = rows(
    "plan",
    inside: [
      ("工会将有更多驿站投入使用", "驿站"),
      ("他表示将继续为骑手服务", "骑手"),
      ("市总工会承诺为快递员办实事", "快递员"),
      ("预计全年举办技能竞赛20场", "技能竞赛"),
      ("工会将进行技能比武", "技能比武"),
      ("今年云南4万名优秀一线职工将参加疗休养", "疗休养"),
      ("驿站有望年底建成", "年底"),
      ("各级工会将聚焦新就业形态劳动者", "新就业形态劳动者"),
      ("即将开赛的技能大赛", "技能大赛"),
    ],
    outside: [
      ("县总工会将慰问金送到困难职工手中", "困难职工"),
      ("工会将服务送到骑手身边", "骑手"),
      ("市总工会举办技能大赛", "技能大赛"),
      ("他表示,骑手们很辛苦", "骑手们"),
      ("将军路上的驿站", "驿站"),
      ("工会已经为快递员办实事", "快递员"),
      ("技能竞赛已经举行,下一步要推广", "技能竞赛"),
      ("驿站建成", "驿站"),
    ])

  static let all = eligibility + purpose + background + delivered + list + plan

  @Test(arguments: all)
  func row(_ r: Row) throws {
    let c = try #require(HitContext.names.first { $0.0 == r.context }).1
    let (bytes, range) = try #require(normalizedRange(of: r.hit, in: r.text, occurrence: r.occurrence))
    bytes.withUnsafeBufferPointer { p in
      let plain = Sentences.context(of: range, in: p)
      #expect(plain.contains(c) == r.inside, "plain walk: \(plain.rawValue)")
      var index = ClauseContexts()
      #expect(index.intersects(range, c, in: p) == r.inside, "index")
    }
  }

  /// Each table has at least eight rows each way.
  @Test func tablesAreFull() {
    for table in [Self.eligibility, Self.purpose, Self.background, Self.delivered, Self.list, Self.plan] {
      #expect(table.filter(\.inside).count >= 8 && table.filter { !$0.inside }.count >= 8, "\(table[0].context)")
    }
  }
}
