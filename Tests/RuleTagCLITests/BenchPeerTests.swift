// `ruletag-bench peer` times `ruletag tag` against a peer tagger in pairs.
// These tests give it a stand-in peer (a Python script that writes one
// line per article, or one line too few) and check the report's shape and
// that a peer which loses an article fails the run; no timing is asserted.

import Foundation
import RuleTagTestSupport
import Testing

/// The stand-in peers are Python scripts: without python3 on PATH the
/// suite is skipped and says so.
let hasPython3 = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
  FileManager.default.isExecutableFile(atPath: "\($0)/python3")
}

@Suite(.enabled(if: hasPython3, "needs python3 on PATH to run the stand-in peers")) struct BenchPeerTests {
  /// A folder with `corpus.jsonl` (three articles) and the peers
  /// `good.py` (a line per article, and the mode it ran in to `modes`)
  /// and `short.py` (a line fewer).
  func setUp() throws -> URL {
    let dir = makeTemporaryDirectory()
    let corpus = (1...3).map { #"{"id": "a\#($0)", "text": "职工书屋建设"}"# }.joined(separator: "\n") + "\n"
    try corpus.write(to: dir.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
    let good = """
      import sys
      mode, rules, corpus = sys.argv[1:4]
      open("modes", "a").write(mode + "\\n")
      for line in open(corpus, encoding="utf-8"):
          if line.strip(): print("{}")
      """
    try good.write(to: dir.appendingPathComponent("good.py"), atomically: true, encoding: .utf8)
    let short = """
      import sys
      lines = [l for l in open(sys.argv[3], encoding="utf-8") if l.strip()]
      for l in lines[1:]: print("{}")
      """
    try short.write(to: dir.appendingPathComponent("short.py"), atomically: true, encoding: .utf8)
    return dir
  }

  @Test func reportsEachModeInPairs() throws {
    let dir = try setUp()
    defer { try? FileManager.default.removeItem(at: dir) }
    let args = [
      "peer", "corpus.jsonl", "--script", "good.py", "--rules", PackagePaths.rules.path, "--modes", "full,kw",
      "--runs", "2", "--warmup", "0",
    ]
    guard let (status, text, note) = Bench.run(args, in: dir) else { return }
    #expect(status == 0, "\(note)")
    #expect(text.hasPrefix("# ruletag-bench peer: corpus.jsonl ("), "\(text)")
    #expect(text.contains("3 articles"), "\(text)")
    #expect(text.contains("both wrote one line per article"), "\(text)")
    #expect(text.contains("\n| full | "), "\(text)")
    #expect(text.contains("\n| kw | "), "\(text)")
    // Per mode: the checked run, then two timed ones.
    let modes = try String(contentsOf: dir.appendingPathComponent("modes"), encoding: .utf8)
    #expect(modes == "full\nfull\nfull\nkw\nkw\nkw\n")
  }

  @Test func aPeerThatLosesAnArticleFailsTheRun() throws {
    let dir = try setUp()
    defer { try? FileManager.default.removeItem(at: dir) }
    let args = ["peer", "corpus.jsonl", "--script", "short.py", "--rules", PackagePaths.rules.path, "--runs", "1"]
    guard let (status, text, note) = Bench.run(args, in: dir) else { return }
    #expect(status == 1)
    #expect(text.isEmpty, "no report from a failed run: \(text)")
    #expect(note.contains("wrote 2 lines for 3 articles"), "\(note)")
  }
}
