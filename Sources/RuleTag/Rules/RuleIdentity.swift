// A rule's stable identity, and rule locations that do not depend on the
// path the rules were reached by.
//
// A rule is known by its topic and what it says, not by the line it is
// on: `new-employment/3f9a1c2e`, where the hex digits are the FNV-1a hash
// (32 bits) of the topic id and the rule's canonical text. The canonical
// text is the expression as the matcher sees it (keywords normalised, the
// alternatives of a list sorted and counted once, `,` and `|` alike,
// quotes, spaces and comments gone) followed by the options (`cap`, the
// guard words sorted, the contexts the rule itself ignores or counts
// beyond its topic's default). The weight is left out, so a reweighted
// rule keeps its identity; any other edit of the text gives a new one.
// Moving a line, adding comments above it, or reaching the same folder by
// another path changes nothing.
//
// `id NAME` names a rule explicitly (`new-employment/NAME`), and the name
// then stays when the text changes. Two rules of one topic with the same
// canonical text get the same hash; the second is `…/3f9a1c2e-2`, the
// third `-3`, in the order the files are read.

import Foundation

public enum RuleIdentity {
  /// The FNV-1a hash (32 bits) of the UTF-8 bytes of `s`.
  public static func fnv1a(_ s: String) -> UInt32 { FNV1a.hash32(s.utf8) }

  /// The identity a rule with `canonical` text gets in `topic` when it has
  /// no explicit name (before duplicates are numbered).
  public static func derived(topic: String, canonical: String) -> String {
    topic + "/" + FNV1a.hex(fnv1a(topic + "\n" + canonical))
  }

  /// The canonical text of a rule of a topic whose rules ignore
  /// `topicIgnored` by default.
  public static func canonicalText(_ r: RuleDecl, topicIgnored: HitContext) -> String {
    var s = expression(r.expr)
    s += " cap \(r.cap)"
    for (name, words) in [
      ("not-before", r.notBefore), ("not-after", r.notAfter), ("not-inside", r.notInside),
      ("if-lead", r.ifLead), ("unless-lead", r.unlessLead),
    ]
    where !words.isEmpty {
      s += " \(name) " + Set(words).sorted().map(quoted).joined(separator: "|")
    }
    let ignores = HitContext.names.filter { r.ignored.contains($0.1) && !topicIgnored.contains($0.1) }
    let counts = HitContext.names.filter { !r.ignored.contains($0.1) && topicIgnored.contains($0.1) }
    if !ignores.isEmpty { s += " ignore-in " + ignores.map(\.0).joined(separator: "|") }
    if !counts.isEmpty { s += " counts-in " + counts.map(\.0).joined(separator: "|") }
    return s
  }

  /// An expression in canonical form.
  static func expression(_ e: RuleExpr) -> String {
    switch e {
    case .keyword(let k, _): return quoted(k)
    case .regex(let r, _): return "/" + r.replacingOccurrences(of: "/", with: "\\/") + "/"
    case .any(let xs): return "any(" + Set(xs.map(expression)).sorted().joined(separator: "|") + ")"
    case .all(let xs): return "all(" + xs.map(expression).joined(separator: ", ") + ")"
    case .sentence(let xs): return "sentence(" + xs.map(expression).joined(separator: ", ") + ")"
    case .not(let x, _): return "not(" + expression(x) + ")"
    case .near(let n, let a, let b): return "near(\(n), " + expression(a) + ", " + expression(b) + ")"
    case .title(let x): return "title(" + expression(x) + ")"
    case .lead(let x): return "lead(" + expression(x) + ")"
    // A class is its terms: editing a `define` changes the rules that use it.
    case .named(_, let x): return expression(x)
    }
  }

