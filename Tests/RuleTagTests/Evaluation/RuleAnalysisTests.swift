// `eval --by-rule`: each rule's figures on a small hand-made corpus (a
// table of expectations), and the "without this rule" figures held to a
// real rerun with the rule's line removed, for every shipped rule on the
// seed corpus and on the devset.

import Foundation
import Testing

@testable import RuleTag

@Suite struct RuleAnalysisTests {
  static let rules = """
    topic a "A" threshold 3
      +2  甲
      +1  乙
      +3  丙丙
      -2  丁
      +1  戊
    topic b "B" threshold 1
      +1  乙
    """

  /// id, text, labels.
  static let articles: [(String, String, [String])] = [
    ("x1", "甲乙", ["a"]),  // a: 3 tagged, TP; 甲 and 乙 each decide it
    ("x2", "甲乙丁", ["a"]),  // a: 1, FN caused by 丁
    ("x3", "丙丙", []),  // a: 3, FP made by 丙丙
    ("x4", "丙丙丁甲", ["b"]),  // a: 3 - 2 + 2 = 3, FP; without 丁 still tagged (5)
    ("x5", "甲乙", ["b"]),  // a: 3 FP; b: TP
  ]

  static func corpusFile(_ dir: URL) throws -> String {
    let lines = articles.map { id, text, labels in
      #"{"id":"\#(id)","title":"","text":"\#(text)","labels":[\#(labels.map { "\"\($0)\"" }.joined(separator: ","))]}"#
    }
    let url = dir.appendingPathComponent("c.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func figuresOfEachRule() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let rules = try #require(compileRules(Self.rules))
    let report = Evaluator.evaluate(rules: rules, corpus: try Self.corpusFile(dir), byRule: true)
    let analysis = try #require(report.ruleAnalysis)
    func stats(_ line: Int) throws -> RuleStats {
      try #require((analysis.rules + analysis.silent).first { $0.location == "t.rules:\(line)" })
    }
    // 甲: fires on x1 x2 x4 x5, labelled a on x1 x2; decides x1 (TP), x4
    // and x5 (FP); x2 stays untagged without it.
    let jia = try stats(2)
    #expect(jia.firedOn == ["x1", "x2", "x4", "x5"])
    #expect(jia.precision == 0.5)
    #expect(jia.madeTP == ["x1"] && jia.madeFP == ["x4", "x5"])
    #expect(jia.with == TopicMetrics(id: "a", tp: 1, fp: 3, fn: 1))
    #expect(jia.without == TopicMetrics(id: "a", tp: 0, fp: 1, fn: 2))
    // 乙 shares x1 x2 x5 with it, 丙丙 x4.
    #expect(jia.overlapping == 4 && jia.mostOverlap?.location == "t.rules:3" && jia.mostOverlap?.articles == 3)
    #expect(jia.conflicts == ["x4", "x5"] && jia.conflictTopics.map(\.topic) == ["b"])
    // 丙丙: x3 x4, both wrong for a; x4 is labelled b, x3 has no label.
    let bing = try stats(4)
    #expect(bing.precision == 0)
    #expect(bing.madeFP == ["x3", "x4"] && bing.madeTP.isEmpty)
    #expect(bing.overlapping == 1 && bing.conflicts == ["x4"])
    // 丁: pushes down x2 (labelled a) and x4 (not): right on one of two;
    // it causes the FN of x2, and x4 is tagged with it or without.
    let ding = try stats(5)
    #expect(ding.precision == 0.5)
    #expect(ding.causedFN == ["x2"] && ding.preventedFP.isEmpty)
    #expect(ding.overlap == nil && ding.conflicts.isEmpty)
    // 戊 fires nowhere.
    #expect(analysis.silent.map(\.location) == ["t.rules:6"])
    // Weakest first: removing 丁 raises a's F1 from 1/3 to 4/7, removing
    // 丙丙 to 1/2; removing 甲 or 乙 drops it to 0.
    #expect(analysis.rules.prefix(2).map(\.location) == ["t.rules:5", "t.rules:4"])
    #expect(ding.without == TopicMetrics(id: "a", tp: 2, fp: 3, fn: 0))
    for (x, y) in zip(analysis.rules, analysis.rules.dropFirst()) { #expect(!RuleAnalysis.weaker(y, x)) }
  }

  /// Every rule of `rulesFolder` once removed (its line blanked, so the
  /// others keep their places): the rerun's metrics and mistakes equal
  /// what the analysis computed without it.
  static func expectWithoutEqualsRerun(corpus: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let rulesFolder = PackagePaths.rules
    let base = try #require(
      try? CompiledRules.load(path: rulesFolder.path).get(), "shipped rules", sourceLocation: sourceLocation)
    let report = Evaluator.evaluate(rules: base, corpus: corpus, byRule: true)
    let analysis = try #require(report.ruleAnalysis, sourceLocation: sourceLocation)
    let all = analysis.rules + analysis.silent
    #expect(all.count == base.rules.count, sourceLocation: sourceLocation)
    #expect(analysis.rules.count > 20, "rules that fire on \(corpus)", sourceLocation: sourceLocation)
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let copy = dir.appendingPathComponent("Rules")
    try FileManager.default.copyItem(at: rulesFolder, to: copy)
    var flips = 0
    for s in all {
      let colon = try #require(s.location.lastIndex(of: ":"))
      let file = String(s.location[..<colon])
      let line = try #require(Int(s.location[s.location.index(after: colon)...]))
      // Locations name the files as the rules were loaded: here by absolute path.
      let original = URL(fileURLWithPath: file)
      let target = copy.appendingPathComponent(original.lastPathComponent)
      let text = try String(contentsOf: original, encoding: .utf8)
      var lines = text.components(separatedBy: "\n")
      #expect(lines[line - 1].contains(s.lineText.trimmingCharacters(in: .whitespaces)))
      lines[line - 1] = ""
      try lines.joined(separator: "\n").write(to: target, atomically: true, encoding: .utf8)
      defer { try? text.write(to: target, atomically: true, encoding: .utf8) }
      let reduced = try #require(try? CompiledRules.load(path: copy.path).get(), "without \(s.location)")
      #expect(reduced.rules.count == base.rules.count - 1)
      let rerun = Evaluator.evaluate(rules: reduced, corpus: corpus)
      let t = try #require(rerun.metrics.topics.firstIndex { $0.id == s.topic })
      #expect(rerun.metrics.topics[t] == s.without, "\(s.location) on \(corpus)", sourceLocation: sourceLocation)
      // The other topics do not move.
      for (u, m) in rerun.metrics.topics.enumerated() where u != t {
        #expect(m == report.metrics.topics[u], "\(s.location): \(m.id)", sourceLocation: sourceLocation)
      }
      // The articles it decides are exactly the mistakes that change.
      func ids(_ r: EvaluationReport, _ k: Mistake.Kind) -> Set<String> {
        Set(r.mistakes.filter { $0.topic == s.topic && $0.kind == k }.map(\.id))
      }
      let fpWith = ids(report, .falsePositive)
      let fpWithout = ids(rerun, .falsePositive)
      let fnWith = ids(report, .falseNegative)
      let fnWithout = ids(rerun, .falseNegative)
      #expect(Set(s.madeFP) == fpWith.subtracting(fpWithout), "\(s.location)", sourceLocation: sourceLocation)
      #expect(Set(s.preventedFP) == fpWithout.subtracting(fpWith), "\(s.location)", sourceLocation: sourceLocation)
      #expect(Set(s.madeTP) == fnWithout.subtracting(fnWith), "\(s.location)", sourceLocation: sourceLocation)
      #expect(Set(s.causedFN) == fnWith.subtracting(fnWithout), "\(s.location)", sourceLocation: sourceLocation)
      flips += s.madeTP.count + s.madeFP.count + s.preventedFP.count + s.causedFN.count
    }
    // Some rules do decide labels, so the comparison is not vacuous.
    #expect(flips > 0, sourceLocation: sourceLocation)
  }

  @Test func withoutEqualsRerunOnTheCorpus() throws {
    try Self.expectWithoutEqualsRerun(corpus: PackagePaths.corpusFile.path)
  }

  @Test(Devset.required) func withoutEqualsRerunOnTheDevset() throws {
    try Self.expectWithoutEqualsRerun(corpus: Devset.articles.path)
  }
}
