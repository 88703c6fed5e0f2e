// The figures of the HTML report: the averages and the per-topic bars
// (inline SVG whose values are also text), the table of every figure, and
// the labelled × predicted topic matrix.

import Foundation

extension Page {
  /// Micro and macro averages, as bar cards.
  func overall() -> String {
    let m = report.metrics.micro
    let a = report.metrics.macro
    let fps = report.mistakes.filter { $0.kind == .falsePositive }.count
    var h = "<section id=\"overall\">\n<h2>Overall</h2>\n"
    h += "<p>\(counted(report.articleCount, "article")) evaluated; \(counted(fps, "false positive")) and "
    h +=
      "\(counted(report.mistakes.count - fps, "false negative")) over \(counted(mistakesByTopic.count, "topic")).</p>\n"
    h += "<div class=\"cards\">\n"
    h += card(
      title: "micro avg", subtitle: "counts of all topics pooled", anchor: "avg-micro", precision: m.precision,
      recall: m.recall, f1: m.f1, counts: "support \(m.support) · TP \(m.tp) · FP \(m.fp) · FN \(m.fn)")
    h += card(
      title: "macro avg", subtitle: "mean of the defined per-topic values", anchor: "avg-macro", precision: a.precision,
      recall: a.recall, f1: a.f1, counts: "support \(m.support) · \(counted(report.metrics.topics.count, "topic"))")
    return h + "</div>\n</section>\n"
  }

  /// One bar card per topic, in table order.
  func topics() -> String {
    var h = "<section id=\"topics\">\n<h2>Per topic</h2>\n"
    h += "<p class=\"note\">Bars: precision (P), recall (R) and F1 from 0 to 1; a dash is undefined "
    h += "(never predicted, or no support), as in the text report.</p>\n<div class=\"cards\">\n"
    for (k, t) in report.metrics.topics.enumerated() {
      let n = mistakesByTopic.first { $0.topic == k }?.mistakes.count ?? 0
      let link = n == 0 ? "" : " · <a href=\"#m-\(Page.anchor(k))\">\(counted(n, "mistake"))</a>"
      h += card(
        title: t.id, subtitle: name(t.id), anchor: Page.anchor(k), precision: t.precision, recall: t.recall, f1: t.f1,
        counts: "support \(t.support) · TP \(t.tp) · FP \(t.fp) · FN \(t.fn)" + link, weak: t.fp + t.fn > 0,
        named: true)
    }
    return h + "</div>\n</section>\n"
  }

