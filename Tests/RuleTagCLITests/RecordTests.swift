// What a tag record holds: the title (and with --with-text the text) that
// evidence offsets point into, and the id in its input JSON type.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct RecordTests {
  /// Every evidence object's `start..<end` (Unicode scalars) in the
  /// record's own `title` or `text` is its `text`, and its sentence holds it.
  @Test func evidenceOffsetsPointIntoTheRecord() throws {
    let (out, _, code) = CLIGolden.run([
      "tag", "--rules", PackagePaths.rules.path, "--format", "jsonl", "--with-text", "--explain",
      PackagePaths.corpusFile.path,
    ])
    #expect(code == 0)
    var checked = 0
    for line in out.split(separator: "\n") {
      let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let evidence = try #require(record["evidence"] as? [String: [[String: Any]]])
      for e in evidence.values.joined() {
        let field = try #require(e["field"] as? String)
        let value = try #require(record[field] as? String, "record has no `\(field)`")
        let scalars = Array(value.unicodeScalars)
        let start = try #require(e["start"] as? Int)
        let end = try #require(e["end"] as? Int)
        try #require(0 <= start && start <= end && end <= scalars.count)
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        #expect(text == e["text"] as? String)
        #expect((e["sentence"] as? String)?.contains(text) == true)
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  /// `"id": 17` stays a number, `"id": "17"` a string, in result and error
  /// records alike; a .txt id is a string.
  @Test func idKeepsItsJSONType() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "topic a \"a\" threshold 1\n  +1 骑手\n".write(
      to: dir.appendingPathComponent("a.rules"), atomically: true, encoding: .utf8)
    let lines = [
      (#"{"id":17,"text":"骑手"}"#, #"{"id":17,"#),
      (#"{"id":"17","text":"骑手"}"#, #"{"id":"17","#),
      (#"{"id":1.0e2,"text":"骑手"}"#, #"{"id":1.0e2,"#),
      (#"{"id":-0,"text":5}"#, #"{"id":-0,"#),
      (#"{"id":"x","text":5}"#, #"{"id":"x","#),
    ]
    try lines.map { $0.0 + "\n" }.joined().write(
      to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
    try "题\n骑手".write(to: dir.appendingPathComponent("17.txt"), atomically: true, encoding: .utf8)
    let (out, _, _) = CLIGolden.run(["tag", "--rules", "a.rules", "--format", "jsonl", "in.jsonl", "17.txt"], in: dir)
    let records = out.split(separator: "\n").map(String.init)
    try #require(records.count == lines.count + 1)
    for (record, (input, prefix)) in zip(records, lines) {
      #expect(record.hasPrefix(prefix), "\(input) gave \(record)")
      #expect((try? JSONSerialization.jsonObject(with: Data(record.utf8))) != nil)
    }
    #expect(records.last?.hasPrefix(#"{"id":"17","source":"17.txt","title":"题","#) == true)
  }
}
