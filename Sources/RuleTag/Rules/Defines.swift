// Named term classes: `define HELD = 举办 | 举行 | 开展`.
//
// A define gives a name to a set of alternative terms (keywords, quoted
// keywords, regexes and names defined before it). A rule uses the name
// wherever a term may stand (`sentence(培训班, HELD)`, `not(HELD)`,
// `+2 HELD`) and in the values of `not-before` / `not-after` /
// `not-inside` when the class holds only keywords.
//
// Scoping: a name is visible from the line after its `define` to the end
// of its file, and in a file that includes that file, from the `include`
// line on (transitively: what a file sees at its end, it passes on). An
// included file does not see the names of the file that includes it, so a
// shared file means the same wherever it is included. Names are capital
// ASCII (`[A-Z][A-Z0-9_]*`); a Latin keyword in capitals is written in
// lower case or in quotes, as matching ignores case anyway.
//
// Mistakes are reported when the file is read to its end, all at once: a
// name that no visible define has (RT017, with the nearest visible name),
// a name defined twice in one scope (RT018), a name used above its define
// (RT019), defines that go through each other (RT020), a bad name (RT021)
// or a malformed define line (RT022); a define no rule reaches is a
// warning (RT107).

/// The defines visible at one line of a rule file.
struct DefineScope {
  /// Every define read so far (the rule set's list).
  var defines: [DefineDecl] = []
  /// Visible name → index into `defines`.
  var visible: [String: Int] = [:]

  /// Whether `word` is written as a name: a capital ASCII letter, then
  /// capitals, digits and `_`.
  static func isName(_ word: String) -> Bool {
    var first = true
    for u in word.utf8 {
      let upper = u >= 0x41 && u <= 0x5A
      if first {
        guard upper else { return false }
        first = false
      } else if !(upper || (u >= 0x30 && u <= 0x39) || u == 0x5F) {
        return false
      }
    }
    return !first
  }
}

/// A name used where no visible define had it, kept until the file's end.
struct PendingName {
  var name: String
  var span: SourceSpan
  var lineText: String
  /// The define whose body uses it (for cycles), if any.
  var inDefine: Int?
}

extension RuleLineParser {
  /// A name used as a term: its terms when it is visible, else an empty
  /// alternative and an entry in `unresolved` (the rule is then dropped).
  mutating func name(_ t: LexToken) -> RuleExpr {
    guard let i = scope.visible[t.text] else {
      unresolved.append((t.text, span(t)))
      return .any([])
    }
    let d = scope.defines[i]
    referenced.append(i)
    return .named(TermClassUse(name: t.text, use: span(t), definition: d.span, definitionLine: d.lineText), d.body)
  }

  /// The keywords of a name used as an option value.
  mutating func keywords(of t: LexToken, option: String) throws -> [String] {
    guard case .named(_, let body) = name(t) else { return [] }
    var out: [String] = []
    func collect(_ e: RuleExpr) -> Bool {
      switch e {
      case .keyword(let k, _):
        out.append(k)
        return true
      case .any(let xs): return xs.allSatisfy(collect)
      case .named(_, let x): return collect(x)
      default: return false
      }
    }
    guard collect(body) else {
      throw fail(
        .badOptionValue(option, "takes keywords, and `\(t.text)` holds a regex", at: span(t), line: text))
    }
    return out
  }

  /// The terms after `=` in a define line (from `pos`).
  mutating func parseDefineBody() -> RuleExpr? {
    do {
      var items: [RuleExpr] = []
      while true {
        guard let t = peek else {
          throw fail(.badDefine("expected a term here", at: endSpan, line: text))
        }
        if t.kind == .word, pos + 1 < tokens.count, tokens[pos + 1].kind == .punct, tokens[pos + 1].text == "(" {
          throw fail(
            .badDefine("a define holds terms, not the function `\(t.text)(…)`", at: span(t), line: text))
        }
        if t.kind == .word, RuleOption(rawValue: t.text) != nil {
          throw fail(.badDefine("a define takes no options, found `\(t.text)`", at: span(t), line: text))
        }
        items.append(try parseTerm())
        guard let sep = peek else { break }
        if sep.kind == .word, RuleOption(rawValue: sep.text) != nil {
          throw fail(.badDefine("a define takes no options, found `\(sep.text)`", at: span(sep), line: text))
        }
        guard sep.kind == .punct, sep.text == "|" || sep.text == "," else {
          throw fail(
            .badDefine("expected `|` between the terms, found `\(sep.text)`", at: span(sep), line: text))
        }
        pos += 1
      }
      return items.count == 1 ? items[0] : .any(items)
    } catch {
      return nil
    }
  }
}

