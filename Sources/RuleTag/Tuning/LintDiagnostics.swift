// The catalogue of lint findings: warnings RT201-RT211, each one stable
// code, reported like `check`'s diagnostics (file:line:col, the line, a
// caret, a hint).
//
// On the corpus:
//   RT201 rule-never-applies        RT202 negative-rule-never-fires
//   RT203 single-article-rule       RT204 unused-not-before
//   RT205 unused-not-after          RT206 unused-not-inside
//   RT207 unused-not-term           RT208 shadowed-keyword
// From the rules alone:
//   RT209 redundant-keyword         RT210 keyword-in-several-topics
//   RT211 regex-without-literal

extension Diagnostic {
  /// How the lint codes read in `--help` and the README, in code order.
  public static let lintCodes: [(code: String, name: String)] = [
    ("RT201", "rule-never-applies"), ("RT202", "negative-rule-never-fires"), ("RT203", "single-article-rule"),
    ("RT204", "unused-not-before"), ("RT205", "unused-not-after"), ("RT206", "unused-not-inside"),
    ("RT207", "unused-not-term"), ("RT208", "shadowed-keyword"), ("RT209", "redundant-keyword"),
    ("RT210", "keyword-in-several-topics"), ("RT211", "regex-without-literal"),
  ]

  static func ruleNeverApplies(articles: Int, at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT201", "rule-never-applies", "rule never applies on the corpus (0 of \(counted(articles, "article")))",
      at: span, line: line,
      hint: "none of its terms hits, or its guards block every hit: try it on an article it should tag, or remove it")
  }

  static func negativeRuleNeverFires(articles: Int, at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT202", "negative-rule-never-fires",
      "negative rule never fires on the corpus: it lowers no score in \(counted(articles, "article"))", at: span,
      line: line, hint: "keep it only for text the corpus lacks; otherwise remove it")
  }

  /// `labelled`: nil when the article has no labels.
  static func singleArticleRule(
    id: String, topic: String, labelled: Bool?, negative: Bool, at span: SourceSpan, line: String
  ) -> Diagnostic {
    let status: String
    let hint: String
    switch (labelled, negative) {
    case (true?, false):
      status = "labelled `\(topic)`"
      hint = "one article is thin support: check that the rule holds beyond it"
    case (false?, false):
      status = "not labelled `\(topic)`"
      hint = "its only article is not labelled with the topic: on this corpus the rule adds a false positive or nothing"
    case (true?, true):
      status = "labelled `\(topic)`"
      hint = "it lowers the score of its only article, which is labelled with the topic: check that this is meant"
    case (false?, true):
      status = "not labelled `\(topic)`"
      hint = "it lowers the score of one article only, as meant there: check that it holds beyond it"
    case (nil, _):
      status = "which has no labels"
      hint = "one article is thin support: check that the rule holds beyond it"
    }
    return warning(
      "RT203", "single-article-rule", "rule applies to a single article of the corpus: `\(id)`, \(status)",
      at: span, line: line, hint: hint)
  }

  /// `option` is `not-before`, `not-after` or `not-inside`.
  static func unusedGuard(
    _ option: RuleOption, value: String, className: String? = nil, at span: SourceSpan, line: String
  ) -> Diagnostic {
    let (code, name): (String, String)
    switch option {
    case .notBefore: (code, name) = ("RT204", "unused-not-before")
    case .notAfter: (code, name) = ("RT205", "unused-not-after")
    default: (code, name) = ("RT206", "unused-not-inside")
    }
    return warning(
      code, name,
      "`\(option.rawValue) \(value)`" + (className.map { " (from class `\($0)`)" } ?? "")
        + " never blocks a hit on the corpus", at: span, line: line,
      hint: "without it the rule counts the same hits in every article; keep it only for text the corpus lacks")
  }

  static func unusedNotTerm(at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT207", "unused-not-term", "`not(…)` never excludes a hit on the corpus", at: span, line: line,
      hint: "without it the rule counts the same hits in every article; keep it only for text the corpus lacks")
  }

  static func shadowedKeyword(
    _ keyword: String, topic: String, inside: [String], occurrences: Int, articles: Int, at span: SourceSpan,
    line: String, longer: Note
  ) -> Diagnostic {
    let names = inside.map { "`\($0)`" }.joined(separator: ", ")
    return warning(
      "RT208", "shadowed-keyword",
      "keyword `\(keyword)` of topic `\(topic)` occurs only inside \(names) on the corpus (\(counted(occurrences, "time")) in \(counted(articles, "article")))",
      at: span, line: line,
      hint: "on this corpus it adds no hit of its own; keep it if other texts use it alone", note: longer)
  }

  static func redundantKeyword(
    _ keyword: String, contains shorter: String, at span: SourceSpan, line: String, note: Note
  )
    -> Diagnostic
  {
    warning(
      "RT209", "redundant-keyword",
      "keyword `\(keyword)` contains `\(shorter)`, an alternative of the same term: every text it matches is already matched",
      at: span, line: line,
      hint: "the rule hits the same articles and sentences without it; remove it, unless its longer evidence is wanted",
      note: note)
  }

  static func keywordInSeveralTopics(
    _ keyword: String, topics: [String], at span: SourceSpan, line: String, first: Note
  )
    -> Diagnostic
  {
    warning(
      "RT210", "keyword-in-several-topics",
      "keyword `\(keyword)` scores on its own in \(topics.count) topics: \(topics.joined(separator: ", "))", at: span,
      line: line,
      hint:
        "an article that mentions it scores in each of them; if one topic is meant, ask for context with sentence(…)",
      note: first)
  }

  static func regexWithoutLiteral(articles: Int, applied: Int, at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT211", "regex-without-literal",
      "regex has no literal: it runs on every sentence of the \(counted(articles, "article")) (its rule applied to \(applied))",
      at: span, line: line,
      hint: "add a literal that every match must contain, such as /工会.{0,5}成立/, so that the automaton gates it")
  }
}
