// The table on a terminal: colour only there (or with --color always),
// NO_COLOR respected, and every line within the terminal's width.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct TableStyleTests {
  static let escape = "\u{1B}["

  /// `--color auto` colours a terminal unless NO_COLOR is set (to
  /// anything but nothing); `always` and `never` win over both.
  @Test func colourFollowsTheTerminalAndNoColor() throws {
    let dir = CLIGolden.folder.appendingPathComponent("tag_table_color")
    let cases: [(terminal: Bool, env: [String: String], flag: [String], colored: Bool)] = [
      (true, [:], [], true),
      (false, [:], [], false),
      (true, ["NO_COLOR": "1"], [], false),
      (true, ["NO_COLOR": ""], [], true),
      (true, ["NO_COLOR": "1"], ["--color", "always"], true),
      (false, [:], ["--color", "always"], true),
      (true, [:], ["--color", "never"], false),
      (true, [:], ["--color", "auto"], true),
    ]
    for c in cases {
      let io = CommandIO(capture: true, isTerminal: c.terminal, directory: dir.path, environment: c.env)
      let code = RuleTagCLI.run(["tag", "--rules", "rules.rules", "--format", "table", "input.jsonl"] + c.flag, io: io)
      #expect(code == 0)
      #expect(io.outString.contains(Self.escape) == c.colored, "\(c)")
      #expect(!io.errString.contains(Self.escape))
    }
  }

  /// At every width, each line of the table (colour aside) fits, as long
  /// as no single tag or hit is wider than the room left for it; tags and
  /// hits wrap at their boundaries and none is lost.
  @Test func tableFitsTheWidth() throws {
    for width in [60, 80, 100, 140] {
      let io = CommandIO(capture: true, isTerminal: true, columns: width)
      let code = RuleTagCLI.run(
        ["tag", "--rules", PackagePaths.rules.path, "--format", "table", "--explain", PackagePaths.corpusFile.path],
        io: io)
      #expect(code == 0)
      let plain = io.outString.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
      var over = 0
      for line in plain.split(separator: "\n") where DisplayWidth.of(String(line)) > width {
        // Only a line holding one piece that cannot be broken may be longer.
        let s = line.trimmingCharacters(in: .whitespaces)
        if s.contains("; ") || s.contains(", ") { over += 1 }
      }
      #expect(over == 0, "\(over) lines wider than \(width)")
      let unwrapped = CommandIO(capture: true, isTerminal: true)
      _ = RuleTagCLI.run(
        [
          "tag", "--rules", PackagePaths.rules.path, "--format", "table", "--explain", "--color", "never",
          PackagePaths.corpusFile.path,
        ], io: unwrapped)
      let words = { (s: String) in s.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { !$0.hasSuffix("…") } }
      // The same tags and hits, in the same order (titles are cut to fit).
      #expect(words(plain).count > 1000)
      #expect(Set(words(plain)).isSubset(of: Set(words(unwrapped.outString))), "width \(width)")
    }
  }

  /// `wrap` breaks only after a separator and keeps every piece.
  @Test func wrapAtBoundaries() {
    let cases: [(String, String, Int?, [String])] = [
      ("a 1, b 2, c 3", ", ", nil, ["a 1, b 2, c 3"]),
      ("a 1, b 2, c 3", ", ", 20, ["a 1, b 2, c 3"]),
      ("a 1, b 2, c 3", ", ", 9, ["a 1, b 2,", "c 3"]),
      ("a 1, b 2, c 3", ", ", 3, ["a 1,", "b 2,", "c 3"]),
      ("「骑手」 text:1; 「外卖」 text:9", "; ", 16, ["「骑手」 text:1;", "「外卖」 text:9"]),
      ("longword", ", ", 3, ["longword"]),
    ]
    for (text, sep, width, expected) in cases {
      #expect(TagReport.wrap(text, at: sep, width: width) == expected, "\(text) at \(String(describing: width))")
    }
  }
}
