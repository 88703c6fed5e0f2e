// The mistakes of the HTML report: every false positive and false
// negative under its topic, with the rules that fired (location, line and
// contribution) and each counted hit marked in its sentence. The filters
// are radio buttons placed before the list: `#f-t3:checked ~ .mlist`
// hides the other topics' groups, so the page filters without a script and
// shows everything where CSS is off.

import Foundation

extension Page {
  /// The CSS that makes the filters work: one rule per topic with mistakes.
  func filterRules() -> String {
    let picks = ["f-all", "k-all", "k-fp", "k-fn"] + mistakesByTopic.map { "f-" + Page.anchor($0.topic) }
    var css = ""
    for p in picks {
      css += "#\(p):checked~.filters label[for=\(p)]{background:var(--pick);color:#fff;border-color:var(--pick)}\n"
      css += "#\(p):focus-visible~.filters label[for=\(p)]{outline:2px solid var(--pick);outline-offset:2px}\n"
    }
    for (k, _) in mistakesByTopic {
      let a = Page.anchor(k)
      css += "#f-\(a):checked~.mlist .mt:not(.\(a)){display:none}\n"
    }
    return css + "#k-fp:checked~.mlist .m.fn,#k-fn:checked~.mlist .m.fp{display:none}\n"
  }

  /// The section of mistakes with its filters.
  func mistakes() -> String {
    let fps = report.mistakes.filter { $0.kind == .falsePositive }.count
    let fns = report.mistakes.count - fps
    var h = "<section id=\"mistakes\">\n<h2>False positives and false negatives</h2>\n"
    guard !report.mistakes.isEmpty else {
      return h + "<p class=\"none\">No mistakes: every topic is right.</p>\n</section>\n"
    }
    h += "<p class=\"note\">\(counted(fps, "false positive")) (tagged, not labelled) and "
    h += "\(counted(fns, "false negative")) (labelled, not tagged). Under each, the rules that fired on the article "
    h += "with their contribution to the score and their counted hits <mark>marked</mark> in the sentence.</p>\n"
    h += "<input class=\"pick\" type=\"radio\" name=\"topic\" id=\"f-all\" checked>\n"
    for (k, _) in mistakesByTopic {
      h += "<input class=\"pick\" type=\"radio\" name=\"topic\" id=\"f-\(Page.anchor(k))\">\n"
    }
    h += "<input class=\"pick\" type=\"radio\" name=\"kind\" id=\"k-all\" checked>\n"
    h += "<input class=\"pick\" type=\"radio\" name=\"kind\" id=\"k-fp\">\n"
    h += "<input class=\"pick\" type=\"radio\" name=\"kind\" id=\"k-fn\">\n"
    h += "<div class=\"filters\" role=\"group\" aria-label=\"filter by topic\"><span class=\"fl\">Topic</span> "
    h += "<label for=\"f-all\">all <b>\(report.mistakes.count)</b></label>\n"
    for (k, ms) in mistakesByTopic {
      h += "<label for=\"f-\(Page.anchor(k))\">\(esc(report.metrics.topics[k].id)) <b>\(ms.count)</b></label>\n"
    }
    h += "</div>\n<div class=\"filters\" role=\"group\" aria-label=\"filter by kind\"><span class=\"fl\">Kind</span> "
    h += "<label for=\"k-all\">both</label>\n<label for=\"k-fp\">false positives <b>\(fps)</b></label>\n"
    h += "<label for=\"k-fn\">false negatives <b>\(fns)</b></label>\n</div>\n<div class=\"mlist\">\n"
    let lines = Dictionary(rules.rules.map { ($0.location, $0.lineText) }, uniquingKeysWith: { a, _ in a })
    var number = 0
    for (k, ms) in mistakesByTopic {
      let t = report.metrics.topics[k]
      let a = Page.anchor(k)
      h += "<section class=\"mt \(a)\" id=\"m-\(a)\">\n<h3><span class=\"tid\">\(esc(t.id))</span>"
      let tn = name(t.id)
      if !tn.isEmpty { h += " <span class=\"tname\" lang=\"zh-Hans\">\(esc(tn))</span>" }
      h += " <span class=\"n\">FP \(t.fp) · FN \(t.fn)</span></h3>\n"
      for m in ms {
        number += 1
        h += mistake(m, number: number, lines: lines)
      }
      h += "</section>\n"
    }
    return h + "</div>\n</section>\n"
  }

  /// One mistake: the article, the score against the threshold, the rules
  /// that fired with their hits, and for a false negative the gold evidence.
  func mistake(_ m: Mistake, number: Int, lines: [String: String]) -> String {
    let fp = m.kind == .falsePositive
    var h = "<article class=\"m \(fp ? "fp" : "fn")\" id=\"m\(number)\" data-kind=\"\(m.kind.rawValue)\" "
    h += "data-topic=\"\(esc(m.topic))\" data-id=\"\(esc(m.id))\">\n"
    h += "<header><span class=\"kind\" title=\"\(fp ? "false positive" : "false negative")\">\(m.kind.rawValue)</span> "
    h +=
      "<code class=\"aid\">\(esc(m.id))</code> <span class=\"atitle\" lang=\"zh-Hans\">\(esc(m.title))</span></header>\n"
    let cmp = m.score >= m.threshold ? "≥" : "&lt;"
    h +=
      "<p class=\"score\">score <b>\(JSONWriter.format(m.score))</b> \(cmp) threshold \(JSONWriter.format(m.threshold))"
    h += fp ? ": tagged, not labelled" : ": labelled, not tagged"
    if let a = m.article { h += " · <code>\(esc(a.source))</code>" }
    h += "</p>\n"
    if m.rules.isEmpty {
      h += "<p class=\"none\">No rule fired.</p>\n"
    } else {
      h += "<ol class=\"rules\">\n"
      for (k, r) in m.rules.enumerated() {
        let sign = r.score > 0 ? "+" : ""
        h += "<li><span class=\"w \(r.score < 0 ? "neg" : "pos")\">\(sign)\(JSONWriter.format(r.score))</span> "
        h += "<code class=\"loc\">\(esc(r.location))</code>"
        if let line = lines[r.location] {
          h += " <code class=\"src\" lang=\"zh-Hans\">\(esc(line.trimmingCharacters(in: .whitespaces)))</code>"
        }
        h += "\n<ul class=\"ev\">\n"
        if let a = m.article, m.spans.count == m.rules.count {
          for hit in m.spans[k] {
            let parts = MarkedSentence.group(a, hit).map { s in
              (s.inTitle ? "<span class=\"field\">title</span> " : "") + s.html(a)
            }
            h += "<li lang=\"zh-Hans\">" + parts.joined(separator: " <span class=\"gap\">…</span> ") + "</li>\n"
          }
        } else {
          // A report without spans (made by hand): the text report's marks.
          for e in r.evidence { h += "<li lang=\"zh-Hans\">\(esc(e))</li>\n" }
        }
        h += "</ul></li>\n"
      }
      h += "</ol>\n"
    }
    if !fp, let g = m.goldEvidence {
      h += "<p class=\"gold\"><span class=\"gl\">gold evidence</span> <span lang=\"zh-Hans\">\(esc(g))</span></p>\n"
    }
    return h + "</article>\n"
  }
}
