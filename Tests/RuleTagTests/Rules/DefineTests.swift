// Named term classes (`define NAME = …`): a name scores exactly as its
// terms written out, wherever a term may stand, and its scope follows
// files and includes as README.md documents it.

import Foundation
import Testing

@testable import RuleTag

@Suite struct DefineTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    /// Rules using names, after the defines below.
    var rules: String
    /// The same rules with every name written out.
    var expanded: String
    var title = ""
    var text: String
    var score: Double
    var testDescription: String { id }
  }

  static let defines = """
    define HELD = 举办 | 举行 | 开展
    define RECEIVED = 参加, 参与
    define VERBS = HELD | RECEIVED | /开(幕|赛)/
    define PLACES = 之家 | 驿站

    """

  static let cases: [Case] = [
    Case(id: "plain-list", rules: "+2 HELD", expanded: "+2 举办 | 举行 | 开展", text: "工会举行了会议", score: 2),
    Case(id: "plain-list-miss", rules: "+2 HELD", expanded: "+2 举办 | 举行 | 开展", text: "工会召开了会议", score: 0),
    Case(
      id: "in-sentence", rules: "+3 sentence(培训班|培训, HELD|RECEIVED)",
      expanded: "+3 sentence(培训班|培训, 举办|举行|开展|参加|参与)", text: "职工参加了培训班。", score: 3),
    Case(
      id: "in-sentence-other-sentence", rules: "+3 sentence(培训班|培训, HELD|RECEIVED)",
      expanded: "+3 sentence(培训班|培训, 举办|举行|开展|参加|参与)", text: "职工们很忙。培训班结束了", score: 0),
    Case(
      id: "nested-with-regex", rules: "+3 sentence(技能大赛, VERBS)",
      expanded: "+3 sentence(技能大赛, 举办|举行|开展|参加|参与|/开(幕|赛)/)", text: "全市技能大赛昨日开赛", score: 3),
    Case(
      id: "first-term-context", rules: "+3 sentence(HELD, 运动会)", expanded: "+3 sentence(举办|举行|开展, 运动会)",
      text: "工会计划、举办运动会", score: 0),
    Case(
      id: "in-not", rules: "+3 sentence(运动会, not(HELD))", expanded: "+3 sentence(运动会, not(举办|举行|开展))",
      text: "运动会举行", score: 0),
    Case(
      id: "in-not-absent", rules: "+3 sentence(运动会, not(HELD))", expanded: "+3 sentence(运动会, not(举办|举行|开展))",
      text: "运动会延期", score: 3),
    Case(
      id: "in-title", rules: "+2 title(HELD)", expanded: "+2 title(举办|举行|开展)", title: "工会举办运动会", text: "正文", score: 2),
    Case(
      id: "in-near", rules: "+2 near(3, 运动会, HELD)", expanded: "+2 near(3, 运动会, 举办|举行|开展)", text: "运动会在体育馆举行", score: 0),
    Case(
      id: "in-near-hit", rules: "+2 near(3, 运动会, HELD)", expanded: "+2 near(3, 运动会, 举办|举行|开展)", text: "运动会顺利举行",
      score: 2),
    Case(id: "in-all", rules: "+2 all(骑手, RECEIVED)", expanded: "+2 all(骑手, 参加|参与)", text: "骑手来了。大家参与", score: 2),
    Case(
      id: "mixed-with-keywords", rules: "+2 HELD, 召开 cap 2", expanded: "+2 举办|举行|开展, 召开 cap 2", text: "召开会议并举办活动",
      score: 4),
    Case(
      id: "not-before-values", rules: "+2 骑手 not-before PLACES", expanded: "+2 骑手 not-before 之家|驿站", text: "骑手驿站",
      score: 0),
    Case(
      id: "not-before-values-mixed", rules: "+2 骑手 not-before PLACES | 节", expanded: "+2 骑手 not-before 之家|驿站|节",
      text: "骑手节", score: 0),
    Case(
      id: "not-inside-values", rules: "+2 驿站 not-inside 骑手驿站 | PLACES", expanded: "+2 驿站 not-inside 骑手驿站|之家|驿站",
      text: "骑手驿站", score: 0),
    Case(id: "quoted-is-keyword", rules: "+2 \"HELD\"", expanded: "+2 held", text: "Held at noon", score: 2),
  ]

  @Test(arguments: cases)
  func scoresAsWrittenOut(_ c: Case) throws {
    let named = scoreArticle(
      Self.defines + "topic new-employment \"n\" threshold 1\n  " + c.rules + "\n", title: c.title, text: c.text)
    let plain = scoreArticle(c.expanded, title: c.title, text: c.text)
    let (n, _) = try #require(named)
    let (p, _) = try #require(plain)
    #expect(n.scores == [c.score], "with names")
    #expect(p.scores == [c.score], "written out")
  }

  /// The reference evaluator gives the lazy paths' score on rules with names.
  @Test(arguments: cases)
  func referenceAgrees(_ c: Case) throws {
    let rules = Self.defines + "topic new-employment \"n\" threshold 1\n  " + c.rules + "\n"
    let compiled = try #require(compileRules(rules))
    var scanner = ArticleScanner(rules: compiled)
    let lazy = scanner.scan(title: c.title, text: c.text)
    let reference = scanner.scanReference(title: c.title, text: c.text)
    #expect(lazy.scores == reference.scores)
  }

  /// Names are capital ASCII: letters, then letters, digits and `_`.
  @Test(arguments: [
    ("HELD", true), ("A", true), ("HELD_2", true), ("X1", true), ("held", false), ("Held", false), ("2HELD", false),
    ("_HELD", false), ("HELD-NEW", false), ("举办", false), ("ＡＰＰ", false), ("", false),
  ])
  func nameSyntax(_ word: String, _ isName: Bool) {
    #expect(DefineScope.isName(word) == isName)
  }

  /// Evidence names the rule line, and the span is the text the class
  /// matched.
  @Test func evidenceNamesTheRule() throws {
    let (r, c) = try #require(
      scoreArticle(Self.defines + "topic new-employment \"n\" threshold 1\n  +2 HELD\n", text: "工会开展活动"))
    let fired = try #require(r.fired[0].first)
    #expect(c.rules[fired.rule].location == "t.rules:6")
    // Bytes of `title + "\n" + text`: 开展 is the third and fourth character of the text.
    #expect(fired.hits.first?.first.map { [$0.start, $0.end] } == [7, 13])
  }

  /// Writes `files` into a temporary folder and loads `main`.
  static func load(_ files: [String: String], main: String) throws -> RuleSet {
    try withTemporaryDirectory { dir in
      for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      }
      return RuleParser.load(path: main, directory: dir.path)
    }
  }

  /// An include brings the included file's names from its line on, and
  /// what that file itself includes; a file included twice brings them
  /// both times.
  @Test func includeScope() throws {
    let set = try Self.load(
      [
        "terms/base.rules": "define HELD = 举办 | 举行\n",
        "terms/all.rules": "include base.rules\ndefine EVENT = 运动会 | 读书会\n",
        "a.rules": "include terms/all.rules\ntopic culture-sports \"c\" threshold 2\n  +2 sentence(EVENT, HELD)\n",
        "b.rules": "include terms/base.rules\ntopic skills-contest \"s\" threshold 2\n  +2 sentence(技能大赛, HELD)\n",
      ], main: ".")
    #expect(set.errors.isEmpty, "\(set.errors.map { $0.oneLine() })")
    #expect(set.warnings.isEmpty, "\(set.warnings.map { $0.oneLine() })")
    #expect(set.topics.map(\.rules.count) == [1, 1])
    #expect(set.defines.map(\.name) == ["HELD", "EVENT"])
  }

  /// Top-level files of a folder do not see each other's names, and an
  /// included file does not see its includer's.
  @Test func filesDoNotLeak() throws {
    let set = try Self.load(
      [
        "a.rules": "define HELD = 举办\ntopic culture-sports \"c\" threshold 2\n  +2 sentence(运动会, HELD)\n",
        "b.rules": "topic skills-contest \"s\" threshold 2\n  +2 sentence(技能大赛, HELD)\ninclude c.rules\n",
        "c.rules": "topic training-education \"t\" threshold 2\n  +2 sentence(培训班, HELD)\n",
      ], main: ".")
    #expect(set.errors.map(\.code) == ["RT017", "RT017"])
    #expect(set.errors.map(\.span.file) == ["./b.rules", "./c.rules"])
  }

  /// The same name in two files that never meet is two classes.
  @Test func sameNameInSeparateFiles() throws {
    let set = try Self.load(
      [
        "a.rules": "define V = 举办\ntopic culture-sports \"c\" threshold 2\n  +2 sentence(运动会, V)\n",
        "b.rules": "define V = 开赛\ntopic skills-contest \"s\" threshold 2\n  +2 sentence(技能大赛, V)\n",
      ], main: ".")
    #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map { $0.oneLine() })")
    let compiled = try CompiledRules.compile(set).get()
    var scanner = ArticleScanner(rules: compiled)
    let r = scanner.scan(title: "", text: "技能大赛开赛。运动会开赛。")
    #expect(r.scores == [0, 2])
  }

  /// A `define` between the rules of a topic does not end the topic.
  @Test func defineInsideATopic() throws {
    let set = RuleParser.parse(
      """
      topic culture-sports "c" threshold 2
        +2 运动会
      define HELD = 举办 | 举行
        +2 sentence(健步走, HELD)

      """, file: "f.rules")
    #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map { $0.oneLine() })")
    #expect(set.topics.map(\.rules.count) == [2])
  }

  /// Every mistake of a file is reported in one pass, with defines and
  /// rules mixed.
  @Test func allMistakesAtOnce() {
    let set = RuleParser.parse(
      """
      define held = 举办
      define HELD = 举办
      define HELD = 举行
      topic culture-sports "c" threshold 2
        +2 sentence(运动会, HELDS)
        +2 sentence(运动会, LATER) cpa 2
      define LATER = 以后
      define UNUSED = 无用

      """, file: "f.rules")
    // Line 2's HELD is never used (line 5 misspells it); the topic's rules
    // both fail, so it is empty (RT104); LATER is used, if too early.
    #expect(
      set.diagnostics.map(\.code) == ["RT021", "RT107", "RT018", "RT104", "RT017", "RT019", "RT005", "RT107"])
    #expect(set.diagnostics.map(\.span.line) == [1, 2, 3, 4, 5, 6, 6, 8])
  }
}
