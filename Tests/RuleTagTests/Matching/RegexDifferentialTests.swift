// Random patterns of ByteRegex's subset against NSRegularExpression on
// random text: escapes (\uXXXX, \x{…}, \xHH, \d, \s, escaped punctuation),
// classes, lookarounds, greedy and lazy `? * + {n,m}`, and loops over
// parts that can match empty. Two promises are held to ICU: the byte
// engine's matches are ICU's, and the literal atoms are sound (a text
// where ICU finds a match holds an atom of every atom set).

import Foundation
import Testing

@testable import RuleTag

@Suite struct RegexDifferentialTests {
  /// Text alphabet: Han, ASCII of both cases, digits beyond ASCII (Arabic-
  /// Indic ١), separators, line terminators, cased letters outside ASCII
  /// (ß, KELVIN SIGN, Σ), punctuation the patterns escape and a scalar
  /// outside the BMP.
  static let alphabet: [String] = [
    "工", "会", "成", "立", "了", "志", "愿", "、", ",", "。", "a", "b", "A", "K", "s", "x", "1", "9", "١", " ", "\n",
    "\u{0B}", "\u{85}", "\u{2028}", "\u{3000}", "\u{A0}", "ß", "\u{212A}", "Σ", "😀", "-", ".", "(", "?", "[", "{",
    "*", "/", "|", "$",
  ]

  /// Pattern pieces that stand for one scalar of the alphabet.
  static let literals: [String] = [
    "工", "会", "成", "立", "了", "、", ",", "。", "a", "b", "A", "k", "s", "x", "1", "\\.", "\\(", "\\-", "-", "\\u5de5",
    "\\u4F1A", "\\x{4f1a}", "\\x{5DE5}", "\\x41", "\\x2e", "\\n", " ", "😀", "\\?", "\\[", "\\{", "\\*", "\\/", "\\|",
    "\\$", "\\t",
  ]
  static let classItems: [String] = [
    "工", "会", "a", "B", "0-9", "a-c", "一-龥", "\\d", "\\s", "、", ",", "。", "\\-", "😀", "\\u5de5", "\\x{4f1a}",
    "\\.", "\\[", "\\]", "x", "?", "*", "$",
  ]
  /// Pieces that can match empty, for the loops ICU leaves after an empty
  /// iteration.
  static let nullable: [String] = ["(a?)", "(|a)", "(a|)", "(.*)", "(工|)", "(a*)", "(?:b?a?)", "(\\s*)", "()"]

  static func randomClass(_ rng: inout SeededRandom) -> String {
    var s = Bool.random(using: &rng) ? "[^" : "["
    for _ in 0..<Int.random(in: 1...3, using: &rng) { s += classItems.randomElement(using: &rng)! }
    return s + "]"
  }

  static func quantifier(_ rng: inout SeededRandom, bounded: Bool) -> String {
    var q =
      (bounded ? ["?", "{2}", "{0,3}", "{1,2}", "{3}"] : ["?", "*", "+", "{2}", "{0,3}", "{1,}", "{1,2}", "{2,4}"])
      .randomElement(using: &rng)!
    if Int.random(in: 0..<4, using: &rng) == 0 { q += "?" }
    return q
  }

