// The diff page's figures: per topic precision, recall and F1 before and
// after the edit, as paired bars (inline SVG whose values are also text)
// for the topics that moved and as a table of every topic with arrows and
// deltas.

import Foundation

extension DiffPage {
  /// The P/R/F1 section, or a line saying the input has no labels.
  func metrics() -> String {
    var h = "<section id=\"metrics\">\n<h2>P/R/F1 before → after</h2>\n"
    guard let (o, n) = diff.metrics else {
      return h + "<p class=\"none\">No article has labels, so there are no figures to compare.</p>\n</section>\n"
    }
    let rows = zip(o.topics, n.topics).map { ($0.id, $0, $1) } + [("micro avg", o.micro, n.micro)]
    let moved = rows.filter { $0.1 != $0.2 }
    h += "<p class=\"note\">On \(counted(diff.labelledCount, "labelled article")). "
    h += moved.isEmpty ? "No figure moved." : "\(counted(moved.count, "row")) moved (marked *): bars show before "
    h += moved.isEmpty ? "" : "(pale) and after (solid), from 0 to 1; a dash is undefined."
    h += "</p>\n"
    if !moved.isEmpty {
      h += "<div class=\"cards\">\n"
      for (id, a, b) in moved { h += card(id, a, b) }
      h += "</div>\n"
    }
    h += "<div class=\"scroll\">\n<table class=\"figures deltas\">\n<thead><tr><th scope=\"col\" class=\"l\">topic</th>"
    h += "<th scope=\"col\">precision</th><th scope=\"col\">recall</th><th scope=\"col\">F1</th>"
    h += "<th scope=\"col\">TP</th><th scope=\"col\">FP</th><th scope=\"col\">FN</th></tr></thead>\n<tbody>\n"
    for (k, (id, a, b)) in rows.enumerated() {
      let avg = k == rows.count - 1
      if avg { h += "</tbody>\n<tfoot>\n" }
      let classes = (a == b ? [] : ["moved"]) + (avg ? ["avg"] : [])
      h += "<tr data-topic=\"\(esc(id))\"\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>"
      h += "<th scope=\"row\" class=\"l\">\(a == b ? "" : "* ")\(esc(id))</th>"
      for (x, y) in [(a.precision, b.precision), (a.recall, b.recall), (a.f1, b.f1)] {
        h += "<td>\(Self.delta(x, y))</td>"
      }
      for (x, y) in [(a.tp, b.tp), (a.fp, b.fp), (a.fn, b.fn)] {
        h += "<td>\(x == y ? "\(x)" : "\(x) → \(y)")</td>"
      }
      h += "</tr>\n"
    }
    return h + "</tfoot>\n</table>\n</div>\n</section>\n"
  }

  /// `0.50 → 1.00` with the signed difference, as the text report rounds.
  static func delta(_ a: Double?, _ b: Double?) -> String {
    let text = esc(TagDiff.change(a, b))
    guard let a, let b, a != b else { return text }
    let d = b - a
    let digits = String(format: "%.2f", abs(d)) == "0.00" ? 3 : 2
    let s = (d > 0 ? "+" : "−") + String(format: "%.\(digits)f", abs(d))
    return text + " <span class=\"dl \(d > 0 ? "up" : "down")\">\(s)</span>"
  }

  /// A card of one moved row: each figure's bar before and after.
  func card(_ id: String, _ a: TopicMetrics, _ b: TopicMetrics) -> String {
    let figures = [("P", "p", a.precision, b.precision), ("R", "r", a.recall, b.recall), ("F1", "f", a.f1, b.f1)]
    let label =
      "\(id): "
      + figures.map { "\($0.0 == "P" ? "precision" : $0.0 == "R" ? "recall" : "F1") \(TagDiff.change($0.2, $0.3))" }
      .joined(separator: ", ")
    var h = "<article class=\"card\" id=\"mc-\(id == "micro avg" ? "micro" : anchor(id))\">\n"
    h += "<h3><span class=\"tid\">\(esc(id))</span>"
    let tn = name(id)
    if !tn.isEmpty { h += " <span class=\"tname\" lang=\"zh-Hans\">\(esc(tn))</span>" }
    h +=
      "</h3>\n<p class=\"counts\">TP \(TagDiff.arrow("\(a.tp)", "\(b.tp)")) · FP \(TagDiff.arrow("\(a.fp)", "\(b.fp)"))"
    h += " · FN \(TagDiff.arrow("\(a.fn)", "\(b.fn)"))</p>\n"
    h += "<svg class=\"bars pair\" viewBox=\"0 0 320 120\" role=\"img\" aria-label=\"\(esc(label))\">"
    h += "<title>\(esc(label))</title>\n"
    for (row, (name, cls, x, y)) in figures.enumerated() {
      let top = row * 40
      h += "<text class=\"lab\" x=\"0\" y=\"\(top + 20)\">\(name)</text>"
      for (k, v) in [x, y].enumerated() {
        let by = top + 3 + k * 15
        h += "<rect class=\"track\" x=\"30\" y=\"\(by)\" width=\"160\" height=\"12\" rx=\"2\"/>"
        if let v {
          h += "<rect class=\"bar \(cls)\(k == 0 ? " old" : "")\" x=\"30\" y=\"\(by)\" "
          h += "width=\"\(String(format: "%.1f", 160 * v))\" height=\"12\" rx=\"2\"/>"
        }
      }
      h += "<text class=\"val\" x=\"318\" y=\"\(top + 20)\" text-anchor=\"end\">\(esc(TagDiff.change(x, y)))</text>\n"
    }
    return h + "</svg>\n</article>\n"
  }
}
