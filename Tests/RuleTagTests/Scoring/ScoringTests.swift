// Scoring: weight × min(hits, cap) summed per topic, thresholds, dedupe of
// overlapping hits, and evidence mapped back to the original characters.

import Foundation
import Testing

@testable import RuleTag

@Suite struct ScoringTests {
  static let rules = """
    topic new-employment "新就业形态劳动者" threshold 4
      +4  新就业形态
      +3  外卖小哥, 快递小哥  cap 2
      +1  骑手  cap 3
      -3  招聘会
    topic legal-aid "法律服务与维权" threshold 2.5
      +1.5  法律援助  cap 2
      -0.5  律师事务所
    """

  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var text: String
    var scores: [Double]
    var tagged: [Bool]
    var testDescription: String { id }
  }

  @Test(arguments: [
    Case(id: "nothing", text: "今天天气很好", scores: [0, 0], tagged: [false, false]),
    Case(id: "one-rule", text: "新就业形态", scores: [4, 0], tagged: [true, false]),
    Case(id: "cap-2-of-3", text: "外卖小哥,快递小哥,外卖小哥", scores: [6, 0], tagged: [true, false]),
    Case(id: "sum-of-rules", text: "外卖小哥和骑手,骑手", scores: [5, 0], tagged: [true, false]),
    Case(id: "cap-3-of-5", text: "骑手骑手骑手骑手骑手", scores: [3, 0], tagged: [false, false]),
    Case(id: "negative-below-threshold", text: "新就业形态招聘会", scores: [1, 0], tagged: [false, false]),
    Case(id: "negative-only", text: "招聘会", scores: [-3, 0], tagged: [false, false]),
    Case(id: "fractional-at-threshold", text: "法律援助,法律援助", scores: [0, 3], tagged: [false, true]),
    Case(id: "fractional-negative", text: "法律援助,法律援助,律师事务所", scores: [0, 2.5], tagged: [false, true]),
    Case(id: "fractional-below", text: "法律援助,律师事务所", scores: [0, 1], tagged: [false, false]),
  ])
  func arithmetic(_ c: Case) throws {
    let (r, compiled) = try #require(scoreArticle(Self.rules, text: c.text))
    #expect(r.scores == c.scores)
    #expect(r.tagged == c.tagged)
    // Each fired rule contributes weight × count, and they sum to the score.
    for (t, fired) in r.fired.enumerated() {
      var sum = 0.0
      for f in fired {
        let rule = compiled.rules[f.rule]
        #expect(rule.topic == t)
        #expect(f.count >= 1 && f.count <= rule.cap && f.hits.count == f.count)
        #expect(f.score == rule.weight * Double(f.count))
        sum += f.score
      }
      #expect(sum == r.scores[t])
    }
  }

  @Test func overlappingHitsCountOnceLongestWins() throws {
    let (r, _) = try #require(scoreArticle("+1 工会, 总工会, 市总 cap 5", title: "", text: "市总工会和工会"))
    let f = try #require(r.fired[0].first)
    #expect(f.count == 2)
    // 市总 (0..<6) and 总工会 (3..<12) overlap: the longer 总工会 stands; then 工会.
    let a = Article(id: "x", title: "", text: "市总工会和工会")
    let texts = f.hits.map { EvidenceText.locate(a, $0[0]).text }
    #expect(texts == ["总工会", "工会"])
  }

  @Test func dedupeKeepsOrderAndLongest() {
    typealias H = [Span]
    let hits: [H] = [[Span(6, 12)], [Span(0, 6)], [Span(3, 12)], [Span(20, 23)], [Span(21, 22)]]
    let out = ArticleScanner.dedupe(hits)
    #expect(out.map { $0[0] } == [Span(3, 12), Span(20, 23)])
  }

  struct EvidenceCase: CustomTestStringConvertible, Sendable {
    var id: String
    var title: String
    var text: String
    var keyword: String
    /// Expected (field, start, end, text) in characters of the original.
    var field: String
    var start: Int
    var end: Int
    var hit: String
    var testDescription: String { id }
  }

  static let evidenceCases: [EvidenceCase] = [
    EvidenceCase(
      id: "text", title: "标题", text: "今天外卖小哥来了", keyword: "外卖小哥", field: "text", start: 2, end: 6, hit: "外卖小哥"),
    EvidenceCase(
      id: "title", title: "致敬外卖小哥", text: "正文", keyword: "外卖小哥", field: "title", start: 2, end: 6, hit: "外卖小哥"),
    EvidenceCase(
      id: "no-title", title: "", text: "今天外卖小哥来了", keyword: "外卖小哥", field: "text", start: 2, end: 6, hit: "外卖小哥"),
    EvidenceCase(
      id: "traditional", title: "", text: "今天外賣小哥來了", keyword: "外卖小哥", field: "text", start: 2, end: 6, hit: "外賣小哥"),
    EvidenceCase(
      id: "broken-line", title: "", text: "今天外卖\n小哥来了", keyword: "外卖小哥", field: "text", start: 2, end: 7, hit: "外卖\n小哥"),
    EvidenceCase(
      id: "fullwidth", title: "", text: "下载ＡＰＰ吧", keyword: "app", field: "text", start: 2, end: 5, hit: "ＡＰＰ"),
    EvidenceCase(
      id: "zero-width-inside", title: "", text: "外\u{200B}卖小哥", keyword: "外卖小哥", field: "text", start: 0, end: 5,
      hit: "外\u{200B}卖小哥"),
    EvidenceCase(
      id: "astral-before", title: "", text: "😀𠀀外卖小哥", keyword: "外卖小哥", field: "text", start: 2, end: 6, hit: "外卖小哥"),
    EvidenceCase(
      id: "spaces-in-title", title: "  致敬 外卖小哥", text: "x", keyword: "外卖小哥", field: "title", start: 5, end: 9,
      hit: "外卖小哥"),
    EvidenceCase(
      id: "latin-words", title: "", text: "Food  Delivery riders", keyword: "\"food delivery\"", field: "text",
      start: 0, end: 14, hit: "Food  Delivery"),
  ]

  func checkEvidence(_ c: EvidenceCase, prefix: String) throws {
    // The prefix goes in front of the field that holds the hit.
    let title = c.field == "title" ? prefix + c.title : c.title
    let text = c.field == "text" ? prefix + c.text : c.text
    let (r, _) = try #require(scoreArticle("+1 \(c.keyword)", title: title, text: text))
    let f = try #require(r.fired[0].first, "\(c.id): no hit")
    let a = Article(id: "x", title: title, text: text)
    let l = EvidenceText.locate(a, f.hits[0][0])
    let shift = prefix.unicodeScalars.count
    #expect(l.field == c.field)
    #expect(l.start == c.start + shift && l.end == c.end + shift, "\(c.id): \(l.start)..<\(l.end)")
    #expect(l.text == c.hit)
    // Character offsets index the original field (in Unicode scalars).
    let scalars = Array((c.field == "title" ? title : text).unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[l.start..<l.end])) == c.hit)
  }

  @Test(arguments: evidenceCases)
  func evidenceOffsets(_ c: EvidenceCase) throws { try checkEvidence(c, prefix: "") }

  /// SwiftLint-style: behind "中文😀" every offset moves by 3 characters.
  @Test(arguments: evidenceCases)
  func evidenceOffsetsAfterMultibytePrefix(_ c: EvidenceCase) throws { try checkEvidence(c, prefix: "中文😀") }

  @Test func evidenceSentenceAndMarking() throws {
    let text = "第一句话。今天外卖小哥来了!第三句"
    let (r, _) = try #require(scoreArticle("+1 外卖小哥", title: "标题", text: text))
    let a = Article(id: "x", title: "标题", text: text)
    let span = try #require(r.fired[0].first?.hits.first?.first)
    #expect(EvidenceText.locate(a, span).sentence == "今天外卖小哥来了!")
    #expect(EvidenceText.marked(a, span) == "今天【外卖小哥】来了!")
    #expect(EvidenceText.quote(a, span) == "「外卖小哥」 text:7")
  }

  @Test func multiTermEvidence() throws {
    let text = "工会开会。慰问骑手。"
    let (r, _) = try #require(scoreArticle("+2 all(工会, 骑手)", text: text))
    let f = try #require(r.fired[0].first)
    let a = Article(id: "x", title: "", text: text)
    #expect(f.hits.count == 1)
    #expect(f.hits[0].map { EvidenceText.locate(a, $0).text } == ["工会", "骑手"])
    #expect(f.hits[0].map { EvidenceText.locate(a, $0).start } == [0, 7])
  }

  @Test func scannerIsReusableAcrossArticles() throws {
    let compiled = try #require(compileRules(Self.rules))
    var scanner = ArticleScanner(rules: compiled)
    let texts = ["外卖小哥", "今天天气很好", "骑手骑手招聘会", "外卖小哥"]
    let once = texts.map { t -> ArticleResult in
      var fresh = ArticleScanner(rules: compiled)
      return fresh.scan(title: "", text: t)
    }
    let reused = texts.map { scanner.scan(title: "", text: $0) }
    #expect(once == reused)
  }

  /// Patterns whose only use is a leaf without word-boundary checks take
  /// the one-record path of `collectHits`; the others (word-bounded ASCII
  /// keywords, guard words, regex atoms, shared patterns) the general one;
  /// both must give the hits and spans the language defines.
  @Test func simpleUsesAndTheGeneralPathAgree() throws {
    let source = """
      topic t "T" threshold 1
        +1  外卖, app  cap 9
        +1  骑手  not-inside 骑手证 cap 9
        +1  /工会.{0,2}成立/  cap 9
        +1  外卖  cap 9
      """
    let rules = try CompiledRules.compile(RuleParser.parse(source, file: "t.rules")).get()
    func simple(_ p: String) -> Bool { rules.simple[rules.patterns.firstIndex(of: p)!].leaf >= 0 }
    #expect(!simple("外卖"), "used by two rules")
    #expect(!simple("app"), "word-bounded")
    #expect(simple("骑手"))
    #expect(!simple("骑手证"), "a guard word")
    #expect(!simple("工会"), "a regex atom")
    var scanner = ArticleScanner(rules: rules)
    let text = "外卖骑手app和apps,骑手证。工会今天成立,骑手外卖"
    let r = scanner.scan(title: "", text: text)
    #expect(r.fired[0].map(\.count) == [3, 2, 1, 2])
    // The spans of the one-record path (骑手) are where the keyword is:
    // every 骑手 but the one inside 骑手证, in `title + "\n" + text`
    // coordinates (the empty title's "\n" shifts the text by one byte).
    let bytes = Array(text.utf8)
    let word = Array("骑手".utf8)
    let expected = (0...(bytes.count - word.count)).filter { i in
      bytes[i..<(i + word.count)].elementsEqual(word) && !bytes[(i + word.count)...].starts(with: Array("证".utf8))
    }.map { ($0 + 1)..<($0 + 1 + word.count) }
    let rider = try #require(r.fired[0].first { $0.rule == 1 })
    #expect(rider.hits.map { $0[0].start..<$0[0].end } == expected)
  }
}
