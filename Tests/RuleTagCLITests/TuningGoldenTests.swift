// `lint` and `suggest` on the shipped rules and corpus, run from the
// package root so that outputs name `Rules/…` as an editor would see them.
//
// Each folder under Golden/tuning/ is one case, as in CLIGoldenTests (args,
// expected.stdout, expected.stderr, exit). A change to the shipped rules
// or corpus changes these outputs: rerun with RULETAG_UPDATE_GOLDEN=1 and
// read the new findings before committing them.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct TuningGoldenTests {
  static let folder = CLIGolden.folder.appendingPathComponent("tuning")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0 + "/args").path) }
      .sorted()
  }

  @Test func casesExist() {
    #expect(Self.cases.count >= 4)
  }

  @Test(arguments: cases)
  func golden(_ name: String) throws {
    let dir = Self.folder.appendingPathComponent(name)
    let args = try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let (out, err, code) = CLIGolden.run(args, in: PackagePaths.root)
    expectGolden(out, at: dir.appendingPathComponent("expected.stdout"))
    expectGolden(err, at: dir.appendingPathComponent("expected.stderr"))
    expectGolden("\(code)\n", at: dir.appendingPathComponent("exit"))
  }

  /// The suggested lines parse as rules of the topic, and adding them
  /// leaves the rule set free of errors.
  @Test func suggestedLinesAreRules() throws {
    let (out, _, code) = CLIGolden.run(
      ["suggest", "worker-stations", "--min-support", "2", "--top", "20"], in: PackagePaths.root)
    #expect(code == 0)
    let lines = out.split(separator: "\n").filter { $0.hasPrefix("  +") }
    #expect(lines.count > 5)
    let text = "topic worker-stations \"x\" threshold 4\n" + lines.joined(separator: "\n") + "\n"
    let set = RuleParser.parse(text, file: "s.rules")
    #expect(set.errors.isEmpty, "\(set.errors.map { $0.oneLine() })")
    #expect(set.topics.first?.rules.count == lines.count)
  }
}
