// `ruletag-bench literals` prints the literal set the rules compile into,
// for the peers to count: keywords as normalised, the literals a regex is
// gated on (here its two alternatives, whole) and not-inside words, one per
// line, each once.

import Foundation
import RuleTagTestSupport
import Testing

/// Runs the built `ruletag-bench`.
enum Bench {
  /// Runs `ruletag-bench ARGS` (in `dir` when given): exit status, stdout,
  /// stderr.
  ///
  /// Records an issue and returns nil when there is no binary.
  static func run(_ args: [String], in dir: URL? = nil) -> (status: Int32, out: String, err: String)? {
    guard let exe = BuiltBinary.bench else {
      Issue.record("\(BuiltBinary.missing("ruletag-bench"))")
      return nil
    }
    let r = runProgram(exe, args, in: dir)
    return (r.status, r.outString, r.err)
  }
}

@Suite struct BenchLiteralsTests {
  @Test func printsTheNormalisedLiteralSetOnce() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Traditional and full-width spellings, a repeated keyword, a regex
    // with two atom sets, and a not-inside word.
    let rules = """
      topic new-employment "n" threshold 1
        +1  外賣騎手, ＡＰＰ, 驿站  not-inside 快递驿站
        +2  /(快递|外卖)员/
        +1  驿站
      """
    try rules.write(to: dir.appendingPathComponent("t.rules"), atomically: true, encoding: .utf8)
    guard let (status, text, note) = Bench.run(["literals", "--rules", dir.path]) else { return }
    #expect(status == 0, "\(note)")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(text.hasSuffix("\n"))
    #expect(Set(lines) == ["外卖骑手", "app", "驿站", "快递驿站", "快递员", "外卖员"], "\(lines)")
    #expect(lines.count == Set(lines).count, "each literal once: \(lines)")
    #expect(note.contains("LITERALS \(lines.count)"), "\(note)")
  }
}
