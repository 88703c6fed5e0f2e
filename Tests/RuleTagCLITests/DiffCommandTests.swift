// `ruletag diff` beyond the golden cases: the shipped rules reached by
// other paths, the two-files form after an edit below a new comment line,
// input errors, and JSONL that stays valid whatever happens.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct DiffCommandTests {
  static let root = PackagePaths.root

  /// `tag` writes the same bytes whichever path reaches the rules folder.
  @Test func tagOutputDoesNotDependOnTheRulesPath() throws {
    let runs = ["Rules", "./Rules/", PackagePaths.rules.path, "Corpus/../Rules"].map {
      CLIGolden.run(
        ["tag", "--rules", $0, "--format", "jsonl", "--explain", "--threads", "1", "Corpus"], in: Self.root)
    }
    #expect(runs[0].code == 0 && runs[0].out.contains(#""rule":"Rules/new-employment.rules:"#))
    for r in runs.dropFirst() { #expect(r.out == runs[0].out) }
  }

  /// The shipped rules, copied, with a comment at the top of one file and
  /// one weight changed below it.
  static func editedRules() throws -> URL {
    let dir = makeTemporaryDirectory()
    let copy = dir.appendingPathComponent("Rules")
    try FileManager.default.copyItem(at: PackagePaths.rules, to: copy)
    let file = copy.appendingPathComponent("new-employment.rules")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("\n  +1  骑手  not-before 之家\n"))
    try
      ("# tuned below\n"
      + text.replacingOccurrences(of: "\n  +1  骑手  not-before 之家\n", with: "\n  +3  骑手  not-before 之家\n"))
      .write(to: file, atomically: true, encoding: .utf8)
    return dir
  }

  /// The line of the edited rule in the edited copy, as diff names it.
  static func editedLocation(_ dir: URL) throws -> String {
    let text = try String(contentsOf: dir.appendingPathComponent("Rules/new-employment.rules"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let n = try #require(lines.firstIndex(of: "  +3  骑手  not-before 之家"))
    return "Rules/new-employment.rules:\(n + 1)"
  }

  /// Two `tag --explain` outputs, the second with the edited copy reached
  /// by an absolute path: diff blames that one rule and nothing else.
  @Test func twoFilesFormBlamesTheEditedRuleOnly() throws {
    let dir = try Self.editedRules()
    defer { try? FileManager.default.removeItem(at: dir) }
    let location = try Self.editedLocation(dir)
    let before = CLIGolden.run(["tag", "--rules", "Rules", "--format", "jsonl", "--explain", "Corpus"], in: Self.root)
    let after = CLIGolden.run(
      ["tag", "--rules", dir.appendingPathComponent("Rules").path, "--format", "jsonl", "--explain", "Corpus"],
      in: Self.root)
    try before.out.write(to: dir.appendingPathComponent("before.jsonl"), atomically: true, encoding: .utf8)
    try after.out.write(to: dir.appendingPathComponent("after.jsonl"), atomically: true, encoding: .utf8)
    let d = CLIGolden.run(["diff", "before.jsonl", "after.jsonl", "--all"], in: dir)
    #expect(d.code == 1, "\(d.err)")
    let blame = d.out.split(separator: "\n").filter { $0.hasPrefix("        ") }
    #expect(!blame.isEmpty, "\(d.out)")
    for b in blame {
      #expect(b.hasPrefix("        reweighted +1 → +3  \(location)  new-employment/"), "\(b)")
    }
  }

  /// The same edit compared in one run names the rule once, with both
  /// paths spelt differently.
  @Test func rulesFormBlamesTheEditedRuleOnly() throws {
    let dir = try Self.editedRules()
    defer { try? FileManager.default.removeItem(at: dir) }
    let location = try Self.editedLocation(dir)
    let d = CLIGolden.run(
      [
        "diff", "--rules", PackagePaths.rules.path, "--rules", "./Rules/", "--corpus", PackagePaths.corpus.path,
        "--all",
      ],
      in: dir)
    #expect(d.code == 1, "\(d.err)")
    let lines = d.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines[1].hasPrefix("  new-employment/") && lines[1].contains("reweighted  +1 → +3  \(location)")
    )
    #expect(lines[2].isEmpty, "exactly one rule change:\n\(d.out)")
    for b in lines where b.hasPrefix("        ") {
      #expect(b.contains("reweighted +1 → +3  \(location)"))
    }
  }

  /// An input line that cannot be read is reported and makes the exit
  /// code 2 (trouble, as in diff(1)); the other articles are compared.
  @Test func inputErrorsExitTwo() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "topic legal-aid \"l\" threshold 1\n  +1 法律援助\n".write(
      to: dir.appendingPathComponent("a.rules"), atomically: true, encoding: .utf8)
    try "topic legal-aid \"l\" threshold 1\n  +2 法律援助\n".write(
      to: dir.appendingPathComponent("b.rules"), atomically: true, encoding: .utf8)
    try "{\"id\":\"x\",\"text\":\"法律援助\"}\n{\"id\":\"y\",\"text\":\n".write(
      to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
    let d = CLIGolden.run(["diff", "--rules", "a.rules", "--rules", "b.rules", "in.jsonl", "--all"], in: dir)
    #expect(d.code == 2)
    #expect(d.err.hasPrefix("error: in.jsonl:2: invalid JSON"), "\(d.err)")
    #expect(d.err.hasSuffix("1 rule change; 1 error\n"), "\(d.err)")
    #expect(d.out.contains("x  scores only\n    legal-aid  1 → 2, threshold 1\n"), "\(d.out)")
  }

  /// Every line of `--format jsonl` is one JSON object, on success and on
  /// refusal (which writes nothing to standard output).
  @Test func jsonlOutputIsAlwaysValid() throws {
    let golden = CLIGolden.folder
    let runs: [([String], String)] = [
      (["diff", "--rules", "old", "--rules", "new", "input.jsonl", "--format", "jsonl", "--all"], "diff_added"),
      (["diff", "--rules", "old", "--rules", "old", "input.jsonl", "--format", "jsonl"], "diff_removed"),
      (["diff", "before.jsonl", "after.jsonl", "--format", "jsonl", "--all"], "diff_runs"),
      (["diff", "before.csv", "before.csv", "--format", "jsonl"], "diff_refuses_csv"),
      (["diff", "--rules", "old", "--rules", "missing", "input.jsonl", "--format", "jsonl"], "diff_added"),
    ]
    for (args, folder) in runs {
      let r = CLIGolden.run(args, in: golden.appendingPathComponent(folder))
      let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.last == "", "output ends with a line break: \(args)")
      for line in lines.dropLast() {
        let v = try? JSONSerialization.jsonObject(with: Data(line.utf8))
        #expect(v is [String: Any], "not a JSON object: \(line)")
      }
      if r.code == 2 { #expect(r.out.isEmpty) } else { #expect(r.out.contains(#"{"type":"summary""#)) }
    }
  }
}
