// Parses one rule line: `WEIGHT EXPRESSION OPTIONS…`.
//
//   expression := term (("," | "|") term)*
//   term       := keyword | "quoted keyword" | /regex/ | NAME | call
//   call       := name "(" arg ("," arg)* ")"      name: all any not sentence near title lead
//   arg        := term ("|" term)*                 (near's first arg is a number)
//   options    := ("cap" N | "not-before" V | "not-after" V | "not-inside" V
//                 | "counts-in" C | "ignore-in" C | "if-lead" V | "unless-lead" V)*
//   V          := (word | NAME) ("|" (word | NAME))*
//   NAME       := [A-Z][A-Z0-9_]*                  a `define` visible at this line

struct RuleLineParser {
  let tokens: [LexToken]
  let file: String
  let line: Int
  let text: String
  let topic: TopicDecl?
  var pos = 0
  var diagnostics: [Diagnostic] = []
  /// The `define`d names visible at this line.
  var scope = DefineScope()
  /// Defines this line uses (indexes into `scope.defines`).
  var referenced: [Int] = []
  /// Names used on this line that no visible `define` has: the file's end
  /// decides whether each is undefined, defined too late or a cycle.
  var unresolved: [(name: String, span: SourceSpan)] = []

  init(tokens: [LexToken], file: String, line: Int, text: String, topic: TopicDecl?) {
    self.tokens = tokens
    self.file = file
    self.line = line
    self.text = text
    self.topic = topic
  }

  struct Failed: Error {}

  var peek: LexToken? { pos < tokens.count ? tokens[pos] : nil }

  func span(_ t: LexToken) -> SourceSpan {
    SourceSpan(file: file, line: line, column: t.column, length: t.length)
  }

  /// The span just past the end of the line (for "expected … here").
  var endSpan: SourceSpan {
    SourceSpan(file: file, line: line, column: text.unicodeScalars.count + 1, length: 1)
  }

  mutating func fail(_ d: Diagnostic) -> Failed {
    diagnostics.append(d)
    return Failed()
  }

  mutating func parseRule() -> RuleDecl? {
    do {
      let w = tokens[0]
      guard let weight = Double(w.text.hasPrefix("+") ? String(w.text.dropFirst()) : w.text), weight.isFinite,
        weight != 0
      else {
        throw fail(.badWeight(w.text, at: span(w), line: text))
      }
      pos = 1
      guard peek != nil else {
        throw fail(
          .syntax(
            "rule has a weight but no keywords", at: endSpan, line: text,
            hint: "write keywords after the weight: `+3 外卖小哥, 快递员`"))
      }
      let expr = try parseList(topLevel: true)
      let misplaced = Self.misplacedNots(expr)
      if !misplaced.isEmpty {
        for s in misplaced { diagnostics.append(.misplacedNot(at: s, line: text)) }
        throw Failed()
      }
      var rule = RuleDecl(
        weight: weight, expr: expr, ifLead: topic?.ifLead ?? [], unlessLead: topic?.unlessLead ?? [],
        ignored: topic?.ignored ?? HitContext.ignoredByDefault,
        span: SourceSpan(file: file, line: line, column: w.column, length: w.length), lineText: text)
      try parseOptions(into: &rule)
      return unresolved.isEmpty ? rule : nil
    } catch {
      return nil
    }
  }

  /// Alternatives separated by `,` or `|` (top level) or by `|` (inside a call).
  mutating func parseList(topLevel: Bool) throws -> RuleExpr {
    var items = [try parseTerm()]
    while let t = peek, t.kind == .punct, t.text == "|" || (topLevel && t.text == ",") {
      pos += 1
      guard peek != nil else {
        throw fail(
          .syntax(
            "expected a keyword after `\(t.text)`", at: endSpan, line: text, hint: "remove the trailing `\(t.text)`"))
      }
      items.append(try parseTerm())
    }
    return items.count == 1 ? items[0] : .any(items)
  }

