// Every construct of the rule language, parsed and scored the way the
// README documents it. Each row is a rule set, an article and the score.

import Foundation
import Testing

@testable import RuleTag

/// Scans one article with `rules` (a topic header is added when missing).
func scoreArticle(_ rules: String, title: String = "", text: String, sourceLocation: SourceLocation = #_sourceLocation)
  -> (ArticleResult, CompiledRules)?
{
  let full = rules.contains("topic ") ? rules : "topic new-employment \"新就业形态劳动者\" threshold 1\n" + rules
  guard let c = compileRules(full, sourceLocation: sourceLocation) else { return nil }
  var scanner = ArticleScanner(rules: c)
  return (scanner.scan(title: title, text: text), c)
}

@Suite struct RuleLanguageTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var rules: String
    var title = ""
    var text: String
    var score: Double
    var testDescription: String { id }
  }

  static let cases: [Case] = [
    // Keyword lists: `,` and `|` both separate alternatives; cap 1 by default.
    Case(id: "list-comma", rules: "+2 外卖小哥, 快递员", text: "一名快递员", score: 2),
    Case(id: "list-bar", rules: "+2 外卖小哥 | 快递员", text: "一名快递员", score: 2),
    Case(id: "list-default-cap-1", rules: "+2 外卖小哥, 快递员", text: "外卖小哥和快递员,快递员", score: 2),
    Case(id: "list-no-hit", rules: "+2 外卖小哥, 快递员", text: "网约车司机", score: 0),
    Case(id: "quoted-keyword-with-space", rules: "+2 \"food delivery\"", text: "Food  Delivery riders", score: 2),
    Case(id: "keyword-normalised", rules: "+2 外賣小哥", text: "外卖\n小哥", score: 2),
    Case(id: "keyword-fullwidth", rules: "+2 ＡＰＰ", text: "下载app", score: 2),
    Case(id: "fractional-weight", rules: "+1.5 骑手 cap 2", text: "骑手,骑手", score: 3),
    // Whitespace: between Han characters it is typesetting and matching sees
    // through it (keywords, guards); a paragraph break is not seen through;
    // between Latin words a space is a token boundary.
    Case(id: "space-between-han-seen-through", rules: "+2 卖骑", text: "外卖 骑手", score: 2),
    Case(id: "ideographic-space-seen-through", rules: "+2 外卖骑手", text: "外卖\u{3000}骑手", score: 2),
    Case(id: "guard-sees-through-space", rules: "+2 骑手 not-after 外卖", text: "外卖  骑手", score: 0),
    Case(id: "paragraph-break-not-seen-through", rules: "+2 卖骑", text: "外卖\n\n骑手", score: 0),
    Case(id: "space-between-latin-kept", rules: "+2 appstore", text: "app store", score: 0),
    Case(id: "space-between-latin-matches-spaced-keyword", rules: "+2 \"app store\"", text: "App  Store", score: 2),
    // cap
    Case(id: "cap-limits", rules: "+2 骑手 cap 3", text: "骑手骑手骑手骑手骑手", score: 6),
    Case(id: "cap-not-reached", rules: "+2 骑手 cap 3", text: "骑手和骑手", score: 4),
    // negative weights
    Case(id: "negative", rules: "+3 骑手\n  -2 招聘会", text: "骑手招聘会", score: 1),
    Case(id: "negative-alone", rules: "+3 骑手\n  -2 招聘会", text: "招聘会", score: -2),
    // regex
    Case(id: "regex", rules: "+3 /(外卖|快递)(员|骑手)/", text: "外卖骑手们", score: 3),
    Case(id: "regex-no-match", rules: "+3 /(外卖|快递)(员|骑手)/", text: "外卖小哥", score: 0),
    Case(id: "regex-on-normalised-text", rules: "+3 /外卖(员|骑手)/", text: "外賣ＡＢ骑手 外賣骑\n手", score: 3),
    Case(id: "regex-case-insensitive", rules: "+3 /app\\d/", text: "APP3", score: 3),
    // Patterns ByteRegex refuses (`\\w`), and sentences it hands back (a
    // cased letter outside ASCII under a pattern with letters), go to ICU.
    Case(id: "regex-icu-pattern", rules: "+3 /骑手\\w{0,2}驿站/", text: "骑手爱心驿站", score: 3),
    Case(id: "regex-icu-pattern-no-match", rules: "+3 /骑手\\w{0,2}驿站/", text: "骑手来到了爱心驿站", score: 0),
    Case(id: "regex-icu-sentence", rules: "+3 /app\\d/", text: "Σ用APP3下单", score: 3),
    Case(id: "regex-cap", rules: "+1 /骑手/ cap 5", text: "骑手骑手骑手", score: 3),
    // A regex matches inside one sentence only.
    Case(id: "regex-within-sentence", rules: "+3 /工会.{0,10}成立/", text: "工会今天成立了。", score: 3),
    Case(id: "regex-not-across-sentences", rules: "+3 /工会.{0,10}成立/", text: "工会开会。骑手成立了车队", score: 0),
    Case(id: "regex-later-sentence", rules: "+3 /工会.{0,10}成立/", text: "开会。快递工会成立", score: 3),
    // Contexts filter only the first term of sentence/all/near.
    Case(
      id: "sentence-second-term-in-list-counts", rules: "+3 sentence(骑手, 体检)",
      text: "骑手们在驿站免费体检、理疗", score: 3),
    Case(
      id: "sentence-first-term-in-list-ignored", rules: "+3 sentence(运动会, 举办)",
      text: "工会举办了运动会、读书会、演讲会", score: 0),
    Case(id: "near-second-term-in-list-counts", rules: "+2 near(6, 骑手, 体检)", text: "骑手在驿站参加体检、培训", score: 2),
    Case(id: "near-first-term-in-list-ignored", rules: "+2 near(6, 骑手, 体检)", text: "快递员、骑手参加体检", score: 0),
    // Inline pinyin glosses are dropped by the normaliser.
    Case(id: "pinyin-gloss", rules: "+2 网约车司机", text: "網(wǎng)約車司機(jī)入会", score: 2),
    // any / all / not
    Case(id: "any", rules: "+2 any(工会, 骑手)", text: "骑手", score: 2),
    Case(id: "all-both", rules: "+2 all(工会, 骑手)", text: "工会。另一句里有骑手", score: 2),
    Case(id: "all-one-missing", rules: "+2 all(工会, 骑手)", text: "工会", score: 0),
    Case(id: "all-alternatives", rules: "+2 all(工会|总工会, 骑手|快递员)", text: "总工会慰问快递员", score: 2),
    Case(id: "all-not-blocks", rules: "+2 all(驿站, not(快递))", text: "驿站。快递", score: 0),
    Case(id: "all-not-absent", rules: "+2 all(驿站, not(快递))", text: "爱心驿站", score: 2),
    // sentence
    Case(id: "sentence-same", rules: "+3 sentence(工会, 骑手)", text: "工会慰问骑手。", score: 3),
    Case(id: "sentence-different", rules: "+3 sentence(工会, 骑手)", text: "工会开会。骑手休息。", score: 0),
    Case(id: "sentence-line-break", rules: "+3 sentence(工会, 骑手)", text: "工会开会\n\n骑手休息", score: 0),
    Case(id: "sentence-broken-line-joins", rules: "+3 sentence(工会, 骑手)", text: "工会开会\n骑手休息", score: 3),
    Case(id: "sentence-not-same", rules: "+3 sentence(驿站, not(快递))", text: "快递驿站开业。", score: 0),
    Case(id: "sentence-not-other", rules: "+3 sentence(驿站, not(快递))", text: "驿站开业。快递来了。", score: 3),
    Case(id: "sentence-cap-per-sentence", rules: "+1 sentence(工会, 骑手) cap 5", text: "工会、骑手。工会!骑手工会", score: 1),
    Case(
      id: "sentence-each-sentence", rules: "+1 sentence(工会, 骑手) cap 5 counts-in list", text: "工会、骑手。工会,骑手。", score: 2),
    // near
    Case(id: "near-within", rules: "+2 near(2, 驿站, 骑手)", text: "驿站有骑手", score: 2),
    Case(id: "near-exact-distance", rules: "+2 near(2, 驿站, 骑手)", text: "驿站里有骑手", score: 2),
    Case(id: "near-too-far", rules: "+2 near(2, 驿站, 骑手)", text: "驿站里面有骑手", score: 0),
    Case(id: "near-either-order", rules: "+2 near(2, 驿站, 骑手)", text: "骑手进驿站", score: 2),
    Case(id: "near-zero-adjacent", rules: "+2 near(0, 骑手, 之家)", text: "骑手之家", score: 2),
    // title
    Case(id: "title-in-title", rules: "+2 title(疗休养)", title: "职工疗休养", text: "正文", score: 2),
    Case(id: "title-only-in-text", rules: "+2 title(疗休养)", title: "标题", text: "职工疗休养", score: 0),
    // not-before / not-after / not-inside
    Case(id: "not-before-blocks", rules: "+2 骑手 not-before 之家|驿站", text: "骑手之家", score: 0),
    Case(id: "not-before-second-value", rules: "+2 骑手 not-before 之家|驿站", text: "骑手驿站", score: 0),
    Case(id: "not-before-other-hit-counts", rules: "+2 骑手 not-before 之家", text: "骑手之家的骑手们", score: 2),
    Case(id: "not-after-blocks", rules: "+2 工会 not-after 总", text: "市总工会", score: 0),
    Case(id: "not-after-allows", rules: "+2 工会 not-after 总", text: "基层工会", score: 2),
    Case(id: "not-after-normalised-value", rules: "+2 工会 not-after 總", text: "市总工会", score: 0),
    Case(id: "not-inside-blocks", rules: "+2 驿站 not-inside 快递驿站", text: "快递驿站", score: 0),
    Case(id: "not-inside-allows", rules: "+2 驿站 not-inside 快递驿站", text: "爱心驿站", score: 2),
    // contexts
    Case(id: "list-ignored-by-default", rules: "+2 劳动竞赛", text: "开展技能培训、劳动竞赛、文体活动", score: 0),
    Case(id: "counts-in-list", rules: "+2 劳动竞赛 counts-in list", text: "开展技能培训、劳动竞赛、文体活动", score: 2),
    Case(id: "slogan-ignored-by-default", rules: "+2 劳模", text: "弘扬劳模精神", score: 0),
    Case(id: "counts-in-slogan", rules: "+2 劳模 counts-in slogan", text: "弘扬劳模精神", score: 2),
    Case(id: "counts-in-two", rules: "+2 劳模 counts-in list|slogan", text: "弘扬劳模精神、劳动精神", score: 2),
    Case(id: "plan-counts-by-default", rules: "+2 技能竞赛", text: "下一步将开展技能竞赛", score: 2),
    Case(id: "ignore-in-plan", rules: "+2 技能竞赛 ignore-in plan", text: "下一步将开展技能竞赛", score: 0),
    Case(id: "ignore-in-plan-report-counts", rules: "+2 技能竞赛 ignore-in plan", text: "市总举办技能竞赛", score: 2),
    Case(
      id: "topic-ignore-in-plan", rules: "topic skills-contest \"技能竞赛\" threshold 1 ignore-in plan\n  +2 技能竞赛\n",
      text: "下一步将开展技能竞赛", score: 0),
    Case(
      id: "topic-ignore-rule-counts-in",
      rules: "topic skills-contest \"技能竞赛\" threshold 1 ignore-in plan\n  +2 技能竞赛 counts-in plan\n",
      text: "下一步将开展技能竞赛", score: 2),
    Case(id: "eligibility-ignored-by-default", rules: "+2 快递员", text: "报名条件:从事快递行业满一年的快递员", score: 0),
    Case(id: "counts-in-eligibility", rules: "+2 快递员 counts-in eligibility", text: "报名条件:从事快递行业满一年的快递员", score: 2),
    Case(id: "purpose-ignored-by-default", rules: "+2 文化生活", text: "为进一步丰富职工文化生活,工会举办运动会", score: 0),
    Case(id: "counts-in-purpose", rules: "+2 文化生活 counts-in purpose", text: "为进一步丰富职工文化生活,工会举办运动会", score: 2),
    Case(id: "purpose-report-clause-counts", rules: "+2 运动会", text: "为进一步丰富职工文化生活,工会举办运动会", score: 2),
    Case(id: "background-ignored-by-default", rules: "+2 驿站", text: "自驿站建成以来,服务骑手3万人次", score: 0),
    Case(id: "counts-in-background", rules: "+2 驿站 counts-in background", text: "自驿站建成以来,服务骑手3万人次", score: 2),
    Case(id: "delivered-counts-by-default", rules: "+2 理疗", text: "为骑手提供了健康监测、理疗等服务", score: 2),
    Case(id: "ignore-in-delivered", rules: "+2 理疗 ignore-in delivered", text: "为骑手提供了健康监测、理疗等服务", score: 0),
    Case(id: "delivered-is-not-list", rules: "+2 理疗 ignore-in list", text: "为骑手提供了健康监测、理疗等服务", score: 2),
    Case(id: "contest-before-trades-counts", rules: "+2 技能大赛", text: "职业技能大赛车床、数控等项目开赛", score: 2),
    Case(
      id: "topic-counts-in-new-contexts",
      rules:
        "topic new-employment \"n\" threshold 1 counts-in eligibility|purpose|background\n  +2 快递员\n  +2 驿站\n  +2 骑手\n",
      text: "报名对象为快递员。自驿站建成以来,服务很多。为了骑手,工会开会", score: 6),
    // The lead: the headline and the first sentence of the text.
    Case(id: "lead-in-title", rules: "+2 lead(通知)", title: "关于举办竞赛的通知", text: "正文。", score: 2),
    Case(id: "lead-first-sentence", rules: "+2 lead(通知)", text: "现将有关事项通知如下。竞赛于5月举行", score: 2),
    Case(id: "lead-after-blank-lines", rules: "+2 lead(通知)", text: "\n\n现将有关事项通知如下。", score: 2),
    Case(id: "lead-not-second-sentence", rules: "+2 lead(通知)", text: "竞赛于5月举行。现将有关事项通知如下", score: 0),
    Case(
      id: "lead-in-sentence", rules: "+2 sentence(lead(竞赛), 举行)", title: "新闻", text: "竞赛昨天举行。竞赛今天举行",
      score: 2),
    Case(id: "unless-lead-blocks", rules: "+2 技能大赛 unless-lead 通知|报名", title: "技能大赛报名通知", text: "技能大赛", score: 0),
    Case(id: "unless-lead-later-word-ignored", rules: "+2 技能大赛 unless-lead 通知", text: "技能大赛举行。会后发了通知", score: 2),
    Case(id: "if-lead-allows", rules: "+2 技能大赛 if-lead 开幕|举行", text: "技能大赛今天开幕。技能大赛", score: 2),
    Case(id: "if-lead-blocks", rules: "+2 技能大赛 if-lead 开幕", text: "今天天气好。技能大赛开幕", score: 0),
    Case(
      id: "topic-unless-lead", rules: "topic skills-contest \"技能竞赛\" threshold 1 unless-lead 招聘\n  +2 技能大赛\n  +2 比武\n",
      title: "招聘启事", text: "技能大赛、比武", score: 0),
    Case(
      id: "topic-unless-lead-other-article",
      rules: "topic skills-contest \"技能竞赛\" threshold 1 unless-lead 招聘\n  +2 技能大赛\n", title: "新闻", text: "技能大赛举行",
      score: 2),
    Case(
      id: "lead-words-from-define",
      rules: "define NOTICE = 通知 | 公告\ntopic skills-contest \"s\" threshold 1\n  +2 技能大赛 unless-lead NOTICE\n",
      title: "公告", text: "技能大赛", score: 0),
    Case(
      id: "topic-counts-in-list", rules: "topic skills-contest \"技能竞赛\" threshold 1 counts-in list\n  +2 劳动竞赛\n",
      text: "开展技能培训、劳动竞赛、文体活动", score: 2),
    Case(
      id: "not-ignores-contexts", rules: "+2 all(驿站, not(快递))",
      text: "驿站。快递、外卖", score: 0),  // a listed 快递 still blocks: contexts do not filter not(…)
    // comments and full-width punctuation
    Case(id: "comment-lines", rules: "# a comment\n  +2 骑手  # trailing comment\n# end", text: "骑手", score: 2),
    Case(id: "fullwidth-comma", rules: "+2 外卖小哥，快递员", text: "快递员", score: 2),
    Case(id: "fullwidth-call", rules: "+3 sentence（工会｜总工会，骑手）", text: "总工会慰问骑手", score: 3),
    Case(id: "fullwidth-quotes", rules: "+2 “food delivery”", text: "food delivery", score: 2),
    Case(id: "fullwidth-weight-space", rules: "+2\u{3000}骑手", text: "骑手", score: 2),
  ]

  @Test(arguments: cases)
  func scores(_ c: Case) throws {
    let (r, _) = try #require(scoreArticle(c.rules, title: c.title, text: c.text))
    #expect(r.scores[0] == c.score)
  }

  /// Parsed structure, for the constructs whose tree matters.
  @Test func parsedTree() throws {
    let set = RuleParser.parse(
      """
      topic new-employment "新就业形态劳动者" threshold 4 ignore-in plan
        +4  新就业形态, 網約配送員  cap 2  not-before 之家|驿站  not-after 交警  not-inside 红色驿站
        -3  sentence(工会 | 总工会, not(招聘)) counts-in list
        +1  near(10, 驿站, title(骑手))
      """, file: "x.rules")
    #expect(set.errors.isEmpty, "\(set.errors.map { $0.oneLine() })")
    let t = try #require(set.topics.first)
    #expect(t.id == "new-employment" && t.name == "新就业形态劳动者" && t.threshold == 4)
    #expect(t.ignored == HitContext.ignoredByDefault.union(.plan))
    #expect(t.rules.count == 3)
    let r0 = t.rules[0]
    #expect(r0.weight == 4 && r0.cap == 2)
    #expect(r0.notBefore == ["之家", "驿站"] && r0.notAfter == ["交警"] && r0.notInside == ["红色驿站"])
    guard case .any(let ks) = r0.expr, ks.count == 2, case .keyword(let k1, let s1) = ks[1] else {
      Issue.record("expected a two-keyword list, got \(r0.expr)")
      return
    }
    #expect(k1 == "网约配送员")  // normalised
    #expect(s1 == SourceSpan(file: "x.rules", line: 2, column: 14, length: 5))
    #expect(r0.span.fileLine == "x.rules:2")
    let r1 = t.rules[1]
    #expect(r1.weight == -3)
    #expect(r1.ignored == [.slogan, .plan, .eligibility, .purpose, .background])
    guard case .sentence(let args) = r1.expr, args.count == 2, case .not = args[1] else {
      Issue.record("expected sentence(…, not(…)), got \(r1.expr)")
      return
    }
    guard case .near(10, _, .title) = t.rules[2].expr else {
      Issue.record("expected near(10, …, title(…)), got \(t.rules[2].expr)")
      return
    }
  }

  @Test func lexerCommentsAndColumns() throws {
    let toks = try Lexer.tokens("  +2 工会,\"a b\" /x\\/y/ C#sharp # note").get()
    #expect(toks.map(\.text) == ["+2", "工会", ",", "a b", "x/y", "C#sharp"])
    #expect(toks.map(\.column) == [3, 6, 8, 9, 15, 22])
    #expect(toks.map(\.kind) == [.word, .word, .punct, .string, .regex, .word])
    #expect(try Lexer.tokens("# only a comment").get().isEmpty)
    #expect(try Lexer.tokens("（，｜）").get().map(\.text) == ["(", ",", "|", ")"])
  }

  @Test func tagsAtThreshold() throws {
    let rules = "topic new-employment \"n\" threshold 4\n  +2 骑手 cap 5\n"
    let (below, _) = try #require(scoreArticle(rules, text: "骑手"))
    #expect(below.scores == [2] && below.tagged == [false])
    let (at, _) = try #require(scoreArticle(rules, text: "骑手骑手"))
    #expect(at.scores == [4] && at.tagged == [true])
    let (above, _) = try #require(scoreArticle(rules, text: "骑手骑手骑手"))
    #expect(above.scores == [6] && above.tagged == [true])
  }

  @Test func includeFileAndFolder() throws {
    try withTemporaryDirectory { dir in
      let fm = FileManager.default
      try fm.createDirectory(at: dir.appendingPathComponent("more/deeper"), withIntermediateDirectories: true)
      try "include common.rules\ninclude more\n".write(
        to: dir.appendingPathComponent("main.rules"), atomically: true, encoding: .utf8)
      try "topic new-employment \"n\" threshold 1\n  +1 骑手\n".write(
        to: dir.appendingPathComponent("common.rules"), atomically: true, encoding: .utf8)
      try "topic legal-aid \"l\" threshold 1\n  +1 法律援助\n".write(
        to: dir.appendingPathComponent("more/a.rules"), atomically: true, encoding: .utf8)
      try "topic recuperation \"r\" threshold 1\n  +1 疗休养\n".write(
        to: dir.appendingPathComponent("more/deeper/b.rules"), atomically: true, encoding: .utf8)
      try "not rules at all".write(
        to: dir.appendingPathComponent("more/notes.txt"), atomically: true, encoding: .utf8)
      let set = RuleParser.load(path: dir.appendingPathComponent("main.rules").path)
      #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map { $0.oneLine() })")
      #expect(set.topics.map(\.id) == ["new-employment", "legal-aid", "recuperation"])
      // Loading the folder reads every *.rules below it once, sorted,
      // even though main.rules includes the others again.
      let folder = RuleParser.load(path: dir.path)
      #expect(folder.errors.isEmpty, "\(folder.diagnostics.map { $0.oneLine() })")
      #expect(Set(folder.topics.map(\.id)) == ["new-employment", "legal-aid", "recuperation"])
      #expect(folder.topics.count == 3)
      // Evidence names the included file's line.
      let c = try CompiledRules.compile(set).get()
      var s = ArticleScanner(rules: c)
      let r = s.scan(title: "", text: "法律援助")
      #expect(r.tagged == [false, true, false])
      #expect(c.rules[r.fired[1][0].rule].location.hasSuffix("more/a.rules:2"))
    }
  }
}