  /// A random pattern; `bounded` keeps it of bounded length (lookbehind).
  static func randomPattern(_ rng: inout SeededRandom, depth: Int, bounded: Bool) -> String {
    var out = ""
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
      var piece: String
      let kind = Int.random(in: 0..<(depth > 0 ? 11 : 7), using: &rng)
      switch kind {
      case 0, 1, 2: piece = literals.randomElement(using: &rng)!
      case 3: piece = randomClass(&rng)
      case 4: piece = [".", "\\d", "\\D", "\\s", "\\S"].randomElement(using: &rng)!
      case 5: piece = literals.randomElement(using: &rng)! + literals.randomElement(using: &rng)!
      case 6:
        // A loop over a part that can match empty (greedy: the form the
        // engine runs).
        if bounded {
          piece = literals.randomElement(using: &rng)!
        } else {
          out += nullable.randomElement(using: &rng)! + ["*", "+", "?", "??"].randomElement(using: &rng)!
          continue
        }
      case 7, 8:
        let open = ["(", "(?:"].randomElement(using: &rng)!
        let branches = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
          randomPattern(&rng, depth: depth - 1, bounded: bounded)
        }
        piece = open + branches.joined(separator: "|") + ")"
      default:
        let open = ["(?=", "(?!", "(?<=", "(?<!"].randomElement(using: &rng)!
        let branches = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
          randomPattern(&rng, depth: depth - 1, bounded: bounded || open.hasPrefix("(?<"))
        }
        out += open + branches.joined(separator: "|") + ")"
        continue
      }
      if Int.random(in: 0..<3, using: &rng) == 0 { piece += quantifier(&rng, bounded: bounded) }
      out += piece
    }
    return out
  }

  static func randomText(_ rng: inout SeededRandom) -> String {
    (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
  }

  /// The text as the automaton sees it for atoms: ASCII lowercased.
  static func lowered(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.value >= 0x41 && $0.value <= 0x5A ? Unicode.Scalar($0.value | 0x20)! : $0 }))
  }

  @Test func agreesWithICUOnRandomPatterns() throws {
    var rng = SeededRandom(seed: 0xB17E_5EED)
    var compared = 0
    var patterns = 0
    var fallbacks = 0
    var nullableLoops = 0
    var atomChecks = 0
    var icuGaveUp = 0
    for _ in 0..<1200 {
      let pattern = Self.randomPattern(&rng, depth: 2, bounded: false)
      guard let icu = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
      guard let mine = ByteRegex.compile(pattern) else { continue }
      patterns += 1
      if Self.nullable.contains(where: { pattern.contains($0 + "*") || pattern.contains($0 + "+") }) {
        nullableLoops += 1
      }
      for _ in 0..<20 {
        let text = Self.randomText(&rng)
        // ICU's exponential cases (`(.*)*` and the like on long texts)
        // end in its stack limit with a wrong answer: not compared.
        guard let want = ByteRegexTests.icuMatches(icu, text, extra: 10) else {
          icuGaveUp += 1
          continue
        }
        guard let got = ByteRegexTests.byteMatches(mine, text) else {
          fallbacks += 1
          continue
        }
        #expect(got == want, "pattern \(pattern) text \(text.debugDescription)")
        if got != want { return }
        compared += 1
        // Atoms are sound: a text with a match holds one atom of each set
        // (on texts the byte engine keeps: no cased letter outside ASCII,
        // which ICU may fold onto an ASCII letter of the pattern).
        if !want.isEmpty {
          let seen = Self.lowered(text)
          for set in mine.atoms {
            #expect(set.contains { seen.contains($0) }, "/\(pattern)/ on \(text.debugDescription): none of \(set)")
            atomChecks += 1
          }
        }
      }
    }
    // Enough patterns took the byte path for the comparison to mean something.
    #expect(patterns > 500)
    #expect(nullableLoops > 60)
    #expect(compared > 8_000)
    #expect(atomChecks > 250)
    #expect(fallbacks > 0)  // texts with ß / K / Σ under a pattern with letters
    #expect(icuGaveUp < compared / 100)
  }

  /// Loops over parts that can match empty, where ICU leaves the loop
  /// after an empty iteration, on every short text of a few letters.
  @Test func nullableLoopsAgreeWithICU() throws {
    let patterns = [
      "(|a)*", "(a|)*b", "(a*)*", "(a*)+", "(a?)*a", "((a|)*b?)*", "(.*)*x", "(a|ab|)*c", "(b?|a)+b", "(a??)*",
      "(?:a*?)+", "((?=a)|b)*", "(a|(?!b))*b", "(()|a)+",
    ]
    let letters = ["a", "b", "c", "x"]
    var texts = [""]
    for _ in 0..<5 { texts += texts.flatMap { t in letters.map { t + $0 } }.filter { $0.count <= 5 } }
    texts = Array(Set(texts)).sorted()
    var compared = 0
    for p in patterns {
      let icu = try NSRegularExpression(pattern: p, options: [.caseInsensitive])
      guard let mine = ByteRegex.compile(p) else {
        Issue.record("/\(p)/ should compile")
        continue
      }
      for t in texts {
        #expect(ByteRegexTests.byteMatches(mine, t) == ByteRegexTests.icuMatches(icu, t), "/\(p)/ on \(t)")
        compared += 1
      }
    }
    #expect(compared > 1000)
  }
}
