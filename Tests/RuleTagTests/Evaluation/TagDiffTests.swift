// Rule blame as tables: for an edit of a rule set, the rule changes found
// by identity, and for each article the topics that changed and the rules
// blamed, with their lines. Every edit also inserts a comment above the
// rules, so that matching by line would blame every rule below it.

import Foundation
import Testing

@testable import RuleTag

@Suite struct TagDiffTests {
  static let base = """
    topic new-employment "n" threshold 4
      +4  新就业形态
      +1  骑手  not-before 之家
      +3  外卖小哥
      -3  招聘会
    topic legal-aid "l" threshold 4 ignore-in list|slogan
      +3  法律援助
      +2  维权
      +1  律师
    """

  static let articles: [(String, String)] = [
    ("rider", "骑手送餐到小区。"),
    ("courier", "外卖小哥和骑手。"),
    ("fair", "骑手和外卖小哥参加招聘会。"),
    ("aid", "职工维权，律师答疑。"),
    ("list", "开展培训、法律援助、维权服务。"),
    ("dispute", "劳动争议调解。"),
    ("home", "骑手之家开门。"),
  ]

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var edited: String
    /// Rule changes as `kind topic-or-rule-text @line` (new line, else old).
    var changes: [String]
    /// Changed articles as `id topic old→new[ +tag|-tag]: kind @line, …`.
    var articles: [String]
    var testDescription: String { name }
  }

  static func edit(_ from: String, _ to: String) -> String {
    "# tuned\n\n" + base.replacingOccurrences(of: from, with: to)
  }

  static let cases: [Case] = [
    Case(
      name: "weight of one line", edited: edit("+1  骑手", "+4  骑手"), changes: ["reweighted 骑手  not-before 之家 @5"],
      articles: [
        "rider new-employment 1→4 +tag: reweighted @5", "courier new-employment 4→7: reweighted @5",
        "fair new-employment 1→4 +tag: reweighted @5",
      ]),
    Case(
      name: "threshold", edited: edit("\"l\" threshold 4", "\"l\" threshold 3"), changes: ["threshold legal-aid @8"],
      articles: ["aid legal-aid 3→3 +tag: threshold @8"]),
    Case(
      name: "rule added", edited: edit("  +1  律师", "  +1  律师\n  # new\n  +4  劳动争议"),
      changes: ["added 劳动争议 @13"], articles: ["dispute legal-aid 0→4 +tag: added @13"]),
    Case(
      name: "rule removed", edited: edit("  -3  招聘会\n", ""), changes: ["removed 招聘会 @5"],
      articles: ["fair new-employment 1→4 +tag: removed @5"]),
    Case(
      name: "text edited: the old rule removed, the new one added",
      edited: edit("+3  外卖小哥", "+3  外卖小哥, 骑手之家"),
      changes: ["added 外卖小哥, 骑手之家 @6", "removed 外卖小哥 @4"],
      articles: ["home new-employment 0→3: added @6"]),
    Case(
      name: "topic contexts", edited: edit("ignore-in list|slogan", "counts-in list"),
      changes: ["contexts legal-aid @8"], articles: ["list legal-aid 0→5 +tag: contexts @9, contexts @10"]),
    Case(
      name: "topic removed", edited: "# one topic left\n" + base.components(separatedBy: "topic legal-aid")[0],
      changes: ["topic-removed legal-aid @6", "removed 法律援助 @7", "removed 维权 @8", "removed 律师 @9"],
      articles: ["aid legal-aid 3→0: removed @8, removed @9"]),
    Case(
      name: "named rule edited keeps its name",
      edited: edit("+1  骑手  not-before 之家", "+1  骑手  not-before 之家|驿站  id rider"),
      changes: ["added 骑手  not-before 之家|驿站  id rider @5", "removed 骑手  not-before 之家 @3"],
      articles: []),
    Case(name: "comment only", edited: edit("+1  律师", "+1  律师  # lawyers"), changes: [], articles: []),
  ]

  static func compile(_ text: String, _ file: String) throws -> CompiledRules {
    try CompiledRules.compile(RuleParser.parse(text, file: file)).get()
  }

  static func line(_ loc: String?) -> String { loc.map { "@" + $0.split(separator: ":").last! } ?? "@?" }

  @Test(arguments: cases)
  func blameNamesTheEditedRule(_ c: Case) throws {
    let old = try Self.compile(Self.base, "old.rules")
    let new = try Self.compile(c.edited, "new.rules")
    let rules = RuleSetDiff.compare(old: old, new: new)
    let described = rules.changes.map { ch -> String in
      let what =
        ch.lineText.isEmpty || ch.kind == .contexts
        ? ch.topic
        : ch.lineText.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)[1]
          .trimmingCharacters(in: .whitespaces)
      return "\(ch.kind.rawValue) \(what) \(Self.line(ch.location))"
    }
    #expect(described == c.changes)
    var diff = TagDiff(rules: rules)
    var oldScanner = ArticleScanner(rules: old)
    var newScanner = ArticleScanner(rules: new)
    for (id, text) in Self.articles {
      let a = Article(id: id, title: "", text: text)
      diff.add(
        old: .scanned(a, oldScanner.scan(title: "", text: text), rules: old),
        new: .scanned(a, newScanner.scan(title: "", text: text), rules: new))
    }
    let got = diff.changes.flatMap { a in
      a.topics.map { t in
        let tag = t.tagChanged ? (t.isTagged ? " +tag" : " -tag") : ""
        let blame = t.blame.map { "\($0.kind.rawValue) \(Self.line($0.location))" }.joined(separator: ", ")
        return
          "\(a.id) \(t.topic) \(JSONWriter.format(t.oldScore))→\(JSONWriter.format(t.newScore))\(tag): \(blame)"
      }
    }
    #expect(got == c.articles)
    #expect(diff.somethingChanged == !c.articles.isEmpty)
  }

  /// A rule named with `id` keeps its identity through a text edit: one
  /// `edited` change, blamed with its new line.
  @Test func namedRuleEdited() throws {
    let old = try Self.compile("topic new-employment \"n\" threshold 4\n  +1  骑手  id rider\n", "a.rules")
    let new = try Self.compile(
      "topic new-employment \"n\" threshold 4\n  # riders and couriers\n  +2  骑手, 外卖员  id rider\n", "b.rules")
    let rules = RuleSetDiff.compare(old: old, new: new)
    #expect(
      rules.changes.map { "\($0.kind.rawValue) \($0.identity) \($0.location)" } == [
        "edited new-employment/rider b.rules:3"
      ])
    var so = ArticleScanner(rules: old)
    var sn = ArticleScanner(rules: new)
    let a = Article(id: "x", title: "", text: "外卖员来了。")
    let d = try #require(
      TagBlame.compare(
        old: .scanned(a, so.scan(title: "", text: a.textString), rules: old),
        new: .scanned(a, sn.scan(title: "", text: a.textString), rules: new), rules: rules))
    #expect(
      d.topics.map(\.blame) == [
        [
          Blame(
            kind: .edited, identity: "new-employment/rider", location: "b.rules:3", oldWeight: 1, newWeight: 2, old: 0,
            new: 2, lineText: "  +2  骑手, 外卖员  id rider")
        ]
      ])
    #expect(
      TagDiff.describe(d.topics[0].blame[0]) == "edited +1 → +2  b.rules:3  new-employment/rider  (contributes 0 → 2)")
  }

  /// Against labels: right → wrong is `broke`, wrong → right `fixed`, and
  /// wrong both times `still wrong`; the metrics follow the tags.
  @Test func verdictsAndMetrics() throws {
    let old = try Self.compile(Self.base, "old.rules")
    let new = try Self.compile(Self.edit("+1  骑手", "+4  骑手"), "new.rules")
    var diff = TagDiff(rules: RuleSetDiff.compare(old: old, new: new), topicOrder: ["new-employment", "legal-aid"])
    var so = ArticleScanner(rules: old)
    var sn = ArticleScanner(rules: new)
    let labelled: [(String, String, [String])] = [
      ("fixed", "骑手送餐。", ["new-employment"]), ("broke", "骑手俱乐部。", []),
      ("still", "骑手招聘会。", ["new-employment"]), ("right", "新就业形态。", ["new-employment"]),
    ]
    for (id, text, labels) in labelled {
      var a = Article(id: id, title: "", text: text)
      a.labels = labels
      diff.add(
        old: .scanned(a, so.scan(title: "", text: text), rules: old),
        new: .scanned(a, sn.scan(title: "", text: text), rules: new))
    }
    let verdicts = diff.changes.map { "\($0.id) \($0.topics[0].verdict?.rawValue ?? "-")" }
    #expect(verdicts == ["fixed fixed", "broke broke", "still still wrong"])
    #expect(diff.verdictCount(.fixed) == 1 && diff.verdictCount(.broke) == 1)
    #expect(diff.verdictCount(.stillWrong, tagChangesOnly: false) == 1)
    let m = try #require(diff.metrics)
    let before = m.old.topics[0]
    let after = m.new.topics[0]
    #expect((before.tp, before.fp, before.fn) == (1, 0, 2))
    #expect((after.tp, after.fp, after.fn) == (2, 1, 1))
  }

  /// Records with `rule_id` against records without: matched by location.
  @Test func recordsWithAndWithoutIdentities() throws {
    func outcome(_ line: String) throws -> ArticleOutcome {
      try #require(try TaggedRecord.parse(Array(line.utf8), lineNumber: 1).get())
    }
    let old = try outcome(
      #"{"id":"a","tags":["legal-aid"],"scores":{"legal-aid":4},"evidence":{"legal-aid":[{"rule":"R/l.rules:3","weight":4}]}}"#
    )
    let new = try outcome(
      #"{"id":"a","tags":[],"scores":{"legal-aid":2},"evidence":{"legal-aid":[{"rule":"R/l.rules:3","rule_id":"legal-aid/0badf00d","weight":2}]}}"#
    )
    let d = TagDiff.compare(old: [old], new: [new])
    let blame = try #require(d.changes.first?.topics.first?.blame)
    #expect(
      blame.map { "\($0.kind.rawValue) \($0.location) \($0.oldWeight ?? 0)→\($0.newWeight ?? 0)" } == [
        "reweighted R/l.rules:3 4.0→2.0"
      ])
  }

  struct Record: CustomTestStringConvertible, Sendable {
    var line: String
    /// nil: an error record; "!…": refused with this message prefix;
    /// else `topic:score:tagged:rule ids` of the first topic.
    var expected: String?
    var testDescription: String { line }
  }

  static let records: [Record] = [
    Record(
      line:
        #"{"id":"a","source":"x:1","tags":["legal-aid"],"scores":{"legal-aid":4},"evidence":{"legal-aid":[{"rule":"R/l.rules:3","rule_id":"legal-aid/0badf00d","weight":3}]}}"#,
      expected: "legal-aid:4:true:legal-aid/0badf00d"),
    Record(
      line:
        #"{"id":"a","tags":["legal-aid"],"scores":{"legal-aid":4},"evidence":{"legal-aid":[{"rule":"R/l.rules:3","weight":3}]}}"#,
      expected: "legal-aid:4:true:R/l.rules:3"),
    Record(line: #"{"id":"a","source":"x:1","error":"invalid JSON"}"#, expected: nil),
    Record(line: "id,source,tags,error,legal-aid", expected: "!this is not JSONL (it looks like `tag --format csv`"),
    Record(line: "a1,x:1,legal-aid,,4", expected: "!this is not JSONL (it looks like `tag --format csv`"),
    Record(line: "ID    TITLE    TAGS", expected: "!this is not JSONL (it looks like `tag --format table`"),
    Record(line: #"{"id":"a","text":"骑手"}"#, expected: "!this JSON line has no `scores`"),
    Record(line: "[1,2]", expected: "!this JSON line is not an object"),
  ]

  @Test(arguments: records)
  func recordsOfTagOutput(_ r: Record) {
    switch TaggedRecord.parse(Array(r.line.utf8), lineNumber: 7) {
    case .failure(let e):
      #expect(e.line == 7)
      #expect(r.expected.map { $0.hasPrefix("!") && e.message.hasPrefix($0.dropFirst()) } == true, "\(e.message)")
    case .success(nil):
      #expect(r.expected == nil)
    case .success(let o?):
      let t = o.topicOrder[0]
      let topic = o.topics[t]!
      #expect(
        "\(t):\(JSONWriter.format(topic.score)):\(topic.tagged):\(topic.rules.keys.sorted().joined(separator: ","))"
          == r.expected)
    }
  }
}