  mutating func parseTerm() throws -> RuleExpr {
    guard let t = peek else {
      throw fail(.syntax("expected a keyword", at: endSpan, line: text))
    }
    switch t.kind {
    case .string:
      pos += 1
      return try keyword(t)
    case .regex:
      pos += 1
      if t.text.isEmpty {
        throw fail(.badRegex("empty pattern", at: span(t), line: text))
      }
      return .regex(t.text, span(t))
    case .punct:
      throw fail(
        .syntax(
          "expected a keyword, /regex/ or function, found `\(t.text)`", at: span(t), line: text,
          hint: t.text == "," ? "remove the extra `,`" : nil))
    case .word:
      pos += 1
      if let next = peek, next.kind == .punct, next.text == "(" {
        guard let f = RuleFunction(rawValue: t.text) else {
          throw fail(
            .unknownFunction(
              t.text, suggestion: EditDistance.nearest(t.text, in: RuleFunction.allNames), at: span(t), line: text))
        }
        pos += 1
        return try parseCall(f, name: t)
      }
      if DefineScope.isName(t.text) { return name(t) }
      if RuleOption(rawValue: t.text) != nil {
        throw fail(
          .syntax(
            "expected a keyword, found the option `\(t.text)`", at: span(t), line: text,
            hint: "options come after the keywords"))
      }
      return try keyword(t)
    }
  }

  mutating func keyword(_ t: LexToken) throws -> RuleExpr {
    let normalized = Normalizer.normalizedString(t.text)
    if normalized.isEmpty {
      throw fail(.badKeyword(t.text, reason: "is empty", at: span(t), line: text))
    }
    for s in normalized.unicodeScalars where CharClass.of(s.value) == .other && s != " " {
      throw fail(.badKeyword(t.text, reason: "contains `\(s)`", at: span(t), line: text))
    }
    return .keyword(normalized, span(t))
  }

  mutating func parseCall(_ f: RuleFunction, name: LexToken) throws -> RuleExpr {
    var args: [RuleExpr] = []
    var distance: Int? = nil
    if f == .near {
      guard let n = peek, n.kind == .word, let v = Int(n.text), v >= 0 else {
        throw fail(
          .badArguments(
            "`near` needs a distance first", at: peek.map(span) ?? endSpan, line: text,
            hint: "write `near(10, 驿站, 骑手)`: the two terms within 10 characters"))
      }
      distance = v
      pos += 1
      try expect(",")
    }
    while true {
      guard peek != nil else {
        throw fail(.syntax("missing `)`", at: endSpan, line: text, hint: "close `\(f.rawValue)(` with `)`"))
      }
      let arg = try parseList(topLevel: false)
      args.append(arg)
      guard let t = peek else {
        throw fail(.syntax("missing `)`", at: endSpan, line: text, hint: "close `\(f.rawValue)(` with `)`"))
      }
      if t.kind == .punct && t.text == "," {
        pos += 1
        continue
      }
      if t.kind == .punct && t.text == ")" {
        pos += 1
        break
      }
      throw fail(.syntax("expected `,` or `)`, found `\(t.text)`", at: span(t), line: text))
    }
    let callSpan = SourceSpan(
      file: file, line: line, column: name.column, length: (tokens[pos - 1].column + 1) - name.column)
    switch f {
    case .any:
      return args.count == 1 ? args[0] : .any(args)
    case .all, .sentence:
      let positives = args.filter { if case .not = $0 { return false } else { return true } }
      guard args.count >= 2, !positives.isEmpty else {
        throw fail(
          .badArguments(
            "`\(f.rawValue)` needs at least two terms, one of them not negated", at: callSpan, line: text,
            hint: "write `\(f.rawValue)(工会, 骑手|快递员)`"))
      }
      return f == .all ? .all(args) : .sentence(args)
    case .not:
      guard args.count == 1 else {
        throw fail(.badArguments("`not` takes one term", at: callSpan, line: text, hint: "write `not(快递|驿站)`"))
      }
      return .not(args[0], callSpan)
    case .title:
      guard args.count == 1 else {
        throw fail(.badArguments("`title` takes one term", at: callSpan, line: text, hint: "write `title(疗休养)`"))
      }
      return .title(args[0])
    case .lead:
      guard args.count == 1 else {
        throw fail(.badArguments("`lead` takes one term", at: callSpan, line: text, hint: "write `lead(通知|公告)`"))
      }
      return .lead(args[0])
    case .near:
      guard args.count == 2 else {
        throw fail(
          .badArguments(
            "`near` takes a distance and two terms", at: callSpan, line: text, hint: "write `near(10, 驿站, 骑手)`"))
      }
      return .near(distance ?? 0, args[0], args[1])
    }
  }

