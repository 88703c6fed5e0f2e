// Suggest on a hand-built corpus (ranking, maximal phrases, what the rules
// already match, the false-negative list), and its counts checked against
// plain substring counting on the shipped corpus and the devset.

import Foundation
import Testing

@testable import RuleTag

/// Suggestions for topic `topic` of `rules` on articles (text, labels).
func suggestions(
  _ rules: String, topic: String = "t", _ articles: [(String, [String]?)], options: SuggestOptions = SuggestOptions()
) throws -> SuggestReport {
  let compiled = try CompiledRules.compile(RuleParser.parse(rules, file: "t.rules")).get()
  let corpus = TuningCorpus(
    articles: articles.enumerated().map { i, a in
      var x = Article(id: "a\(i)", title: "", text: a.0)
      x.labels = a.1
      return x
    })
  return Suggest.run(
    topic: try #require(compiled.topicIndex(topic)), rules: compiled, articles: corpus.scanned(with: compiled),
    options: options)
}

@Suite struct SuggestTests {
  static let rules = """
    topic t "T" threshold 4
      +4  驿站
    """

  /// Four tagged articles and two missed ones with 职工书屋, one negative
  /// with it, five negatives without.
  static let corpus: [(String, [String]?)] =
    Array(repeating: ("职工书屋开放。驿站", ["t"]), count: 4) + [
      ("职工书屋开放", ["t"]), ("职工书屋建成", ["t"]), ("职工书屋", []),
    ] + Array(repeating: ("工会开会", []), count: 5) + [("没有标签的职工书屋", nil)]

  @Test func ranksMaximalPhrasesByEstimatedPrecision() throws {
    let r = try suggestions(Self.rules, Self.corpus)
    #expect(r.articles == 12)
    #expect(r.unlabelled == 1)
    #expect(r.labelled == 6)
    #expect(r.tagged == 4)
    #expect(r.missed == 2)
    // 职工书, 工书屋, 书屋开放, 开放 … are in exactly the articles of a
    // longer phrase; 驿站 is the rule's keyword; 工会开会 is in no article
    // of the topic.
    #expect(r.separating.map(\.phrase) == ["职工书屋开放", "职工书屋"])
    let s = try #require(r.separating.last)
    #expect((s.articles, s.labelled, s.missed) == (7, 6, 2))
    // (6 + 2 × 6/12) / (7 + 2)
    #expect(abs(s.precision - 7.0 / 9.0) < 1e-12)
    #expect(s.weight == 3)
    #expect(r.missedCommon.map(\.phrase) == ["职工书屋"])
  }

  @Test func minimumSupportAndTop() throws {
    var o = SuggestOptions()
    o.minSupport = 6
    #expect(try suggestions(Self.rules, Self.corpus, options: o).separating.map(\.phrase) == ["职工书屋"])
    o.minSupport = 3
    o.top = 1
    #expect(try suggestions(Self.rules, Self.corpus, options: o).separating.map(\.phrase) == ["职工书屋开放"])
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var rules: String
    var texts: [String]
    var expected: [String]
    var testDescription: String { name }
  }

  /// Three articles of the topic hold each text; three others do not.
  @Test(arguments: [
    Case(
      name: "a function character does not end a phrase, and does not hide it",
      rules: rules, texts: ["看职工书屋的书", "职工书屋的门", "在职工书屋的"], expected: ["职工书屋"]),
    Case(
      name: "a phrase that holds a keyword is already matched",
      rules: """
        topic t "T" threshold 4
          +4  书屋
        """, texts: ["这里有职工书屋"], expected: []),
    Case(
      name: "a phrase inside a keyword with as many articles is already matched",
      rules: """
        topic t "T" threshold 4
          +4  职工书屋
        """, texts: ["职工书屋。书屋"], expected: []),
    Case(
      name: "a phrase inside a keyword in more articles is a generalisation",
      rules: """
        topic t "T" threshold 4
          +4  职工书屋
        """, texts: ["书屋", "书屋", "职工书屋"], expected: ["书屋"]),
    Case(
      name: "a co-term of sentence() is not a keyword of its own",
      rules: """
        topic t "T" threshold 4
          +4  sentence(驿站, 书屋)
        """, texts: ["书屋开门"], expected: ["书屋开门"]),
    Case(
      name: "a regex of the topic matches it",
      rules: """
        topic t "T" threshold 4
          +4  /书.屋/
        """, texts: ["职工书香屋"], expected: []),
    Case(
      name: "a fragment across a keyword's edge",
      rules: """
        topic t "T" threshold 4
          +4  疗休养
        """, texts: ["疗休养活动", "疗休养活动", "疗休养活动", "疗养活动"], expected: []),
    Case(
      name: "a phrase mostly on its own, once across a keyword's edge",
      rules: """
        topic t "T" threshold 4
          +4  疗休养
        """, texts: ["疗休养活动", "开展休养活动", "举办休养活动"], expected: ["休养活动"]),
    Case(
      name: "words are whole tokens, numbers are not keywords",
      rules: rules, texts: ["app 2025"], expected: ["app"]),
  ])
  func filters(_ c: Case) throws {
    let texts = c.texts.count == 1 ? Array(repeating: c.texts[0], count: 3) : c.texts
    let articles: [(String, [String]?)] = texts.map { ($0, ["t"]) } + Array(repeating: ("工会开会", []), count: 3)
    #expect(try suggestions(c.rules, articles).separating.map(\.phrase) == c.expected)
  }

  /// Every count `suggest` prints is the number of articles whose
  /// normalised text contains the phrase, counted the plain way.
  @Test func countsAgreeWithPlainSubstringCounting() throws {
    let rules = try CompiledRules.load(path: PackagePaths.rules.path).get()
    let corpus = TuningCorpus.read(paths: [PackagePaths.corpusFile.path] + Devset.articlesIfPresent)
    let scanned = corpus.scanned(with: rules).filter { $0.labels != nil }
    var options = SuggestOptions()
    options.top = 40
    options.minSupport = 2
    var checked = 0
    let texts = scanned.map { String(decoding: $0.normalized, as: UTF8.self) }
    // Four topics: counting runs once per topic, and tests run unoptimised.
    for (t, topic) in rules.topics.enumerated().prefix(4) {
      let r = Suggest.run(topic: t, rules: rules, articles: scanned, options: options)
      for s in r.separating + r.missedCommon {
        let holding = scanned.indices.filter { texts[$0].contains(s.phrase) }.map { scanned[$0] }
        let labelled = holding.filter { $0.labels!.contains(topic.id) }
        let missed = labelled.filter { !$0.result.tagged[t] }
        #expect(
          (s.articles, s.labelled, s.missed) == (holding.count, labelled.count, missed.count), "\(topic.id) \(s.phrase)"
        )
        #expect((2...6).contains(s.phrase.unicodeScalars.count) || s.phrase.unicodeScalars.allSatisfy(\.isASCII))
        checked += 1
      }
    }
    #expect(checked > 10)
  }
}
