// Mutated rule files against the diagnostics contract: parsing and
// compiling never crash, and every diagnostic points into the file it
// names: its line exists, its caret lies on that line (a column and a
// length within the line's scalars, or one past its end for "expected …
// here"), and the line it quotes is that line as written. Files that
// compile are scanned once, which must not crash either.
//
// The mutations start from the shipped rules and apply edits a hand at a
// keyboard makes (deleting, doubling and swapping characters and lines,
// typing a token of the language in the wrong place), plus CRLF, a BOM and
// other bytes that reading must take in its stride.
//
// A small round runs in `swift test`; `RULETAG_FUZZ=N swift test --filter
// Fuzz` runs N mutated files. A failure names the seed of its file.

import Foundation
import Testing

@testable import RuleTag

/// How many cases a fuzz test runs: RULETAG_FUZZ, or `small` by default.
func fuzzCount(small: Int) -> Int {
  ProcessInfo.processInfo.environment["RULETAG_FUZZ"].flatMap { Int($0) } ?? small
}

@Suite struct RuleFileFuzzTests {
  static let shippedRules = PackagePaths.rules

  /// The lines of every shipped rule file: the raw material of mutations.
  static let seedLines: [String] = {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: shippedRules.path)) ?? []).sorted()
    return names.filter { $0.hasSuffix(".rules") }.flatMap { name -> [String] in
      let text = (try? String(contentsOf: shippedRules.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
  }()

  /// Pieces typed in the wrong place.
  static let tokens: [String] = [
    "(", ")", ",", "|", "/", "\"", "“", "”", "，", "（", "）", "\\", "\\u", "\\x{", "#", " #", "+", "-", "+0", "-3",
    "1e309", "cap", "cap -1", "cap 99999999999999999999", "not(", "not(骑手)", "sentence(", "all(", "near(", "near(3,",
    "title(", "any(", "include", "include x/y.rules", "topic", "topic x \"名\" threshold", "threshold 0",
    "ignore-in", "counts-in list", "ignore-in plan|", "not-before", "not-inside 驿站", "\r", "\r\n", "\t", "\u{3000}",
    "\u{FEFF}", "\u{0}", "\u{7F}", "\u{200B}", "𠀀", "骑", "工会", "ＡＰＰ", "/(a+)+/", "/[/", "/\\d{2,1}/", "//",
    "define", "define HELD = 举办 | 举行", "define V = V", "HELD", "V", "=", "＝", "lead(", "lead(通知)", "if-lead",
    "unless-lead 通知", "counts-in eligibility|purpose", "ignore-in delivered",
  ]

  /// One mutated rule file from `rng`.
  static func mutatedFile(_ rng: inout SeededRandom) -> String {
    let start = Int.random(in: 0..<max(1, seedLines.count), using: &rng)
    let length = Int.random(in: 1...40, using: &rng)
    var lines = Array(seedLines[start..<min(seedLines.count, start + length)])
    if Bool.random(using: &rng) || !(lines.first ?? "").hasPrefix("topic") {
      lines.insert("topic new-employment \"新就业形态劳动者\" threshold 4", at: 0)
    }
    for _ in 0..<Int.random(in: 1...6, using: &rng) {
      let i = Int.random(in: 0..<lines.count, using: &rng)
      var scalars = Array(lines[i].unicodeScalars)
      switch Int.random(in: 0..<8, using: &rng) {
      case 0 where !scalars.isEmpty:
        scalars.remove(at: Int.random(in: 0..<scalars.count, using: &rng))
      case 1 where !scalars.isEmpty:
        let j = Int.random(in: 0..<scalars.count, using: &rng)
        scalars.insert(scalars[j], at: j)
      case 2 where scalars.count > 1:
        let j = Int.random(in: 0..<(scalars.count - 1), using: &rng)
        scalars.swapAt(j, j + 1)
      case 3:
        lines.remove(at: i)
        if lines.isEmpty { lines = [""] }
        continue
      case 4:
        lines.insert(lines[i], at: i)
        continue
      case 5 where lines.count > 1:
        lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
        continue
      default:
        let t = Array(tokens.randomElement(using: &rng)!.unicodeScalars)
        scalars.insert(contentsOf: t, at: Int.random(in: 0...scalars.count, using: &rng))
      }
      lines[i] = String(String.UnicodeScalarView(scalars))
    }
    let crlf = Int.random(in: 0..<8, using: &rng) == 0
    var text = lines.joined(separator: crlf ? "\r\n" : "\n")
    if Int.random(in: 0..<8, using: &rng) == 0 { text = "\u{FEFF}" + text }
    return text
  }

  /// Problems with one diagnostic's location in `text` (empty: none).
  static func locationProblems(_ d: Diagnostic, in text: String, file: String) -> [String] {
    guard d.span.file == file else { return ["\(d.code) names file \(d.span.file)"] }
    if d.span.length == 0 && d.lineText.isEmpty { return [] }  // about the file as a whole
    let lines = RuleParser.lines(of: text)
    guard d.span.line >= 1 && d.span.line <= lines.count else {
      return ["\(d.code) at line \(d.span.line) of \(lines.count)"]
    }
    let line = lines[d.span.line - 1]
    var problems: [String] = []
    if d.lineText != line {
      problems.append("\(d.code) quotes \(d.lineText.debugDescription), line is \(line.debugDescription)")
    }
    let n = line.unicodeScalars.count
    if d.span.column < 1 || d.span.length < 0 || d.span.column + max(d.span.length, 1) - 1 > n + 1 {
      problems.append("\(d.code) caret \(d.span.column)+\(d.span.length) on a line of \(n) scalars")
    }
    return problems
  }

  @Test func mutatedRuleFilesKeepTheDiagnosticsContract() {
    #expect(!Self.seedLines.isEmpty, "the shipped rules are the seed material")
    let count = fuzzCount(small: 300)
    var compiled = 0
    var withErrors = 0
    var failures = 0
    for seed in 0..<UInt64(count) {
      var rng = SeededRandom(seed: seed)
      let text = Self.mutatedFile(&rng)
      let file = "fuzz-\(seed).rules"
      let set = RuleParser.parse(text, file: file)
      var diagnostics = set.diagnostics
      switch CompiledRules.compile(set) {
      case .success(let rules):
        compiled += 1
        var scanner = ArticleScanner(rules: rules)
        _ = scanner.scan(title: "区总工会", text: "外卖骑手驿站启用。快递员、网约车司机参加技能大赛，获法律援助。")
      case .failure(let f):
        withErrors += 1
        diagnostics = f.diagnostics
        #expect(f.diagnostics.contains { $0.isError }, "seed \(seed): a failed compile reports an error")
      }
      for d in diagnostics {
        _ = d.rendered()
        let problems = Self.locationProblems(d, in: text, file: file)
        if !problems.isEmpty {
          failures += 1
          Issue.record("seed \(seed): \(problems.joined(separator: "; "))\n\(text)")
        }
      }
      if failures > 5 { break }
    }
    print("RuleFileFuzzTests: \(count) mutated files, \(compiled) compiled, \(withErrors) with errors")
    #expect(compiled > 0 && withErrors > 0, "the mutations reach both outcomes")
  }
}
