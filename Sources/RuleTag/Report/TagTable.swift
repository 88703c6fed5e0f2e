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
  ///
  /// With a width (a terminal's), titles
  /// narrow down to 12 columns to leave room for the tags, and tags and
  /// `--explain` lines that would run past the width wrap onto further
  /// lines at a tag (`, `) or hit (`; `) boundary. Colour, when `style`
  /// has it, is added after the layout and never counts towards widths.
  public static func renderTable(_ rows: [TableRow], explain: Bool, style: TableStyle = TableStyle()) -> String {
    let idW = min(24, max(2, rows.map { DisplayWidth.of($0.id) }.max() ?? 2))
    var titleW = 36
    if let w = style.width { titleW = max(12, min(36, w - idW - 4 - 24)) }
    let tagsAt = idW + 2 + titleW + 2
    let tagsW = style.width.map { max(16, $0 - tagsAt) }
    var s = style.bold(DisplayWidth.pad("ID", to: idW) + "  " + DisplayWidth.pad("TITLE", to: titleW) + "  TAGS") + "\n"
    for r in rows {
      let id = DisplayWidth.pad(DisplayWidth.truncate(r.id, to: idW), to: idW)
      let title = DisplayWidth.pad(
        DisplayWidth.truncate(r.title.replacingOccurrences(of: "\n", with: " "), to: titleW), to: titleW)
      let isError = r.tags.hasPrefix("error: ")
      let tagLines = wrap(r.tags, at: ", ", width: tagsW)
      for (k, line) in tagLines.enumerated() {
        let head = k == 0 ? id + "  " + title + "  " : String(repeating: " ", count: tagsAt)
        s += head + (isError ? style.red(line) : style.green(line)) + "\n"
      }
      let indent = String(repeating: " ", count: idW + 2)
      for e in r.explain {
        let isTopic = !e.hasPrefix(" ")
        let lines = wrap(e, at: "; ", width: style.width.map { max(16, $0 - idW - 2 - 4) })
        for (k, line) in lines.enumerated() {
          let text = k == 0 ? line : "    " + line
          s += indent + (isTopic ? style.bold(text) : text) + "\n"
        }
      }
    }
    return s
  }

  /// `text` in lines of at most `width` columns.
  ///
  /// Lines break only after a
  /// `separator` (kept at the end of the line, without its trailing
  /// space); a piece wider than `width` has a line of its own. No width: one line.
  public static func wrap(_ text: String, at separator: String, width: Int?) -> [String] {
    guard let width, DisplayWidth.of(text) > width else { return [text] }
    let pieces = text.components(separatedBy: separator)
    let mark = separator.trimmingCharacters(in: .whitespaces)
    var lines: [String] = []
    var line = ""
    for (k, piece) in pieces.enumerated() {
      let p = k < pieces.count - 1 ? piece + mark : piece
      if line.isEmpty {
        line = p
      } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(p) <= width {
        line += " " + p
      } else {
        lines.append(line)
        line = p
      }
    }
    lines.append(line)
    return lines
  }
}

/// How the table is drawn: the terminal's width to fit, and colour.
public struct TableStyle: Sendable {
  /// Columns to fit the table in; nil: lines as long as they come.
  public var width: Int?
  /// Whether to colour it (ANSI escapes).
  public var color: Bool

  public init(width: Int? = nil, color: Bool = false) {
    self.width = width
    self.color = color
  }

  func paint(_ s: String, _ code: String) -> String { color && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
  func bold(_ s: String) -> String { paint(s, "1") }
  func green(_ s: String) -> String { paint(s, "32") }
  func red(_ s: String) -> String { paint(s, "31") }
}
