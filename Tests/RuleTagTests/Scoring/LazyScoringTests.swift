// The lazy scoring paths (flat, title and sentence rules stop accepting hits
// once their cap is settled) must give exactly what the plain definition
// gives: `scan` against `scanReference`, on real articles with the shipped
// rules and on random text with rules built to stress caps, overlaps,
// guards, contexts and `not` terms.

import Foundation
import Testing

@testable import RuleTag

@Suite struct LazyScoringTests {
  /// Rules whose hits overlap, repeat and fall in every context.
  static let stressRules = """
    define ORGS = 工会 | 总工会 | /(市|县)总/
    topic a "A" threshold 3 ignore-in list|plan
      +1  工会, 总工会, 工会联合会, 市总, 联合  cap 3
      +2  技能竞赛, 竞赛, /竞赛[^,。]{0,4}职工/  cap 2 not-inside 技能竞赛活动
      +1  驿站, 快递驿站  not-after 快递 cap 4
      +3  sentence(工会|总工会|联合, 举办|开展, not(计划|等))  cap 2
      +2  sentence(/(总|市)?工会/|驿站, /举办.{0,3}竞赛/|服务, not(/等.?职工/))  cap 2 not-after 市
      +2  sentence(竞赛|/技能.{0,2}赛/, 职工|工会)
      -1  title(竞赛|工会)  counts-in list|slogan|plan
      +1  near(3, 驿站, 服务)  cap 2
      +2  near(2, 工会|/总?工会/|联合, 举办|开展|/举办.?竞赛/)  cap 3 not-before 等
      +1  near(0, 竞赛|技能竞赛, 职工|工匠)  counts-in list
      +1  lead(竞赛|ORGS)  cap 2
      +1  near(4, lead(驿站), 服务)  cap 2
      +2  技能大赛  unless-lead 计划|要  cap 2
      +1  sentence(ORGS, 举办)  if-lead 竞赛  counts-in purpose|background ignore-in delivered
    topic b "B" threshold 2 ignore-in slogan
      +2  劳模, 工匠  cap 3
      +1  sentence(劳模|工匠|精神, 弘扬|举办, 工会)  cap 3 counts-in list
      +1  title(劳模)
      +1  服务  counts-in plan cap 9
      +1  劳模  if-lead 弘扬  cap 2 counts-in eligibility
    """

  static let pieces = [
    "工会", "总工会", "工会联合会", "市总", "联合", "举办", "开展", "技能竞赛", "竞赛", "技能大赛", "活动", "职工",
    "驿站", "快递", "服务", "劳模", "工匠", "弘扬", "精神", "计划", "要", "等", "、", "、", ",", ",", "。", "!", "\n",
    "和", "的", "a", "面向", "为了", "自", "以来", "提供了", "对象", ":",
  ]

  static func randomText(_ rng: inout SeededRandom, pieces n: Int) -> String {
    (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
  }

  func expectSame(_ scanner: inout ArticleScanner, title: String, text: String, _ what: String) {
    let lazy = scanner.scan(title: title, text: text)
    let plain = scanner.scanReference(title: title, text: text)
    #expect(lazy == plain, "\(what): title \(title) text \(text)")
  }

  @Test func agreesWithReferenceOnRandomText() throws {
    let rules = try #require(compileRules(Self.stressRules))
    var scanner = ArticleScanner(rules: rules)
    var rng = SeededRandom(seed: 0x5EED_2026_1123)
    var fired = 0
    for k in 0..<2000 {
      let title = Self.randomText(&rng, pieces: Int.random(in: 0...4, using: &rng))
      let text = Self.randomText(&rng, pieces: Int.random(in: 1...60, using: &rng))
      expectSame(&scanner, title: title, text: text, "case \(k)")
      fired += scanner.scan(title: title, text: text).fired.joined().count
    }
    // The random texts do make rules fire (the comparison is not vacuous).
    #expect(fired > 2000)
  }

  @Test func agreesWithReferenceOnCorpus() throws {
    try agreesWithReference(on: PackagePaths.corpusFile.path, atLeast: 42)
  }

  @Test(Devset.required)
  func agreesWithReferenceOnDevset() throws {
    try agreesWithReference(on: Devset.articles.path, atLeast: 100)
  }

  /// The articles of `path` (at least `count`), then 300 articles of their
  /// sentences shuffled, each scanned both ways.
  func agreesWithReference(on path: String, atLeast count: Int) throws {
    let rules = try CompiledRules.load(path: PackagePaths.rules.path).get()
    var scanner = ArticleScanner(rules: rules)
    var n = 0
    let reader = InputReader(paths: [path])
    var rng = SeededRandom(seed: 42)
    var sentences: [String] = []
    while let r = reader.next() {
      guard case .success(let a) = r.parse() else { continue }
      expectSame(&scanner, title: a.titleString, text: a.textString, r.source)
      sentences += a.textString.split(separator: "。").map { String($0) + "。" }
      n += 1
    }
    #expect(n >= count)
    // Articles made of real sentences from all over, shuffled.
    for k in 0..<300 {
      let text = (0..<Int.random(in: 1...30, using: &rng)).map { _ in sentences.randomElement(using: &rng)! }.joined()
      expectSame(&scanner, title: sentences.randomElement(using: &rng)!, text: text, "mix \(k)")
    }
  }
}
