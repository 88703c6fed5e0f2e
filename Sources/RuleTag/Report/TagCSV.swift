// The CSV record of `tag`: `id,source,title,tags,error,<score per topic>`
// (`text` after `error` with `--with-text`), with fields quoted only when
// they hold a comma, a quote or a line break.

import Foundation

extension TagReport {
  /// The header line: the fixed columns, then one per reported topic.
  public static func csvHeader(_ rules: CompiledRules, _ options: TagReportOptions) -> String {
    (["id", "source", "title", "tags", "error"] + (options.withText ? ["text"] : [])
      + reported(rules, options).map { rules.topics[$0].id }).joined(separator: ",") + "\n"
  }

  static func csvRecord(
    _ a: Article, _ r: ArticleResult, topics: [Int], tags: [Int], rules: CompiledRules, options: TagReportOptions
  ) -> TagOutput {
    var line = [
      csvField(a.id), csvField(a.source), csvField(a.titleString),
      csvField(tags.map { rules.topics[$0].id }.joined(separator: ";")), "",
    ]
    if options.withText { line.append(csvField(a.textString)) }
    line += topics.map { JSONWriter.format(r.scores[$0]) }
    return TagOutput(
      bytes: Array((line.joined(separator: ",") + "\n").utf8), error: nil, tagCount: tags.count, row: nil)
  }

  static func csvError(_ e: InputError, rules: CompiledRules, options: TagReportOptions) -> TagOutput {
    var line = [csvField(e.id ?? ""), csvField(e.source), "", "", csvField(e.message)]
    if options.withText { line.append("") }
    line += reported(rules, options).map { _ in "" }
    return TagOutput(bytes: Array((line.joined(separator: ",") + "\n").utf8), error: e.message, tagCount: 0, row: nil)
  }

  static func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }
}
