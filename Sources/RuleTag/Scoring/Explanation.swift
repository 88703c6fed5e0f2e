// The trace of one article (`ruletag explain`): every hit of every rule,
// counted or suppressed and why, each topic's score as a sum, and the near
// misses.
//
// The trace is built on its own path, beside the scanner's: it scores every
// touched rule the plain way (`ReferenceEvaluator`), then asks of each raw
// hit of each keyword and regex why it did or did not count. Scanning
// (`scan`) is not slowed by any of it. A test holds the trace's counted hits
// and scores to `scan`'s on the corpus, the devset and random text.

/// Why a hit did not count.
///
/// Each case names one step of scoring (see README
/// "Scoring" and "Contexts"): a new context or guard gets its own case.
public enum Suppression: Sendable, Hashable {
  /// It stands in a context the rule ignores: `list`, `slogan`, `plan` (the
  /// names of `HitContext.names`).
  case context(String)
  /// A `not-after` word ends right before it.
  case notAfter(String)
  /// A `not-before` word starts right after it.
  case notBefore(String)
  /// It lies inside a `not-inside` word.
  case notInside(String)
  /// A longer hit of the same rule overlaps it.
  case overlap
  /// The rule had already counted `cap` hits.
  case cap
  /// The term matched, but the rest of the expression did not (another
  /// term of `sentence`/`all`/`near` is missing, or `title` wants the
  /// headline).
  case incomplete
  /// A hit of a `not(…)` term: it excludes its sentence (or the article).
  case negated
  /// The rule's `if-lead` / `unless-lead` condition turns it off on this
  /// article (its headline and first sentence).
  case lead

  /// The reason as the text report prints it.
  public var description: String {
    switch self {
    case .context(let name): return name
    case .notAfter(let w): return "not-after \(w)"
    case .notBefore(let w): return "not-before \(w)"
    case .notInside(let w): return "not-inside \(w)"
    case .overlap: return "overlap"
    case .cap: return "cap"
    case .incomplete: return "incomplete"
    case .negated: return "not(…)"
    case .lead: return "lead condition"
    }
  }
}

/// One hit of one rule's keyword or regex, in the normalised text.
public struct TracedHit: Sendable, Equatable {
  public var rule: Int
  /// Byte range in the normalised document (`Explanation.text`).
  public var start: Int
  public var end: Int
  /// Nil when the hit counted (or is part of a counted hit).
  public var suppression: Suppression?
}

/// A rule that adds to a topic's score on the article.
public struct TracedRule: Sendable, Equatable {
  public var rule: Int
  public var count: Int
  public var score: Double
  /// The counted hits, each one or more spans of the normalised document.
  public var hits: [[Span]]
}

/// A topic's score on the article, as a sum.
public struct TopicTrace: Sendable {
  public var topic: Int
  public var score: Double
  public var tagged: Bool
  /// The rules that add to it, in rule-set order.
  public var rules: [TracedRule]
}

/// A rule that did not fire, and how close it came.
public struct NearRule: Sendable, Equatable {
  public var rule: Int
  public var reason: String
}

/// The trace of one article.
public struct Explanation: Sendable {
  /// The normalised document: title, `\n`, text.
  public var text: String
  /// Where the title ends in `text` (bytes, after its `\n`).
  public var titleEnd: Int
  /// Every hit of every touched rule, in text order.
  public var hits: [TracedHit]
  /// Every topic, in rule-set order.
  public var topics: [TopicTrace]
  /// Rules that did not fire but came close.
  public var nearRules: [NearRule]
}

extension ArticleScanner {
  /// Traces one article: the same scores as `scan`, and why each hit
  /// counted or not.
  public mutating func explain(title: String, text: String) -> Explanation {
    var t = title
    var x = text
    return t.withUTF8 { tp in x.withUTF8 { xp in explain(title: tp, text: xp) } }
  }

