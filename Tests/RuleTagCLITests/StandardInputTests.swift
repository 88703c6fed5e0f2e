// `-` reads standard input wherever a command reads a file: `eval --corpus -`,
// either side of `diff`, and the text of `tokens`. Run through the built binary, since only a
// real process has a standard input to give.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct StandardInputTests {
  /// `eval --corpus -` reports what `eval --corpus FILE` does, under the name `-`.
  @Test func evalCorpusFromStandardInput() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let dir = CLIGolden.folder.appendingPathComponent("eval_report")
    let corpus = dir.appendingPathComponent("corpus.jsonl").path
    let piped = runProgram(exe, ["eval", "--rules", "rules.rules", "--corpus", "-"], stdin: corpus, in: dir)
    let file = CLIGolden.run(["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl"], in: dir)
    #expect(piped.status == 0, "\(piped.err)")
    #expect(piped.outString.hasPrefix("corpus: - (6 articles)\n"), "\(piped.outString)")
    #expect(piped.outString.drop { $0 != "\n" } == file.out.drop { $0 != "\n" })
  }

  /// Either side of `diff` can be `-`; both at once is a usage error.
  @Test func diffSideFromStandardInput() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let dir = CLIGolden.folder.appendingPathComponent("diff_runs")
    let before = dir.appendingPathComponent("before.jsonl").path
    let after = dir.appendingPathComponent("after.jsonl").path
    let piped = runProgram(exe, ["diff", "-", after], stdin: before)
    let file = CLIGolden.run(["diff", "before.jsonl", after], in: dir)
    #expect(piped.status == 1, "\(piped.err)")  // like diff(1): the runs differ
    #expect(piped.outString.contains("gone  only in -\n"), "\(piped.outString)")
    #expect(piped.outString.replacingOccurrences(of: "only in -\n", with: "only in before.jsonl\n") == file.out)
    #expect(piped.err == file.err)
    let both = CLIGolden.run(["diff", "-", "-"])
    #expect(both.code == ExitCode.usage && both.err.contains("only one of BEFORE and AFTER can be `-`"))
  }

  /// `tokens -` shows what `tokens TEXT` shows for the text piped in.
  @Test func tokensFromStandardInput() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    try withTemporaryDirectory { dir in
      let file = dir.appendingPathComponent("text.txt")
      try "外賣小哥 ＡＰＰ\n".write(to: file, atomically: true, encoding: .utf8)
      let piped = runProgram(exe, ["tokens", "-"], stdin: file.path)
      let given = CLIGolden.run(["tokens", "外賣小哥 ＡＰＰ"])
      #expect(piped.status == 0, "\(piped.err)")
      #expect(piped.outString == given.out)
      #expect(piped.outString.hasPrefix("normalized: 外卖小哥app\n"), "\(piped.outString)")
    }
  }
}
