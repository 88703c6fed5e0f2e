// Properties the README promises about matching, checked on random input:
// - a keyword occurs where its token sequence occurs (the automaton plus
//   word-boundary checks agree with the Tokenizer);
// - a regex rule fires exactly when its regex matches (the literal-atom
//   prefilter never skips an article it should not).

import Foundation
import Testing

@testable import RuleTag

@Suite struct EngineEquivalenceTests {
  static let hanAlphabet = ["工", "会", "总", "骑", "手"]
  static let wordAlphabet = ["a", "b", "ab", "1", "b1"]

  /// Random text of Han runs and ASCII words, with single spaces between
  /// some pieces; returned in normalised form.
  static func randomText(_ rng: inout SeededRandom, pieces: Int) -> String {
    var s = ""
    for _ in 0..<pieces {
      let piece =
        Bool.random(using: &rng)
        ? hanAlphabet.randomElement(using: &rng)! : wordAlphabet.randomElement(using: &rng)!
      s += piece
      if Int.random(in: 0..<3, using: &rng) == 0 { s += " " }
    }
    return Normalizer.normalizedString(s)
  }

  /// Whether `k` overlaps itself (has a proper border): such keywords are
  /// left out, because overlapping hits of one rule count once by design.
  static func hasBorder(_ k: [UInt8]) -> Bool {
    (1..<max(1, k.count)).contains { b in k.prefix(b).elementsEqual(k.suffix(b)) }
  }

  /// Reference: starts of occurrences of `keyword` in `text` that no word
  /// token straddles (at the start or the end).
  static func referenceStarts(_ keyword: [UInt8], in text: [UInt8]) -> [Int] {
    let words = Tokenizer.tokens(text).filter { $0.kind == .word }.map(\.range)
    var out: [Int] = []
    NaiveMatcher(patterns: [keyword]).forEachMatch(in: text) { _, s in
      let e = s + keyword.count
      let straddled = words.contains { w in
        (w.lowerBound < s && s < w.upperBound) || (w.lowerBound < e && e < w.upperBound)
      }
      if !straddled { out.append(s) }
    }
    return out
  }

