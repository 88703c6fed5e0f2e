// `ruletag lint`: what a corpus says about a rule set, beyond `check`.
//
// Findings on the corpus (definitions, which README.md repeats):
// - a rule *applies* to an article when it adds to the article's score
//   (its expression hits and some hit survives its guards and contexts);
//   a rule that applies to no article is RT201 (RT202 for a negative
//   rule), one that applies to exactly one is RT203;
// - a guard alternative (`not-before X`, `not-after X`, `not-inside X`)
//   or a `not(…)` term *blocks a hit* when removing it, with the rule's
//   cap lifted, changes the rule's counted hits in some article; one that
//   never does is RT204-RT207 (not listed for a rule that never applies:
//   RT201 says enough). Every such variant of every rule is
//   compiled into one probe rule set, so the corpus is scanned once for
//   all of them (`LintProbes.swift`);
// - keyword A of a topic is *shadowed* (RT208) when it occurs in the
//   corpus and every occurrence lies inside an occurrence of a longer
//   keyword B of the same topic (keywords of positive terms of rules with
//   a positive weight).
// Findings from the rules alone:
// - RT209: keyword B contains keyword A, both alternatives of the same
//   term (a rule's plain list, or one argument of `sentence`, `all`,
//   `any` or `title`), in a rule without guards: wherever B hits, A hits
//   at the same place, so the rule hits the same articles and sentences
//   without B;
// - RT210: one keyword scores on its own (it stands in a rule's plain
//   list or in `title(…)`, with a positive weight) in several topics;
// - RT211: a regex has no literal the automaton could gate it with.

/// Runs every lint analysis of a rule set on a corpus.
public enum Lint {
  /// Every finding of `set` (compiled as `rules`) on `corpus`, in file,
  /// line and column order.
  public static func run(_ set: RuleSet, _ rules: CompiledRules, corpus: TuningCorpus) -> [Diagnostic] {
    let scanned = corpus.scanned(with: rules)
    let decls = LintRules(set: set)
    var out: [Diagnostic] = []
    let supported = support(decls, scanned: scanned)
    // A rule that never applies has RT201/RT202; its guards are not
    // listed on top.
    let dead = Set(supported.filter { $0.code == "RT201" || $0.code == "RT202" }.map(\.span))
    out += supported
    out += LintProbes.unusedExclusions(decls, corpus: corpus).filter { d in
      !dead.contains(where: { $0.file == d.span.file && $0.line == d.span.line })
    }
    out += shadowed(decls, scanned: scanned)
    out += redundant(decls)
    out += severalTopics(decls)
    out += regexesWithoutLiteral(decls, scanned: scanned)
    return out.sorted { a, b in
      (a.span.file, a.span.line, a.span.column, a.code) < (b.span.file, b.span.line, b.span.column, b.code)
    }
  }

  // MARK: Support

  /// RT201-RT203: rules that apply to no article, or to one.
  static func support(_ decls: LintRules, scanned: [TuningArticle]) -> [Diagnostic] {
    var articles = [[Int]](repeating: [], count: decls.rules.count)
    for (a, s) in scanned.enumerated() {
      for topic in s.result.fired {
        for f in topic { articles[f.rule].append(a) }
      }
    }
    var out: [Diagnostic] = []
    for (g, r) in decls.rules.enumerated() {
      let topic = decls.topicID(of: g)
      let span = LintRules.wholeRule(r)
      switch articles[g].count {
      case 0:
        out.append(
          r.weight < 0
            ? .negativeRuleNeverFires(articles: scanned.count, at: span, line: r.lineText)
            : .ruleNeverApplies(articles: scanned.count, at: span, line: r.lineText))
      case 1:
        let a = scanned[articles[g][0]]
        out.append(
          .singleArticleRule(
            id: a.article.id, topic: topic, labelled: a.labels.map { $0.contains(topic) }, negative: r.weight < 0,
            at: span, line: r.lineText))
      default: break
      }
    }
    return out
  }

  // MARK: Shadowed keywords

