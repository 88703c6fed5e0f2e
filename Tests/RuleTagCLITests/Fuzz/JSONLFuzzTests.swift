// Differential fuzzing of the JSONL front end against Foundation's
// JSONSerialization, and of the whole `tag` pipeline on the same lines.
//
// Mutated article lines (JSONLMutator) go to both readers. Where ruletag
// takes a line as an article, JSONSerialization must accept it as an object
// with the same string `text` (and `title`), and every field ruletag would
// pass through must be JSON that it accepts too. Where JSONSerialization
// finds an object with a string `text`, ruletag must take the article,
// unless a field has a type ruletag refuses (an `id` that is no string or
// number, a `title` that is no string, `labels` that are no list of
// strings). One leniency of JSONSerialization is allowed for, and checked:
// it takes a comma before `}` or `]`; such a line must agree once that
// comma is cut. It drops a U+FEFF that starts a key or raw string text,
// which ruletag keeps; and it leaves the range of a number unchecked when a
// repeated key overwrites it. Lines that differ only so must agree once
// repaired (the comma cut, the U+FEFF cut, the number set to 0); the
// repairs are counted and printed with the totals. Then `ruletag tag` runs on a file of such lines: one record
// per non-blank line, in order, each one JSON.
//
// `swift test` runs a few hundred lines; RULETAG_FUZZ=100000 swift test
// --filter Fuzz runs that many, and RULETAG_FUZZ_SEED picks the seed.

import Foundation
import Testing

@testable import RuleTag