  @Test func keywordHitsEqualTokenOccurrences() throws {
    var rng = SeededRandom(seed: 0x70CE_0001)
    var checkedHits = 0
    for iteration in 0..<400 {
      let text = Self.randomText(&rng, pieces: Int.random(in: 0...25, using: &rng))
      let textBytes = Array(text.utf8)
      // Keywords: random ones, and pieces of the text (so many hit).
      var keywords: [String] = (0..<3).map { _ in Self.randomText(&rng, pieces: Int.random(in: 1...3, using: &rng)) }
      for _ in 0..<4 where !text.isEmpty {
        let scalars = Array(text.unicodeScalars)
        let a = Int.random(in: 0..<scalars.count, using: &rng)
        let b = Int.random(in: (a + 1)...min(scalars.count, a + 6), using: &rng)
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[a..<b])
        keywords.append(Normalizer.normalizedString(String(v)))
      }
      var seen = Set<String>()
      keywords = keywords.filter { !$0.isEmpty && !Self.hasBorder(Array($0.utf8)) && seen.insert($0).inserted }
      if keywords.isEmpty { continue }
      var rules = "topic new-employment \"t\" threshold 1\n"
      for k in keywords { rules += "  +1 \"\(k)\" cap 1000 counts-in list|slogan|plan\n" }
      let compiled = try #require(compileRules(rules))
      var scanner = ArticleScanner(rules: compiled)
      let result = scanner.scan(title: "", text: text)
      var got = [[Int]](repeating: [], count: keywords.count)
      for f in result.fired[0] {
        got[f.rule] = f.hits.map { $0[0].start - 1 }  // text starts after the title's "\n"
        #expect(f.count == f.hits.count)
      }
      for (r, k) in keywords.enumerated() {
        let expected = Self.referenceStarts(Array(k.utf8), in: textBytes)
        checkedHits += expected.count
        if got[r].sorted() != expected {
          Issue.record(
            "iteration \(iteration): keyword \(k.debugDescription) in \(text.debugDescription): expected starts \(expected), got \(got[r].sorted())"
          )
          return
        }
      }
    }
    #expect(checkedHits > 500, "the generator should produce many hits")
  }

  @Test(arguments: [
    // (keyword, text, hits): the boundary rules by example.
    ("app", "外卖app下单", 1),
    ("app", "apple", 0),
    ("app", "myapp", 0),
    ("app", "app2", 0),  // digits are word characters too
    ("app", "app,app", 2),
    ("new york", "new york city", 1),
    ("new york", "new yorker", 0),
    ("工会", "总工会", 1),  // Han: substring
    ("a工", "ba工", 0),
    ("工a", "工ab", 0),
    ("工a", "总工a会", 1),
  ])
  func boundaryExamples(_ keyword: String, _ text: String, _ hits: Int) throws {
    let compiled = try #require(compileRules("topic new-employment \"t\" threshold 1\n  +1 \"\(keyword)\" cap 100\n"))
    var scanner = ArticleScanner(rules: compiled)
    let r = scanner.scan(title: "", text: text)
    #expect((r.fired[0].first?.count ?? 0) == hits)
    #expect(Self.referenceStarts(Array(keyword.utf8), in: Normalizer.normalize(text).bytes).count == hits)
  }

  // MARK: Regex gating

  static let regexAlphabet = ["工", "会", "总", "a", "b"]

  static func randomRegex(_ rng: inout SeededRandom, depth: Int = 0) -> String {
    var out = ""
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      var piece: String
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: piece = "."
      case 1: piece = "[工a]"
      case 2 where depth < 2:
        piece = "(" + randomRegex(&rng, depth: depth + 1) + "|" + randomRegex(&rng, depth: depth + 1) + ")"
      case 3 where depth < 2: piece = "(?:" + randomRegex(&rng, depth: depth + 1) + ")"
      default: piece = regexAlphabet.randomElement(using: &rng)!
      }
      switch Int.random(in: 0..<8, using: &rng) {
      case 0: piece += "?"
      case 1: piece += "*"
      case 2: piece += "+"
      case 3: piece += "{1,2}"
      default: break
      }
      out += piece
    }
    return out
  }

  @Test func regexRuleFiresExactlyWhenTheRegexMatches() throws {
    var rng = SeededRandom(seed: 0x4E6E_0001)
    var fired = 0
    var notFired = 0
    for iteration in 0..<400 {
      let pattern = Self.randomRegex(&rng)
      let re = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
      let compiled = try #require(
        compileRules("topic new-employment \"t\" threshold 1\n  +1 /\(pattern)/ counts-in list|slogan|plan\n"))
      var scanner = ArticleScanner(rules: compiled)
      let groups = LiteralAtoms.groups(pattern)
      for _ in 0..<10 {
        let n = Int.random(in: 0...12, using: &rng)
        let text = (0..<n).map { _ in Self.regexAlphabet.randomElement(using: &rng)! }.joined()
        let ns = text as NSString
        let matches = re.matches(in: text, range: NSRange(location: 0, length: ns.length)).filter {
          $0.range.length > 0
        }
        let r = scanner.scan(title: "", text: text)
        let didFire = !r.fired[0].isEmpty
        if didFire != !matches.isEmpty {
          Issue.record(
            "iteration \(iteration): /\(pattern)/ on \(text.debugDescription): regex matches \(matches.count), rule fired \(didFire); atom sets \(groups)"
          )
          return
        }
        if didFire { fired += 1 } else { notFired += 1 }
        // The prefilter's promise, checked directly: every match holds an
        // atom, and one of every atom set.
        for set in groups {
          for m in matches {
            let s = ns.substring(with: m.range)
            #expect(set.contains { s.contains($0) }, "/\(pattern)/ match \(s) holds none of the set \(set)")
          }
        }
      }
    }
    #expect(fired > 200 && notFired > 200, "fired \(fired), not fired \(notFired)")
  }

  struct GroupCase: CustomTestStringConvertible, Sendable {
    var pattern: String
    var groups: [[String]]
    var testDescription: String { "/\(pattern)/" }
  }

  @Test(arguments: [
    GroupCase(pattern: "工会", groups: [["工会"]]),
    GroupCase(pattern: "工会.{0,5}成立", groups: [["工会"], ["成立"]]),
    GroupCase(pattern: "(工会|分会)[^,]{0,8}成立(?!周年)", groups: [["成立"], ["分会", "工会"]]),
    GroupCase(pattern: "(?<!已)(成立|组建)了?.{0,3}工会", groups: [["工会"], ["成立", "组建"]]),
    GroupCase(pattern: "培训\\d+(人次|名)", groups: [["培训"], ["人次", "名"]]),
    GroupCase(pattern: "(a|工会)成立", groups: [["a成立", "工会成立"]]),
    GroupCase(pattern: "工会|成立", groups: [["工会", "成立"]]),
    GroupCase(pattern: "ＡＰＰ", groups: [["app"]]),
    GroupCase(pattern: "a", groups: []),
    GroupCase(pattern: "(工会)?成立", groups: [["成立"]]),
    GroupCase(pattern: "\\d+", groups: []),
  ])
  func atomSets(_ c: GroupCase) {
    #expect(LiteralAtoms.groups(LiteralAtoms.foldLiterals(c.pattern)) == c.groups)
  }

}
