// Exclusions that never block a hit (RT204-RT207), found by ablation.
//
// For every rule with guards or `not(…)` terms, the probe rule set holds
// the rule as written and, for each guard alternative and each `not(…)`
// term, a variant without it; every copy has its cap lifted, so its
// counted hits are all the hits that survive. One scan of the corpus with
// the probe set scores every copy at once. An exclusion blocks a hit when
// its variant's counted hits differ from the rule's in some article.

enum LintProbes {
  /// What a probe rule is a copy of.
  enum Removed: Equatable {
    case none
    case guardWord(RuleOption, index: Int)
    case notTerm(index: Int)
  }

  struct Probe {
    var rule: Int
    var removed: Removed
  }

  /// A cap no corpus article reaches: every surviving hit counts.
  static let liftedCap = 1 << 20

  static func unusedExclusions(_ decls: LintRules, corpus: TuningCorpus) -> [Diagnostic] {
    var probes: [Probe] = []
    var probeRules: [RuleDecl] = []
    for (g, r) in decls.rules.enumerated() {
      let nots = notSpans(r.expr)
      if r.notBefore.isEmpty && r.notAfter.isEmpty && r.notInside.isEmpty && nots.isEmpty { continue }
      var base = r
      base.cap = liftedCap
      probes.append(Probe(rule: g, removed: .none))
      probeRules.append(base)
      for (option, values) in [(RuleOption.notBefore, r.notBefore), (.notAfter, r.notAfter), (.notInside, r.notInside)]
      {
        for i in values.indices {
          var v = base
          var rest = values
          rest.remove(at: i)
          switch option {
          case .notBefore: v.notBefore = rest
          case .notAfter: v.notAfter = rest
          default: v.notInside = rest
          }
          probes.append(Probe(rule: g, removed: .guardWord(option, index: i)))
          probeRules.append(v)
        }
      }
      for i in nots.indices {
        var v = base
        var k = 0
        v.expr = removingNot(r.expr, index: i, counter: &k) ?? r.expr
        probes.append(Probe(rule: g, removed: .notTerm(index: i)))
        probeRules.append(v)
      }
    }
    if probes.isEmpty { return [] }
    let span = SourceSpan(file: "<lint probes>", line: 1, column: 1, length: 0)
    var set = RuleSet()
    set.topics = [
      TopicDecl(
        id: "probes", name: "probes", threshold: .infinity, ignored: [], span: span, lineText: "", rules: probeRules)
    ]
    guard case .success(let compiled) = CompiledRules.compile(set) else { return [] }
    // blocks[p]: the probe's hits differed from its rule's in some article.
    var blocks = [Bool](repeating: false, count: probes.count)
    for s in corpus.scanned(with: compiled) {
      var hits = [[[EvidenceSpan]]](repeating: [], count: probes.count)
      for f in s.result.fired[0] { hits[f.rule] = f.hits }
      var base = 0
      for p in probes.indices {
        if probes[p].removed == .none {
          base = p
        } else if hits[p] != hits[base] {
          blocks[p] = true
        }
      }
    }
    var out: [Diagnostic] = []
    for (p, probe) in probes.enumerated() where !blocks[p] {
      let r = decls.rules[probe.rule]
      switch probe.removed {
      case .none: continue
      case .guardWord(let option, let i):
        let values =
          option == .notBefore ? r.notBefore : option == .notAfter ? r.notAfter : r.notInside
        let (at, className) = optionValueSpan(r, option, value: values[i])
        out.append(.unusedGuard(option, value: values[i], className: className, at: at, line: r.lineText))
      case .notTerm(let i):
        out.append(.unusedNotTerm(at: notSpans(r.expr)[i], line: r.lineText))
      }
    }
    return out
  }

  /// The spans of the `not(…)` terms of `e`, in source order.
  static func notSpans(_ e: RuleExpr) -> [SourceSpan] {
    switch e {
    case .keyword, .regex: return []
    case .not(let x, let s): return [s] + notSpans(x)
    case .any(let xs), .all(let xs), .sentence(let xs): return xs.flatMap { notSpans($0) }
    case .near(_, let a, let b): return notSpans(a) + notSpans(b)
    case .title(let x), .lead(let x), .named(_, let x): return notSpans(x)
    }
  }

  /// `e` without its `index`-th `not(…)` term (in `notSpans` order);
  /// nil for the term itself, which its `all` or `sentence` then drops.
  static func removingNot(_ e: RuleExpr, index: Int, counter k: inout Int) -> RuleExpr? {
    switch e {
    case .keyword, .regex: return e
    case .not(let x, let s):
      if k == index {
        k += 1
        return nil
      }
      k += 1
      return .not(removingNot(x, index: index, counter: &k) ?? x, s)
    case .any(let xs): return .any(xs.compactMap { removingNot($0, index: index, counter: &k) })
    case .all(let xs): return .all(xs.compactMap { removingNot($0, index: index, counter: &k) })
    case .sentence(let xs): return .sentence(xs.compactMap { removingNot($0, index: index, counter: &k) })
    case .near(let d, let a, let b):
      let a2 = removingNot(a, index: index, counter: &k) ?? a
      return .near(d, a2, removingNot(b, index: index, counter: &k) ?? b)
    case .title(let x): return .title(removingNot(x, index: index, counter: &k) ?? x)
    case .lead(let x): return .lead(removingNot(x, index: index, counter: &k) ?? x)
    case .named(let u, let x): return .named(u, removingNot(x, index: index, counter: &k) ?? x)
    }
  }

  /// Where the rule's line writes `value` of `option`: the value itself,
  /// or, for a word a `define` class brought in, the class's name (then
  /// also returned), or the whole rule when neither is found.
  static func optionValueSpan(_ r: RuleDecl, _ option: RuleOption, value: String) -> (SourceSpan, String?) {
    guard case .success(let tokens) = Lexer.tokens(r.lineText) else { return (r.span, nil) }
    var firstClass: (SourceSpan, String)? = nil
    var i = 0
    while i < tokens.count {
      let t = tokens[i]
      i += 1
      guard t.kind == .word, t.text == option.rawValue else { continue }
      while i < tokens.count, tokens[i].kind == .word || tokens[i].kind == .string {
        let v = tokens[i]
        let span = SourceSpan(file: r.span.file, line: r.span.line, column: v.column, length: v.length)
        if v.kind == .word && DefineScope.isName(v.text) {
          if firstClass == nil { firstClass = (span, v.text) }
        } else if Normalizer.normalizedString(v.text) == value {
          return (span, nil)
        }
        i += 1
        guard i < tokens.count, tokens[i].kind == .punct, tokens[i].text == "|" else { break }
        i += 1
      }
    }
    if let (span, name) = firstClass { return (span, name) }
    return (r.span, nil)
  }

}
