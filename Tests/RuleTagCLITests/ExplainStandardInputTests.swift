// `explain` with no PATH reads its article from standard input, and `eval`
// takes standard input as one of several corpora. Run through the built
// binary, since only a real process has a standard input to give.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct ExplainStandardInputTests {
  /// A text article on standard input is traced as the same text in a file.
  @Test func explainFromStandardInput() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let dir = CLIGolden.folder.appendingPathComponent("explain_txt")
    let article = dir.appendingPathComponent("article.txt").path
    let piped = runProgram(exe, ["explain", "--rules", "rules.rules"], stdin: article, in: dir)
    let file = CLIGolden.run(["explain", "article.txt", "--rules", "rules.rules"], in: dir)
    #expect(piped.status == 0, "\(piped.err)")
    #expect(piped.outString.hasPrefix("article <stdin> (<stdin>)\n"), "\(piped.outString)")
    #expect(piped.outString.drop { $0 != "\n" } == file.out.drop { $0 != "\n" })
  }

  /// `--corpus -` beside a file: one summary line each, `-` named as such.
  @Test func evalStandardInputBesideAFile() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let dir = CLIGolden.folder.appendingPathComponent("eval_corpora")
    let fresh = dir.appendingPathComponent("fresh.jsonl").path
    let piped = runProgram(
      exe, ["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl", "--corpus", "-", "--summary"], stdin: fresh,
      in: dir)
    let file = CLIGolden.run(
      ["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl", "--corpus", "fresh.jsonl", "--summary"], in: dir)
    #expect(piped.status == 0, "\(piped.err)")
    let lines = piped.outString.split(separator: "\n", omittingEmptySubsequences: false)
    let fileLines = file.out.split(separator: "\n", omittingEmptySubsequences: false)
    // The summary lines: the same figures, `-` in the name's place.
    #expect(lines.count > 3 && lines[1] == fileLines[1], "\(piped.outString)")
    #expect(
      lines[2] == fileLines[2].replacingOccurrences(of: "fresh.jsonl", with: "-" + String(repeating: " ", count: 10)))
    #expect(piped.outString.contains("\ncorpus: - (4 articles)\n"), "\(piped.outString)")
    let twice = CLIGolden.run(["eval", "--rules", "rules.rules", "--corpus", "-", "--corpus", "-"], in: dir)
    #expect(twice.code == ExitCode.usage && twice.err.contains("can be read only once"), "\(twice.err)")
  }
}