  /// RT208: keywords whose every occurrence lies inside a longer keyword
  /// of the same topic.
  static func shadowed(_ decls: LintRules, scanned: [TuningArticle]) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for t in decls.set.topics.indices {
      // First listing of each positive keyword of the topic.
      var first: [String: (SourceSpan, String)] = [:]
      var order: [String] = []
      for r in decls.set.topics[t].rules where r.weight > 0 {
        for (k, s) in LintRules.keywords(r.expr, positive: true) where first[k] == nil {
          first[k] = (s, r.lineText)
          order.append(k)
        }
      }
      for a in order {
        let longer = order.filter { $0 != a && $0.utf8.count > a.utf8.count && KeywordSearch.contains($0, a) }
        if longer.isEmpty { continue }
        let ab = Array(a.utf8)
        let lb = longer.map { Array($0.utf8) }
        var occurrences = 0
        var articles = 0
        var free = false
        var coveredBy = [Int](repeating: 0, count: longer.count)
        for s in scanned where !free {
          let hits = KeywordSearch.occurrences(of: ab, in: s.normalized)
          if hits.isEmpty { continue }
          occurrences += hits.count
          articles += 1
          let spans = lb.map { b in KeywordSearch.occurrences(of: b, in: s.normalized).map { $0..<($0 + b.count) } }
          for h in hits {
            let r = h..<(h + ab.count)
            guard let j = spans.indices.first(where: { j in spans[j].contains { $0.contains(r) } }) else {
              free = true
              break
            }
            coveredBy[j] += 1
          }
        }
        if free || occurrences == 0 { continue }
        let used = longer.indices.filter { coveredBy[$0] > 0 }.sorted { coveredBy[$0] > coveredBy[$1] }
        let top = longer[used[0]]
        let (span, line) = first[a]!
        let (bSpan, bLine) = first[top]!
        out.append(
          .shadowedKeyword(
            a, topic: decls.set.topics[t].id, inside: used.map { longer[$0] }, occurrences: occurrences,
            articles: articles, at: span, line: line,
            longer: .init(message: "`\(top)` is here", span: bSpan, lineText: bLine)))
      }
    }
    return out
  }

  // MARK: From the rules alone

  /// RT209: a keyword that contains another alternative of its term.
  static func redundant(_ decls: LintRules) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for r in decls.rules where r.notBefore.isEmpty && r.notAfter.isEmpty && r.notInside.isEmpty {
      for group in LintRules.alternatives(r.expr) {
        for (b, bSpan) in group {
          guard
            let (a, aSpan) = group.first(where: { a in
              a.0 != b && a.0.utf8.count < b.utf8.count && KeywordSearch.contains(b, a.0)
            })
          else { continue }
          out.append(
            .redundantKeyword(
              b, contains: a, at: bSpan, line: r.lineText,
              note: .init(message: "`\(a)` is here", span: aSpan, lineText: r.lineText)))
        }
      }
    }
    return out
  }

  /// RT210: a keyword that scores on its own in several topics, reported
  /// once, where the second topic lists it.
  static func severalTopics(_ decls: LintRules) -> [Diagnostic] {
    var topicsOf: [String: [(topic: Int, span: SourceSpan, line: String)]] = [:]
    var order: [String] = []
    for (t, topic) in decls.set.topics.enumerated() {
      for r in topic.rules where r.weight > 0 {
        for (k, s) in LintRules.scoringKeywords(r.expr) {
          var list = topicsOf[k] ?? []
          if list.contains(where: { $0.topic == t }) { continue }
          if list.isEmpty { order.append(k) }
          list.append((t, s, r.lineText))
          topicsOf[k] = list
        }
      }
    }
    var out: [Diagnostic] = []
    for k in order {
      let list = topicsOf[k]!
      guard list.count > 1 else { continue }
      let ids = list.map { decls.set.topics[$0.topic].id }
      out.append(
        .keywordInSeveralTopics(
          k, topics: ids, at: list[1].span, line: list[1].line,
          first: .init(message: "also in topic `\(ids[0])` here", span: list[0].span, lineText: list[0].line)))
    }
    return out
  }

  /// RT211: regexes the automaton cannot gate.
  static func regexesWithoutLiteral(_ decls: LintRules, scanned: [TuningArticle]) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for (g, r) in decls.rules.enumerated() {
      for (source, span) in LintRules.regexes(r.expr) {
        let folded = LiteralAtoms.foldLiterals(source)
        if let atoms = ByteRegex.compile(folded)?.atoms, !atoms.isEmpty { continue }
        let applied = scanned.filter { s in s.result.fired.contains { $0.contains { $0.rule == g } } }.count
        out.append(.regexWithoutLiteral(articles: scanned.count, applied: applied, at: span, line: r.lineText))
      }
    }
    return out
  }
}

/// The parsed rules in compiled order: rule `g` of `CompiledRules` is
/// `rules[g]`, in topic `topicOf[g]`.
struct LintRules {
  let set: RuleSet
  let rules: [RuleDecl]
  let topicOf: [Int]

  init(set: RuleSet) {
    self.set = set
    rules = set.topics.flatMap(\.rules)
    topicOf = set.topics.enumerated().flatMap { t, topic in Array(repeating: t, count: topic.rules.count) }
  }

  func topicID(of rule: Int) -> String { set.topics[topicOf[rule]].id }

  /// The span of a whole rule: from its weight to the end of its line,
  /// without a trailing comment or spaces.
  static func wholeRule(_ r: RuleDecl) -> SourceSpan {
    var end = r.span.column - 1 + r.span.length
    if case .success(let tokens) = Lexer.tokens(r.lineText), let last = tokens.last {
      end = max(end, last.column - 1 + last.length)
    }
    var s = r.span
    s.length = end - (s.column - 1)
    return s
  }

