// `tag` on a GBK archive: converted and said so once per file, or refused
// with a hint under --encoding utf-8.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct EncodingCLITests {
  @Test func gbkArchiveIsConvertedAndSaidSo() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let utf8 = "{\"id\":1,\"title\":\"骑手\",\"text\":\"外卖骑手\"}\n{\"id\":2,\"text\":\"法律援助\"}\n"
    let gbk = try #require(TextEncoding.convert(Array(utf8.utf8), from: "UTF-8", to: "GBK"))
    try Data(gbk).write(to: dir.appendingPathComponent("gbk.jsonl"))
    try Data(utf8.utf8).write(to: dir.appendingPathComponent("utf8.jsonl"))
    let rules = CLIGolden.folder.appendingPathComponent("tag_jsonl/rules.rules").path
    let converted = CLIGolden.run(["tag", "--rules", rules, "--format", "jsonl", "gbk.jsonl"], in: dir)
    let plain = CLIGolden.run(["tag", "--rules", rules, "--format", "jsonl", "utf8.jsonl"], in: dir)
    #expect(converted.code == 0)
    #expect(converted.out == plain.out.replacingOccurrences(of: "utf8.jsonl", with: "gbk.jsonl"))
    #expect(
      converted.err
        == "note: gbk.jsonl is not UTF-8; read as GB18030 (GBK) and converted with iconv\n"
        + "summary: 2 articles read = 2 tagged + 0 errors; 1 with at least one topic\n")
    let strict = CLIGolden.run(
      ["tag", "--rules", rules, "--format", "jsonl", "--encoding", "utf-8", "gbk.jsonl"], in: dir)
    #expect(strict.code == 1)
    #expect(strict.err.contains("error: invalid UTF-8 at gbk.jsonl:1 (column 18); it looks like GBK/GB18030"))
    let bad = CLIGolden.run(["tag", "--rules", rules, "--encoding", "latin1", "gbk.jsonl"], in: dir)
    #expect(bad.code == 2 && bad.err == "error: unknown encoding `latin1`; choose from: auto, utf-8, gb18030, gbk\n")
  }
}
