// Regression tests for input that once came out wrong: passed-through
// fields copied raw though they were not JSON, byte order marks, lines of
// other whitespace, control bytes on standard input, input fields named
// like a tag record's own, and repeated keys.

import Foundation
import Testing

@testable import RuleTag

/// The records `bytes` give as standard input (through a pipe).
func standardInputRecords(_ bytes: [UInt8]) -> [InputRecord] {
  var fds: [Int32] = [0, 0]
  guard pipe(&fds) == 0 else {
    Issue.record("pipe failed")
    return []
  }
  // Small inputs fit the pipe's buffer: write everything, then read.
  let written = bytes.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count) }
  #expect(written == bytes.count)
  close(fds[1])
  defer { close(fds[0]) }
  let reader = InputReader(paths: ["-"], standardInput: fds[0])
  var out: [InputRecord] = []
  while let r = reader.next() { out.append(r) }
  return out
}

/// The records of a file holding `bytes`.
func fileRecords(_ bytes: [UInt8], name: String) throws -> [InputRecord] {
  let dir = makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  let f = dir.appendingPathComponent(name)
  try Data(bytes).write(to: f)
  let reader = InputReader(paths: [f.path])
  var out: [InputRecord] = []
  while let r = reader.next() {
    var r = r
    r.file = r.file.replacingOccurrences(of: dir.path + "/", with: "")
    out.append(r)
  }
  return out
}

/// `id` of the article, or `error: message`.
func outcome(_ r: InputRecord) -> String {
  switch r.parse() {
  case .success(let a): return a.id
  case .failure(let e): return "error: " + e.message
  }
}

@Suite struct InputDefectTests {
  struct FieldCase: CustomTestStringConvertible, Sendable {
    var value: String
    /// The error, or nil when the value is valid JSON.
    var error: String?
    var testDescription: String { value.count > 40 ? String(value.prefix(40)) + "…" : value }
  }