  /// `explain` of raw UTF-8.
  public mutating func explain(title: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Explanation {
    load(title: title, text: text)
    reset()
    collectHits()
    runRegexes()
    ensureSentences()
    let rs = rules
    let names = TermNames(rs)
    var traces = rs.topics.indices.map { TopicTrace(topic: $0, score: 0, tagged: false, rules: []) }
    var marks: [HitKey: Suppression?] = [:]
    var near: [NearRule] = []
    touched.list.sort()
    for r in touched.list {
      let rule = rs.rules[Int(r)]
      let counted = traceRule(Int(r), rule, names: names, marks: &marks)
      if let counted {
        traces[rule.topic].score += counted.score
        traces[rule.topic].rules.append(counted)
      } else if let why = nearMiss(rule, names: names) {
        near.append(NearRule(rule: Int(r), reason: why))
      }
    }
    for k in traces.indices { traces[k].tagged = traces[k].score >= rs.topics[k].threshold }
    let hits = marks.map { TracedHit(rule: $0.key.rule, start: $0.key.start, end: $0.key.end, suppression: $0.value) }
      .sorted { ($0.start, $0.end, $0.rule) < ($1.start, $1.end, $1.rule) }
    return Explanation(
      text: String(decoding: doc.bytes, as: UTF8.self), titleEnd: titleEnd, hits: hits, topics: traces,
      nearRules: near)
  }

  /// Scores one rule the plain way and marks each of its raw hits; returns
  /// its contribution when it fires.
  mutating func traceRule(
    _ r: Int, _ rule: CompiledRule, names: TermNames, marks: inout [HitKey: Suppression?]
  ) -> TracedRule? {
    // Every raw hit of every term, with the reason it is refused.
    var raw: [(Span, Suppression?)] = []
    if !leadAllows(rule) {
      ArticleScanner.forEachTerm(rule.expr, negated: false) { term, negated in
        if !negated { for s in rawSpans(term) { marks[HitKey(rule: r, start: Int(s.start), end: Int(s.end))] = .lead } }
      }
      return nil
    }
    ArticleScanner.forEachTerm(rule.expr, negated: false) { term, negated in
      for s in rawSpans(term) {
        let why = refusal(s, rule: rule, positive: isPositive(term), names: names)
        if negated {
          if why == nil { raw.append((s, .negated)) }
        } else {
          raw.append((s, why ?? .incomplete))
        }
      }
    }
    var hits = evaluate(rule.expr, rule: rule)
    let kept: [Int] = hits.count < 2 ? Array(hits.indices) : Overlap.kept(hits.map { $0[0] }).map { Int($0) }
    let keptSet = Set(kept)
    var rank: [HitKey: Suppression?] = [:]
    func mark(_ s: Span, _ why: Suppression?) {
      let key = HitKey(rule: r, start: Int(s.start), end: Int(s.end))
      if let old = rank[key], Explanation.priority(old) <= Explanation.priority(why) { return }
      rank[key] = why
    }
    for (s, why) in raw { mark(s, why) }
    for (k, h) in hits.enumerated() where !keptSet.contains(k) { mark(h[0], .overlap) }
    for (n, k) in kept.enumerated() {
      if n < rule.cap {
        for s in hits[k] { mark(s, nil) }
      } else {
        mark(hits[k][0], .cap)
      }
    }
    for (k, v) in rank { marks[k] = v }
    hits = kept.prefix(rule.cap).map { hits[$0] }
    if hits.isEmpty { return nil }
    return TracedRule(rule: r, count: hits.count, score: rule.weight * Double(hits.count), hits: hits)
  }

  /// Calls `body` with every keyword and regex term of `e`, and whether it
  /// stands under `not(…)`.
  static func forEachTerm(
    _ e: CompiledExpr, negated: Bool, _ body: (CompiledExpr, Bool) -> Void
  ) {
    switch e {
    case .leaf, .regex: body(e, negated)
    case .any(let xs), .all(let xs), .sentence(let xs):
      for x in xs { forEachTerm(x, negated: negated, body) }
    case .not(let x): forEachTerm(x, negated: true, body)
    case .title(let x), .lead(let x): forEachTerm(x, negated: negated, body)
    case .near(_, let a, let b):
      forEachTerm(a, negated: negated, body)
      forEachTerm(b, negated: negated, body)
    }
  }

  /// Whether contexts filter a keyword or regex term (its first-term flag).
  func isPositive(_ term: CompiledExpr) -> Bool {
    switch term {
    case .leaf(let l): return rules.leaves[Int(l)].positive
    case .regex(let r): return r >= 0 && rules.regexes[Int(r)].positive
    default: return false
    }
  }

  /// The raw hits of a keyword or regex term, before guards and contexts.
  mutating func rawSpans(_ term: CompiledExpr) -> [Span] {
    switch term {
    case .leaf(let l):
      var out: [Span] = []
      var n = chains.leafHead[Int(l)]
      while n >= 0 {
        out.append(chains.nodes[Int(n)].span)
        n = chains.nodes[Int(n)].next
      }
      return out.reversed()
    case .regex(let r):
      if r < 0 || !gates.open[Int(r)] { return [] }
      runRegex(r, onlyIn: nil)
      return gates.hits[Int(r)]
    default: return []
    }
  }

  /// Why `accept` refuses a hit, nil when it accepts it: the same checks
  /// in the same order, each naming itself.
  mutating func refusal(_ s: Span, rule: CompiledRule, positive: Bool, names: TermNames) -> Suppression? {
    let guardWords = names.guardWords
    let guardChain = chains
    let guardReason: Suppression? = doc.bytes.withUnsafeBufferPointer { p in
      for w in rule.notAfter where Int(s.start) >= w.count {
        if Sentences.starts(p, at: Int(s.start) - w.count, with: w) {
          return .notAfter(String(decoding: w, as: UTF8.self))
        }
      }
      for w in rule.notBefore where Sentences.starts(p, at: Int(s.end), with: w) {
        return .notBefore(String(decoding: w, as: UTF8.self))
      }
      for g in rule.guards {
        var n = guardChain.guardHead[Int(g)]
        while n >= 0 {
          let o = guardChain.nodes[Int(n)].span
          if o.start <= s.start && s.end <= o.end { return .notInside(guardWords[Int(g)]) }
          n = guardChain.nodes[Int(n)].next
        }
      }
      return nil
    }
    if let guardReason { return guardReason }
    if positive && !rule.ignored.isEmpty {
      for (name, c) in HitContext.names where rule.ignored.contains(c) {
        let hit = doc.bytes.withUnsafeBufferPointer {
          sentences.contexts.intersects(Int(s.start)..<Int(s.end), c, in: $0)
        }
        if hit { return .context(name) }
      }
    }
    return nil
  }
}

/// A hit of a rule, as a dictionary key.
struct HitKey: Hashable {
  var rule: Int
  var start: Int
  var end: Int
}

extension Explanation {
  /// Which mark a span keeps when several reach it: counting beats every
  /// suppression, and the later steps of scoring beat the earlier ones.
  static func priority(_ s: Suppression?) -> Int {
    switch s {
    case nil: return 0
    case .cap: return 1
    case .overlap: return 2
    case .negated: return 3
    case .incomplete: return 4
    case .context, .notAfter, .notBefore, .notInside: return 5
    case .lead: return 6
    }
  }
}