extension RuleParser {
  /// Reads a `define NAME = …` line into `set.defines` and the file's scope.
  mutating func parseDefine(_ toks: [LexToken], file: String, line lineNo: Int, text: String) {
    var lp = RuleLineParser(tokens: toks, file: file, line: lineNo, text: text, topic: nil)
    lp.scope = DefineScope(defines: set.defines, visible: scope)
    guard toks.count >= 2, !(toks[1].kind == .punct && toks[1].text == "=") else {
      let at = toks.count >= 2 ? lp.span(toks[1]) : lp.endSpan
      set.diagnostics.append(.badDefine("`define` needs a name before `=`", at: at, line: text))
      return
    }
    let nameTok = toks[1]
    let nameSpan = lp.span(nameTok)
    var good = true
    if !(nameTok.kind == .word && DefineScope.isName(nameTok.text)) {
      set.diagnostics.append(.badDefineName(nameTok.text, at: nameSpan, line: text))
      good = false
    }
    guard toks.count >= 3, toks[2].kind == .punct, toks[2].text == "=" else {
      let at = toks.count >= 3 ? lp.span(toks[2]) : lp.endSpan
      set.diagnostics.append(.badDefine("expected `=` after the name", at: at, line: text))
      return
    }
    lp.pos = 3
    guard let body = lp.parseDefineBody() else {
      set.diagnostics.append(contentsOf: lp.diagnostics)
      return
    }
    if let old = scope[nameTok.text] {
      let o = set.defines[old]
      set.diagnostics.append(
        .duplicateDefine(
          nameTok.text, at: nameSpan, line: text,
          first: .init(message: "first defined here", span: o.span, lineText: o.lineText)))
      good = false
    }
    let index = set.defines.count
    for u in lp.unresolved {
      pending.append(PendingName(name: u.name, span: u.span, lineText: text, inDefine: good ? index : nil))
    }
    guard good else { return }
    var refs = lp.referenced.map { set.defines[$0].name }
    var resolved: [Int?] = lp.referenced.map { $0 }
    refs += lp.unresolved.map(\.name)
    resolved += lp.unresolved.map { _ in nil }
    set.defines.append(
      DefineDecl(name: nameTok.text, body: body, span: nameSpan, lineText: text, refs: refs, resolved: resolved))
    scope[nameTok.text] = index
  }

  /// Adds the names an included file passes on to the current scope.
  mutating func importNames(_ names: [String: Int], at span: SourceSpan, line: String) {
    for (name, i) in names.sorted(by: { $0.key < $1.key }) {
      if let old = scope[name] {
        if old == i { continue }
        let o = set.defines[old]
        set.diagnostics.append(
          .duplicateDefine(
            name, at: span, line: line, first: .init(message: "first defined here", span: o.span, lineText: o.lineText)
          ))
        continue
      }
      scope[name] = i
    }
  }

  /// At the end of a file, what each name used without a visible define is:
  /// defined further down (RT019, or RT020 when the define below goes back
  /// through the define that used it) or nowhere in the file (RT017).
  mutating func resolvePending() {
    var cycles: Set<Set<String>> = []
    for p in pending {
      guard let target = scope[p.name] else {
        let suggestion = EditDistance.nearest(p.name, in: scope.keys.sorted())
        // A define of that name in a file this one does not see.
        let elsewhere = suggestion == nil ? set.defines.first { $0.name == p.name } : nil
        set.diagnostics.append(
          .undefinedName(
            p.name, suggestion: suggestion, at: p.span, line: p.lineText,
            elsewhere: elsewhere.map {
              .init(message: "defined here, in a file this one does not include", span: $0.span, lineText: $0.lineText)
            }))
        continue
      }
      // Used, if too early: RT107 would only repeat this diagnostic.
      usedDefines.insert(target)
      if let from = p.inDefine, let path = cyclePath(from: target, to: from) {
        // One report per cycle, at its first forward reference.
        guard cycles.insert(Set(path)).inserted else { continue }
        set.diagnostics.append(
          .defineCycle([set.defines[from].name] + path, at: p.span, line: p.lineText))
        continue
      }
      let d = set.defines[target]
      set.diagnostics.append(
        .defineAfterUse(
          p.name, at: p.span, line: p.lineText,
          definition: .init(message: "defined here", span: d.span, lineText: d.lineText)))
    }
    pending = []
  }

  /// The names from define `a` through the references of the bodies
  /// (resolved in the file's final scope where the body had none) back to
  /// define `b`, or nil when `a` does not lead to `b`.
  func cyclePath(from a: Int, to b: Int) -> [String]? {
    var seen: Set<Int> = []
    func walk(_ d: Int) -> [String]? {
      if d == b { return [set.defines[d].name] }
      guard seen.insert(d).inserted else { return nil }
      let decl = set.defines[d]
      for (k, r) in decl.refs.enumerated() {
        guard let next = decl.resolved[k] ?? scope[r] else { continue }
        if let rest = walk(next) { return [decl.name] + rest }
      }
      return nil
    }
    return walk(a)
  }

  /// RT107 for every define that no parsed rule reaches, directly or
  /// through other defines.
  mutating func reportUnusedDefines() {
    var reached = Set<Int>()
    var stack = Array(usedDefines)
    while let d = stack.popLast() {
      guard reached.insert(d).inserted else { continue }
      for case let r? in set.defines[d].resolved { stack.append(r) }
    }
    for (i, d) in set.defines.enumerated() where !reached.contains(i) {
      set.diagnostics.append(.unusedDefine(d.name, at: d.span, line: d.lineText))
    }
  }
}
