// GB18030/GBK input: detected among bytes that are not UTF-8, converted
// with iconv; other encodings and random bytes stay errors.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@Suite struct TextEncodingTests {
  static let chinese = "新就业形态劳动者入会，外卖骑手之家开张。“骑手”们说：好！"

  static func encoded(_ s: String, _ encoding: String) throws -> [UInt8] {
    try #require(TextEncoding.convert(Array(s.utf8), from: "UTF-8", to: encoding), "iconv has no \(encoding)")
  }

  /// GBK and GB18030 text round-trips through iconv, and looks like it.
  @Test(arguments: ["GBK", "GB18030", "GB2312"])
  func chineseLooksLikeGB(_ encoding: String) throws {
    let bytes = try Self.encoded(Self.chinese, encoding)
    #expect(bytes != Array(Self.chinese.utf8))
    #expect(TextEncoding.looksLikeGB18030(bytes))
    #expect(TextEncoding.fromGB18030(bytes) == Array(Self.chinese.utf8))
  }

  /// Text in other encodings, and random bytes, do not pass for GBK.
  @Test func othersDoNotLookLikeGB() throws {
    let cases: [(String, [UInt8])] = [
      ("Shift_JIS", try Self.encoded("日本語のテキストです。カタカナも。", "SHIFT_JIS")),
      ("Latin-1", try Self.encoded("café au lait, naïve déjà vu", "ISO-8859-1")),
      ("UTF-16", try Self.encoded(Self.chinese, "UTF-16LE")),
      ("truncated", Array(try Self.encoded(Self.chinese, "GBK").dropLast())),
      ("a UTF-8 character cut short", Array("{\"text\":\"巢".utf8.dropLast()) + Array("\"}".utf8)),
      ("three characters", try Self.encoded("骑手们", "GBK")),
    ]
    for (name, bytes) in cases { #expect(!TextEncoding.looksLikeGB18030(bytes), "\(name)") }
    var rng = SeededRandom(seed: 18030)
    var passed = 0
    for _ in 0..<500 {
      let bytes = (0..<200).map { _ in UInt8.random(in: 0...255, using: &rng) }
      if TextEncoding.looksLikeGB18030(bytes) { passed += 1 }
    }
    #expect(passed == 0)
  }

  /// A GBK line or .txt article is converted (auto), refused with a hint
  /// (utf-8) or converted always (gbk); valid UTF-8 is never touched by auto.
  @Test func recordsByEncoding() throws {
    let line = try Self.encoded("{\"id\":\"g\",\"title\":\"骑手\",\"text\":\"外卖骑手之家\"}", "GBK")
    let json = InputRecord(kind: .json, file: "g.jsonl", line: 1, bytes: line)
    let auto = try json.parse(encoding: .auto).get()
    #expect(auto.titleString == "骑手" && auto.textString == "外卖骑手之家" && auto.convertedFrom == "GB18030")
    guard case .failure(let e) = json.parse(encoding: .utf8) else {
      Issue.record("utf-8 accepted GBK")
      return
    }
    #expect(
      e.message == "invalid UTF-8 at g.jsonl:1 (column 20); it looks like GBK/GB18030 (--encoding gbk converts it)")
    #expect(try json.parse(encoding: .gbk).get().textString == "外卖骑手之家")
    let text = InputRecord(kind: .text, file: "t.txt", line: 0, bytes: try Self.encoded("标题\n正文骑手", "GB18030"))
    let t = try text.parse().get()
    #expect(t.titleString == "标题" && t.textString == "正文骑手")
    let utf8 = InputRecord(kind: .text, file: "u.txt", line: 0, bytes: Array("标题\n正文".utf8))
    #expect(try utf8.parse().get().convertedFrom == nil)
    let random = InputRecord(kind: .text, file: "r.txt", line: 0, bytes: [0x41, 0xFF, 0xFE, 0x42])
    guard case .failure(let r) = random.parse(encoding: .auto) else {
      Issue.record("random bytes accepted")
      return
    }
    #expect(r.message == "invalid UTF-8 in r.txt at byte 1")
  }
}
