// Random rule sets against a naive model of the README's matching and
// scoring semantics, written here from the README alone:
// - a keyword hits wherever it occurs (on Han text, a substring);
// - `not-before X` drops a hit directly followed by X, `not-after X` one
//   directly preceded by X;
// - of a rule's remaining hits, the longest are taken first (on a tie, the
//   earliest), and a hit counts when it overlaps none taken before it;
// - `sentence(a, b)` hits once per sentence (ended by 。) that holds a hit
//   of every term;
// - a rule adds `weight × min(hits, cap)`, a topic's score is the sum of
//   its rules, and it is tagged when the score reaches its threshold.
// The texts use a few Han characters and 。/，only, so no list, slogan or
// plan context arises and the model needs none.
//
// A small round runs in `swift test`; `RULETAG_FUZZ=N swift test --filter
// Fuzz` runs N rule sets.

import Foundation
import Testing

@testable import RuleTag

@Suite struct MatchingModelFuzzTests {
  static let alphabet: [Character] = ["工", "会", "骑", "手", "外", "卖"]
  /// Characters the second term of a `sentence` rule is made of, apart from
  /// the first term's, so the two terms never overlap.
  static let otherAlphabet: [Character] = ["驿", "站"]

  struct KeywordRule {
    var weight: Int
    var keywords: [[Character]]
    var cap: Int
    var notBefore: [Character]?
    var notAfter: [Character]?
  }

  struct SentenceRule {
    var weight: Int
    var first: [[Character]]
    var second: [[Character]]
    var cap: Int
  }

  struct Topic {
    var id: String
    var threshold: Int
    var keywordRules: [KeywordRule]
    var sentenceRules: [SentenceRule]
  }