  /// A card: a title, a line of counts, and the three bars; `named`: the
  /// subtitle is a topic's name.
  func card(
    title: String, subtitle: String, anchor: String, precision: Double?, recall: Double?, f1: Double?,
    counts: String, weak: Bool = false, named: Bool = false
  ) -> String {
    let label = "\(title): precision \(Page.figure(precision)), recall \(Page.figure(recall)), F1 \(Page.figure(f1))"
    var h = "<article class=\"card\(weak ? " weak" : "")\" id=\"\(anchor)\">\n"
    h += "<h3><span class=\"tid\">\(esc(title))</span>"
    if !subtitle.isEmpty {
      // A topic's name is Chinese; the averages' notes are English.
      h += " <span class=\"tname\"\(named ? " lang=\"zh-Hans\"" : "")>\(esc(subtitle))</span>"
    }
    h += "</h3>\n<p class=\"counts\">\(counts)</p>\n"
    h += "<svg class=\"bars\" viewBox=\"0 0 320 78\" role=\"img\" aria-label=\"\(esc(label))\">"
    h += "<title>\(esc(label))</title>\n"
    for (row, (name, cls, v)) in [("P", "p", precision), ("R", "r", recall), ("F1", "f", f1)].enumerated() {
      let y = row * 26
      h += "<text class=\"lab\" x=\"0\" y=\"\(y + 17)\">\(name)</text>"
      h += "<rect class=\"track\" x=\"30\" y=\"\(y + 4)\" width=\"240\" height=\"16\" rx=\"3\"/>"
      if let v {
        h += "<rect class=\"bar \(cls)\" x=\"30\" y=\"\(y + 4)\" width=\"\(String(format: "%.1f", 240 * v))\" "
        h += "height=\"16\" rx=\"3\"/>"
      }
      h += "<text class=\"val\" x=\"318\" y=\"\(y + 17)\" text-anchor=\"end\">\(Page.figure(v))</text>\n"
    }
    return h + "</svg>\n</article>\n"
  }

  /// Every figure of the text report's table, with the averages.
  func figures() -> String {
    var h = "<section id=\"figures\">\n<h2>Figures</h2>\n<div class=\"scroll\">\n<table class=\"figures\">\n"
    h +=
      "<thead><tr><th scope=\"col\" class=\"l\">topic</th><th scope=\"col\">precision</th><th scope=\"col\">recall</th>"
    h += "<th scope=\"col\">F1</th><th scope=\"col\">support</th><th scope=\"col\">TP</th><th scope=\"col\">FP</th>"
    h += "<th scope=\"col\">FN</th></tr></thead>\n<tbody>\n"
    func row(_ id: String, _ p: Double?, _ r: Double?, _ f: Double?, _ counts: [Int?], _ extra: String) -> String {
      var s = "<tr data-topic=\"\(esc(id))\"\(extra)><th scope=\"row\" class=\"l\">\(esc(id))</th>"
      for x in [p, r, f] { s += "<td>\(Page.figure(x))</td>" }
      for c in counts { s += "<td>\(c.map(String.init) ?? "")</td>" }
      return s + "</tr>\n"
    }
    for t in report.metrics.topics {
      h += row(t.id, t.precision, t.recall, t.f1, [t.support, t.tp, t.fp, t.fn], "")
    }
    let m = report.metrics.micro
    let a = report.metrics.macro
    h += "</tbody>\n<tfoot>\n"
    h += row("micro avg", m.precision, m.recall, m.f1, [m.support, m.tp, m.fp, m.fn], " class=\"avg\"")
    h += row("macro avg", a.precision, a.recall, a.f1, [m.support, nil, nil, nil], " class=\"avg\"")
    return h + "</tfoot>\n</table>\n</div>\n</section>\n"
  }

  /// Articles per labelled topic (row) and predicted topic (column).
  func matrix() -> String {
    let ids = report.metrics.topics.map(\.id)
    let n = ids.count
    let index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    // Rows 0..<n: the topics, row n: no gold label; columns likewise, with
    // column n: nothing predicted.
    var count = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: n + 1)
    var wrong = count
    for e in report.articles {
      let gold = e.gold.compactMap { index[$0] }.sorted()
      let predicted = e.predicted.compactMap { index[$0] }.sorted()
      for i in gold.isEmpty ? [n] : gold {
        for j in predicted.isEmpty ? [n] : predicted {
          count[i][j] += 1
          if j < n && !gold.contains(j) { wrong[i][j] += 1 }
        }
      }
    }
    let top = max(1, count.joined().max() ?? 1)
    var h = "<section id=\"matrix\">\n<h2>Labelled × predicted topics</h2>\n"
    h += "<p class=\"note\">A cell counts the articles labelled with the row's topic and tagged with the column's. "
    h += "The diagonal is each topic's true positives. Off the diagonal, an article labelled with both topics "
    h += "is right twice; the ones whose column topic is a false positive are counted after ✗. "
    h += "The last row holds articles with no gold label, the last column articles tagged with nothing.</p>\n"
    h += "<div class=\"scroll\">\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\" class=\"l\">labelled ↓ "
    h += "predicted →</th>"
    for j in 0...n {
      h += "<th scope=\"col\" class=\"col\"><span>\(j < n ? esc(ids[j]) : "nothing predicted")</span></th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for i in 0...n {
      let rowName = i < n ? ids[i] : "no gold label"
      h += "<tr><th scope=\"row\" class=\"l\">\(esc(rowName))</th>"
      for j in 0...n {
        let c = count[i][j]
        guard c > 0 else {
          h += "<td class=\"z\"></td>"
          continue
        }
        let level = 1 + min(4, c * 5 / (top + 1))
        let kind = i == j ? "d" : (wrong[i][j] > 0 ? "x" : "c")
        let colName = j < n ? ids[j] : "nothing"
        var tip = "\(counted(c, "article")) labelled \(rowName), tagged \(colName)"
        if wrong[i][j] > 0 { tip += "; \(wrong[i][j]) of them false positives of \(colName)" }
        h += "<td class=\"\(kind)\(level)\" title=\"\(esc(tip))\">\(c)"
        if wrong[i][j] > 0 { h += "<span class=\"k\">\(wrong[i][j])✗</span>" }
        h += "</td>"
      }
      h += "</tr>\n"
    }
    return h + "</tbody>\n</table>\n</div>\n</section>\n"
  }
}
