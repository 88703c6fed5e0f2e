// Lint on hand-built rule sets and articles: each finding's code and
// place, and no finding where the corpus shows a rule, guard or keyword at
// work.

import Testing

@testable import RuleTag

/// Lints `rules` (file `t.rules`) on articles given as (id, text, labels).
func lintFindings(_ rules: String, _ articles: [(String, String, [String]?)]) throws -> [Diagnostic] {
  let set = RuleParser.parse(rules, file: "t.rules")
  let compiled = try CompiledRules.compile(set).get()
  let corpus = TuningCorpus(
    articles: articles.map { id, text, labels in
      var a = Article(id: id, title: "", text: text)
      a.labels = labels
      return a
    })
  return Lint.run(set, compiled, corpus: corpus)
}

@Suite struct LintTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var rules: String
    var articles: [(String, String, [String]?)]
    /// The codes the case is about; findings of other codes are not compared.
    var codes: Set<String>
    /// `CODE@line:column`, in order.
    var expected: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a rule that never applies, a negative rule that never fires",
      rules: """
        topic t "T" threshold 2
          +2  骑手
          +2  书屋
          -3  招聘会
        """,
      articles: [("a", "骑手", ["t"]), ("b", "骑手", [])], codes: ["RT201", "RT202"],
      expected: ["RT201@3:3", "RT202@4:3"]),
    Case(
      name: "a rule that applies to one article",
      rules: """
        topic t "T" threshold 2
          +2  骑手
          +2  书屋
        """,
      articles: [("a", "骑手书屋", ["t"]), ("b", "骑手", [])], codes: ["RT201", "RT203"], expected: ["RT203@3:3"]),
    Case(
      name: "a not-before alternative that blocks nothing, next to one that blocks",
      rules: """
        topic t "T" threshold 2
          +2  骑手  not-before 之家|驿站
        """,
      articles: [("a", "骑手之家。骑手", nil)], codes: ["RT204"], expected: ["RT204@2:25"]),
    Case(
      name: "a guard that blocks a hit beyond the cap still blocks",
      rules: """
        topic t "T" threshold 2
          +2  骑手  not-before 之家
        """,
      articles: [("a", "骑手。骑手之家", nil)], codes: ["RT204"], expected: []),
    Case(
      name: "not-after and not-inside alternatives",
      rules: """
        topic t "T" threshold 2
          +2  驿站  not-after 医疗|法律  not-inside 快递驿站|菜鸟驿站
        """,
      articles: [("a", "快递驿站。医疗驿站。爱心驿站", nil)], codes: ["RT205", "RT206"],
      expected: ["RT205@2:24", "RT206@2:44"]),
    Case(
      name: "the guards of a rule that never applies are not listed",
      rules: """
        topic t "T" threshold 2
          +2  书屋  not-before 之家
        """,
      articles: [("a", "骑手", nil)], codes: ["RT201", "RT204"], expected: ["RT201@2:3"]),
    Case(
      name: "a not term that never excludes a hit",
      rules: """
        topic t "T" threshold 2
          +2  sentence(驿站, 休息, not(快递))
        """,
      articles: [("a", "驿站可以休息", nil), ("b", "快递驿站", nil)], codes: ["RT207"], expected: ["RT207@2:24"]),
    Case(
      name: "a not term that excludes a hit",
      rules: """
        topic t "T" threshold 2
          +2  sentence(驿站, 休息, not(快递))
        """,
      articles: [("a", "驿站可以休息", nil), ("b", "快递驿站可以休息", nil)], codes: ["RT207"], expected: []),
    Case(
      name: "a keyword found only inside a longer one of the topic",
      rules: """
        topic t "T" threshold 2
          +2  骑手
          +1  外卖骑手
        """,
      articles: [("a", "外卖骑手。外卖骑手", nil)], codes: ["RT208"], expected: ["RT208@2:7"]),
    Case(
      name: "a keyword found once on its own is not shadowed",
      rules: """
        topic t "T" threshold 2
          +2  骑手
          +1  外卖骑手
        """,
      articles: [("a", "外卖骑手", nil), ("b", "骑手", nil)], codes: ["RT208"], expected: []),
    Case(
      name: "a longer keyword of another topic does not shadow",
      rules: """
        topic t "T" threshold 2
          +2  骑手
        topic u "U" threshold 2
          +2  外卖骑手
        """,
      articles: [("a", "外卖骑手", nil)], codes: ["RT208"], expected: []),
    Case(
      name: "a keyword that contains an alternative of the same term",
      rules: """
        topic t "T" threshold 2
          +2  骑手, 外卖骑手
          +2  sentence(工会, 骑手|外卖骑手)
          +2  near(5, 工会, 骑手|外卖骑手)
          +2  骑手, 外卖骑手  not-after 交警
        """,
      articles: [], codes: ["RT209"], expected: ["RT209@2:11", "RT209@3:23"]),
    Case(
      name: "a Latin keyword is contained only as a whole word",
      rules: """
        topic t "T" threshold 2
          +2  app, apple, "app store"
        """,
      articles: [], codes: ["RT209"], expected: ["RT209@2:19"]),
    Case(
      name: "a keyword that scores on its own in two topics",
      rules: """
        topic t "T" threshold 2
          +2  工会, 骑手
        topic u "U" threshold 2
          +2  sentence(骑手, 工资)
          +2  title(工会)
        topic v "V" threshold 2
          -2  骑手
        """,
      articles: [], codes: ["RT210"], expected: ["RT210@5:13"]),
    Case(
      name: "a regex without a literal",
      rules: """
        topic t "T" threshold 2
          +2  /\\d{3,}/
          +2  /工会.{0,5}成立/
        """,
      articles: [("a", "123", nil)], codes: ["RT211"], expected: ["RT211@2:7"]),
  ]

  @Test(arguments: cases)
  func findings(_ c: Case) throws {
    let found = try lintFindings(c.rules, c.articles).filter { c.codes.contains($0.code) }
    #expect(found.map { "\($0.code)@\($0.span.line):\($0.span.column)" } == c.expected)
    for d in found {
      #expect(d.severity == .warning)
      #expect(d.span.file == "t.rules")
      #expect(Diagnostic.lintCodes.contains { $0.code == d.code && $0.name == d.name })
    }
  }

  @Test func singleArticleSaysWhetherItIsLabelled() throws {
    let rules = """
      topic t "T" threshold 2
        +2  书屋
        +2  驿站
        -2  快递
        +1  骑手
      """
    let found = try lintFindings(
      rules, [("a", "书屋", ["t"]), ("b", "驿站快递", ["u"]), ("c", "骑手", nil), ("d", "其他", [])]
    ).filter { $0.code == "RT203" }
    #expect(
      found.map(\.message) == [
        "rule applies to a single article of the corpus: `a`, labelled `t`",
        "rule applies to a single article of the corpus: `b`, not labelled `t`",
        "rule applies to a single article of the corpus: `b`, not labelled `t`",
        "rule applies to a single article of the corpus: `c`, which has no labels",
      ])
  }

  @Test func shadowedNamesTheLongerKeywordsAndCounts() throws {
    let rules = """
      topic t "T" threshold 2
        +2  骑手
        +1  外卖骑手, 骑手之家
      """
    let found = try lintFindings(rules, [("a", "外卖骑手。骑手之家", nil), ("b", "外卖骑手", nil)])
      .filter { $0.code == "RT208" }
    #expect(
      found.map(\.message) == [
        "keyword `骑手` of topic `t` occurs only inside `外卖骑手`, `骑手之家` on the corpus (3 times in 2 articles)"
      ])
    #expect(found.first?.note?.span.line == 3)
  }

  @Test func cleanRulesHaveNoFindings() throws {
    let rules = """
      topic t "T" threshold 2
        +2  骑手  not-before 之家
        +2  书屋
      """
    let found = try lintFindings(
      rules, [("a", "骑手。骑手之家", ["t"]), ("b", "骑手。书屋", ["t"]), ("c", "书屋", [])])
    #expect(found.isEmpty, "\(found.map { $0.oneLine() })")
  }

  /// The not-term variant is the rule without exactly that term.
  @Test func removingNotTerms() throws {
    let set = RuleParser.parse(
      """
      topic t "T" threshold 2
        +2  all(sentence(驿站, not(快递)), not(菜鸟))
      """, file: "t.rules")
    let e = set.topics[0].rules[0].expr
    #expect(LintProbes.notSpans(e).map(\.column) == [24, 34])
    var k = 0
    let first = LintProbes.removingNot(e, index: 0, counter: &k)
    k = 0
    let second = LintProbes.removingNot(e, index: 1, counter: &k)
    guard case .all(let a) = first, case .all(let b) = second else {
      Issue.record("not an all(…)")
      return
    }
    #expect(a.count == 2 && LintProbes.notSpans(.all(a)).map(\.column) == [34])
    #expect(b.count == 1 && LintProbes.notSpans(.all(b)).map(\.column) == [24])
  }
}

