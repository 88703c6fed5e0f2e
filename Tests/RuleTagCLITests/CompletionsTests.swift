// The completion scripts and the man page come from the flag tables: every
// command and flag is in each, and bash completes from the script.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct CompletionsTests {
  static let outputs: [(String, [String])] = [
    ("bash", ["completions", "bash"]), ("zsh", ["completions", "zsh"]), ("fish", ["completions", "fish"]),
    ("man", ["man"]),
  ]

  /// Each command and each of its flags appears in every script and in
  /// the man page (which spells `-` as `\-`).
  @Test(arguments: outputs.map(\.0))
  func everyFlagAppears(_ name: String) throws {
    let args = try #require(Self.outputs.first { $0.0 == name }).1
    let (out, err, code) = CLIGolden.run(args)
    #expect(code == 0 && err.isEmpty)
    let text = name == "man" ? out.replacingOccurrences(of: "\\-", with: "-") : out
    for spec in RuleTagCLI.orderedSpecs {
      #expect(text.contains(spec.name), "\(name) lacks the command \(spec.name)")
      for f in spec.flags {
        let form = name == "fish" ? "-l \(f.name) " : "--\(f.name)"
        #expect(text.contains(form), "\(name) lacks \(spec.name) --\(f.name)")
        for c in f.choices ?? [] { #expect(text.contains(c), "\(name) lacks \(c) for --\(f.name)") }
      }
    }
    #expect(RuleTagCLI.orderedSpecs.count == RuleTagCLI.commands.count)
  }

  /// Sourced into bash, the script completes commands, flags and their
  /// values.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"))
  func bashCompletes() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("ruletag.bash")
    try CLIGolden.run(["completions", "bash"]).out.write(to: script, atomically: true, encoding: .utf8)
    let cases: [([String], String)] = [
      (["ruletag", "ta"], "tag"),
      (["ruletag", "tag", "--fo"], "--format"),
      (["ruletag", "tag", "--format", ""], "table jsonl csv"),
      (["ruletag", "check", "--format", "s"], "short"),
      (["ruletag", "eval", "--min-"], "--min-precision --min-recall"),
      (["ruletag", "completions", "--h"], "--help"),
    ]
    var body = "source '\(script.path)'\n"
    for (words, _) in cases {
      let quoted = words.map { "'\($0)'" }.joined(separator: " ")
      body += "COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _ruletag; echo \"${COMPREPLY[*]}\"\n"
    }
    let file = dir.appendingPathComponent("run.sh")
    try body.write(to: file, atomically: true, encoding: .utf8)
    let run = runProgram("/bin/bash", [file.path])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.outString == cases.map { $0.1 + "\n" }.joined())
  }
}
