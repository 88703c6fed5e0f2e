// The report of `eval`: the metrics table, the corpus issues and every
// false positive and false negative with the rules that fired, as text for
// people or as one JSON object for tools. `Evaluator` computes what is
// reported (`Evaluation/`); this file only lays it out.

import Foundation

extension MetricsTable {
  /// The report laid out like scikit-learn's classification_report.
  public func rendered() -> String {
    let w = max(14, topics.map { $0.id.count }.max() ?? 0)
    func num(_ x: Double?) -> String {
      let s = x.map { String(format: "%.2f", $0) } ?? "-"
      return String(repeating: " ", count: max(0, 10 - s.count)) + s
    }
    func int(_ x: Int, _ width: Int = 10) -> String {
      let s = String(x)
      return String(repeating: " ", count: max(0, width - s.count)) + s
    }
    func label(_ s: String) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    var out = label("") + " precision    recall  f1-score   support        TP        FP        FN\n\n"
    for t in topics {
      out +=
        label(t.id) + num(t.precision) + num(t.recall) + num(t.f1) + int(t.support) + int(t.tp) + int(t.fp)
        + int(t.fn) + "\n"
    }
    let m = micro
    out +=
      "\n" + label("micro avg") + num(m.precision) + num(m.recall) + num(m.f1) + int(m.support) + int(m.tp)
      + int(m.fp) + int(m.fn) + "\n"
    let a = macro
    out += label("macro avg") + num(a.precision) + num(a.recall) + num(a.f1) + int(m.support) + "\n"
    return out
  }
}

extension EvaluationReport {
  /// The text report: the table, then every mistake under its topic, then
  /// the rule analysis when the report has one.
  ///
  /// `maxMistakes` lists only the first so many mistakes and ends with how
  /// many were left out.
  public func rendered(showMistakes: Bool = true, maxMistakes: Int? = nil) -> String {
    let out = renderedMistakes(showMistakes: showMistakes, maxMistakes: maxMistakes)
    guard let a = ruleAnalysis else { return out }
    return out + "\n" + a.rendered()
  }

  func renderedMistakes(showMistakes: Bool, maxMistakes: Int?) -> String {
    var out = "corpus: \(corpus) (\(counted(articleCount, "article")))\n\n" + metrics.rendered()
    if !issues.isEmpty {
      out += "\ncorpus issues (\(issues.count)):\n"
      for i in issues { out += "  - \(i)\n" }
    }
    guard showMistakes, !mistakes.isEmpty else { return out }
    out += "\nfalse positives and false negatives:\n"
    var currentTopic = ""
    let shown = maxMistakes.map { mistakes.prefix($0) } ?? mistakes[...]
    for m in shown {
      if m.topic != currentTopic {
        currentTopic = m.topic
        out += "\n\(m.topic)\n"
      }
      let cmp = m.score >= m.threshold ? "≥" : "<"
      out +=
        "  \(m.kind.rawValue) \(m.id) \(DisplayWidth.truncate(m.title.replacingOccurrences(of: "\n", with: " "), to: 40)) — score \(JSONWriter.format(m.score)) \(cmp) \(JSONWriter.format(m.threshold))\n"
      if m.rules.isEmpty { out += "       no rule fired\n" }
      for r in m.rules {
        let sign = r.score > 0 ? "+" : ""
        out += "       \(sign)\(JSONWriter.format(r.score)) \(r.location)\n"
        for ev in r.evidence {
          out += "          \(DisplayWidth.truncate(ev.replacingOccurrences(of: "\n", with: " "), to: 120))\n"
        }
      }
      if m.kind == .falseNegative, let g = m.goldEvidence {
        out += "       gold: \(DisplayWidth.truncate(g.replacingOccurrences(of: "\n", with: " "), to: 120))\n"
      }
    }
    let left = mistakes.count - shown.count
    if left > 0, let n = maxMistakes {
      out += "\n\(counted(left, "more mistake")) left out by --max-mistakes \(n)\n"
    }
    return out
  }

  /// The report as one JSON object.
  public func json() -> String {
    var w = JSONWriter()
    write(to: &w)
    return w.string + "\n"
  }

  /// Writes the report as one JSON object into `w` (with `by_rule` when
  /// the report has the rule analysis).
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("corpus"); w.string(corpus)
    w.key("articles"); w.int(articleCount)
    func metricsObject(_ m: TopicMetrics) {
      w.beginObject()
      w.key("support"); w.int(m.support)
      w.key("tp"); w.int(m.tp)
      w.key("fp"); w.int(m.fp)
      w.key("fn"); w.int(m.fn)
      w.key("precision"); if let v = m.precision { w.number(v) } else { w.null() }
      w.key("recall"); if let v = m.recall { w.number(v) } else { w.null() }
      w.key("f1"); if let v = m.f1 { w.number(v) } else { w.null() }
      w.endObject()
    }
    w.key("topics"); w.beginObject()
    for t in metrics.topics { w.key(t.id); metricsObject(t) }
    w.endObject()
    w.key("micro"); metricsObject(metrics.micro)
    let a = metrics.macro
    w.key("macro"); w.beginObject()
    w.key("precision"); if let v = a.precision { w.number(v) } else { w.null() }
    w.key("recall"); if let v = a.recall { w.number(v) } else { w.null() }
    w.key("f1"); if let v = a.f1 { w.number(v) } else { w.null() }
    w.endObject()
    w.key("issues"); w.beginArray()
    for i in issues { w.string(i) }
    w.endArray()
    w.key("mistakes"); w.beginArray()
    for m in mistakes {
      w.beginObject()
      w.key("kind"); w.string(m.kind.rawValue)
      w.key("topic"); w.string(m.topic)
      w.key("id"); w.string(m.id)
      w.key("title"); w.string(m.title)
      w.key("score"); w.number(m.score)
      w.key("threshold"); w.number(m.threshold)
      w.key("rules"); w.beginArray()
      for r in m.rules {
        w.beginObject()
        w.key("rule"); w.string(r.location)
        w.key("score"); w.number(r.score)
        w.key("evidence"); w.beginArray()
        for e in r.evidence { w.string(e) }
        w.endArray()
        w.endObject()
      }
      w.endArray()
      if let g = m.goldEvidence { w.key("gold_evidence"); w.string(g) }
      w.endObject()
    }
    w.endArray()
    if let a = ruleAnalysis {
      w.key("by_rule")
      a.write(to: &w)
    }
    w.endObject()
  }
}
