// The HTML report of `eval`, checked without a browser: well formed (by
// HTMLChecker), self-contained, every false positive and false negative of
// the evaluation on Corpus/ present, the figures equal to the text
// report's, the marked hits equal to the evidence, everything escaped, and
// the whole page equal to a golden file under a fixed clock.

import Foundation
import Testing

@testable import RuleTag

enum HTMLFixture {
  static let context = HTMLReportContext(
    rules: "Rules", generated: Date(timeIntervalSince1970: 1_800_000_000), generator: "ruletag (tests)",
    command: ["ruletag", "eval", "--corpus", "Corpus", "--html", "report.html"])

  /// The shipped rules on the shipped corpus, paths relative to the
  /// package root so that the page names them as a user would.
  static let corpus: (report: EvaluationReport, rules: CompiledRules, html: String)? = {
    guard case .success(let rules) = CompiledRules.load(path: "Rules", directory: PackagePaths.root.path) else {
      return nil
    }
    let report = Evaluator.evaluate(rules: rules, corpus: "Corpus", threads: 1, directory: PackagePaths.root.path)
    return (report, rules, HTMLReport.evaluation(report, rules: rules, context: context))
  }()

  /// The `<article class="m …">` blocks of the mistakes, in page order.
  static func mistakeBlocks(_ html: String) -> [(kind: String, topic: String, id: String, body: String)] {
    HTMLChecker.matches(
      #"<article class="m (?:fp|fn)" id="m\d+" data-kind="([^"]*)" data-topic="([^"]*)" data-id="([^"]*)">(.*?)</article>"#,
      in: html
    ).map { ($0[0], HTMLChecker.unescape($0[1]), HTMLChecker.unescape($0[2]), $0[3]) }
  }

  /// Evaluates `corpus` (JSONL text) with `rules` (rule text) from a
  /// temporary folder.
  static func evaluate(rules text: String, corpus: String, threads: Int = 1) throws -> (
    EvaluationReport, CompiledRules
  ) {
    let rules = try #require(compileRules(text))
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try corpus.write(to: dir.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
    return (Evaluator.evaluate(rules: rules, corpus: "c.jsonl", threads: threads, directory: dir.path), rules)
  }
}

/// A string of the given scalars (noncharacters cannot be written as
/// literals).
func scalars(_ values: UInt32...) -> String {
  String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
}

@Suite struct HTMLReportTests {
  @Test func corpusReportIsWellFormed() throws {
    let f = try #require(HTMLFixture.corpus)
    #expect(HTMLChecker.problems(f.html) == [])
  }

  /// The checker itself rejects what it is there to catch.
  @Test(arguments: [
    ("<div><span></div></span>", "misnested"),
    ("<div>", "unclosed"),
    ("<p>a & b</p>", "bare ampersand"),
    ("<p>a > b</p>", "bare >"),
    ("<p class=x>a</p>", "unquoted attribute"),
    ("<script>x</script>", "unknown element"),
    ("<p title=\"<b>\">a</p>", "< in an attribute"),
  ])
  func checkerRejects(_ body: String, _ what: String) {
    #expect(!HTMLChecker.problems("<!DOCTYPE html>\n<html>" + body + "</html>").isEmpty, "\(what)")
  }

