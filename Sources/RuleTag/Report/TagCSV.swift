// The CSV record of `tag`: `id,source,title,tags,error,<score per topic>`
// (`text` after `error` with `--with-text`), with fields quoted only when
// they hold a comma, a quote or a line break.
//
// Records are written as bytes: a field with none of `,` `"` `\n` `\r` is
// copied as it is, and scores are written by `JSONWriter.number` (the
// digits `JSONWriter.format` gives) without a String per topic.

extension TagReport {
  /// The header line: the fixed columns, then one per reported topic.
  public static func csvHeader(_ rules: CompiledRules, _ options: TagReportOptions) -> String {
    (["id", "source", "title", "tags", "error"] + (options.withText ? ["text"] : [])
      + reported(rules, options).map { rules.topics[$0].id }).joined(separator: ",") + "\n"
  }

  static func csvRecord(
    _ a: Article, _ r: ArticleResult, topics: [Int], tags: [Int], rules: CompiledRules, options: TagReportOptions
  ) -> TagOutput {
    // A JSONWriter used at depth 0 appends bare values: `number` writes
    // just the score's digits.
    var w = JSONWriter()
    w.bytes.reserveCapacity(a.title.count + (options.withText ? a.text.count : 0) + 6 * topics.count + 256)
    appendCSVField(&w.bytes, a.id)
    w.bytes.append(UInt8(ascii: ","))
    appendCSVField(&w.bytes, a.source)
    w.bytes.append(UInt8(ascii: ","))
    a.title.withUnsafeBufferPointer { appendCSVField(&w.bytes, $0) }
    w.bytes.append(UInt8(ascii: ","))
    var tagField: [UInt8] = []
    for (k, t) in tags.enumerated() {
      if k > 0 { tagField.append(UInt8(ascii: ";")) }
      tagField.append(contentsOf: options.names.topicNames[t])
    }
    tagField.withUnsafeBufferPointer { appendCSVField(&w.bytes, $0) }
    w.bytes.append(UInt8(ascii: ","))
    if options.withText {
      w.bytes.append(UInt8(ascii: ","))
      a.text.withUnsafeBufferPointer { appendCSVField(&w.bytes, $0) }
    }
    for t in topics {
      w.bytes.append(UInt8(ascii: ","))
      w.number(r.scores[t])
    }
    w.bytes.append(0x0A)
    return TagOutput(bytes: w.bytes, error: nil, tagCount: tags.count, row: nil)
  }

  static func csvError(_ e: InputError, rules: CompiledRules, options: TagReportOptions) -> TagOutput {
    var line: [UInt8] = []
    appendCSVField(&line, e.id ?? "")
    line.append(UInt8(ascii: ","))
    appendCSVField(&line, e.source)
    line.append(contentsOf: ",,,".utf8)
    appendCSVField(&line, e.message)
    if options.withText { line.append(UInt8(ascii: ",")) }
    for _ in reported(rules, options) { line.append(UInt8(ascii: ",")) }
    line.append(0x0A)
    return TagOutput(bytes: line, error: e.message, tagCount: 0, row: nil)
  }

  /// Appends the CSV field of the UTF-8 text `b`: as it is, or in double
  /// quotes with its quotes doubled when it holds a `,`, a `"` or a line
  /// break (a `\n` or `\r` byte; RFC 4180).
  static func appendCSVField(_ out: inout [UInt8], _ b: UnsafeBufferPointer<UInt8>) {
    guard b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      out.append(contentsOf: b)
      return
    }
    out.append(0x22)
    var run = 0
    for i in b.indices where b[i] == 0x22 {
      // Through the quote, then the quote again.
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...i]))
      out.append(0x22)
      run = i + 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...]))
    out.append(0x22)
  }

  static func appendCSVField(_ out: inout [UInt8], _ s: String) {
    var s = s
    s.withUTF8 { appendCSVField(&out, $0) }
  }
}
