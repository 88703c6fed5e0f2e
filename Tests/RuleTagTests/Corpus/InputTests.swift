// Input records (JSONL lines and .txt files) and the streaming reader.

import Foundation
import Testing

@testable import RuleTag

func jsonRecord(_ line: String, file: String = "news.jsonl", number: Int = 17) -> Result<Article, InputError> {
  InputRecord(kind: .json, file: file, line: number, bytes: Array(line.utf8)).parse()
}

@Suite struct InputRecordTests {
  @Test func jsonFieldsAndPassThrough() throws {
    let a = try jsonRecord(
      #"{"id":"a1","title":"标题","text":"正文","source_url":"http://x","n":[1,{"k":null}],"labels":["legal-aid"]}"#
    ).get()
    #expect(a.id == "a1" && a.titleString == "标题" && a.textString == "正文")
    #expect(a.source == "news.jsonl:17")
    #expect(a.labels == ["legal-aid"])
    #expect(a.extra.map(\.0) == ["source_url", "n", "labels"])
    #expect(
      a.extra.map { String(decoding: $0.1, as: UTF8.self) } == [#""http://x""#, #"[1,{"k":null}]"#, #"["legal-aid"]"#])
  }

  @Test(arguments: [
    (#"{"id":1,"text":"x"}"#, "1"),
    (#"{"id":-12.5e3,"text":"x"}"#, "-12.5e3"),
    (#"{"id":"s0-01","text":"x"}"#, "s0-01"),
    (#"{"text":"x"}"#, "news.jsonl:17"),  // no id: the source stands in
  ])
  func ids(_ line: String, _ id: String) throws {
    #expect(try jsonRecord(line).get().id == id)
  }

  @Test(arguments: [
    (#"{"text":"a\"b\\c\/d\n\t\r\b\f"}"#, "a\"b\\c/d\n\t\r\u{8}\u{C}"),
    (#"{"text":"\u5de5\u4F1A"}"#, "工会"),
    (#"{"text":"\ud83d\ude00!"}"#, "😀!"),  // surrogate pair
    (#"{"text":"\uD840\uDC00"}"#, "𠀀"),
    (#"{"text":"raw 工会 😀"}"#, "raw 工会 😀"),
    (#"  { "text" : "spaced" , "title" : null }  "#, "spaced"),
  ])
  func stringEscapes(_ line: String, _ text: String) throws {
    #expect(try jsonRecord(line).get().textString == text)
  }

  @Test func titleIsOptionalAndNullable() throws {
    #expect(try jsonRecord(#"{"id":"a","text":"x"}"#).get().title.isEmpty)
    #expect(try jsonRecord(#"{"id":"a","title":null,"text":"x"}"#).get().title.isEmpty)
  }

  struct BadCase: CustomTestStringConvertible, Sendable {
    var id: String
    var line: String
    var message: String
    var articleID: String? = nil
    var testDescription: String { id }
  }

  @Test(arguments: [
    BadCase(
      id: "missing-comma", line: #"{"id":"a" "text":"x"}"#,
      message: "invalid JSON at news.jsonl:17: expected `,` or `}` (column 11)"),
    BadCase(
      id: "column-counts-characters", line: #"{"title":"工会工会","text":"x",}"#,
      message: "invalid JSON at news.jsonl:17: expected a field name (column 28)"),
    BadCase(
      id: "not-an-object", line: "[1,2]", message: "invalid JSON at news.jsonl:17: expected an object `{` (column 1)"),
    BadCase(
      id: "truncated", line: #"{"id":"a","text":"x"#,
      message: "invalid JSON at news.jsonl:17: unterminated string (column 18)"),
    BadCase(
      id: "trailing-text", line: #"{"text":"x"} junk"#,
      message: "invalid JSON at news.jsonl:17: unexpected text after the object (column 14)"),
    BadCase(
      id: "bad-escape", line: #"{"text":"a\qb"}"#,
      message: #"invalid JSON at news.jsonl:17: invalid escape `\q` (column 11)"#),
    BadCase(
      id: "lone-surrogate", line: #"{"text":"\ud83d!"}"#,
      message: "invalid JSON at news.jsonl:17: unpaired surrogate in \\u escape (column 10)"),
    BadCase(
      id: "missing-text", line: #"{"id":"a","title":"t"}"#, message: "missing `text` field at news.jsonl:17",
      articleID: "a"),
    BadCase(
      id: "text-not-string", line: #"{"id":"a","text":42}"#, message: "`text` at news.jsonl:17 is not a string",
      articleID: "a"),
    BadCase(
      id: "title-not-string", line: #"{"id":"a","title":[],"text":"x"}"#,
      message: "`title` at news.jsonl:17 is not a string", articleID: "a"),
    BadCase(
      id: "id-not-scalar", line: #"{"id":{},"text":"x"}"#, message: "`id` at news.jsonl:17 is not a string or number"),
    BadCase(
      id: "labels-not-list", line: #"{"id":"a","text":"x","labels":"legal-aid"}"#,
      message: "`labels` at news.jsonl:17 is not a list", articleID: "a"),
  ])
  func badJSON(_ c: BadCase) {
    switch jsonRecord(c.line) {
    case .success(let a): Issue.record("parsed \(a.id), expected an error")
    case .failure(let e):
      #expect(e.message == c.message)
      #expect(e.source == "news.jsonl:17")
      #expect(e.id == c.articleID)
    }
  }

  @Test func invalidUTF8() {
    var bytes = Array(#"{"text":"工"#.utf8)
    bytes += [0xE5, 0xB7]  // a truncated 工
    bytes += Array(#""}"#.utf8)
    let r = InputRecord(kind: .json, file: "f.jsonl", line: 3, bytes: bytes).parse()
    guard case .failure(let e) = r else {
      Issue.record("expected an error")
      return
    }
    #expect(e.message == "invalid UTF-8 at f.jsonl:3 (column 11)")
    let t = InputRecord(kind: .text, file: "a.txt", line: 0, bytes: Array("标题\n".utf8) + [0xFF]).parse()
    guard case .failure(let te) = t else {
      Issue.record("expected an error")
      return
    }
    #expect(te.message == "invalid UTF-8 in a.txt at byte 7")
  }

  /// The validator (with its fast path for three-byte sequences) accepts
  /// exactly what Swift's own UTF-8 validation accepts, and the prefix
  /// before the offset it reports is valid.
  @Test func utf8ValidationAgreesWithTheStandardLibrary() {
    var rng = SeededRandom(seed: 8)
    let alphabet: [UInt8] = [
      0x41, 0x0A, 0xC2, 0xDF, 0xE0, 0xE1, 0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0x80, 0x9F, 0xA0, 0xBF, 0xFF,
    ]
    for _ in 0..<20000 {
      let bytes = (0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let got = bytes.withUnsafeBufferPointer { UTF8Bytes.firstInvalidOffset($0) }
      let valid = String(validating: bytes, as: UTF8.self) != nil
      #expect((got == nil) == valid, "\(bytes)")
      if let k = got {
        #expect(String(validating: bytes[..<k], as: UTF8.self) != nil, "\(bytes) at \(k)")
      }
    }
  }

  @Test func textFile() throws {
    let a = try InputRecord(
      kind: .text, file: "news/2024-01.txt", line: 0, bytes: Array("\u{FEFF}标题\r\n正文第一行\n第二行".utf8)
    ).parse()
      .get()
    #expect(a.id == "2024-01")
    #expect(a.titleString == "标题")
    #expect(a.textString == "正文第一行\n第二行")
    #expect(a.source == "news/2024-01.txt")
    let onlyTitle = try InputRecord(kind: .text, file: "t.txt", line: 0, bytes: Array("只有标题".utf8)).parse().get()
    #expect(onlyTitle.titleString == "只有标题" && onlyTitle.text.isEmpty)
    guard case .failure(let e) = InputRecord(kind: .text, file: "e.txt", line: 0, bytes: Array(" \n\n".utf8)).parse()
    else {
      Issue.record("an empty article is an error")
      return
    }
    #expect(e.message == "empty article in e.txt")
  }

  @Test func unreadable() {
    guard
      case .failure(let e) = InputRecord(kind: .unreadable("Permission denied"), file: "x.jsonl", line: 0, bytes: [])
        .parse()
    else {
      Issue.record("expected an error")
      return
    }
    #expect(e.message == "cannot read x.jsonl: Permission denied")
    #expect(e.source == "x.jsonl")
  }
}

@Suite struct InputReaderTests {
  func readAll(_ paths: [String]) -> [InputRecord] {
    let r = InputReader(paths: paths)
    var out: [InputRecord] = []
    while let x = r.next() { out.append(x) }
    return out
  }

  @Test func folderWithMixedFiles() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try fm.createDirectory(at: dir.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    try "标题\n正文".write(to: dir.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    try "{\"id\":\"1\",\"text\":\"x\"}\n\n  \n{\"id\":\"2\",\"text\":\"y\"}".write(
      to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
    try "{\"id\":\"3\",\"text\":\"z\"}\r\n".write(
      to: dir.appendingPathComponent("sub/c.jsonl"), atomically: true, encoding: .utf8)
    try "ignored".write(to: dir.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    try "ignored".write(to: dir.appendingPathComponent(".hidden/d.txt"), atomically: true, encoding: .utf8)
    let recs = readAll([dir.path])
    #expect(
      recs.map { $0.source.replacingOccurrences(of: dir.path + "/", with: "") } == [
        "a.jsonl:1", "a.jsonl:4", "b.txt", "sub/c.jsonl:1",
      ])
    let ids = recs.map { r -> String in
      switch r.parse() {
      case .success(let a): return a.id
      case .failure: return "error"
      }
    }
    #expect(ids == ["1", "2", "b", "3"])
    // A missing path becomes one unreadable record, and reading goes on.
    let more = readAll([dir.appendingPathComponent("nope").path, dir.appendingPathComponent("b.txt").path])
    #expect(more.count == 2)
    guard case .unreadable(let why) = more[0].kind else {
      Issue.record("expected an unreadable record")
      return
    }
    #expect(why == "no such file or folder")
    if case .failure(let e) = more[0].parse() {
      #expect(e.message.hasPrefix("cannot read ") && e.message.hasSuffix("nope: no such file or folder"))
    }
    // A file given directly: .txt is text, anything else is JSONL.
    #expect(
      readAll([dir.appendingPathComponent("notes.md").path]).first.map { r in
        if case .json = r.kind { return true } else { return false }
      } == true)
  }

  /// Extensions match in any letter case; a .txt article in a folder is
  /// named by its path below the folder, so same-named files in two
  /// subfolders keep two ids; other files are counted as skipped.
  @Test func folderExtensionsIDsAndSkippedFiles() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    for sub in ["a", "b", ".hidden"] {
      try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    for name in ["a/x.txt", "b/x.txt", "C.TXT", "d.Txt"] {
      try "标题\n正文".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try "{\"id\":\"j\",\"text\":\"x\"}\n".write(
      to: dir.appendingPathComponent("e.JSONL"), atomically: true, encoding: .utf8)
    for name in ["notes.md", "img.png", ".hidden/z.md", ".dot.md"] {
      try "ignored".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let reader = InputReader(paths: [dir.path])
    var ids: [String] = []
    while let r = reader.next() { ids.append((try? r.parse().get().id) ?? "error") }
    #expect(ids == ["C", "a/x", "b/x", "d", "j"])
    #expect(reader.skippedFiles == 2)
    // A .txt file given directly keeps its file name as id, in any case.
    let direct = InputReader(paths: [
      dir.appendingPathComponent("a/x.txt").path, dir.appendingPathComponent("C.TXT").path,
    ])
    var directIDs: [String] = []
    while let r = direct.next() { directIDs.append((try? r.parse().get().id) ?? "error") }
    #expect(directIDs == ["x", "C"])
    #expect(direct.skippedFiles == 0)
  }

  @Test func unreadableFile() throws {
    guard getuid() != 0 else { return }  // root reads anything
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let f = dir.appendingPathComponent("locked.jsonl")
    try "{\"text\":\"x\"}".write(to: f, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: f.path)
    let recs = readAll([f.path])
    #expect(recs.count == 1)
    if case .failure(let e) = recs[0].parse() {
      #expect(e.message.contains("cannot read"))
    } else {
      Issue.record("expected an error")
    }
  }

  /// Lines longer than the reader's 1 MiB buffer make it grow; nothing is
  /// cut or merged.
  @Test func longLines() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let big = String(repeating: "工会骑手", count: 200_000)  // 2.4 MB of UTF-8
    let medium = String(repeating: "a", count: (1 << 20) - 20)
    var content = ""
    content += "{\"id\":\"1\",\"text\":\"\(big)\"}\n"
    content += "{\"id\":\"2\",\"text\":\"short\"}\n"
    content += "{\"id\":\"3\",\"text\":\"\(medium)\"}\n"
    content += "{\"id\":\"4\",\"text\":\"\(big)\(big)\"}"  // no final line break
    let f = dir.appendingPathComponent("big.jsonl")
    try content.write(to: f, atomically: true, encoding: .utf8)
    let recs = readAll([f.path])
    #expect(recs.map(\.line) == [1, 2, 3, 4])
    let arts = try recs.map { try $0.parse().get() }
    #expect(arts.map(\.id) == ["1", "2", "3", "4"])
    #expect(arts[0].text.count == big.utf8.count)
    #expect(arts[0].textString == big)
    #expect(arts[1].textString == "short")
    #expect(arts[2].text.count == medium.utf8.count)
    #expect(arts[3].text.count == 2 * big.utf8.count)
  }
}
