// The HTML report of `eval`: one self-contained file that reads in any
// browser without scripts or network. Inline CSS lays it out (a grid that
// folds to one column on a phone) and filters the mistakes by topic and
// kind (radio buttons and `:checked ~` selectors); inline SVG draws the
// bars, whose figures are text as well.
//
// The parts, in page order:
//   header     the corpus and rules it was made from (paths, counts,
//              fingerprints), when and by what command
//   overall    micro and macro averages
//   topics     per topic: precision, recall and F1 bars with support and
//              counts, then every figure in a table (the text report's)
//   matrix     labelled topic × predicted topic: articles per pair
//   mistakes   every false positive and false negative, the rules that
//              fired, their hits marked in the sentence
//   issues     the corpus issues
// The output depends only on the report, the rules and the context: the
// clock is the context's `generated`, so a fixed date gives a fixed file.

import Foundation

/// What a report was made from besides the evaluation, and when.
public struct HTMLReportContext: Sendable {
  /// The rules path as given (`Rules`).
  public var rules: String
  /// When the report was made.
  public var generated: Date
  /// The program that made it (`ruletag 0.1.0`).
  public var generator: String
  /// The command line, one word an element; empty leaves it out.
  public var command: [String]

  public init(rules: String, generated: Date, generator: String, command: [String] = []) {
    self.rules = rules
    self.generated = generated
    self.generator = generator
    self.command = command
  }
}

/// The HTML rendering of an evaluation.
public enum HTMLReport {
  /// The whole document for `report`, made with `rules`.
  ///
  /// Every mistake is listed (there is no `--max-mistakes` here); the
  /// figures are those of `report.metrics`, as the text report prints them.
  public static func evaluation(_ report: EvaluationReport, rules: CompiledRules, context: HTMLReportContext)
    -> String
  {
    let page = Page(report: report, rules: rules, context: context)
    var body = page.header()
    body += "<main>\n"
    body += page.overall()
    body += page.topics()
    body += page.figures()
    body += page.matrix()
    body += page.mistakes()
    body += page.issues()
    body += "</main>\n"
    return HTMLPage.document(
      title: "ruletag eval: \(report.corpus)", generator: context.generator, css: page.filterRules(), body: body)
  }

  /// A 64-bit FNV-1a digest of the rules: each topic's id and threshold,
  /// each rule's location and line, so that two reports show whether they
  /// were made from the same rules.
  public static func fingerprint(_ rules: CompiledRules) -> String {
    var d = FNV1a.Digest()
    for t in rules.topics {
      d.add("topic \(t.id) \(JSONWriter.format(t.threshold))\n")
      for r in t.rules { d.add("\(rules.rules[r].location)\t\(rules.rules[r].lineText)\n") }
    }
    return d.hex
  }

  /// A 64-bit FNV-1a digest of the evaluated articles: ids, titles, texts
  /// and gold labels, in corpus order.
  public static func fingerprint(_ articles: [EvaluatedArticle]) -> String {
    var d = FNV1a.Digest()
    for e in articles {
      d.add(e.article.id + "\u{1F}")
      d.add(e.article.title)
      d.add([0x1F])
      d.add(e.article.text)
      d.add("\u{1F}" + e.gold.sorted().joined(separator: ",") + "\u{1E}")
    }
    return d.hex
  }
}

/// One report being laid out: the data the sections share.
struct Page {
  let report: EvaluationReport
  let rules: CompiledRules
  let context: HTMLReportContext
  /// The topics with mistakes, in table order, with their mistakes.
  let mistakesByTopic: [(topic: Int, mistakes: [Mistake])]

  init(report: EvaluationReport, rules: CompiledRules, context: HTMLReportContext) {
    self.report = report
    self.rules = rules
    self.context = context
    var groups: [(topic: Int, mistakes: [Mistake])] = []
    for (k, t) in report.metrics.topics.enumerated() {
      let ms = report.mistakes.filter { $0.topic == t.id }
      if !ms.isEmpty { groups.append((k, ms)) }
    }
    mistakesByTopic = groups
  }

  /// The element id of topic `k` of the table (ids of rules need not be
  /// valid in a selector; indexes are).
  static func anchor(_ k: Int) -> String { "t\(k)" }

  /// The topic's name in the rules (`新就业形态劳动者`), or "".
  func name(_ id: String) -> String { rules.topicIndex(id).map { rules.topics[$0].name } ?? "" }

  /// A figure as the text report prints it: two decimals, or `–` when
  /// undefined.
  static func figure(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "–" }

  /// The page header: what the report was made from, and when.
  func header() -> String {
    let labels = report.articles.reduce(0) { $0 + $1.gold.count }
    let files = HTMLPage.ruleFiles(rules)
    var h = "<header class=\"top\">\n<h1>ruletag eval <span class=\"corpus\">\(esc(report.corpus))</span></h1>\n"
    h += "<dl class=\"meta\">\n"
    h += "<div><dt>Corpus</dt><dd><code>\(esc(report.corpus))</code>: \(counted(report.articleCount, "article")), "
    h +=
      "\(counted(labels, "gold label")); fingerprint <code>\(HTMLReport.fingerprint(report.articles))</code></dd></div>\n"
    h += "<div><dt>Rules</dt><dd><code>\(esc(context.rules))</code>: \(counted(rules.topics.count, "topic")), "
    h += "\(counted(rules.rules.count, "rule")) in \(counted(files.count, "file")); "
    h += "fingerprint <code>\(HTMLReport.fingerprint(rules))</code></dd></div>\n"
    h += "<div><dt>Made</dt><dd>\(HTMLPage.time(context.generated)) by \(esc(context.generator))</dd></div>\n"
    h += HTMLPage.commandRow(context.command)
    h += "</dl>\n<details class=\"files\"><summary>Rule files (\(files.count))</summary>\n<ul>\n"
    for (file, n) in files { h += "<li><code>\(esc(file))</code>: \(counted(n, "rule"))</li>\n" }
    h += "</ul>\n</details>\n"
    h +=
      "<nav class=\"toc\" aria-label=\"sections\"><a href=\"#overall\">Overall</a> <a href=\"#topics\">Per topic</a> "
    h += "<a href=\"#figures\">Figures</a> <a href=\"#matrix\">Co-occurrence</a> "
    h += "<a href=\"#mistakes\">Mistakes (\(report.mistakes.count))</a> "
    h += "<a href=\"#issues\">Corpus issues (\(report.issues.count))</a></nav>\n</header>\n"
    return h
  }

  /// The corpus issues, or a line saying there are none.
  func issues() -> String {
    var h = "<section id=\"issues\">\n<h2>Corpus issues</h2>\n"
    if report.issues.isEmpty { return h + "<p class=\"none\">No corpus issues.</p>\n</section>\n" }
    h += "<ul class=\"issues\">\n"
    for i in report.issues { h += "<li>\(esc(i))</li>\n" }
    return h + "</ul>\n</section>\n"
  }
}
