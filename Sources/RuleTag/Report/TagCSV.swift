// The CSV record of `tag`: `id,source,title,tags,error,<score per topic>`
// (`text` after `error` with `--with-text`), with fields quoted only when
// they hold a comma, a quote or a line break.
//
// Records are written as bytes: a field with none of `,` `"` `\n` `\r` is
// copied as it is, and scores are written by `JSONWriter.number` (the
// digits `JSONWriter.format` gives) without a String per topic.

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

  /// Appends `csvField` of the text `b`.
  ///
  /// Done on bytes when that is sure to give the same: valid UTF-8 where
  /// every `,` and `"` is a character of its own (`standsAlone`) and no
  /// `\r` is followed by `\n` (`\r\n` is one character, which `csvField`
  /// does not quote for; `\n` and `\r` are otherwise always characters of
  /// their own). Other text goes through `csvField` as a String.
  static func appendCSVField(_ out: inout [UInt8], _ b: UnsafeBufferPointer<UInt8>) {
    let n = b.count
    var quotes = false
    var bytewise = true
    for i in 0..<n {
      let c = b[i]
      guard c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D else { continue }
      quotes = true
      let alone = c == 0x0A || (c == 0x0D ? i + 1 == n || b[i + 1] != 0x0A : standsAlone(b, i))
      if !alone {
        bytewise = false
        break
      }
    }
    guard bytewise && UTF8Bytes.firstInvalidOffset(b) == nil else {
      out.append(contentsOf: csvField(String(decoding: b, as: UTF8.self)).utf8)
      return
    }
    guard quotes else {
      out.append(contentsOf: b)
      return
    }
    out.append(0x22)
    var run = 0
    for i in 0..<n where b[i] == 0x22 {
      // Through the quote, then the quote again.
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...i]))
      out.append(0x22)
      run = i + 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<n]))
    out.append(0x22)
  }

  /// Whether the ASCII byte at `i` is a character of its own: no grapheme
  /// cluster joins it to its neighbours.
  ///
  /// Checked conservatively: the
  /// scalar before it is ASCII or in U+1000–U+FFFF (no Prepend scalar is
  /// there), and the one after it is ASCII or in U+4000–U+9FFF (CJK, no
  /// Extend, ZWJ or SpacingMark scalar is there).
  static func standsAlone(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    if i + 1 < b.count {
      let next = b[i + 1]
      if next >= 0x80 && !(next >= 0xE4 && next <= 0xE9) { return false }
    }
    var k = i - 1
    while k >= 0 && k > i - 4 && b[k] & 0xC0 == 0x80 { k -= 1 }
    if k < 0 { return true }
    let lead = b[k]
    return lead < 0x80 || (lead >= 0xE1 && lead <= 0xEF)
  }

  static func appendCSVField(_ out: inout [UInt8], _ s: String) {
    var s = s
    s.withUTF8 { appendCSVField(&out, $0) }
  }
}
