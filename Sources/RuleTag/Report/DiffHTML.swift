// The HTML report of `diff`: what the text report says, as one
// self-contained page (the eval report's skeleton, stylesheet, escaping
// and marking, `HTMLPage`), readable on a phone and without scripts.
//
// The parts, in page order:
//   header    the two rule sets (name, counts, fingerprints), the input,
//             when and by what command
//   summary   the counts of the summary line
//   rules     each rule change with its identity, line and location
//   metrics   per topic P/R/F1 before → after: bars for the topics that
//             moved, then every figure with its delta
//   articles  each changed article: tags added and removed; per changed
//             topic the score against the threshold, the verdict, the
//             rules to blame with their contributions, and their hits
//             marked in the sentences before and after the edit. Radio
//             buttons and `:checked ~` selectors filter by topic and by
//             verdict.
//   other     ids on one side only, and the articles not compared
// Without rule sets (two `tag` output files) or article text, the page
// says what it cannot show. The clock is the context's `generated`.

import Foundation

/// What a diff page was made from besides the comparison, and when.
public struct DiffHTMLContext: Sendable {
  /// The two sides as the text report names them (`Rules@HEAD`, `Rules`).
  public var old: String
  public var new: String
  /// The input scanned with both rule sets; empty for two record files.
  public var input: [String]
  /// Whether score-only changes are listed (`--all`).
  public var all: Bool
  public var generated: Date
  public var generator: String
  /// The command line, one word an element; empty leaves it out.
  public var command: [String]

  public init(
    old: String, new: String, input: [String], all: Bool, generated: Date, generator: String,
    command: [String] = []
  ) {
    self.old = old
    self.new = new
    self.input = input
    self.all = all
    self.generated = generated
    self.generator = generator
    self.command = command
  }
}

/// The HTML rendering of a diff.
public enum DiffHTML {
  /// The whole page for `diff`; `old` and `new` are the compiled rule sets
  /// (nil for two record files), `evidence` the listed articles' text and
  /// hits (`DiffHTMLEvidence.collect`; empty when not known).
  public static func page(
    _ diff: TagDiff, old: CompiledRules?, new: CompiledRules?, evidence: [String: DiffArticleEvidence],
    context: DiffHTMLContext
  ) -> String {
    let p = DiffPage(diff: diff, old: old, new: new, evidence: evidence, context: context)
    var body = p.header()
    body += "<main>\n"
    body += p.summary()
    body += p.ruleChanges()
    body += p.metrics()
    body += p.articles()
    body += p.other()
    body += "</main>\n"
    return HTMLPage.document(
      title: "ruletag diff: \(context.old) → \(context.new)", generator: context.generator, css: p.css(),
      body: body)
  }
}

/// One diff page being laid out: the data the sections share.
struct DiffPage {
  let diff: TagDiff
  let old: CompiledRules?
  let new: CompiledRules?
  let evidence: [String: DiffArticleEvidence]
  let context: DiffHTMLContext
  /// The articles listed, in input order.
  let listed: [ArticleDiff]
  /// The topics of the listed changes, by index in `diff.topicOrder`.
  let changedTopics: [Int]
  /// Rule lines by identity, the new side's first.
  let lines: [String: String]
  /// Rules by identity (location and weight), the new side's first.
  let located: [String: (location: String, weight: Double)]

  static let verdicts: [(Verdict, String)] = [(.fixed, "fixed"), (.broke, "broke"), (.stillWrong, "still")]

  init(
    diff: TagDiff, old: CompiledRules?, new: CompiledRules?, evidence: [String: DiffArticleEvidence],
    context: DiffHTMLContext
  ) {
    self.diff = diff
    self.old = old
    self.new = new
    self.evidence = evidence
    self.context = context
    listed = context.all ? diff.changes : diff.tagChanges
    let touched = Set(listed.flatMap { $0.topics.map(\.topic) })
    changedTopics = diff.topicOrder.indices.filter { touched.contains(diff.topicOrder[$0]) }
    var lines: [String: String] = [:]
    var located: [String: (location: String, weight: Double)] = [:]
    for rules in [new, old].compactMap({ $0 }) {
      for r in rules.rules where lines[r.identity] == nil {
        lines[r.identity] = r.lineText.trimmingCharacters(in: .whitespaces)
        located[r.identity] = (r.location, r.weight)
      }
    }
    self.lines = lines
    self.located = located
  }

