// `explain`'s trace: its counted hits and scores equal `scan`'s (on the
// corpus, the devset and random text), its reasons agree with `accept`,
// and a table of small cases gives each suppression reason and near miss.

import Foundation
import Testing

@testable import RuleTag

@Suite struct ExplanationTests {
  /// Explains and scans one article; the trace must give scan's result.
  static func expectSameAsScan(
    _ scanner: inout ArticleScanner, title: String, text: String, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Int {
    let e = scanner.explain(title: title, text: text)
    // The trace's counted hits, in the original article's coordinates.
    var traced: [[FiredRule]] = e.topics.map { _ in [] }
    for t in e.topics {
      for r in t.rules {
        traced[t.topic].append(
          FiredRule(
            rule: r.rule, count: r.count, score: r.score, hits: r.hits.map { $0.map { scanner.evidenceSpan($0) } }))
      }
    }
    // Every raw hit's reason agrees with `accept`.
    let rules = scanner.rules
    let names = TermNames(rules)
    for r in scanner.touched.list {
      let rule = rules.rules[Int(r)]
      ArticleScanner.forEachTerm(rule.expr, negated: false) { term, _ in
        for s in scanner.rawSpans(term) {
          let positive = scanner.isPositive(term)
          let accepted = scanner.accept(s, rule: rule, positive: positive)
          let why = scanner.refusal(s, rule: rule, positive: positive, names: names)
          #expect(accepted == (why == nil), "\(what): \(rule.location) \(s) \(String(describing: why))")
        }
      }
    }
    let result = scanner.scan(title: title, text: text)
    #expect(e.topics.map(\.score) == result.scores, "\(what)", sourceLocation: sourceLocation)
    #expect(e.topics.map(\.tagged) == result.tagged, "\(what)", sourceLocation: sourceLocation)
    #expect(traced == result.fired, "\(what)", sourceLocation: sourceLocation)
    // Every counted hit is marked counted in the text.
    let countedMarks = Set(e.hits.filter { $0.suppression == nil }.map { "\($0.rule):\($0.start):\($0.end)" })
    for t in e.topics {
      for r in t.rules {
        for h in r.hits {
          for s in h { #expect(countedMarks.contains("\(r.rule):\(s.start):\(s.end)"), "\(what)") }
        }
      }
    }
    return result.fired.joined().count
  }

  static func articles(_ path: String) -> [Article] {
    let reader = InputReader(paths: [path])
    var out: [Article] = []
    while let r = reader.next() { if case .success(let a) = r.parse() { out.append(a) } }
    return out
  }

  @Test func agreesWithScanOnTheCorpus() throws {
    let rules = try #require(try? CompiledRules.load(path: PackagePaths.rules.path).get())
    var scanner = ArticleScanner(rules: rules)
    var fired = 0
    let corpus = Self.articles(PackagePaths.corpusFile.path)
    #expect(corpus.count > 30)
    for a in corpus {
      fired += Self.expectSameAsScan(&scanner, title: a.titleString, text: a.textString, a.id)
    }
    #expect(fired > 100)
  }

  @Test(Devset.required) func agreesWithScanOnTheDevset() throws {
    let rules = try #require(try? CompiledRules.load(path: PackagePaths.rules.path).get())
    var scanner = ArticleScanner(rules: rules)
    var rng = SeededRandom(seed: 0xE3B1_A1A2)
    let all = Self.articles(Devset.articles.path)
    #expect(all.count > 100)
    // Sixty articles at random, seeded.
    for a in all.shuffled(using: &rng).prefix(60) {
      _ = Self.expectSameAsScan(&scanner, title: a.titleString, text: a.textString, a.id)
    }
  }

  @Test func agreesWithScanOnRandomText() throws {
    let rules = try #require(compileRules(LazyScoringTests.stressRules))
    var scanner = ArticleScanner(rules: rules)
    var rng = SeededRandom(seed: 0x0E8_1A1E)
    var fired = 0
    for k in 0..<600 {
      let title = LazyScoringTests.randomText(&rng, pieces: Int.random(in: 0...4, using: &rng))
      let text = LazyScoringTests.randomText(&rng, pieces: Int.random(in: 1...60, using: &rng))
      fired += Self.expectSameAsScan(&scanner, title: title, text: text, "case \(k): \(title) / \(text)")
    }
    #expect(fired > 600)
  }

  /// Rule, text, and the marks expected: `keyword=reason` for each hit of
  /// the rule in text order (`counted` when it counts).
  static let reasons: [(String, String, [String])] = [
    ("+1  骑手  not-after 交警", "交警骑手违法,骑手守法。", ["骑手=not-after 交警", "骑手=counted"]),
    ("+1  骑手  not-before 之家", "骑手之家开放。", ["骑手=not-before 之家"]),
    ("+1  驿站  not-inside 快递驿站", "快递驿站和爱心驿站。", ["驿站=not-inside 快递驿站", "驿站=counted"]),
    ("+1  劳动竞赛", "联合开展职工技能培训、劳动竞赛、维权帮困。", ["劳动竞赛=list"]),
    ("+1  劳模", "大力弘扬劳模精神。", ["劳模=slogan"]),
    ("+1  劳动竞赛  ignore-in plan", "下一步要开展劳动竞赛。", ["劳动竞赛=plan"]),
    ("+1  劳动竞赛", "下一步要开展劳动竞赛。", ["劳动竞赛=counted"]),
    ("+1  骑手, 外卖骑手", "外卖骑手到了。", ["外卖骑手=counted", "骑手=overlap"]),
    ("+1  骑手", "骑手和骑手。", ["骑手=counted", "骑手=cap"]),
    ("+1  骑手  cap 2", "骑手和骑手。", ["骑手=counted", "骑手=counted"]),
    ("+1  sentence(骑手, 入会)", "骑手到了。入会了。", ["骑手=incomplete", "入会=incomplete"]),
    ("+1  sentence(骑手, 入会)", "骑手入会了。", ["骑手=counted", "入会=counted"]),
    ("+1  sentence(骑手, not(交警))", "交警与骑手。", ["交警=not(…)", "骑手=incomplete"]),
    ("+1  title(骑手)", "标题\n骑手到了。", ["骑手=incomplete"]),
  ]

  @Test(arguments: reasons.indices)
  func suppressionReasons(_ k: Int) throws {
    let (rule, text, expected) = Self.reasons[k]
    let rules = try #require(compileRules("topic t \"T\" threshold 9\n  " + rule + "\n"))
    var scanner = ArticleScanner(rules: rules)
    let nl = text.firstIndex(of: "\n")
    let title = nl.map { String(text[..<$0]) } ?? ""
    let body = nl.map { String(text[text.index(after: $0)...]) } ?? text
    let e = scanner.explain(title: title, text: body)
    let bytes = Array(e.text.utf8)
    let marks = e.hits.map { h in
      String(decoding: bytes[h.start..<h.end], as: UTF8.self) + "=" + (h.suppression?.description ?? "counted")
    }
    #expect(marks == expected, "\(rule) on \(text)")
    _ = Self.expectSameAsScan(&scanner, title: title, text: body, rule)
  }

  /// Rule, text, and the near miss expected (nil: none).
  static let nearMisses: [(String, String, String?)] = [
    (
      "+1  sentence(骑手, 入会, 工会)", "骑手加入工会。入会了。",
      "one sentence has every term but `入会`: «骑手加入工会。»"
    ),
    ("+1  sentence(骑手, 入会, 工会)", "骑手到了。", nil),
    (
      "+1  sentence(骑手, 入会, not(交警))", "交警看骑手入会。",
      "every term in one sentence, but a `not(…)` term excludes it: «交警看骑手入会。»"
    ),
    ("+1  all(骑手, 工会|总工会)", "骑手来了。", "every term but `工会|总工会` occurs"),
    ("+1  all(骑手, not(交警))", "骑手和交警。", "every term occurs, but `not(交警)` too"),
    ("+1  near(2, 骑手, 服务)", "骑手来到这里享受服务。", "`骑手` and `服务` are 6 characters apart at the nearest; near allows 2"),
    ("+1  title(骑手)", "标题\n骑手到了。", "`骑手` occurs in the text, not in the headline"),
    ("+1  骑手  not-after 交警", "交警查处骑手。交警和骑手。", nil),
    ("+1  骑手  not-after 交警|和", "交警查处骑手。交警和骑手。", nil),
    ("+1  骑手  not-after 处|和", "交警查处骑手。交警和骑手。", "2 hits, every one suppressed: not-after 处 ×1, not-after 和 ×1"),
    ("+1  劳模  ignore-in list", "表彰先进、劳模、工匠。弘扬劳模精神。", "2 hits, every one suppressed: list ×1, slogan ×1"),
  ]

  @Test(arguments: nearMisses.indices)
  func nearMissesOfRules(_ k: Int) throws {
    let (rule, text, expected) = Self.nearMisses[k]
    let rules = try #require(compileRules("topic t \"T\" threshold 9\n  " + rule + "\n"))
    var scanner = ArticleScanner(rules: rules)
    let nl = text.firstIndex(of: "\n")
    let title = nl.map { String(text[..<$0]) } ?? ""
    let body = nl.map { String(text[text.index(after: $0)...]) } ?? text
    let e = scanner.explain(title: title, text: body)
    #expect(e.nearRules.map(\.reason) == (expected.map { [$0] } ?? []), "\(rule) on \(text)")
  }
}

@Suite struct ExplanationReportTests {
  /// The JSON trace parses, and each hit's character offsets pick its text
  /// out of `text`.
  @Test func jsonOffsetsAreCharacters() throws {
    let rules = try #require(try? CompiledRules.load(path: PackagePaths.rules.path).get())
    var scanner = ArticleScanner(rules: rules)
    var hits = 0
    for a in ExplanationTests.articles(PackagePaths.corpusFile.path).prefix(10) {
      let e = scanner.explain(title: a.titleString, text: a.textString)
      let json = ExplanationReport(article: a, explanation: e, rules: rules, margin: 2).json()
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(a.id)")
      let text = Array(try #require(object["text"] as? String))
      for h in try #require(object["hits"] as? [[String: Any]]) {
        let start = try #require(h["start"] as? Int)
        let end = try #require(h["end"] as? Int)
        #expect(String(text[start..<end]) == h["text"] as? String, "\(a.id) \(h)")
        hits += 1
      }
    }
    #expect(hits > 50)
  }
}
