// The table of `tag`, for people: `ID  TITLE  TAGS`, with `--explain` the
// score against the threshold of every topic that scored and, under it,
// each fired rule (location and identity) with its quoted hits.

import Foundation

extension TagReport {
  static func tableRecord(
    _ a: Article, _ r: ArticleResult, topics: [Int], tags: [Int], rules: CompiledRules, options: TagReportOptions
  ) -> TagOutput {
    let tagText = tags.map { "\(rules.topics[$0].id) \(JSONWriter.format(r.scores[$0]))" }.joined(separator: ", ")
    var explain: [String] = []
    if options.explain {
      for t in topics where !r.fired[t].isEmpty {
        let mark = isTag(t, r, options) ? "≥" : "<"
        explain.append(
          "\(rules.topics[t].id): \(JSONWriter.format(r.scores[t])) \(mark) threshold \(JSONWriter.format(rules.topics[t].threshold))"
        )
        for f in r.fired[t] {
          let rule = rules.rules[f.rule]
          let sign = rule.weight > 0 ? "+" : ""
          let texts = f.hits.map { h in h.map { EvidenceText.quote(a, $0) }.joined(separator: " + ") }
          explain.append(
            "  \(sign)\(JSONWriter.format(f.score)) \(rule.location) [\(rule.identity)]  \(texts.joined(separator: "; "))"
          )
        }
      }
    }
    return TagOutput(
      bytes: [], error: nil, tagCount: tags.count,
      row: TableRow(id: a.id, title: a.titleString, tags: tagText.isEmpty ? "-" : tagText, explain: explain))
  }

  static func tableError(_ e: InputError) -> TagOutput {
    TagOutput(
      bytes: [], error: e.message, tagCount: 0,
      row: TableRow(id: e.id ?? e.source, title: "", tags: "error: \(e.message)", explain: []))
  }

  /// Lays out the rows: ids up to 24 columns wide, titles cut to 36, CJK
  /// characters counted as two columns.
  public static func renderTable(_ rows: [TableRow], explain: Bool) -> String {
    let idW = min(24, max(2, rows.map { DisplayWidth.of($0.id) }.max() ?? 2))
    let titleW = 36
    var s = DisplayWidth.pad("ID", to: idW) + "  " + DisplayWidth.pad("TITLE", to: titleW) + "  TAGS\n"
    for r in rows {
      let id = DisplayWidth.pad(DisplayWidth.truncate(r.id, to: idW), to: idW)
      let title = DisplayWidth.pad(
        DisplayWidth.truncate(r.title.replacingOccurrences(of: "\n", with: " "), to: titleW), to: titleW)
      s += id + "  " + title + "  " + r.tags + "\n"
      for e in r.explain { s += String(repeating: " ", count: idW + 2) + e + "\n" }
    }
    return s
  }
}