  /// The class of topic `id`: its index in the diff's topic order.
  func anchor(_ id: String) -> String { "t\(diff.topicOrder.firstIndex(of: id) ?? 0)" }

  /// The class of a verdict; `v-none` when the change has none.
  static func verdictClass(_ v: Verdict?) -> String {
    guard let v else { return "v-none" }
    return "v-" + (verdicts.first { $0.0 == v }?.1 ?? "none")
  }

  /// The topic's name in either rule set, or "".
  func name(_ id: String) -> String {
    for r in [new, old].compactMap({ $0 }) {
      if let k = r.topicIndex(id) { return r.topics[k].name }
    }
    return ""
  }

  /// What the page was made from, and when.
  func header() -> String {
    var h = "<header class=\"top\">\n<h1>ruletag diff <span class=\"corpus\">\(esc(context.old)) → "
    h += "\(esc(context.new))</span></h1>\n<dl class=\"meta\">\n"
    for (label, name, rules) in [("Before", context.old, old), ("After", context.new, new)] {
      h += "<div><dt>\(label)</dt><dd><code>\(esc(name))</code>: "
      if let rules {
        let files = HTMLPage.ruleFiles(rules)
        h += "\(counted(rules.topics.count, "topic")), \(counted(rules.rules.count, "rule")) in "
        h += "\(counted(files.count, "file")); fingerprint <code>\(HTMLReport.fingerprint(rules))</code>"
      } else {
        h += "records of <code>ruletag tag --format jsonl</code>; the rules that made them are not known"
      }
      h += "</dd></div>\n"
    }
    h += "<div><dt>Input</dt><dd>"
    if context.input.isEmpty {
      h += "the two files' records, paired by id"
    } else {
      h += context.input.map { "<code>\(esc($0))</code>" }.joined(separator: ", ") + " tagged with both"
    }
    h += ": \(counted(diff.compared, "article")) compared"
    if diff.labelledCount > 0 { h += ", \(diff.labelledCount) with labels" }
    h += "</dd></div>\n"
    h += "<div><dt>Made</dt><dd>\(HTMLPage.time(context.generated)) by \(esc(context.generator))</dd></div>\n"
    h += HTMLPage.commandRow(context.command)
    h += "</dl>\n<nav class=\"toc\" aria-label=\"sections\"><a href=\"#summary\">Summary</a> "
    h += "<a href=\"#rules\">Rule changes (\(diff.rules.map { String($0.changes.count) } ?? "?"))</a> "
    h += "<a href=\"#metrics\">P/R/F1</a> <a href=\"#articles\">Articles (\(listed.count))</a> "
    h += "<a href=\"#other\">Not compared</a></nav>\n</header>\n"
    return h
  }

  /// The counts of the summary line, and what the page cannot know.
  func summary() -> String {
    var h = "<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"stats\">\n"
    var items: [(String, String, String)] = [
      ("compared", "\(diff.compared)", ""), ("with changed tags", "\(diff.tagChanges.count)", ""),
    ]
    if diff.labelledCount > 0 {
      items += [
        ("fixed", "\(diff.verdictCount(.fixed))", " fixed"), ("broke", "\(diff.verdictCount(.broke))", " broke"),
        ("still wrong", "\(diff.verdictCount(.stillWrong, tagChangesOnly: false))", " still"),
      ]
    }
    items.append(("with changed scores only", "\(diff.scoreOnlyCount)", ""))
    items.append(("rule changes", diff.rules.map { String($0.changes.count) } ?? "?", ""))
    if !diff.onlyOld.isEmpty || !diff.onlyNew.isEmpty {
      items += [("only before", "\(diff.onlyOld.count)", ""), ("only after", "\(diff.onlyNew.count)", "")]
    }
    if !diff.errors.isEmpty { items.append(("not compared (errors)", "\(diff.errors.count)", " broke")) }
    for (label, n, cls) in items { h += "<div class=\"stat\(cls)\"><dd>\(n)</dd><dt>\(label)</dt></div>\n" }
    h += "</dl>\n"
    if diff.labelledCount > 0 {
      h += "<p class=\"note\">Verdicts count changed topics of labelled articles: fixed (now agrees with the "
      h += "labels), broke (agreed before, not now), still wrong (wrong before and after).</p>\n"
    }
    if diff.rules == nil {
      h += "<p class=\"note unknown\">Made from two files of <code>tag</code> output: the rule changes, the "
      h += "thresholds, the rules' contributions and the articles' sentences are not in them. A rule is blamed "
      h += "when it fired on one side only or with another weight; its hits cannot be shown.</p>\n"
    } else if evidence.isEmpty && !listed.isEmpty {
      h += "<p class=\"note unknown\">The articles' text was not read again, so no sentence is shown.</p>\n"
    }
    if !context.all && diff.scoreOnlyCount > 0 {
      h += "<p class=\"note\">\(counted(diff.scoreOnlyCount, "article")) with changed scores only are counted "
      h += "but not listed (<code>--all</code> lists them).</p>\n"
    }
    return h + "</section>\n"
  }