  @Test func corpusReportLoadsNothing() throws {
    let html = try #require(HTMLFixture.corpus).html
    for bad in ["http:", "https:", "src=", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "//"] {
      #expect(!html.contains(bad), "the report contains \(bad)")
    }
    // Every link is to a place in the page itself.
    let ids = Set(HTMLChecker.matches(#" id="([^"]*)""#, in: html).map { $0[0] })
    let hrefs = HTMLChecker.matches(#" href="([^"]*)""#, in: html).map { $0[0] }
    #expect(hrefs.count >= 6)
    for h in hrefs {
      #expect(h.hasPrefix("#") && ids.contains(String(h.dropFirst())), "link \(h) goes nowhere in the page")
    }
  }

  @Test func everyMistakeOfTheCorpusIsListed() throws {
    let f = try #require(HTMLFixture.corpus)
    #expect(!f.report.mistakes.isEmpty)
    let listed = HTMLFixture.mistakeBlocks(f.html).map { "\($0.kind) \($0.topic) \($0.id)" }
    #expect(listed == f.report.mistakes.map { "\($0.kind.rawValue) \($0.topic) \($0.id)" })
    // The same mistakes as the text report lists, line by line.
    let text = f.report.rendered().split(separator: "\n").compactMap { line -> String? in
      let w = line.split(separator: " ")
      return w.count > 2 && (w[0] == "FP" || w[0] == "FN") ? "\(w[0]) \(w[1])" : nil
    }
    #expect(text == f.report.mistakes.map { "\($0.kind.rawValue) \($0.id)" })
  }

  /// Each row of the figures table holds what the text report prints for
  /// that topic (an undefined value: `-` there, `–` here).
  @Test func figuresAreTheTextReports() throws {
    let f = try #require(HTMLFixture.corpus)
    let rows = HTMLChecker.matches(#"<tr data-topic="([^"]*)"[^>]*><th[^>]*>[^<]*</th>(.*?)</tr>"#, in: f.html).map {
      [$0[0]]
        + HTMLChecker.matches("<td>([^<]*)</td>", in: $0[1]).map { $0[0].replacingOccurrences(of: "–", with: "-") }
    }
    let text = f.report.metrics.rendered().split(separator: "\n").map { line in
      line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " avg", with: "_avg").split(separator: " ")
        .map { String($0).replacingOccurrences(of: "_avg", with: " avg") }
    }.filter { $0.count >= 5 && $0[0] != "precision" }
    #expect(rows.count == f.report.metrics.topics.count + 2)
    #expect(rows.map { Array($0.prefix(8)).filter { !$0.isEmpty } } == text)
    // The bars say the same: one labelled SVG per topic.
    for t in f.report.metrics.topics {
      let label =
        "\(t.id): precision \(Page.figure(t.precision)), recall \(Page.figure(t.recall)), F1 \(Page.figure(t.f1))"
      #expect(f.html.contains("aria-label=\"\(label)\""), "\(label)")
    }
  }

  /// The marked spans of each mistake are the hits' own text, located
  /// through their offsets, in order.
  @Test func marksAreTheEvidence() throws {
    let f = try #require(HTMLFixture.corpus)
    let blocks = HTMLFixture.mistakeBlocks(f.html)
    var marks = 0
    for (m, b) in zip(f.report.mistakes, blocks) {
      let a = try #require(m.article)
      let expected = m.spans.flatMap { rule in
        rule.flatMap { hit in
          hit.sorted { $0.start < $1.start }.map { EvidenceText.locate(a, $0).text }
        }
      }
      let found = HTMLChecker.matches("<mark>(.*?)</mark>", in: b.body).map { HTMLChecker.unescape($0[0]) }
      #expect(found == expected, "\(m.id) \(m.topic)")
      marks += found.count
    }
    #expect(marks >= 3)
  }

  @Test func corpusReportGolden() throws {
    let f = try #require(HTMLFixture.corpus)
    expectGolden(f.html, at: TestPaths.golden.appendingPathComponent("html/corpus_report.html"))
  }

  /// Only the date changes with the clock.
  @Test func clockChangesOnlyTheDate() throws {
    let f = try #require(HTMLFixture.corpus)
    var c = HTMLFixture.context
    c.generated = Date(timeIntervalSince1970: 0)
    let other = HTMLReport.evaluation(f.report, rules: f.rules, context: c)
    #expect(other.contains("<time datetime=\"1970-01-01T00:00:00Z\">1970-01-01 00:00:00 UTC</time>"))
    #expect(
      other.replacingOccurrences(of: "1970-01-01T00:00:00Z", with: "2027-01-15T08:00:00Z").replacingOccurrences(
        of: "1970-01-01 00:00:00 UTC", with: "2027-01-15 08:00:00 UTC") == f.html)
  }

  @Test(arguments: [
    ("plain 中文😀", "plain 中文😀"),
    ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
    ("a & b \"c\"", "a &amp; b &quot;c&quot;"),
    ("&amp;", "&amp;amp;"),
    ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
    ("nul\u{0}bell\u{7}esc\u{1B}", "nul\u{2400}bell\u{2407}esc\u{241B}"),
    ("del\u{7F}nel\u{85}", "del\u{2421}nel\u{FFFD}"),
    ("non" + scalars(0xFFFE, 0xFDD0, 0x10FFFF), "non\u{FFFD}\u{FFFD}\u{FFFD}"),
  ])
  func escaping(_ raw: String, _ escaped: String) {
    #expect(HTMLText.escape(raw) == escaped)
  }

  /// Byte offsets of the `n`th (0-based) `word` in `text`, as spans of
  /// `title + "\n" + text` with the sentence `sentence` around them.
  static func span(_ word: String, _ n: Int, in text: String, title: String, sentence: String) -> EvidenceSpan {
    let all = title + "\n" + text
    var from = all.utf8.startIndex
    var r = all.utf8.startIndex..<all.utf8.startIndex
    for _ in 0...n {
      let range = all.range(of: word, range: from..<all.endIndex)!
      r = range
      from = range.upperBound
    }
    let s = all.range(of: sentence)!
    func o(_ i: String.Index) -> Int { all.utf8.distance(from: all.utf8.startIndex, to: i) }
    return EvidenceSpan(
      start: o(r.lowerBound), end: o(r.upperBound), sentenceStart: o(s.lowerBound), sentenceEnd: o(s.upperBound))
  }

  struct MarkCase: Sendable, CustomTestStringConvertible {
    var name: String
    var title: String
    var text: String
    /// (word, occurrence, sentence) per span of one hit.
    var spans: [(String, Int, String)]
    var html: [String]
    var testDescription: String { name }
  }

  @Test(arguments: [
    MarkCase(
      name: "the second occurrence", title: "T", text: "骑手说骑手很好。", spans: [("骑手", 1, "骑手说骑手很好。")],
      html: ["骑手说<mark>骑手</mark>很好。"]),
    MarkCase(
      name: "after multi-byte characters", title: "T", text: "😀é中文骑手。", spans: [("骑手", 0, "😀é中文骑手。")],
      html: ["😀é中文<mark>骑手</mark>。"]),
    MarkCase(
      name: "two terms of one sentence", title: "T", text: "工会为骑手服务。",
      spans: [("骑手", 0, "工会为骑手服务。"), ("工会", 0, "工会为骑手服务。")],
      html: ["<mark>工会</mark>为<mark>骑手</mark>服务。"]),
    MarkCase(
      name: "overlapping spans", title: "T", text: "外卖骑手到。", spans: [("外卖骑", 0, "外卖骑手到。"), ("骑手", 0, "外卖骑手到。")],
      html: ["<mark>外卖骑手</mark>到。"]),
    MarkCase(
      name: "touching spans", title: "T", text: "外卖骑手到。", spans: [("外卖", 0, "外卖骑手到。"), ("骑手", 0, "外卖骑手到。")],
      html: ["<mark>外卖</mark><mark>骑手</mark>到。"]),
    MarkCase(
      name: "two sentences, in text order", title: "T", text: "有骑手。又有工会。",
      spans: [("工会", 0, "又有工会。"), ("骑手", 0, "有骑手。")],
      html: ["有<mark>骑手</mark>。", "又有<mark>工会</mark>。"]),
    MarkCase(
      name: "title first", title: "骑手之家", text: "工会。", spans: [("工会", 0, "工会。"), ("骑手", 0, "骑手之家")],
      html: ["<mark>骑手</mark>之家", "<mark>工会</mark>。"]),
    MarkCase(
      name: "markup in the text", title: "T", text: "<b>骑手&</b>。", spans: [("骑手&", 0, "<b>骑手&</b>。")],
      html: ["&lt;b&gt;<mark>骑手&amp;</mark>&lt;/b&gt;。"]),
  ])
  func marking(_ c: MarkCase) {
    let a = Article(id: "a", title: c.title, text: c.text)
    let hit = c.spans.map { Self.span($0.0, $0.1, in: c.text, title: c.title, sentence: $0.2) }
    #expect(MarkedSentence.group(a, hit).map { $0.html(a) } == c.html)
  }

  static let hostileRules = """
    topic new-employment "新就业<形态>" threshold 2
      +1  骑手  cap 3
    topic legal-aid "法律&援助" threshold 1
      +1  法律援助
    """

  static let hostileCorpus = """
    {"id":"x\\"1<&>","title":"<script>alert(1)</script>骑手","text":"骑手说骑手\\u0001。法律援助。","labels":["new-employment"]}
    {"id":"x2","title":"无","text":"骑手。","labels":["new-employment","legal-aid"],"evidence":{"legal-aid":"<i>律师</i>"}}
    {"id":"x3","title":"无\\u0001","text":"法律援助。","labels":[]}
    {"id":"x4","title":"无","text":"无关。","labels":["legal-aid"]}

    """

  /// Ids, titles, text, topic names and gold evidence full of markup stay
  /// text, and the page stays well formed.
  @Test func hostileTextIsEscaped() throws {
    let (report, rules) = try HTMLFixture.evaluate(rules: Self.hostileRules, corpus: Self.hostileCorpus)
    let html = HTMLReport.evaluation(report, rules: rules, context: HTMLFixture.context)
    #expect(HTMLChecker.problems(html) == [])
    #expect(!html.contains("<script") && !html.contains("<i>") && !html.contains("<形态>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("data-id=\"x&quot;1&lt;&amp;&gt;\""))
    #expect(html.contains("新就业&lt;形态&gt;") && html.contains("法律&amp;援助"))
    #expect(html.contains("&lt;i&gt;律师&lt;/i&gt;"))
    #expect(html.contains("\u{2401}") && !html.contains("\u{1}"))
    let blocks = HTMLFixture.mistakeBlocks(html)
    #expect(
      blocks.map { "\($0.kind) \($0.topic) \($0.id)" } == [
        "FN new-employment x2", "FP legal-aid x\"1<&>", "FN legal-aid x2", "FP legal-aid x3", "FN legal-aid x4",
      ])
    #expect(
      blocks.map { "\($0.kind) \($0.topic) \($0.id)" }
        == report.mistakes.map { "\($0.kind.rawValue) \($0.topic) \($0.id)" })
  }