  /// The keywords of `e`, outside `not(…)` when `positive`.
  static func keywords(_ e: RuleExpr, positive: Bool) -> [(String, SourceSpan)] {
    switch e {
    case .keyword(let k, let s): return [(k, s)]
    case .regex: return []
    case .any(let xs), .all(let xs), .sentence(let xs): return xs.flatMap { keywords($0, positive: positive) }
    case .not(let x, _): return positive ? [] : keywords(x, positive: positive)
    case .near(_, let a, let b): return keywords(a, positive: positive) + keywords(b, positive: positive)
    case .title(let x), .lead(let x), .named(_, let x): return keywords(x, positive: positive)
    }
  }

  /// Keywords that make the rule hit on their own: its plain list, or
  /// the plain list inside `title(…)`.
  static func scoringKeywords(_ e: RuleExpr) -> [(String, SourceSpan)] {
    switch e {
    case .keyword(let k, let s): return [(k, s)]
    case .any(let xs): return xs.flatMap { scoringKeywords($0) }
    case .title(let x), .named(_, let x): return scoringKeywords(x)
    default: return []
    }
  }

  /// The groups of keywords that are alternatives of one term: the
  /// rule's plain list, and each argument of `sentence`, `all`, `any`
  /// and `title` (not `near`, where a longer keyword can be nearer, nor
  /// `not`).
  static func alternatives(_ e: RuleExpr) -> [[(String, SourceSpan)]] {
    switch e {
    case .keyword(let k, let s): return [[(k, s)]]
    case .regex, .not, .near: return []
    case .any(let xs):
      var plain: [(String, SourceSpan)] = []
      var nested: [[(String, SourceSpan)]] = []
      for x in xs {
        if case .keyword(let k, let s) = x { plain.append((k, s)) } else { nested += alternatives(x) }
      }
      return (plain.isEmpty ? [] : [plain]) + nested
    case .all(let xs), .sentence(let xs): return xs.flatMap { alternatives($0) }
    case .title(let x), .lead(let x): return alternatives(x)
    // A class's words are shared by every rule that uses it: they are not
    // checked as one rule's alternatives.
    case .named: return []
    }
  }

  /// The regexes of `e` with their spans.
  static func regexes(_ e: RuleExpr) -> [(String, SourceSpan)] {
    switch e {
    case .keyword: return []
    case .regex(let source, let s): return [(source, s)]
    case .any(let xs), .all(let xs), .sentence(let xs): return xs.flatMap { regexes($0) }
    case .not(let x, _), .title(let x), .lead(let x), .named(_, let x): return regexes(x)
    case .near(_, let a, let b): return regexes(a) + regexes(b)
    }
  }
}

/// Where keywords occur in normalised text, the way the matcher finds
/// them: byte substrings, word-bounded at a word-character end.
enum KeywordSearch {
  /// Start offsets of every occurrence of `k` in `text`.
  static func occurrences(of k: [UInt8], in text: [UInt8]) -> [Int] {
    guard !k.isEmpty, k.count <= text.count else { return [] }
    let first = k[0]
    let wordStart = CharClass.of(firstScalar(k)) == .word
    let wordEnd = CharClass.of(lastScalar(k)) == .word
    var out: [Int] = []
    text.withUnsafeBufferPointer { p in
      var i = 0
      while i + k.count <= p.count {
        if p[i] == first && matches(k, p, at: i) {
          let end = i + k.count
          let startOK = !wordStart || i == 0 || CharClass.of(scalar(before: i, p)) != .word
          let endOK = !wordEnd || end == p.count || CharClass.of(UTF8Bytes.decode(p, at: end).scalar) != .word
          if startOK && endOK { out.append(i) }
        }
        i += 1
      }
    }
    return out
  }

  /// Whether keyword `a` occurs in keyword `b` as matching would find it.
  static func contains(_ b: String, _ a: String) -> Bool {
    !occurrences(of: Array(a.utf8), in: Array(b.utf8)).isEmpty
  }

  static func matches(_ k: [UInt8], _ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    for j in 1..<k.count where p[i + j] != k[j] { return false }
    return true
  }

  static func scalar(before i: Int, _ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
    UTF8Bytes.decode(p, at: Sentences.scalarStart(p, i - 1)).scalar
  }

  static func firstScalar(_ k: [UInt8]) -> UInt32 {
    k.withUnsafeBufferPointer { UTF8Bytes.decode($0, at: 0).scalar }
  }

  static func lastScalar(_ k: [UInt8]) -> UInt32 {
    k.withUnsafeBufferPointer { scalar(before: $0.count, $0) }
  }
}