  /// Every rule change, as the text report's header lists them.
  func ruleChanges() -> String {
    var h = "<section id=\"rules\">\n<h2>Rule changes</h2>\n"
    guard let rules = diff.rules else {
      return h + "<p class=\"none\">Not known: the two files do not say which rules made them.</p>\n</section>\n"
    }
    guard !rules.isEmpty else {
      return h + "<p class=\"none\">No rule changes: the two rule sets have the same rules.</p>\n</section>\n"
    }
    h += "<div class=\"scroll\">\n<table class=\"changes\">\n<thead><tr><th scope=\"col\" class=\"l\">change</th>"
    h += "<th scope=\"col\" class=\"l\">rule</th><th scope=\"col\">before → after</th>"
    h += "<th scope=\"col\" class=\"l\">location</th><th scope=\"col\" class=\"l\">line</th></tr></thead>\n<tbody>\n"
    for c in rules.changes {
      h += "<tr class=\"rc \(c.kind.rawValue)\" data-kind=\"\(c.kind.rawValue)\">"
      h += "<td class=\"l\"><span class=\"kd\">\(c.kind.rawValue)</span></td>"
      h += "<td class=\"l\"><code>\(esc(c.identity))</code></td><td>\(esc(Self.values(c)))</td>"
      h +=
        "<td class=\"l\"><code class=\"loc\">\(esc(c.location))\(c.newLocation == nil ? " (before)" : "")</code></td>"
      let text = c.lineText.trimmingCharacters(in: .whitespaces)
      h += "<td class=\"l line\">\(text.isEmpty ? "" : "<code class=\"src\" lang=\"zh-Hans\">\(esc(text))</code>")</td>"
      h += "</tr>\n"
    }
    return h + "</tbody>\n</table>\n</div>\n</section>\n"
  }

  /// A change's weights or thresholds, before → after.
  static func values(_ c: RuleChange) -> String {
    switch c.kind {
    case .threshold, .topicAdded, .topicRemoved:
      return "threshold " + TagDiff.arrow(c.old.map(JSONWriter.format) ?? "–", c.new.map(JSONWriter.format) ?? "–")
    case .contexts: return ""
    case .added: return TagDiff.signed(c.new)
    case .removed: return TagDiff.signed(c.old)
    case .reweighted, .edited: return TagDiff.arrow(TagDiff.signed(c.old), TagDiff.signed(c.new))
    }
  }

  /// Ids on one side only and the articles that could not be compared.
  func other() -> String {
    var h = "<section id=\"other\">\n<h2>Not compared</h2>\n"
    if diff.onlyOld.isEmpty && diff.onlyNew.isEmpty && diff.errors.isEmpty && diff.errorRecords == 0 {
      return h + "<p class=\"none\">Every article was compared.</p>\n</section>\n"
    }
    h += "<ul class=\"issues\">\n"
    for id in diff.onlyOld { h += "<li><code>\(esc(id))</code> only in <code>\(esc(context.old))</code></li>\n" }
    for id in diff.onlyNew { h += "<li><code>\(esc(id))</code> only in <code>\(esc(context.new))</code></li>\n" }
    for e in diff.errors { h += "<li>\(esc(e))</li>\n" }
    if diff.errorRecords > 0 { h += "<li>\(counted(diff.errorRecords, "error record")) skipped</li>\n" }
    return h + "</ul>\n</section>\n"
  }
}
