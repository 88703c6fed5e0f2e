// `ruletag diff --rev REV` on a scratch git repository: the rules of a
// revision (includes outside the rules folder too) against the work
// tree's, and the errors when git, the revision or the rules are missing.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct DiffRevisionTests {
  static let git = ["/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static let main = """
    include ../shared.rules
    topic new-employment "n" threshold 4
      +4  新就业形态
      +1  骑手
      +3  外卖小哥
    """
  static let shared = "topic legal-aid \"l\" threshold 4\n  +3  法律援助\n  +1  律师\n"
  static let input = """
    {"id":"rider","text":"骑手送餐。","labels":["new-employment"]}
    {"id":"aid","text":"法律援助宣传。","labels":[]}
    {"id":"other","text":"新就业形态。","labels":["new-employment"]}

    """

  /// A repository with the rules committed; the caller removes it.
  static func repository() throws -> URL {
    let dir = makeTemporaryDirectory()
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("Rules"), withIntermediateDirectories: true)
    try main.write(to: dir.appendingPathComponent("Rules/main.rules"), atomically: true, encoding: .utf8)
    try shared.write(to: dir.appendingPathComponent("shared.rules"), atomically: true, encoding: .utf8)
    try input.write(to: dir.appendingPathComponent("input.jsonl"), atomically: true, encoding: .utf8)
    for args in [
      ["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "rules"],
    ] {
      let r = runProgram(git!, args, in: dir)
      #expect(r.status == 0, "git \(args): \(r.err)")
    }
    return dir
  }

  @Test(.enabled(if: git != nil, "needs git")) func revisionAgainstTheWorkTree() throws {
    let dir = try Self.repository()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A comment above the rule and a reweight in the folder; a threshold
    // edit in the file it includes from outside the folder.
    try ("# tuned\n" + Self.main.replacingOccurrences(of: "+1  骑手", with: "+4  骑手")).write(
      to: dir.appendingPathComponent("Rules/main.rules"), atomically: true, encoding: .utf8)
    try Self.shared.replacingOccurrences(of: "threshold 4", with: "threshold 3").write(
      to: dir.appendingPathComponent("shared.rules"), atomically: true, encoding: .utf8)
    let (out, err, code) = CLIGolden.run(["diff", "--rev", "HEAD", "input.jsonl"], in: dir)
    #expect(code == 1, "\(err)")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.first == "rule changes (Rules@HEAD → Rules):", "\(out)")
    #expect(lines.contains { $0.hasPrefix("  legal-aid  threshold   4 → 3  Rules/../shared.rules:1") }, "\(out)")
    #expect(
      lines.contains {
        $0.contains("reweighted  +1 → +4  Rules/main.rules:5  +4  骑手") && $0.hasPrefix("  new-employment/")
      },
      "\(out)")
    #expect(lines.contains("rider  +new-employment"), "\(out)")
    #expect(lines.contains("aid  +legal-aid"), "\(out)")
    #expect(
      err.hasSuffix(
        "2 with changed tags (1 fixed, 1 broke, 0 still wrong), 0 with changed scores only; 2 rule changes\n"), "\(err)"
    )
    // `--rules Rules` is the default; once the edits are undone, nothing
    // changed and the exit code is 0.
    let explicit = CLIGolden.run(["diff", "--rev", "HEAD", "--rules", "Rules", "input.jsonl"], in: dir)
    #expect(explicit.out == out && explicit.code == 1)
    let r = runProgram(Self.git!, ["checkout", "-q", "--", "."], in: dir)
    #expect(r.status == 0)
    let clean = CLIGolden.run(["diff", "--rev", "HEAD", "--rules", "./Rules/", "input.jsonl"], in: dir)
    #expect(clean.code == 0, "\(clean.out)\(clean.err)")
    #expect(clean.out.hasPrefix("no rule changes (./Rules/@HEAD → ./Rules/)\n"), "\(clean.out)")
  }

  @Test(.enabled(if: git != nil, "needs git")) func missingRevisionOrRules() throws {
    let dir = try Self.repository()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = CLIGolden.run(["diff", "--rev", "no-such-branch", "input.jsonl"], in: dir)
    #expect(bad.code == 2 && bad.out.isEmpty)
    #expect(bad.err.hasPrefix("error: unknown git revision `no-such-branch` in "), "\(bad.err)")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("Later"), withIntermediateDirectories: true)
    try Self.shared.write(to: dir.appendingPathComponent("Later/x.rules"), atomically: true, encoding: .utf8)
    let later = CLIGolden.run(["diff", "--rev", "HEAD", "--rules", "Later", "input.jsonl"], in: dir)
    #expect(later.code == 2)
    #expect(later.err == "error: `Later` (Later) is not in revision `HEAD`\n", "\(later.err)")
    let outside = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: outside) }
    try Self.shared.write(to: outside.appendingPathComponent("x.rules"), atomically: true, encoding: .utf8)
    try Self.input.write(to: outside.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
    let notGit = CLIGolden.run(["diff", "--rev", "HEAD", "--rules", "x.rules", "in.jsonl"], in: outside)
    #expect(notGit.code == 2)
    #expect(notGit.err.contains("is not inside a git work tree"), "\(notGit.err)")
  }

  /// Without git on PATH, `--rev` says so (the built binary, run with an
  /// empty PATH).
  @Test func withoutGit() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("Rules"), withIntermediateDirectories: true)
    try Self.shared.write(to: dir.appendingPathComponent("Rules/x.rules"), atomically: true, encoding: .utf8)
    try Self.input.write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
    let r = runProgram(exe, ["diff", "--rev", "HEAD", "in.jsonl"], in: dir, environment: ["PATH": "/nonexistent"])
    #expect(r.status == 2 && r.out.isEmpty)
    #expect(r.err == "error: `--rev` needs the git command line, and no `git` was found on PATH\n", "\(r.err)")
  }
}