  static let deepArray = String(repeating: "[", count: 511) + String(repeating: "]", count: 511)
  static let tooDeep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)

  /// A field ruletag only passes through is held to the whole grammar: a
  /// bad one makes the record an error naming file, line and column (the
  /// value starts at column 26), never output that a JSON reader refuses.
  @Test(arguments: [
    FieldCase(value: "0123", error: "leading zero in number (column 26)"),
    FieldCase(value: "-01", error: "leading zero in number (column 26)"),
    FieldCase(value: "007e1", error: "leading zero in number (column 26)"),
    FieldCase(value: #""\q""#, error: "invalid escape `\\q` (column 27)"),
    FieldCase(value: #""\u12""#, error: "bad \\u escape (column 31)"),
    FieldCase(value: #""\ud800""#, error: "unpaired surrogate in \\u escape (column 27)"),
    FieldCase(value: #""\udc00x""#, error: "unpaired surrogate in \\u escape (column 27)"),
    FieldCase(value: #""\ud800\u0041""#, error: "unpaired surrogate in \\u escape (column 33)"),
    FieldCase(value: "\"a\tb\"", error: "control character in string (column 28)"),
    FieldCase(value: "1e400", error: "number out of range of a 64-bit float (column 26)"),
    FieldCase(value: "-1E+309", error: "number out of range of a 64-bit float (column 26)"),
    FieldCase(value: String(repeating: "9", count: 310), error: "number out of range of a 64-bit float (column 26)"),
    FieldCase(value: "1.", error: "bad number (column 26)"),
    FieldCase(value: "1e+", error: "bad number (column 26)"),
    FieldCase(value: "-", error: "unexpected character (column 26)"),
    FieldCase(value: "tru", error: "unexpected character (column 26)"),
    FieldCase(value: "[1,]", error: "unexpected character (column 29)"),
    FieldCase(value: tooDeep, error: "nesting deeper than 512 levels (column 537)"),
    FieldCase(value: "0"), FieldCase(value: "-0"), FieldCase(value: "0.5e-3"), FieldCase(value: "1E+2"),
    FieldCase(value: "-12.25"), FieldCase(value: "1e-400"), FieldCase(value: "123456789012345678901234567890"),
    FieldCase(value: #""\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\""#), FieldCase(value: "true"), FieldCase(value: "null"),
    FieldCase(value: #"{"a":[false,{}],"b":""}"#), FieldCase(value: deepArray),
  ])
  func invalidJSONLFromValidLookingInput(_ c: FieldCase) throws {
    let line = #"{"id":"a","text":"x","f":"# + c.value + "}"
    switch jsonRecord(line) {
    case .success(let a):
      #expect(c.error == nil, "accepted")
      #expect(a.extra.count == 1 && a.extra[0].1 == Array(c.value.utf8))
    case .failure(let e):
      #expect(e.message == "invalid JSON at news.jsonl:17: " + (c.error ?? "(none)"))
      #expect(e.id == nil)
    }
  }

  @Test func idWithALeadingZeroIsAnError() {
    #expect(throws: InputError.self) { try jsonRecord(#"{"id":0123,"text":"x"}"#).get() }
  }

  @Test func byteOrderMarkAtTheStartOfStdin() throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let jsonl =
      bom + Array("{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\",\"text\":\"b\"}\n{\"id\":\"3\",\"text\":\"c\"}\n".utf8)
    let recs = standardInputRecords(jsonl)
    #expect(recs.map(outcome) == ["1", "2", "3"])
    #expect(recs.map(\.source) == ["<stdin>:1", "<stdin>:2", "<stdin>:3"])
    // Whitespace after the BOM, then JSONL.
    #expect(standardInputRecords(bom + Array(" \n{\"id\":\"1\",\"text\":\"a\"}".utf8)).map(\.source) == ["<stdin>:2"])
    // A BOM before text: the title does not start with it.
    let text = standardInputRecords(bom + Array("标题\n正文".utf8))
    #expect(text.count == 1)
    #expect(try text[0].parse().get().titleString == "标题")
    // A BOM alone is empty input, like no input at all.
    #expect(standardInputRecords(bom).isEmpty)
    #expect(standardInputRecords(bom + Array("\n \n".utf8)).isEmpty)
  }

  @Test func byteOrderMarkAtTheStartOfAJSONLFile() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\",\"text\":\"b\"}".utf8)
    let recs = try fileRecords(bytes, name: "bom.jsonl")
    #expect(recs.map(outcome) == ["1", "2"])
    // Only where the file starts: a BOM on line 2 is not JSON.
    let later = try fileRecords(Array("{\"text\":\"a\"}\n\u{FEFF}{\"text\":\"b\"}".utf8), name: "later.jsonl")
    #expect(
      later.map(outcome) == [
        "later.jsonl:1", "error: invalid JSON at later.jsonl:2: expected an object `{` (column 1)",
      ])
    // A .txt file's title loses it too.
    let txt = try fileRecords([0xEF, 0xBB, 0xBF] + Array("标题\n正文".utf8), name: "a.txt")
    #expect(try txt[0].parse().get().titleString == "标题")
  }

  /// Form feed, vertical tab, U+3000, NBSP, the other space separators and
  /// a bare CR make a line blank: skipped, and still counted.
  @Test func linesOfOtherWhitespaceAreBlank() throws {
    let blanks = [
      "\u{0C}", "\u{0B}", "\u{3000}", "\u{A0}", " \u{2003}\t\u{202F}\u{205F}\u{1680}", "\r", "\u{2028}\u{85}",
    ]
    let text =
      "{\"id\":\"first\",\"text\":\"a\"}\n" + blanks.joined(separator: "\n") + "\n{\"id\":\"last\",\"text\":\"b\"}\n"
    let recs = try fileRecords(Array(text.utf8), name: "ws.jsonl")
    #expect(recs.map(outcome) == ["first", "last"])
    #expect(recs.map(\.line) == [1, blanks.count + 2])
    // Standard input that starts with such a line is still JSONL.
    let stdin = standardInputRecords(Array("\u{3000}\u{A0}\n{\"id\":\"x\",\"text\":\"a\"}\n".utf8))
    #expect(stdin.map(outcome) == ["x"])
    #expect(stdin.map(\.line) == [2])
    // A line with something else besides is not blank.
    let zeroWidth = try fileRecords(Array("\u{200B}\n".utf8), name: "zw.jsonl")
    #expect(zeroWidth.map(outcome) == ["error: invalid JSON at zw.jsonl:1: expected an object `{` (column 1)"])
  }

  /// Control bytes alone on standard input are one empty article, as the
  /// same bytes in a .txt file are, not silently no input.
  @Test func controlBytesOnStdinGiveTheErrorAFileGives() throws {
    let bytes: [UInt8] = [0x01, 0x02, 0x0A, 0x00, 0x7F, 0x0A]
    #expect(standardInputRecords(bytes).map(outcome) == ["error: empty article in <stdin>"])
    #expect(try fileRecords(bytes, name: "c.txt").map(outcome) == ["error: empty article in c.txt"])
    #expect(
      try fileRecords(Array("\u{3000}\n\u{0C}".utf8), name: "w.txt").map(outcome) == ["error: empty article in w.txt"])
  }

  /// The byte-level whitespace test is Unicode's White_Space, scalar by scalar.
  @Test func whitespaceIsUnicodeWhiteSpace() {
    var bytes: [UInt8] = []
    for v in UInt32(0)...0x10FFFF {
      guard let s = Unicode.Scalar(v) else { continue }
      bytes.removeAll(keepingCapacity: true)
      UTF8Bytes.append(v, to: &bytes)
      let n = bytes.withUnsafeBufferPointer { UTF8Bytes.whitespaceLength($0, at: 0) }
      if s.properties.isWhitespace {
        #expect(n == bytes.count, "U+\(String(v, radix: 16))")
      } else if n != 0 {
        Issue.record("U+\(String(v, radix: 16)) is not whitespace")
      }
    }
  }

  @Test(arguments: [
    ("error", "input.error"), ("source", "input.source"), ("tags", "input.tags"), ("scores", "input.scores"),
    ("evidence", "input.evidence"), ("input.error", "input.input.error"), ("input.", "input.input."),
    ("labels", "labels"), ("url", "url"), ("Error", "Error"), ("inputs", "inputs"), ("input", "input"),
  ])
  func inputFieldsNamedLikeRecordMembers(_ key: String, _ name: String) {
    #expect(Article.outputName(forInputField: key) == name)
  }

  @Test func duplicateInputKeysKeepTheLast() throws {
    let a = try jsonRecord(#"{"id":"a","k":1,"title":"t1","id":"b","text":"x","k":[2],"title":"t2","z":0}"#).get()
    #expect(a.id == "b")
    #expect(a.titleString == "t2")
    #expect(a.extra.map(\.0) == ["k", "z"])
    #expect(a.extra.map { String(decoding: $0.1, as: UTF8.self) } == ["[2]", "0"])
    // What a JSON parser keeps decides: a bad first value is overwritten.
    #expect(try jsonRecord(#"{"text":1,"text":"ok","id":{},"id":"c"}"#).get().textString == "ok")
    // Many fields (the hashed path) keep the same rule.
    let many = (0..<40).map { #""f\#($0 % 20)":\#($0)"# }.joined(separator: ",")
    let b = try jsonRecord(#"{"text":"x","# + many + "}").get()
    #expect(b.extra.map(\.0) == (0..<20).map { "f\($0)" })
    #expect(b.extra.map { String(decoding: $0.1, as: UTF8.self) } == (20..<40).map { "\($0)" })
  }
}
