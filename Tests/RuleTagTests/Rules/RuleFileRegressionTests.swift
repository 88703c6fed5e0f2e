// Regressions in reading rule files: how a file's bytes become lines
// (CRLF, a byte-order mark), what an `include` path may look like, and
// where `not(…)` may stand. Each test is named after the defect it guards.

import Foundation
import Testing

@testable import RuleTag

@Suite struct RuleFileRegressionTests {
  /// The shipped rules folder (Rules/ at the package root).
  static let shippedRules = PackagePaths.rules

  /// Copies every shipped rule file into `dir`, transformed by `convert`.
  static func copyShippedRules(to dir: URL, _ convert: (String) -> String) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.shippedRules.path)
    for name in names where name.hasSuffix(".rules") {
      let text = try String(contentsOf: Self.shippedRules.appendingPathComponent(name), encoding: .utf8)
      try Data(convert(text).utf8).write(to: dir.appendingPathComponent(name))
    }
  }

  /// What a rule set says, without the folder it was read from: topics with
  /// their rules' lines and text, and every diagnostic's code and location.
  static func summary(_ set: RuleSet) -> [String] {
    let topics = set.topics.map { t in
      "\(t.id) \(t.threshold) "
        + t.rules.map { "\($0.span.line):\($0.span.column) \($0.lineText)" }.joined(separator: " | ")
    }
    let diagnostics = set.diagnostics.map {
      "\($0.code) \(URL(fileURLWithPath: $0.span.file).lastPathComponent):\($0.span.line):\($0.span.column)"
    }
    return topics + diagnostics
  }

  @Test func crlfRuleFilesReadLikeLF() throws {
    let lf = RuleParser.load(path: Self.shippedRules.path)
    #expect(lf.topics.count >= 10, "the shipped rules define the topics of Rules/README.md")
    for (name, convert) in [
      ("CRLF", { (s: String) in s.replacingOccurrences(of: "\n", with: "\r\n") }),
      ("BOM + CRLF", { (s: String) in "\u{FEFF}" + s.replacingOccurrences(of: "\n", with: "\r\n") }),
      ("BOM", { (s: String) in "\u{FEFF}" + s }),
    ] as [(String, (String) -> String)] {
      try withTemporaryDirectory { dir in
        try Self.copyShippedRules(to: dir, convert)
        let other = RuleParser.load(path: dir.path)
        #expect(Self.summary(other) == Self.summary(lf), "\(name) copy of the shipped rules")
      }
    }
  }

  @Test func crlfDiagnosticsPointAtTheRightLine() {
    let text = "topic new-employment \"新就业形态劳动者\" threshold 2\r\n  +2 骑手\r\n  +2 骑手 cpa 2\r\n"
    let set = RuleParser.parse(text, file: "crlf.rules")
    let d = set.diagnostics.first { $0.code == "RT005" }
    #expect(d?.span.line == 3 && d?.span.column == 9, "got \(set.diagnostics.map { ($0.code, $0.span) })")
    #expect(d?.lineText == "  +2 骑手 cpa 2", "the line is shown without its CR")
  }

  @Test func ruleSetWithoutTopicsIsAnError() throws {
    try withTemporaryDirectory { dir in
      try Data("# only a comment\n\n".utf8).write(to: dir.appendingPathComponent("a.rules"))
      let set = RuleParser.load(path: dir.path)
      #expect(set.errors.map(\.code) == ["RT016"])
      guard case .failure = CompiledRules.compile(set) else {
        Issue.record("a rule set with no topic compiled")
        return
      }
    }
  }

  @Test func notOutsideAllOrSentenceIsAnError() {
    let cases: [(String, Int)] = [
      ("+2 not(骑手)", 1),
      ("+2 骑手, not(快递)", 1),
      ("+2 sentence(驿站 | not(快递), 骑手)", 1),
      ("+2 title(not(工会))", 1),
      ("+2 all(not(not(骑手)), 外卖)", 1),
      ("+2 near(3, not(工会), 骑手)", 1),
      ("+2 any(not(a), not(b))", 2),
    ]
    for (rule, count) in cases {
      let set = RuleParser.parse("topic new-employment \"新就业形态劳动者\" threshold 2\n  " + rule + "\n")
      #expect(set.errors.map(\.code) == Array(repeating: "RT012", count: count), "\(rule): \(set.errors.map(\.code))")
      #expect(set.topics.first?.rules.isEmpty == true, "\(rule) must not become a rule")
    }
    for ok in ["+2 all(骑手, not(快递))", "+2 sentence(驿站, not(快递|物流))"] {
      let set = RuleParser.parse("topic new-employment \"新就业形态劳动者\" threshold 2\n  " + ok + "\n")
      #expect(set.errors.isEmpty, "\(ok): \(set.errors.map(\.code))")
    }
  }

  @Test func includeWithUnquotedSubfolderPath() throws {
    try withTemporaryDirectory { dir in
      let sub = dir.appendingPathComponent("sub")
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      try Data("topic legal-aid \"法律援助\" threshold 2\n  +2 法律援助\n".utf8).write(
        to: sub.appendingPathComponent("x.rules"))
      try Data("include sub/x.rules   # the legal-aid topic\n".utf8).write(to: dir.appendingPathComponent("main.rules"))
      try Data("include \"sub/x.rules\"\n".utf8).write(to: dir.appendingPathComponent("quoted.txt"))
      let set = RuleParser.load(path: dir.appendingPathComponent("main.rules").path)
      #expect(set.errors.isEmpty, "\(set.errors.map { $0.rendered() })")
      #expect(set.topics.map(\.id) == ["legal-aid"])
      let quoted = RuleParser.load(path: dir.appendingPathComponent("quoted.txt").path)
      #expect(quoted.topics.map(\.id) == ["legal-aid"])
      let missing = RuleParser.parse("include sub/none.rules\n", file: dir.appendingPathComponent("m.rules").path)
      #expect(missing.errors.map(\.code) == ["RT008"])
      #expect(missing.errors.first?.span.column == 9 && missing.errors.first?.span.length == 14)
    }
  }

  @Test func includeLinesThatAreNotOnePath() {
    for line in ["include", "include a.rules b.rules", "include \"a.rules"] {
      let set = RuleParser.parse(line + "\n")
      #expect(set.errors.map(\.code) == ["RT001"], "\(line): \(set.errors.map(\.code))")
    }
  }
}
