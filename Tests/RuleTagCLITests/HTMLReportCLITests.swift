// `ruletag eval --html FILE`: the page is the library's report of the same
// evaluation, the text report is unchanged beside it, gates still apply, a
// file that cannot be written is exit 3, and SOURCE_DATE_EPOCH fixes the
// date (through the built binary, as the variable is the process's).

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct HTMLReportCLITests {
  /// The inputs of the `eval_report` golden case.
  static let inputs = CLIGolden.folder.appendingPathComponent("eval_report")

  /// The page with its date taken out.
  static func undated(_ html: String) -> String {
    html.replacingOccurrences(
      of: #"<time datetime="[^"]*">[^<]*</time>"#, with: "<time>DATE</time>", options: .regularExpression)
  }

  @Test func writesTheLibrarysPageBesideTheTextReport() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let base = ["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl", "--summary"]
    let plain = CLIGolden.run(base, in: Self.inputs)
    let out = dir.appendingPathComponent("report.html").path
    let args = base + ["--html", out]
    let run = CLIGolden.run(args, in: Self.inputs)
    #expect(run.code == 0 && run.err == "")
    #expect(run.out == plain.out)
    let html = try String(contentsOfFile: out, encoding: .utf8)
    guard case .success(let rules) = CompiledRules.load(path: "rules.rules", directory: Self.inputs.path) else {
      Issue.record("rules.rules does not compile")
      return
    }
    let report = Evaluator.evaluate(rules: rules, corpus: "corpus.jsonl", directory: Self.inputs.path)
    let expected = HTMLReport.evaluation(
      report, rules: rules,
      context: HTMLReportContext(
        rules: "rules.rules", generated: Date(), generator: "ruletag \(RuleTagCLI.version)",
        command: ["ruletag"] + args))
    expectEqualLines(Self.undated(html), Self.undated(expected), "the page")
    #expect(html.contains("data-kind=\"FN\" data-topic=\"legal-aid\" data-id=\"e5\""))
  }

  @Test func gatesStillApply() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("r.html").path
    let run = CLIGolden.run(
      ["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl", "--min-precision", "0.9", "--html", out],
      in: Self.inputs)
    #expect(run.code == ExitCode.inputErrors && run.err.hasPrefix("gate failed: new-employment precision 0.50"))
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test func anUnwritableFileIsExit3() {
    let run = CLIGolden.run(
      ["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl", "--html", "no-such-folder/r.html"],
      in: Self.inputs)
    #expect(run.code == ExitCode.outputFailed)
    #expect(run.out == "")
    #expect(run.err.hasPrefix("error: cannot write the HTML report to `no-such-folder/r.html`: "), "\(run.err)")
  }

  @Test(.enabled(if: BuiltBinary.ruletag != nil, "needs the built ruletag binary"))
  func sourceDateEpochFixesTheDate() throws {
    let exe = try #require(BuiltBinary.ruletag)
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "86400"
    var pages: [String] = []
    for name in ["a.html", "b.html"] {
      let out = dir.appendingPathComponent(name).path
      let run = runProgram(
        exe, ["eval", "--rules", "rules.rules", "--corpus", "corpus.jsonl", "--summary", "--html", out],
        in: Self.inputs, environment: env)
      #expect(run.status == 0, "\(run.err)")
      pages.append(
        try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: out, with: "OUT"))
    }
    #expect(pages[0].contains("<time datetime=\"1970-01-02T00:00:00Z\">1970-01-02 00:00:00 UTC</time>"))
    #expect(pages[0] == pages[1])
  }
}
