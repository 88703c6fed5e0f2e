// `suggest` output: rule lines ready to paste (text), or JSON for tools.

extension SuggestReport {
  /// The report as comment lines and rule lines.
  ///
  /// A rule line reads
  /// `  +3  职工书屋   # 7 articles, 6 labelled: est. precision 0.80`.
  public func rendered(options: SuggestOptions) -> String {
    var out = "# suggest \(topic): \(counted(articles, "labelled article"))"
    if unlabelled > 0 { out += " (\(unlabelled) without labels left out)" }
    out += "; \(labelled) labelled \(topic), \(tagged) of them tagged by the rules (\(missed) missed)\n"
    out +=
      "# keywords that separate \(topic) (in at least \(options.minSupport) of its articles, not matched by its rules):\n"
    out += lines(separating) { "\($0.articles) article\($0.articles == 1 ? "" : "s"), \($0.labelled) labelled" }
    out += "# common in the \(counted(missed, "missed article")) (labelled \(topic), not tagged):\n"
    out += lines(missedCommon) {
      "in \($0.missed) of the \(missed) missed; \($0.articles) articles, \($0.labelled) labelled"
    }
    return out
  }

  func lines(_ list: [Suggestion], _ support: (Suggestion) -> String) -> String {
    if list.isEmpty { return "#   (none)\n" }
    let width = list.map { DisplayWidth.of($0.phrase) }.max() ?? 0
    return list.map { s in
      let pad = String(repeating: " ", count: width - DisplayWidth.of(s.phrase))
      return "  +\(s.weight)  \(s.phrase)\(pad)   # \(support(s)): est. precision \(format(s.precision))\n"
    }.joined()
  }

  func format(_ p: Double) -> String {
    let hundredths = Int((p * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
  }

  /// The report as one JSON object.
  public func json() -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("topic"); w.string(topic)
    w.key("articles"); w.int(articles)
    w.key("unlabelled"); w.int(unlabelled)
    w.key("labelled"); w.int(labelled)
    w.key("tagged"); w.int(tagged)
    w.key("missed"); w.int(missed)
    for (name, list) in [("separating", separating), ("missed_common", missedCommon)] {
      w.key(name)
      w.beginArray()
      for s in list {
        w.beginObject()
        w.key("keyword"); w.string(s.phrase)
        w.key("weight"); w.int(s.weight)
        w.key("articles"); w.int(s.articles)
        w.key("labelled"); w.int(s.labelled)
        w.key("missed"); w.int(s.missed)
        w.key("precision"); w.number((s.precision * 1000).rounded() / 1000)
        w.key("rule"); w.string("+\(s.weight)  \(s.phrase)")
        w.endObject()
      }
      w.endArray()
    }
    w.endObject()
    return w.string + "\n"
  }
}