/// What RT209 promises, checked on the shipped rules: without the longer
/// keyword, the rule applies to exactly the same articles of the corpus
/// (and of the devset, when it is there).
@Suite struct RedundantKeywordTests {
  static func removing(_ span: SourceSpan, from e: RuleExpr) -> RuleExpr {
    switch e {
    case .any(let xs):
      let kept = xs.filter { if case .keyword(_, let s) = $0 { return s != span } else { return true } }
        .map { removing(span, from: $0) }
      return kept.count == 1 ? kept[0] : .any(kept)
    case .all(let xs): return .all(xs.map { removing(span, from: $0) })
    case .sentence(let xs): return .sentence(xs.map { removing(span, from: $0) })
    case .title(let x): return .title(removing(span, from: x))
    default: return e
    }
  }

  @Test func theRuleAppliesToTheSameArticlesWithoutIt() throws {
    let set = RuleParser.load(path: PackagePaths.rules.path)
    let rules = try CompiledRules.compile(set).get()
    let corpus = TuningCorpus.read(paths: [PackagePaths.corpusFile.path] + Devset.articlesIfPresent)
    let redundant = Lint.redundant(LintRules(set: set))
    #expect(!redundant.isEmpty)
    // Each rule as written and without the keyword, side by side.
    var probe = RuleSet()
    var decls: [RuleDecl] = []
    for d in redundant {
      let r = try #require(
        set.topics.flatMap(\.rules).first { $0.span.file == d.span.file && $0.span.line == d.span.line })
      var without = r
      without.expr = Self.removing(d.span, from: r.expr)
      #expect(without.expr != r.expr, "\(d.oneLine())")
      decls += [r, without]
    }
    probe.topics = [
      TopicDecl(
        id: "p", name: "p", threshold: 1, ignored: [], span: SourceSpan(file: "p", line: 1, column: 1, length: 0),
        lineText: "", rules: decls)
    ]
    let compiled = try CompiledRules.compile(probe).get()
    var differs = [Bool](repeating: false, count: redundant.count)
    for s in corpus.scanned(with: compiled) {
      let fired = Set(s.result.fired[0].map(\.rule))
      for k in redundant.indices where fired.contains(2 * k) != fired.contains(2 * k + 1) { differs[k] = true }
    }
    for (k, d) in redundant.enumerated() { #expect(!differs[k], "\(d.oneLine())") }
  }
}