  static func quoted(_ k: String) -> String {
    "\"" + k.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// Whether `name` can follow `id`: ASCII letters, digits, `-`, `_` and
  /// `.`, starting with a letter, and not shaped like a derived identity
  /// (eight hex digits, maybe numbered).
  public static func isValidName(_ name: String) -> Bool {
    func letter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    func allowed(_ c: Unicode.Scalar) -> Bool {
      letter(c) || ("0"..."9").contains(c) || "-_.".unicodeScalars.contains(c)
    }
    guard let first = name.unicodeScalars.first, letter(first), name.unicodeScalars.allSatisfy(allowed) else {
      return false
    }
    let head = name.split(separator: "-", maxSplits: 1).first.map(String.init) ?? name
    let looksDerived = head.count == 8 && head.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
    return !looksDerived
  }

  /// The name evidence uses for the rules path `path`: the last component
  /// of the folder or file it reaches (symbolic links followed), so
  /// `Rules`, `./Rules` and `/home/x/project/Rules` are all `Rules`.
  public static func rootName(_ path: String, directory: String?) -> String {
    let url = URL(fileURLWithPath: FilePaths.resolve(path, in: directory)).resolvingSymlinksInPath()
      .standardizedFileURL
    let name = url.lastPathComponent
    return name.isEmpty || name == "/" ? path : name
  }

  /// How evidence names the rule at `span`: `file:line` with the rules
  /// path as given replaced by its root name (`rootName`).
  public static func location(_ span: SourceSpan, root: (path: String, name: String)?) -> String {
    guard let root else { return span.fileLine }
    var r = root.path
    while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
    let file = span.file
    guard file == r || file.hasPrefix(r + "/") else { return span.fileLine }
    return root.name + file.dropFirst(r.count) + ":\(span.line)"
  }
}

extension RuleParser {
  /// Gives every rule its identity, and reports a name given to two rules
  /// of one topic.
  mutating func assignIdentities() {
    for t in set.topics.indices {
      var used: [String: Int] = [:]
      var named: [String: RuleDecl] = [:]
      let topic = set.topics[t]
      for r in topic.rules.indices {
        let rule = topic.rules[r]
        if let n = rule.explicitID {
          if let first = named[n.name] {
            set.diagnostics.append(
              .duplicateRuleID(
                n.name, topic: topic.id, at: n.span, line: rule.lineText,
                first: .init(message: "first used here", span: first.explicitID!.span, lineText: first.lineText)))
          } else {
            named[n.name] = rule
          }
          set.topics[t].rules[r].identity = topic.id + "/" + n.name
          continue
        }
        let base = RuleIdentity.derived(
          topic: topic.id, canonical: RuleIdentity.canonicalText(rule, topicIgnored: topic.ignored))
        let k = used[base, default: 0] + 1
        used[base] = k
        set.topics[t].rules[r].identity = k == 1 ? base : base + "-\(k)"
      }
    }
  }
}

extension RuleLineParser {
  /// The name after `id`, checked (`RuleIdentity.isValidName`).
  mutating func parseRuleName(after option: LexToken, previous: RuleName?) throws -> RuleName {
    if previous != nil {
      throw fail(
        .badRuleID("a rule takes one `id`", at: span(option), line: text, hint: "remove one of the `id` options"))
    }
    guard let v = peek, v.kind == .word else {
      throw fail(
        .badRuleID("`id` needs a name", at: peek.map(span) ?? endSpan, line: text, hint: RuleOption.id.usage))
    }
    guard RuleIdentity.isValidName(v.text) else {
      throw fail(
        .badRuleID(
          "`\(v.text)` is not a rule name", at: span(v), line: text,
          hint:
            "a name starts with a letter and holds ASCII letters, digits, `-`, `_` and `.`; eight hex digits are reserved for derived identities"
        ))
    }
    pos += 1
    return RuleName(name: v.text, span: span(v))
  }
}

extension Diagnostic {
  public static func duplicateRuleID(_ name: String, topic: String, at span: SourceSpan, line: String, first: Note)
    -> Diagnostic
  {
    error(
      "RT030", "duplicate-rule-id", "rule id `\(name)` is used twice in topic `\(topic)`", at: span, line: line,
      hint: "give each rule of a topic its own id", note: first)
  }

  public static func badRuleID(_ message: String, at span: SourceSpan, line: String, hint: String) -> Diagnostic {
    error("RT031", "bad-rule-id", message, at: span, line: line, hint: hint)
  }
}
