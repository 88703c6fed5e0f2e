// Regressions of the regex engine, named after the defects.
//
// - Atoms of a pattern with escapes: `\u5DE5会` must gate on 工会 (one
//   parser gives the engine and the atoms), so the rule fires.
// - Defect 6, backtracking blow-up: `(.*)*x`, `(外|外卖)*骑手` and `(a+)+`
//   run on the byte engine in work linear in the text (counted in VM
//   steps, at most k × text length × program size); `(a+)+$` stays with
//   ICU, which is stopped by its progress budget and the article reported.
//   On small inputs all of them give ICU's answer.

import Foundation
import Testing

@testable import RuleTag

@Suite struct RegexRegressionTests {
  @Test func unicodeEscapeRegexGatesOnItsLiteralAndFires() throws {
    let compiled = try #require(compileRules("topic new-employment \"t\" threshold 1\n  +1 /\\u5DE5会/\n"))
    #expect(compiled.regexes[0].groupCount == 1)
    #expect(!compiled.diagnostics.contains { $0.code == "RT102" })
    var scanner = ArticleScanner(rules: compiled)
    let r = scanner.scan(title: "", text: "今天工会开会。")
    #expect(r.tagged[0])
    let hits = try #require(r.fired[0].first?.hits.first?.first)
    #expect(hits.start == 7 && hits.end == 13)  // 工会 in `\n` + text
  }

  /// Runs `pattern` on `text` with a fresh scratch; returns the matches
  /// and the steps per byte of text per instruction.
  static func run(_ pattern: String, _ text: String, path: ByteRegex.Path = .auto) throws -> (
    matches: [Range<Int>], stepsPerByteAndInst: Double
  ) {
    let re = try #require(ByteRegex.compile(pattern), "/\(pattern)/ runs on bytes")
    var scratch = ByteRegex.Scratch()
    var out: [Range<Int>] = []
    let bytes = Array(text.utf8)
    let outcome = bytes.withUnsafeBufferPointer { re.matches(in: $0, into: &out, scratch: &scratch, path: path) }
    #expect(outcome == .matched)
    return (out, Double(scratch.steps) / Double(max(bytes.count, 1) * re.code.count))
  }

  /// The Pike VM moves each thread once per scalar and adds at most one
  /// thread per (instruction, mask) pair; the backtracker visits each
  /// (instruction, mask, position) once: a few steps per byte and
  /// instruction either way.
  static let stepsBound = 8.0

  @Test(arguments: [ByteRegex.Path.pike, .backtrack])
  func defect6NestedLoopsRunInLinearSteps(_ path: ByteRegex.Path) throws {
    let aaab = String(repeating: "a", count: 5000) + "b"
    // 1 MB for the VM; 120 KB for the backtracker, whose bits grow with
    // pairs × length.
    let waimai = String(repeating: "外卖", count: path == .pike ? 174_763 : 20_000)
    let cases: [(String, String, [Range<Int>])] = [
      ("(.*)*x", aaab, []),
      ("(a+)+", aaab, [0..<5000]),
      ("(外|外卖)*骑手", waimai, []),
    ]
    for (pattern, text, want) in cases {
      let (got, perByte) = try Self.run(pattern, text, path: path)
      #expect(got == want, "/\(pattern)/")
      #expect(perByte <= Self.stepsBound, "/\(pattern)/: \(perByte) steps per byte and instruction")
    }
  }

  @Test func defect6PatternsGiveICUsAnswerOnSmallInputs() throws {
    let texts = ["", "x", "ax", "aaxbx", "a\nx", "aaa", "aab", "外卖骑手", "外外卖骑手骑手", "外卖外骑手", "卖骑手"]
    for pattern in ["(.*)*x", "(a+)+", "(外|外卖)*骑手"] {
      let icu = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
      for t in texts {
        let want = ByteRegexTests.icuMatches(icu, t)
        for path in [ByteRegex.Path.pike, .backtrack] {
          #expect(try Self.run(pattern, t, path: path).matches == want, "/\(pattern)/ on \(t)")
        }
      }
    }
  }

  @Test func defect6AnchoredPatternStaysWithICUUnderABound() throws {
    #expect(ByteRegex.compile("(a+)+$") == nil)
    let icu = try NSRegularExpression(pattern: "(a+)+$", options: [.caseInsensitive])
    // Small input: ICU's answer.
    var budget = BoundedICU.budget(forBytes: 3)
    #expect(BoundedICU.matches(icu, in: "aaa", budget: &budget) == [NSRange(location: 0, length: 3)])
    // Adversarial input: stopped once the progress reports are used up.
    budget = BoundedICU.budget(forBytes: 5001)
    #expect(BoundedICU.matches(icu, in: String(repeating: "a", count: 5000) + "b", budget: &budget) == nil)
    #expect(budget == 0)
  }

  @Test func defect6ArticleWhereICUIsStoppedNamesTheRule() throws {
    let compiled = try #require(compileRules("topic new-employment \"t\" threshold 1\n  +1 /(a+)+$/\n"))
    #expect(compiled.diagnostics.contains { $0.code == "RT106" })
    var scanner = ArticleScanner(rules: compiled)
    let bad = scanner.scan(title: "", text: String(repeating: "a", count: 40) + "b")
    #expect(bad.stoppedRules == [0])
    let fine = scanner.scan(title: "", text: "aaa")
    #expect(fine.stoppedRules.isEmpty && fine.tagged[0])
  }
}
