// `eval --by-rule` laid out: every rule's record, weakest first, then the
// rules that never fire; and the side-by-side summary of several corpora.
// `RuleAnalysis` computes the figures; this file only lays them out.

import Foundation

extension RuleAnalysis {
  /// How many article ids a text line lists before it says how many more.
  static let idsShown = 10

  /// The text report of every rule.
  public func rendered() -> String {
    var out = "rules, weakest first (\(counted(rules.count, "rule")) firing, \(silent.count) silent):\n"
    for s in rules { out += "\n" + s.rendered() }
    if !silent.isEmpty {
      out += "\nrules that fire on no article (\(silent.count)):\n"
      for s in silent { out += "  \(s.location)  \(s.topic)  \(s.lineText.trimmingCharacters(in: .whitespaces))\n" }
    }
    return out
  }

  /// The analysis as a JSON object: `rules` weakest first, `silent`.
  public func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("rules")
    w.beginArray()
    for s in rules { s.write(to: &w) }
    w.endArray()
    w.key("silent")
    w.beginArray()
    for s in silent { s.write(to: &w) }
    w.endArray()
    w.endObject()
  }
}

/// A list of ids, cut after `RuleAnalysis.idsShown`.
func idList(_ ids: [String]) -> String {
  let shown = ids.prefix(RuleAnalysis.idsShown).joined(separator: " ")
  return ids.count > RuleAnalysis.idsShown ? shown + " … \(ids.count - RuleAnalysis.idsShown) more" : shown
}

/// A figure with two decimals, `-` when undefined.
func decimal(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }

extension RuleStats {
  /// One rule's block of the text report.
  func rendered() -> String {
    var out = "  \(location)  \(topic)  \(lineText.trimmingCharacters(in: .whitespaces))\n"
    let n = counted(firedOn.count, "article")
    if weight > 0 {
      out += "    fires on \(n), precision \(decimal(precision)) (\(labelled) labelled \(topic)): \(idList(firedOn))\n"
    } else {
      out +=
        "    pushes down \(n), \(firedOn.count - labelled) of them true negatives (\(decimal(precision))): \(idList(firedOn))\n"
    }
    var decided: [String] = []
    for (what, ids) in [
      ("makes TP", madeTP), ("makes FP", madeFP), ("prevents FP", preventedFP), ("causes FN", causedFN),
    ] where !ids.isEmpty {
      decided.append("\(what) \(ids.count) (\(idList(ids)))")
    }
    out += "    decides: " + (decided.isEmpty ? "nothing alone" : decided.joined(separator: "; ")) + "\n"
    let gain = f1GainWithout
    out +=
      "    \(topic) without it: P \(decimal(with.precision)) → \(decimal(without.precision))"
      + "  R \(decimal(with.recall)) → \(decimal(without.recall))"
      + "  F1 \(decimal(with.f1)) → \(decimal(without.f1)) (\(gain >= 0 ? "+" : "−")\(String(format: "%.2f", abs(gain))))\n"
    if weight > 0 {
      var o = "    overlap \(decimal(overlap)) (\(overlapping) of \(firedOn.count)"
      if let m = mostOverlap { o += "; most with \(m.location), \(m.articles)" }
      out += o + ")\n"
      if !conflicts.isEmpty {
        let topics = conflictTopics.map { "\($0.topic) \($0.articles)" }.joined(separator: ", ")
        out += "    conflicts \(conflicts.count) (\(topics)): \(idList(conflicts))\n"
      }
    }
    return out
  }

  func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("rule"); w.string(location)
    w.key("line"); w.string(lineText.trimmingCharacters(in: .whitespaces))
    w.key("topic"); w.string(topic)
    w.key("weight"); w.number(weight)
    func ids(_ key: String, _ xs: [String]) {
      w.key(key)
      w.beginArray()
      for x in xs { w.string(x) }
      w.endArray()
    }
    ids("fires_on", firedOn)
    w.key("labelled"); w.int(labelled)
    w.key("precision"); optionalNumber(precision, &w)
    w.key("decides")
    w.beginObject()
    ids("makes_tp", madeTP)
    ids("makes_fp", madeFP)
    ids("prevents_fp", preventedFP)
    ids("causes_fn", causedFN)
    w.endObject()
    w.key("with"); with.write(to: &w)
    w.key("without"); without.write(to: &w)
    w.key("f1_gain_without"); w.number(f1GainWithout)
    if weight > 0 {
      w.key("overlap"); optionalNumber(overlap, &w)
      w.key("overlapping"); w.int(overlapping)
      w.key("most_overlap")
      if let m = mostOverlap {
        w.beginObject()
        w.key("rule"); w.string(m.location)
        w.key("articles"); w.int(m.articles)
        w.endObject()
      } else {
        w.null()
      }
      ids("conflicts", conflicts)
      w.key("conflict_topics")
      w.beginObject()
      for c in conflictTopics { w.key(c.topic); w.int(c.articles) }
      w.endObject()
    }
    w.endObject()
  }
}

func optionalNumber(_ x: Double?, _ w: inout JSONWriter) {
  if let x { w.number(x) } else { w.null() }
}

extension TopicMetrics {
  /// `{"support","tp","fp","fn","precision","recall","f1"}`.
  func write(to w: inout JSONWriter) {
    w.beginObject()
    w.key("support"); w.int(support)
    w.key("tp"); w.int(tp)
    w.key("fp"); w.int(fp)
    w.key("fn"); w.int(fn)
    w.key("precision"); optionalNumber(precision, &w)
    w.key("recall"); optionalNumber(recall, &w)
    w.key("f1"); optionalNumber(f1, &w)
    w.endObject()
  }
}

extension EvaluationReport {
  /// One line per corpus (articles, micro P/R/F1, macro F1), then each
  /// topic's F1 with a column per corpus, so that a development set and a
  /// fresh set stand side by side.
  public static func sideBySide(_ reports: [EvaluationReport]) -> String {
    let names = reports.map(\.corpus)
    let w = max(14, names.map { DisplayWidth.of($0) }.max() ?? 0)
    func right(_ s: String, _ width: Int = 10) -> String { DisplayWidth.pad(s, to: width, right: true) }
    var out =
      DisplayWidth.pad("corpus", to: w) + right("articles") + right("micro P") + right("micro R")
      + right("micro F1") + right("macro F1") + "\n"
    for r in reports {
      let m = r.metrics.micro
      out +=
        DisplayWidth.pad(r.corpus, to: w) + right(String(r.articleCount)) + right(decimal(m.precision))
        + right(decimal(m.recall)) + right(decimal(m.f1)) + right(decimal(r.metrics.macro.f1)) + "\n"
    }
    let ids = reports.first?.metrics.topics.map(\.id) ?? []
    let tw = max(14, ids.map(\.count).max() ?? 0)
    out += "\nF1 by topic (support):\n"
    for (k, r) in reports.enumerated() { out += "  [\(k + 1)] \(r.corpus)\n" }
    out += DisplayWidth.pad("", to: tw)
    for k in reports.indices { out += right("[\(k + 1)]", 14) }
    out += "\n"
    for (t, id) in ids.enumerated() {
      out += DisplayWidth.pad(id, to: tw)
      for r in reports {
        let m = r.metrics.topics[t]
        out += right("\(decimal(m.f1)) (\(m.support))", 14)
      }
      out += "\n"
    }
    return out
  }
}
