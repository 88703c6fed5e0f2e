// The report stage of `tag`, called directly: one scanned article written
// as a JSONL line, a CSV line and a table row, with the evidence located
// in the original article (character offsets into the field it is in).

import Foundation
import Testing

@testable import RuleTag

@Suite struct TagReportTests {
  static let rules = """
    topic new-employment "新就业形态劳动者" threshold 2
      +2  外卖骑手
      +1  站点  cap 2
    topic legal-aid "法律服务与维权" threshold 3
      +1  法律援助
    """

  static func output(_ format: TagFormat, explain: Bool = false) throws -> TagOutput {
    let rules = try #require(compileRules(Self.rules))
    var scanner = ArticleScanner(rules: rules)
    let a = Article(id: "a1", title: "外卖骑手", text: "站点,法律援助。", source: "in.jsonl:1")
    let r = scanner.scan(title: a.titleString, text: a.textString)
    return TagReport.record(
      a, r, rules: rules, options: TagReportOptions(format: format, explain: explain, rules: rules))
  }

  @Test func jsonlRecordLocatesEvidenceInItsField() throws {
    let o = try Self.output(.jsonl)
    #expect(o.tagCount == 1 && o.error == nil && o.row == nil)
    #expect(
      String(decoding: o.bytes, as: UTF8.self)
        == #"{"id":"a1","source":"in.jsonl:1","title":"外卖骑手","tags":["new-employment"],"scores":{"new-employment":3,"legal-aid":1},"evidence":{"new-employment":[{"rule":"t.rules:2","rule_id":"new-employment/26611b22","weight":2,"text":"外卖骑手","field":"title","start":0,"end":4,"sentence":"外卖骑手"},{"rule":"t.rules:3","rule_id":"new-employment/32fe4b3f","weight":1,"text":"站点","field":"text","start":0,"end":2,"sentence":"站点,法律援助。"}]}}"#
        + "\n")
    // --explain adds the topic that scored without being tagged.
    let explained = String(decoding: try Self.output(.jsonl, explain: true).bytes, as: UTF8.self)
    #expect(
      explained.contains(
        #""legal-aid":[{"rule":"t.rules:5","rule_id":"legal-aid/ea6c71a7","weight":1,"text":"法律援助","field":"text","#
          + #""start":3,"end":7,"#))
  }

  @Test func csvRecordHasAScorePerTopic() throws {
    let rules = try #require(compileRules(Self.rules))
    let options = TagReportOptions(format: .csv, explain: false, rules: rules)
    #expect(TagReport.csvHeader(rules, options) == "id,source,title,tags,error,new-employment,legal-aid\n")
    #expect(String(decoding: try Self.output(.csv).bytes, as: UTF8.self) == "a1,in.jsonl:1,外卖骑手,new-employment,,3,1\n")
  }

  @Test func csvRecordQuotesFieldsThatNeedIt() throws {
    let rules = try #require(compileRules(Self.rules))
    var scanner = ArticleScanner(rules: rules)
    let a = Article(id: "a,2", title: "外卖骑手 \"新\"", text: "站点\r\n站点,法律援助。", source: "in.jsonl:2")
    let r = scanner.scan(title: a.titleString, text: a.textString)
    let options = TagReportOptions(format: .csv, explain: false, withText: true, rules: rules)
    #expect(
      String(decoding: TagReport.record(a, r, rules: rules, options: options).bytes, as: UTF8.self)
        == "\"a,2\",in.jsonl:2,\"外卖骑手 \"\"新\"\"\",new-employment,,\"站点\r\n站点,法律援助。\",4,1\n")
  }

  /// CSV fields are quoted on their bytes: a line break that is a `\r\n`
  /// pair, and a quote that a combining mark follows, are quoted too.
  @Test(arguments: [
    ("站点", "站点"),
    ("a,b", "\"a,b\""),
    ("站点\r\n驿站", "\"站点\r\n驿站\""),
    ("只有\r", "\"只有\r\""),
    ("\"\u{301}新\"", "\"\"\"\u{301}新\"\"\""),
    ("", ""),
  ])
  func csvFieldTable(_ field: String, _ expected: String) {
    var out: [UInt8] = []
    TagReport.appendCSVField(&out, field)
    #expect(String(decoding: out, as: UTF8.self) == expected)
  }

  @Test func tableRowQuotesHitsUnderEachTopic() throws {
    let row = try #require(try Self.output(.table, explain: true).row)
    #expect(row.tags == "new-employment 3")
    #expect(
      row.explain == [
        "new-employment: 3 ≥ threshold 2", "  +2 t.rules:2 [new-employment/26611b22]  「外卖骑手」 title:0",
        "  +1 t.rules:3 [new-employment/32fe4b3f]  「站点」 text:0", "legal-aid: 1 < threshold 3",
        "  +1 t.rules:5 [legal-aid/ea6c71a7]  「法律援助」 text:3",
      ])
  }
}