  /// The matrix counts articles per labelled and predicted topic.
  @Test func matrixCountsArticles() throws {
    let (report, rules) = try HTMLFixture.evaluate(rules: Self.hostileRules, corpus: Self.hostileCorpus)
    let html = HTMLReport.evaluation(report, rules: rules, context: HTMLFixture.context)
    let table = try #require(HTMLChecker.matches(#"<table class="matrix">(.*?)</table>"#, in: html).first?[0])
    let rows = HTMLChecker.matches(#"<tr><th scope="row" class="l">([^<]*)</th>(.*?)</tr>"#, in: table).map { r in
      [r[0]]
        + HTMLChecker.matches(
          #"<td class="([a-z]\d)?[^"]*"[^>]*>(\d*)(?:<span class="k">(\d+)✗</span>)?</td>"#, in: r[1]
        ).map { $0[1] + ($0[2].isEmpty ? "" : "/\($0[2])✗") }
    }
    // x1: gold new-employment, tagged new-employment (3 骑手) and legal-aid.
    // x2: gold both, tagged nothing (1 骑手 < 2). x3: no gold, tagged
    // legal-aid. x4: gold legal-aid, tagged nothing.
    #expect(
      rows == [
        ["new-employment", "1", "1/1✗", "1"],
        ["legal-aid", "", "", "2"],
        ["no gold label", "", "1/1✗", ""],
      ])
  }

  /// The page is the same whatever the number of scanning threads.
  @Test func threadsGiveTheSamePage() throws {
    let a = try HTMLFixture.evaluate(rules: Self.hostileRules, corpus: Self.hostileCorpus, threads: 1)
    let b = try HTMLFixture.evaluate(rules: Self.hostileRules, corpus: Self.hostileCorpus, threads: 3)
    #expect(
      HTMLReport.evaluation(a.0, rules: a.1, context: HTMLFixture.context)
        == HTMLReport.evaluation(b.0, rules: b.1, context: HTMLFixture.context))
  }

  /// Every topic with mistakes has a radio button before the list, a label
  /// for it, and the rule that hides the other topics' groups.
  @Test func filtersCoverEveryTopicWithMistakes() throws {
    let f = try #require(HTMLFixture.corpus)
    let topics = Set(f.report.mistakes.map(\.topic))
    #expect(topics.count >= 2)
    let list = try #require(f.html.range(of: "<div class=\"mlist\">"))
    let firstFilter = try #require(f.html.range(of: "<div class=\"filters\""))
    for (k, t) in f.report.metrics.topics.enumerated() where topics.contains(t.id) {
      let input = try #require(f.html.range(of: "<input class=\"pick\" type=\"radio\" name=\"topic\" id=\"f-t\(k)\">"))
      #expect(input.upperBound < firstFilter.lowerBound && firstFilter.upperBound < list.lowerBound)
      #expect(f.html.contains("<label for=\"f-t\(k)\">\(t.id) <b>"))
      #expect(f.html.contains("#f-t\(k):checked~.mlist .mt:not(.t\(k)){display:none}"))
      #expect(f.html.contains("<section class=\"mt t\(k)\" id=\"m-t\(k)\">"))
    }
    #expect(f.html.contains("#k-fp:checked~.mlist .m.fn,#k-fn:checked~.mlist .m.fp{display:none}"))
  }

  /// A corpus the rules get right, with a topic never labelled nor
  /// predicted and a corpus issue: no mistakes, dashes and no bars for the
  /// undefined figures, the issue listed.
  @Test func noMistakesUndefinedFiguresAndIssues() throws {
    let corpus = """
      {"id":"a","title":"无","text":"骑手骑手。","labels":["new-employment"]}
      {"id":"b","title":"无","text":"无关。","labels":["new-employmnt"]}

      """
    let (report, rules) = try HTMLFixture.evaluate(rules: Self.hostileRules, corpus: corpus)
    let html = HTMLReport.evaluation(report, rules: rules, context: HTMLFixture.context)
    #expect(HTMLChecker.problems(html) == [])
    #expect(report.mistakes.isEmpty && report.issues.count == 1)
    #expect(html.contains("<p class=\"none\">No mistakes: every topic is right.</p>"))
    #expect(!html.contains("<input"))
    #expect(html.contains("<li>\(HTMLText.escape(report.issues[0]))</li>") && html.contains("new-employmnt"))
    let card = try #require(HTMLChecker.matches(#"<article class="card" id="t1">(.*?)</article>"#, in: html).first?[0])
    #expect(card.contains("precision –, recall –, F1 –") && !card.contains("class=\"bar "))
    #expect(
      html.contains(
        "<tr data-topic=\"legal-aid\"><th scope=\"row\" class=\"l\">legal-aid</th><td>–</td><td>–</td><td>–</td><td>0</td>"
      ))
  }

  /// The spans the page marks are those of the text report: a mistake's
  /// `spans` run parallel to its `rules`, and marking them the text
  /// report's way gives its evidence lines; `articles` are every article.
  @Test func mistakeSpansMatchTheTextEvidence() throws {
    let f = try #require(HTMLFixture.corpus)
    #expect(f.report.articles.count == f.report.articleCount)
    for m in f.report.mistakes {
      let a = try #require(m.article)
      #expect(a.id == m.id)
      #expect(m.spans.count == m.rules.count, "\(m.id)")
      for (r, spans) in zip(m.rules, m.spans) {
        #expect(r.evidence == spans.map { h in h.map { EvidenceText.marked(a, $0) }.joined(separator: " … ") })
      }
    }
  }
}
