// Progress on stderr: the line's text, shown only on a terminal and
// without --quiet, cleared before the summary; and the notice before
// reading a terminal's standard input.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct ProgressTests {
  @Test func lineText() {
    let cases: [(Int, Int, Int, Int?, Double, Int?, String)] = [
      (0, 0, 0, nil, 0, nil, "0 articles · 0.0 MB/s · 0 errors"),
      (1, 1, 2_000_000, nil, 1, nil, "1 article · 2.0 MB/s · 1 error"),
      (12_345, 3, 50_000_000, 100_000_000, 2, nil, "12,345 articles · 25.0 MB/s · 3 errors · 50% · 0:02 left"),
      (1_234_567, 0, 1_000_000, 4_601_000_000, 1, nil, "1,234,567 articles · 1.0 MB/s · 0 errors · 0% · 1:16:40 left"),
      (10, 0, 100, 100, 1, nil, "10 articles · 0.0 MB/s · 0 errors · 100% · 0:00 left"),
      (12_345, 3, 50_000_000, 100_000_000, 2, 20, "12,345 articles · …"),
    ]
    for (articles, errors, bytes, total, seconds, width, expected) in cases {
      let line = ProgressLine.render(
        articles: articles, errors: errors, bytes: bytes, totalBytes: total, seconds: seconds, width: width)
      #expect(line == expected)
      if let width { #expect(DisplayWidth.of(line) < width) }
    }
  }

  static func run(errIsTerminal: Bool, quiet: Bool, outIsTerminal: Bool = false) -> (err: String, out: String) {
    let io = CommandIO(capture: true, isTerminal: outIsTerminal, errIsTerminal: errIsTerminal, errColumns: 80)
    io.progressAfter = 0
    let args =
      ["tag", "--rules", PackagePaths.rules.path, "--format", "jsonl", PackagePaths.corpusFile.path]
      + (quiet ? ["--quiet"] : [])
    #expect(RuleTagCLI.run(args, io: io) == 0)
    return (io.errString, io.outString)
  }

  /// On a terminal the line is drawn, then cleared before the summary.
  @Test func shownOnATerminalAndCleared() throws {
    let (err, out) = Self.run(errIsTerminal: true, quiet: false)
    #expect(err.hasPrefix("\r\u{1B}[K"), "\(err.debugDescription)")
    #expect(err.contains(" articles · ") && err.contains(" MB/s · 0 errors · ") && err.contains(" left"))
    // The last thing before the summary clears the line.
    let tail = try #require(err.components(separatedBy: "\r\u{1B}[K").last)
    #expect(tail.hasPrefix("summary: 42 articles read") && !tail.contains("MB/s"), "\(tail)")
    #expect(!out.contains("\r"))
  }

  /// Piped (stderr not a terminal) or --quiet: no progress at all.
  @Test func silentWhenPipedOrQuiet() throws {
    let piped = Self.run(errIsTerminal: false, quiet: false)
    #expect(!piped.err.contains("\r") && !piped.err.contains("MB/s"))
    #expect(piped.err.hasPrefix("summary: "))
    // JSONL streaming to the same terminal would run through the line.
    let streaming = Self.run(errIsTerminal: true, quiet: false, outIsTerminal: true)
    #expect(!streaming.err.contains("\r") && streaming.err.hasPrefix("summary: "))
    let quiet = Self.run(errIsTerminal: true, quiet: true)
    #expect(quiet.err.isEmpty)
    #expect(quiet.out == piped.out)
  }

  /// The built binary, its stderr a file: nothing but the summary.
  @Test func binaryPipedPrintsNoProgress() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let run = runProgram(exe, ["tag", "--format", "jsonl", PackagePaths.corpusFile.path], in: PackagePaths.root)
    #expect(run.status == 0)
    #expect(run.err.hasPrefix("summary: ") && run.err.split(separator: "\n").count == 1, "\(run.err)")
  }

  /// Standard input from a terminal gets a notice; a pipe, a file or
  /// --quiet does not.
  @Test func standardInputNotice() {
    let terminal = CommandIO(capture: true, inIsTerminal: true)
    let pipe = CommandIO(capture: true, inIsTerminal: false)
    #expect(
      TagCommand.standardInputNotice([], io: terminal, quiet: false)?.hasPrefix("reading articles from standard input")
        == true)
    #expect(TagCommand.standardInputNotice(["a.jsonl", "-"], io: terminal, quiet: false) != nil)
    #expect(TagCommand.standardInputNotice(["a.jsonl"], io: terminal, quiet: false) == nil)
    #expect(TagCommand.standardInputNotice([], io: terminal, quiet: true) == nil)
    #expect(TagCommand.standardInputNotice([], io: pipe, quiet: false) == nil)
  }
}