  static func word(_ rng: inout SeededRandom, from letters: [Character]) -> [Character] {
    (0..<Int.random(in: 2...3, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
  }

  static func randomTopics(_ rng: inout SeededRandom) -> [Topic] {
    let ids = Array(Topics.ids.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
    return ids.map { id in
      let keywordRules = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
        KeywordRule(
          weight: [-2, 1, 2, 3].randomElement(using: &rng)!,
          keywords: (0..<Int.random(in: 1...3, using: &rng)).map { _ in word(&rng, from: alphabet) },
          cap: Int.random(in: 1...4, using: &rng),
          notBefore: Int.random(in: 0..<4, using: &rng) == 0 ? [alphabet.randomElement(using: &rng)!] : nil,
          notAfter: Int.random(in: 0..<4, using: &rng) == 0 ? [alphabet.randomElement(using: &rng)!] : nil)
      }
      let sentenceRules = (0..<Int.random(in: 0...1, using: &rng)).map { _ in
        SentenceRule(
          weight: Int.random(in: 1...3, using: &rng),
          first: (0..<Int.random(in: 1...2, using: &rng)).map { _ in word(&rng, from: alphabet) },
          second: [word(&rng, from: otherAlphabet)], cap: Int.random(in: 1...3, using: &rng))
      }
      return Topic(
        id: id, threshold: Int.random(in: 1...5, using: &rng), keywordRules: keywordRules,
        sentenceRules: sentenceRules)
    }
  }

  static func ruleText(_ topics: [Topic]) -> String {
    var s = ""
    for t in topics {
      s += "topic \(t.id) \"t\" threshold \(t.threshold)\n"
      for r in t.keywordRules {
        s += "  \(r.weight > 0 ? "+" : "")\(r.weight) " + r.keywords.map { String($0) }.joined(separator: ", ")
        if let x = r.notBefore { s += " not-before \(String(x))" }
        if let x = r.notAfter { s += " not-after \(String(x))" }
        s += " cap \(r.cap)\n"
      }
      for r in t.sentenceRules {
        let a = r.first.map { String($0) }.joined(separator: " | ")
        let b = r.second.map { String($0) }.joined(separator: " | ")
        s += "  +\(r.weight) sentence(\(a), \(b)) cap \(r.cap)\n"
      }
    }
    return s
  }

  static func randomText(_ rng: inout SeededRandom) -> [Character] {
    var out: [Character] = []
    for _ in 0..<Int.random(in: 5...60, using: &rng) {
      switch Int.random(in: 0..<14, using: &rng) {
      case 0: out.append("。")
      case 1: out.append("，")
      case 2: out.append(otherAlphabet.randomElement(using: &rng)!)
      default: out.append(alphabet.randomElement(using: &rng)!)
      }
    }
    return out
  }

  /// Start offsets of `word` in `text`.
  static func occurrences(_ word: [Character], in text: ArraySlice<Character>) -> [Int] {
    guard text.count >= word.count else { return [] }
    return (text.startIndex...(text.endIndex - word.count)).filter { text[$0..<($0 + word.count)].elementsEqual(word) }
  }

  /// The model's count for a keyword rule on `text`.
  static func modelCount(_ r: KeywordRule, _ text: [Character]) -> Int {
    var hits: [Range<Int>] = []
    for k in r.keywords {
      for s in occurrences(k, in: text[...]) {
        let hit = s..<(s + k.count)
        if let x = r.notBefore, text[hit.upperBound...].starts(with: x) { continue }
        if let x = r.notAfter, text[..<hit.lowerBound].reversed().starts(with: x.reversed()) { continue }
        if !hits.contains(hit) { hits.append(hit) }
      }
    }
    hits.sort { ($0.count, -$0.lowerBound) > ($1.count, -$1.lowerBound) }
    var kept: [Range<Int>] = []
    for h in hits where !kept.contains(where: { $0.overlaps(h) }) { kept.append(h) }
    return min(kept.count, r.cap)
  }

  /// The model's count for a `sentence(a, b)` rule on `text`.
  static func modelCount(_ r: SentenceRule, _ text: [Character]) -> Int {
    let sentences = text.split(separator: "。", omittingEmptySubsequences: false)
    let count = sentences.filter { s in
      r.first.contains { !occurrences($0, in: s).isEmpty } && r.second.contains { !occurrences($0, in: s).isEmpty }
    }.count
    return min(count, r.cap)
  }

  @Test func scannerAgreesWithTheModel() throws {
    let count = fuzzCount(small: 400)
    var compared = 0
    var tagged = 0
    for seed in 0..<UInt64(count) {
      var rng = SeededRandom(seed: seed &+ 0x5EED)
      let topics = Self.randomTopics(&rng)
      let rulesText = Self.ruleText(topics)
      let set = RuleParser.parse(rulesText, file: "model.rules")
      guard case .success(let rules) = CompiledRules.compile(set) else {
        Issue.record("seed \(seed): the generated rules did not compile:\n\(rulesText)")
        continue
      }
      var scanner = ArticleScanner(rules: rules)
      for _ in 0..<8 {
        let text = Self.randomText(&rng)
        let result = scanner.scan(title: "", text: String(text))
        for (i, t) in topics.enumerated() {
          let model =
            t.keywordRules.reduce(0) { $0 + $1.weight * Self.modelCount($1, text) }
            + t.sentenceRules.reduce(0) { $0 + $1.weight * Self.modelCount($1, text) }
          compared += 1
          if Double(model) >= Double(t.threshold) { tagged += 1 }
          if result.scores[i] != Double(model) || result.tagged[i] != (model >= t.threshold) {
            Issue.record(
              "seed \(seed): topic \(t.id) scores \(result.scores[i]), the model \(model)\nrules:\n\(rulesText)text: \(String(text))"
            )
            return
          }
        }
      }
    }
    print("MatchingModelFuzzTests: \(count) rule sets, \(compared) topic scores compared, \(tagged) tagged")
    #expect(tagged > 0 && tagged < compared, "the random cases reach both outcomes")
  }
}