/// What RT204-RT206 promise, checked on the shipped rules by editing the
/// rule's text: with the reported alternative deleted where the caret
/// points, the line counts the same hits in every article (cap lifted).
@Suite struct UnusedGuardTests {
  /// `line` without the option value at 1-based scalar `column` of
  /// `length` scalars, and its `|` (or the whole option when it was the
  /// only value).
  static func deleting(_ column: Int, _ length: Int, from line: String) -> String {
    var s = Array(line.unicodeScalars)
    let a = column - 1
    var b = a + length
    if b < s.count && s[b] == "|" {
      b += 1
    } else if a > 0 && s[a - 1] == "|" {
      s.removeSubrange((a - 1)..<b)
      return String(String.UnicodeScalarView(s))
    } else {
      // The only value: remove the option name before it too.
      var n = a - 1
      while n > 0 && s[n - 1] == " " { n -= 1 }
      while n > 0 && s[n - 1] != " " { n -= 1 }
      s.removeSubrange(n..<b)
      return String(String.UnicodeScalarView(s))
    }
    s.removeSubrange(a..<b)
    return String(String.UnicodeScalarView(s))
  }

  @Test func deletingTheAlternativeChangesNoHit() throws {
    let set = RuleParser.load(path: PackagePaths.rules.path)
    let rules = try CompiledRules.compile(set).get()
    let corpus = TuningCorpus.read(paths: [PackagePaths.corpusFile.path] + Devset.articlesIfPresent)
    // A word a class brought in is reported at the class's name: deleting
    // the name would drop the whole class, so those are left out here.
    let findings = Lint.run(set, rules, corpus: corpus).filter {
      ["RT204", "RT205", "RT206"].contains($0.code) && !$0.message.contains("(from class")
    }
    #expect(!findings.isEmpty)
    // One probe per rule file (one topic each), with the file's own
    // `include`, `define` and `topic` lines first, so the lines read as in their file: each rule as
    // written, then without the reported alternative.
    var differs = [Bool](repeating: false, count: findings.count)
    for file in Set(findings.map(\.span.file)).sorted() {
      let mine = findings.indices.filter { findings[$0].span.file == file }
      let source = try String(contentsOfFile: file, encoding: .utf8)
      // The file's own topic line too: its contexts decide which hits count.
      var text =
        source.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { $0.hasPrefix("include ") || $0.hasPrefix("define ") || $0.hasPrefix("topic ") }
        .joined(separator: "\n") + "\n"
      for k in mine {
        let d = findings[k]
        let edited = Self.deleting(d.span.column, d.span.length, from: d.lineText)
        #expect(edited != d.lineText)
        text +=
          d.lineText.split(separator: "#")[0] + " cap 100000\n" + edited.split(separator: "#")[0] + " cap 100000\n"
      }
      let probe = RuleParser.parse(text, file: file)
      #expect(probe.errors.isEmpty, "\(probe.errors.map { $0.oneLine() })")
      let compiled = try CompiledRules.compile(probe).get()
      for s in corpus.scanned(with: compiled) {
        var hits = [[[EvidenceSpan]]](repeating: [], count: 2 * mine.count)
        for f in s.result.fired[0] { hits[f.rule] = f.hits }
        for (n, k) in mine.enumerated() where hits[2 * n] != hits[2 * n + 1] { differs[k] = true }
      }
    }
    for (k, d) in findings.enumerated() { #expect(!differs[k], "\(d.oneLine())") }
  }
}
