// Near misses of `explain`: rules that did not fire but came close, with
// what was missing: a `sentence(…)` or `all(…)` with every term but one, a
// `not(…)` that excluded the only sentence, a `near(…)` whose terms stand
// too far apart, a `title(…)` whose terms occur only in the text, or hits
// that every one were suppressed.

extension ArticleScanner {
  /// How close a rule that did not fire came, or nil when it was not close.
  mutating func nearMiss(_ rule: CompiledRule, names: TermNames) -> String? {
    switch rule.expr {
    case .sentence(let xs):
      if let why = nearSentence(xs, rule: rule, names: names) { return why }
    case .all(let xs):
      var missing: [String] = []
      var blocking: [String] = []
      for x in xs {
        if case .not(let inner) = x {
          if !evaluate(inner, rule: rule).isEmpty { blocking.append(names.short(inner)) }
        } else if evaluate(x, rule: rule).isEmpty {
          missing.append(names.short(x))
        }
      }
      if missing.count == 1 && xs.count > 1 { return "every term but `\(missing[0])` occurs" }
      if missing.isEmpty && !blocking.isEmpty { return "every term occurs, but `not(\(blocking[0]))` too" }
    case .near(let distance, let a, let b):
      let ha = evaluate(a, rule: rule)
      let hb = evaluate(b, rule: rule)
      if !ha.isEmpty && !hb.isEmpty {
        var best = Int.max
        doc.bytes.withUnsafeBufferPointer { p in
          for x in ha { for y in hb { best = min(best, ArticleScanner.gap(x[0], y[0], p)) } }
        }
        return "`\(names.short(a))` and `\(names.short(b))` are \(best) characters apart at the nearest;"
          + " near allows \(distance)"
      }
    case .title(let x):
      if !evaluate(x, rule: rule).isEmpty { return "`\(names.short(x))` occurs in the text, not in the headline" }
    case .lead(let x):
      if !evaluate(x, rule: rule).isEmpty {
        return "`\(names.short(x))` occurs, but not in the headline or the first sentence"
      }
    default:
      break
    }
    return allSuppressed(rule, names: names)
  }

  /// `sentence(…)`: the sentence that holds the most terms.
  mutating func nearSentence(_ xs: [CompiledExpr], rule: CompiledRule, names: TermNames) -> String? {
    let positives = xs.filter {
      if case .not = $0 { return false }
      return true
    }
    if positives.count < 2 { return nil }
    var present: [Int: [Bool]] = [:]
    var example: [Int: Span] = [:]
    for (k, x) in positives.enumerated() {
      for h in evaluate(x, rule: rule) {
        let sn = sentenceOf(h[0])
        present[sn, default: [Bool](repeating: false, count: positives.count)][k] = true
        if example[sn] == nil { example[sn] = h[0] }
      }
    }
    var excluded = Set<Int>()
    for x in xs {
      guard case .not(let inner) = x else { continue }
      for h in evaluate(inner, rule: rule) { excluded.insert(sentenceOf(h[0])) }
    }
    // The sentence with the most terms (the first of equals).
    guard
      let (sn, terms) = present.sorted(by: { $0.key < $1.key }).max(by: {
        $0.value.filter { $0 }.count < $1.value.filter { $0 }.count
          || ($0.value.filter { $0 }.count == $1.value.filter { $0 }.count && $0.key > $1.key)
      })
    else { return nil }
    let quoted = quote(example[sn]!)
    let missing = positives.indices.filter { !terms[$0] }
    if missing.isEmpty && excluded.contains(sn) {
      return "every term in one sentence, but a `not(…)` term excludes it: \(quoted)"
    }
    if missing.count == 1 {
      return "one sentence has every term but `\(names.short(positives[missing[0]]))`: \(quoted)"
    }
    return nil
  }

  /// A rule whose terms hit but whose every hit was suppressed: how many,
  /// and why.
  mutating func allSuppressed(_ rule: CompiledRule, names: TermNames) -> String? {
    var reasons: [Suppression: Int] = [:]
    var order: [Suppression] = []
    var total = 0
    ArticleScanner.forEachTerm(rule.expr, negated: false) { term, negated in
      if negated { return }
      for s in rawSpans(term) {
        total += 1
        if let why = refusal(s, rule: rule, positive: isPositive(term), names: names) {
          if reasons[why] == nil { order.append(why) }
          reasons[why, default: 0] += 1
        }
      }
    }
    let refused = reasons.values.reduce(0, +)
    guard total > 0, refused == total else { return nil }
    let list = order.map { "\($0.description) ×\(reasons[$0]!)" }.joined(separator: ", ")
    return "\(counted(total, "hit")), every one suppressed: \(list)"
  }

  /// The sentence around `s`, cut to 40 columns, in quotes.
  mutating func quote(_ s: Span) -> String {
    ensureSentences()
    let ends = sentences.ends
    let range = doc.bytes.withUnsafeBufferPointer {
      Sentences.sentence(around: Int(s.start)..<Int(s.end), in: $0, ends: ends)
    }
    let text = String(decoding: doc.bytes[range.lowerBound..<max(range.lowerBound, range.upperBound)], as: UTF8.self)
    return "«" + DisplayWidth.truncate(text.replacingOccurrences(of: "\n", with: " "), to: 40) + "»"
  }
}

/// How the trace names the terms of rules: keywords (as normalised),
/// regexes, functions, guard words.
struct TermNames {
  let leafText: [String]
  let regexText: [String]
  let guardWords: [String]

  init(_ rs: CompiledRules) {
    var leaves = [String](repeating: "", count: rs.leaves.count)
    var guards = [String](repeating: "", count: rs.guardCount)
    for p in rs.patterns.indices {
      for u in rs.uses[Int(rs.useStart[p])..<Int(rs.useStart[p + 1])] {
        switch u {
        case .leaf(let l): leaves[Int(l)] = rs.patterns[p]
        case .guardWord(let g): guards[Int(g)] = rs.patterns[p]
        case .atom: break
        }
      }
    }
    leafText = leaves
    regexText = rs.regexes.map { "/\($0.source)/" }
    guardWords = guards
  }

  /// `describe`, cut to 40 columns.
  func short(_ e: CompiledExpr) -> String { DisplayWidth.truncate(describe(e), to: 40) }

  /// An expression as the rule language writes it (keywords normalised).
  func describe(_ e: CompiledExpr) -> String {
    switch e {
    case .leaf(let l): return leafText[Int(l)]
    case .regex(let r): return r >= 0 ? regexText[Int(r)] : "/…/"
    case .any(let xs): return xs.map(describe).joined(separator: "|")
    case .all(let xs): return "all(" + xs.map(describe).joined(separator: ", ") + ")"
    case .sentence(let xs): return "sentence(" + xs.map(describe).joined(separator: ", ") + ")"
    case .not(let x): return "not(" + describe(x) + ")"
    case .near(let d, let a, let b): return "near(\(d), \(describe(a)), \(describe(b)))"
    case .title(let x): return "title(" + describe(x) + ")"
    case .lead(let x): return "lead(" + describe(x) + ")"
    }
  }
}