  /// The `not(…)` terms that do not stand directly as an argument of `all`
  /// or `sentence`.
  ///
  /// Anywhere else (the whole rule, an alternative, `near`,
  /// `title`, another `not`) a `not` would hit where its term is present and
  /// mean the opposite of what it says, so each is an error.
  static func misplacedNots(_ e: RuleExpr, asArgument: Bool = false) -> [SourceSpan] {
    switch e {
    case .not(let inner, let s):
      return (asArgument ? [] : [s]) + misplacedNots(inner)
    case .all(let xs), .sentence(let xs):
      return xs.flatMap { misplacedNots($0, asArgument: true) }
    case .any(let xs):
      return xs.flatMap { misplacedNots($0) }
    case .near(_, let a, let b):
      return misplacedNots(a) + misplacedNots(b)
    case .title(let x), .lead(let x):
      return misplacedNots(x)
    case .keyword, .regex, .named:
      return []
    }
  }

  mutating func expect(_ p: String) throws {
    guard let t = peek, t.kind == .punct, t.text == p else {
      throw fail(.syntax("expected `\(p)`", at: peek.map(span) ?? endSpan, line: text))
    }
    pos += 1
  }

  mutating func parseOptions(into rule: inout RuleDecl) throws {
    while let t = peek {
      guard t.kind == .word else {
        throw fail(
          .syntax(
            "unexpected `\(t.text)` after the keywords", at: span(t), line: text,
            hint: t.kind == .punct ? nil : "separate keywords with `,`"))
      }
      guard let o = RuleOption(rawValue: t.text) else {
        // A second keyword without a comma, or a misspelt option.
        let suggestion = EditDistance.nearest(t.text, in: RuleOption.allNames)
        if suggestion == nil && !t.text.unicodeScalars.allSatisfy({ $0.isASCII }) {
          throw fail(
            .syntax(
              "unexpected `\(t.text)` after the keywords", at: span(t), line: text,
              hint: "separate keywords with `,`"))
        }
        throw fail(.unknownOption(t.text, suggestion: suggestion, at: span(t), line: text))
      }
      pos += 1
      switch o {
      case .cap:
        guard let v = peek, let n = Int(v.text), n >= 1 else {
          throw fail(.badOptionValue("cap", "needs a whole number ≥ 1", at: peek.map(span) ?? endSpan, line: text))
        }
        rule.cap = n
        pos += 1
      case .notBefore, .notAfter, .notInside:
        let values = try parseValues(option: o.rawValue)
        if o == .notBefore { rule.notBefore += values }
        if o == .notAfter { rule.notAfter += values }
        if o == .notInside { rule.notInside += values }
      case .ifLead: rule.ifLead += try parseValues(option: o.rawValue)
      case .unlessLead: rule.unlessLead += try parseValues(option: o.rawValue)
      case .countsIn:
        guard let c = parseContexts(option: o.rawValue) else { throw Failed() }
        rule.ignored.subtract(c)
      case .ignoreIn:
        guard let c = parseContexts(option: o.rawValue) else { throw Failed() }
        rule.ignored.formUnion(c)
      }
    }
  }

  /// `word ("|" word)*`, each normalised.
  mutating func parseValues(option: String) throws -> [String] {
    var out: [String] = []
    while true {
      guard let v = peek, v.kind == .word || v.kind == .string else {
        throw fail(.badOptionValue(option, "needs a value", at: peek.map(span) ?? endSpan, line: text))
      }
      if v.kind == .word && DefineScope.isName(v.text) {
        out += try keywords(of: v, option: option)
        pos += 1
        if let bar = peek, bar.kind == .punct, bar.text == "|" {
          pos += 1
          continue
        }
        return out
      }
      let n = Normalizer.normalizedString(v.text)
      if n.isEmpty { throw fail(.badOptionValue(option, "has an empty value", at: span(v), line: text)) }
      out.append(n)
      pos += 1
      if let bar = peek, bar.kind == .punct, bar.text == "|" {
        pos += 1
        continue
      }
      return out
    }
  }

  /// Context names separated by `|` (`list|slogan|plan`).
  mutating func parseContexts(option: String) -> HitContext? {
    var result: HitContext = []
    while true {
      guard let v = peek, v.kind == .word, let c = HitContext.names.first(where: { $0.0 == v.text }) else {
        let names = HitContext.names.map(\.0)
        let near = peek.flatMap { $0.kind == .word ? EditDistance.nearest($0.text, in: names) : nil }
        let message =
          near.map { "takes a context name: `\(peek!.text)` is not one; did you mean `\($0)`?" }
          ?? "takes a context name: \(names.dropLast().joined(separator: ", ")) or \(names.last!)"
        diagnostics.append(.badOptionValue(option, message, at: peek.map(span) ?? endSpan, line: text))
        return nil
      }
      result.insert(c.1)
      pos += 1
      if let bar = peek, bar.kind == .punct, bar.text == "|" {
        pos += 1
        continue
      }
      return result
    }
  }
}