enum FuzzSettings {
  static var count: Int { ProcessInfo.processInfo.environment["RULETAG_FUZZ"].flatMap { Int($0) } ?? 300 }
  static var seed: UInt64 { ProcessInfo.processInfo.environment["RULETAG_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1 }

  /// Line `i` of the run: now and then blank or unmutated, else mutated.
  static func line(_ i: Int) -> [UInt8] {
    var r = SplitMix64(seed: seed &* 0x1_0000_0001 &+ UInt64(i))
    if r.chance(2) { return JSONLMutator.blankLine(&r) }
    let base = JSONLMutator.articleLine(&r)
    return r.chance(15) ? base : JSONLMutator.mutate(base, &r)
  }

  static func shown(_ b: [UInt8]) -> String {
    let s = String(decoding: b.prefix(300), as: UTF8.self).unicodeScalars.map { u in
      u.value < 0x20 || u.value == 0x7F || u.value == 0xFEFF ? "\\u{\(String(u.value, radix: 16))}" : String(u)
    }
    return s.joined() + (b.count > 300 ? "…(\(b.count) bytes)" : "")
  }
}

/// What one reader or the other made of a line, tallied.
struct FuzzTally: CustomStringConvertible {
  var articles = 0
  var rejected = 0
  var refusedTypes = 0
  var blank = 0
  var trailingCommas = 0
  var droppedFEFF = 0
  var overwrittenNumbers = 0
  var description: String {
    "\(articles) articles (both), \(rejected) rejected (both), \(refusedTypes) refused for a field's type, \(blank) blank; "
      + "repairs: \(trailingCommas) trailing commas cut, \(droppedFEFF) U+FEFF cut, \(overwrittenNumbers) overwritten huge numbers set to 0"
  }
}

enum Differential {
  /// Foundation's reading of `b`, or nil when it refuses it.
  static func reference(_ b: [UInt8]) -> Any? { try? JSONSerialization.jsonObject(with: Data(b)) }

  /// Compares both readers on one line; returns a disagreement, or nil.
  static func check(_ line: [UInt8], _ t: inout FuzzTally, repairs: Int = 0) -> String? {
    // The line as a reader sees line 1 of a file (a BOM and a final CR go).
    guard let (_, bytes) = LineReader(bytes: line).nextLine(),
      !bytes.withUnsafeBufferPointer({ UTF8Bytes.isBlank($0) })
    else {
      t.blank += 1
      return reference(line) == nil ? nil : "blank for ruletag, JSON for Foundation"
    }
    guard let why = compare(repairs == 0 ? line : bytes, bytes, &t, repairs: repairs) else { return nil }
    // Foundation drops a U+FEFF that starts a key or a run of string text
    // (after the quote or an escape); ruletag keeps every character. Such
    // a line must agree once its U+FEFFs are gone.
    let feff: [UInt8] = [0xEF, 0xBB, 0xBF]
    guard repairs < 8, let k = bytes.indices.first(where: { bytes[$0...].starts(with: feff) }) else { return why }
    var cut = bytes
    cut.removeSubrange(k..<k + 3)
    t.droppedFEFF += 1
    return check(cut, &t, repairs: repairs + 1)
  }

  /// Compares ruletag's reading of `bytes` with Foundation's of `line`.
  static func compare(_ line: [UInt8], _ bytes: [UInt8], _ t: inout FuzzTally, repairs: Int) -> String? {
    let ref = reference(line)
    let object = ref as? [String: Any]
    let refText = object?["text"] as? String
    switch InputRecord(kind: .json, file: "fuzz.jsonl", line: 1, bytes: bytes).parse() {
    case .success(let a):
      guard let object, let refText else {
        return "an article for ruletag; Foundation: \(ref.map { "\(type(of: $0))" } ?? "refused")"
      }
      if Array(refText.utf8) != a.text { return "text differs: \(FuzzSettings.shown(a.text))" }
      if let title = object["title"] as? String, Array(title.utf8) != a.title { return "title differs" }
      for (k, v) in a.extra where (try? JSONSerialization.jsonObject(with: Data(v), options: .fragmentsAllowed)) == nil
      {
        return "field `\(k)` passed through is not JSON for Foundation: \(FuzzSettings.shown(v))"
      }
      t.articles += 1
      return nil
    case .failure(let e):
      guard let object, refText != nil else {
        t.rejected += 1
        return nil
      }
      if let syntax = bytes.withUnsafeBufferPointer({ p -> JSONError? in
        do throws(JSONError) {
          _ = try JSONReader.objectFields(p)
          return nil
        } catch { return error }
      }), repairs < 8 {
        // Foundation takes `,}` and `,]`: cut that comma and compare again.
        if let comma = trailingComma(bytes, at: syntax.offset) {
          var cut = bytes
          cut.remove(at: comma)
          t.trailingCommas += 1
          return check(cut, &t, repairs: repairs + 1)
        }
        // Foundation checks a number's range only in a value it keeps, so
        // 1e400 under a key given again later passes there. Such a line
        // must agree once that number is 0.
        if syntax.message.hasPrefix("number out of range") {
          var end = syntax.offset
          while end < bytes.count, Array("0123456789+-.eE".utf8).contains(bytes[end]) { end += 1 }
          var cut = bytes
          cut.replaceSubrange(syntax.offset..<end, with: [UInt8(ascii: "0")])
          t.overwrittenNumbers += 1
          return check(cut, &t, repairs: repairs + 1)
        }
      }
      if refusedType(e.message, object) {
        t.refusedTypes += 1
        return nil
      }
      return "refused by ruletag (\(e.message)); Foundation reads an article"
    }
  }

  /// The offset of a comma that comes right before the `}` or `]` at `offset`.
  static func trailingComma(_ b: [UInt8], at offset: Int) -> Int? {
    guard offset < b.count, b[offset] == UInt8(ascii: "}") || b[offset] == UInt8(ascii: "]") else { return nil }
    var k = offset - 1
    while k >= 0, [0x20, 0x09, 0x0D].contains(b[k]) { k -= 1 }
    return k >= 0 && b[k] == UInt8(ascii: ",") ? k : nil
  }

  /// Whether ruletag's refusal names a field whose type it does not take.
  static func refusedType(_ message: String, _ o: [String: Any]) -> Bool {
    func isBool(_ v: Any) -> Bool { String(describing: type(of: v)).contains("Boolean") }
    if message.hasPrefix("`id`"), let v = o["id"] { return !(v is String) && (!(v is NSNumber) || isBool(v)) }
    if message.hasPrefix("`title`"), let v = o["title"] { return !(v is String) && !(v is NSNull) }
    if message.hasPrefix("`labels`"), let v = o["labels"] {
      guard let items = v as? [Any] else { return true }
      return !items.allSatisfy { $0 is String }
    }
    return false
  }
}

@Suite struct JSONLFuzzTests {
  @Test func readerAgreesWithJSONSerialization() {
    var t = FuzzTally()
    var failures = 0
    for i in 0..<FuzzSettings.count {
      let line = FuzzSettings.line(i)
      if let why = Differential.check(line, &t) {
        failures += 1
        if failures <= 10 {
          Issue.record("seed \(FuzzSettings.seed) line \(i): \(why)\n  \(FuzzSettings.shown(line))")
        }
      }
    }
    print("JSONLFuzz: \(FuzzSettings.count) lines, seed \(FuzzSettings.seed): \(t); \(failures) disagreements")
    // The generator must exercise both sides.
    #expect(t.articles > FuzzSettings.count / 10 && t.rejected > FuzzSettings.count / 10, "\(t)")
  }

  /// The tricky tokens themselves, each as a passed-through value.
  @Test(arguments: JSONLMutator.tricky.indices)
  func trickyTokenAsAField(_ k: Int) {
    var t = FuzzTally()
    let line = Array(#"{"id":"a","text":"x","f":"#.utf8) + JSONLMutator.tricky[k] + [UInt8(ascii: "}")]
    if let why = Differential.check(line, &t) { Issue.record("\(why)\n  \(FuzzSettings.shown(line))") }
  }

  @Test func pipelineWritesOneValidRecordPerLine() throws {
    let n = max(200, FuzzSettings.count / 10)
    var file: [UInt8] = []
    for i in 0..<n {
      file += FuzzSettings.line(1_000_000_000 + i)
      // Now and then a CRLF, or an empty line.
      file += i % 17 == 3 ? [0x0D, 0x0A] : i % 23 == 5 ? [0x0A, 0x0A] : [0x0A]
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("fuzz.jsonl")
    try Data(file).write(to: input)
    let rules = CLIGolden.folder.appendingPathComponent("tag_jsonl/rules.rules").path
    let run = CLIGolden.run(["tag", "--rules", rules, "--format", "jsonl", "--threads", "2", input.path])

    // The lines a reader must report, found without ruletag's code: split
    // at LF, drop a final CR and the file's BOM, skip what is all whitespace.
    var expected: [Int] = []
    for (k, raw) in file.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      var l = Array(raw)
      if l.last == 0x0D { l.removeLast() }
      if k == 0 && l.starts(with: [0xEF, 0xBB, 0xBF]) { l.removeFirst(3) }
      let blank = String(validating: l, as: UTF8.self)?.unicodeScalars.allSatisfy(\.properties.isWhitespace) ?? false
      if !blank { expected.append(k + 1) }
    }
    let records = run.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(records.count == expected.count, "one record per non-blank line")
    var lines: [Int] = []
    var errors = 0
    for (k, rec) in records.enumerated() {
      guard let o = try? JSONSerialization.jsonObject(with: Data(rec.utf8)) as? [String: Any],
        let source = o["source"] as? String
      else {
        Issue.record("record \(k) is not a JSON object with a source: \(rec.prefix(300))")
        continue
      }
      lines.append(Int(source.split(separator: ":").last ?? "") ?? -1)
      if o["error"] != nil {
        errors += 1
        #expect(o["error"] is String && o["tags"] == nil, "\(source)")
      } else {
        #expect(o["tags"] is [Any] && o["scores"] is [String: Any], "\(source)")
      }
    }
    #expect(lines == expected, "records come in line order")
    #expect(run.code == (errors > 0 ? 1 : 0))
    print("JSONLFuzz pipeline: \(n) lines, \(records.count) records, \(errors) errors")
  }
}
