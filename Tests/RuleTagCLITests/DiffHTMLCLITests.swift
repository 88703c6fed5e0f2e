// `ruletag diff --html FILE`: the page is the library's page of the same
// comparison, standard output, standard error and the exit code are those
// of the run without it, in every form (two rule sets, `--rev`, two record
// files, standard input); a file that cannot be written is exit 3, and
// SOURCE_DATE_EPOCH fixes the date (through the built binary).

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct DiffHTMLCLITests {
  /// The inputs of the `diff_reweight` golden case: `+1 骑手` → `+4`.
  static let inputs = CLIGolden.folder.appendingPathComponent("diff_reweight")
  static let base = ["diff", "--rules", "old", "--rules", "./new/", "input.jsonl"]

  static func undated(_ html: String) -> String { HTMLReportCLITests.undated(html) }

  /// Runs `args` with and without `--html OUT` in `dir`; expects the same
  /// output and exit code; the page.
  static func page(_ args: [String], in dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let scratch = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("diff.html").path
    let plain = CLIGolden.run(args, in: dir)
    let run = CLIGolden.run(args + ["--html", out], in: dir)
    #expect(run.out == plain.out && run.err == plain.err && run.code == plain.code, sourceLocation: sourceLocation)
    return try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: out, with: "OUT")
  }

  @Test(arguments: [[], ["--all"], ["--format", "jsonl"]])
  func writesTheLibrarysPageBesideTheReport(_ extra: [String]) throws {
    let args = Self.base + extra
    let html = try Self.page(args, in: Self.inputs)
    #expect(CLIGolden.run(args, in: Self.inputs).code == 1)
    let dir = Self.inputs.path
    guard case .success(let old) = CompiledRules.load(path: "old", directory: dir),
      case .success(let new) = CompiledRules.load(path: "./new/", directory: dir)
    else {
      Issue.record("the golden case's rules do not compile")
      return
    }
    let diff = TagDiffScan.run(
      old: old, new: new, reader: InputReader(paths: ["input.jsonl"], directory: dir), threads: 1)
    let all = extra.contains("--all")
    let evidence = DiffHTMLEvidence.collect(
      diff, all: all, old: old, new: new, reader: InputReader(paths: ["input.jsonl"], directory: dir))
    let expected = DiffHTML.page(
      diff, old: old, new: new, evidence: evidence,
      context: DiffHTMLContext(
        old: "old", new: "./new/", input: ["input.jsonl"], all: all, generated: Date(),
        generator: "ruletag \(RuleTagCLI.version)", command: ["ruletag"] + args + ["--html", "OUT"]))
    expectEqualLines(Self.undated(html), Self.undated(expected), "the page")
    #expect(html.contains("<mark>骑手</mark>"))
    #expect(html.contains("data-id=\"a4\"") && html.contains("<span class=\"vd v-fixed\">fixed</span>"))
    #expect(html.contains("data-id=\"a1\"") == all)
  }

  /// Two `tag --format jsonl` outputs: the page says what they do not hold.
  @Test func recordFiles() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (side, rules) in [("before", "old"), ("after", "new")] {
      let tag = CLIGolden.run(
        [
          "tag", "--rules", Self.inputs.appendingPathComponent(rules).path, "--format", "jsonl",
          Self.inputs.appendingPathComponent("input.jsonl").path,
        ])
      try tag.out.write(to: dir.appendingPathComponent("\(side).jsonl"), atomically: true, encoding: .utf8)
    }
    let html = try Self.page(["diff", "before.jsonl", "after.jsonl"], in: dir)
    #expect(html.contains("<code>before.jsonl</code>: records of <code>ruletag tag --format jsonl</code>"))
    #expect(html.contains("Not known: the two files do not say which rules made them."))
    #expect(html.contains("data-id=\"a3\""))
    #expect(!html.contains("<ul class=\"ev"))
  }

  @Test func anUnwritableFileIsExit3() {
    let run = CLIGolden.run(Self.base + ["--html", "no-such-folder/d.html"], in: Self.inputs)
    #expect(run.code == ExitCode.outputFailed)
    #expect(run.out == "")
    #expect(run.err.hasPrefix("error: cannot write the HTML report to `no-such-folder/d.html`: "), "\(run.err)")
  }

  /// `--rev`: the revision's rules against the work tree's, with hits.
  @Test(.enabled(if: DiffRevisionTests.git != nil, "needs git"))
  func revision() throws {
    let dir = try DiffRevisionTests.repository()
    defer { try? FileManager.default.removeItem(at: dir) }
    try DiffRevisionTests.main.replacingOccurrences(of: "+1  骑手", with: "+4  骑手").write(
      to: dir.appendingPathComponent("Rules/main.rules"), atomically: true, encoding: .utf8)
    let html = try Self.page(["diff", "--rev", "HEAD", "input.jsonl"], in: dir)
    #expect(html.contains("<h1>ruletag diff <span class=\"corpus\">Rules@HEAD → Rules</span></h1>"))
    #expect(html.contains("<span class=\"kd\">reweighted</span>"))
    #expect(html.contains("<mark>骑手</mark>送餐。"))
  }

  /// Standard input is read once by the built binary and kept for the
  /// page, which marks the hits of its articles; the date is
  /// SOURCE_DATE_EPOCH's.
  @Test(.enabled(if: BuiltBinary.ruletag != nil, "needs the built ruletag binary"))
  func standardInputAndSourceDateEpoch() throws {
    let exe = try #require(BuiltBinary.ruletag)
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = Self.inputs.appendingPathComponent("input.jsonl").path
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "86400"
    let args = ["diff", "--rules", "old", "--rules", "./new/", "-"]
    let plain = runProgram(exe, args, stdin: input, in: Self.inputs, environment: env)
    var pages: [String] = []
    for name in ["a.html", "b.html"] {
      let out = dir.appendingPathComponent(name).path
      let run = runProgram(exe, args + ["--html", out], stdin: input, in: Self.inputs, environment: env)
      #expect(run.status == 1 && plain.status == 1, "\(run.status) \(plain.status) \(run.err)")
      #expect(run.outString == plain.outString && run.err == plain.err, "\(run.outString)")
      pages.append(try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: out, with: "OUT"))
    }
    #expect(pages[0] == pages[1])
    #expect(pages[0].contains("<time datetime=\"1970-01-02T00:00:00Z\">1970-01-02 00:00:00 UTC</time>"))
    #expect(pages[0].contains("<code>&lt;stdin&gt;:4</code>"))
    #expect(pages[0].contains("<mark>骑手</mark>送餐到小区。"))
  }
}
