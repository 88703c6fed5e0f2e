// A rule set compiled for scanning: one automaton over every literal.
//
// Compiling turns each keyword occurrence in a rule into a *leaf*, each
// `not-inside` word into a *guard* and each regex into a *gated regex*,
// and puts every distinct literal (keywords, guard words, regex atoms) into
// one `AhoCorasick`. A pattern can serve several leaves (the same keyword
// in two rules): `uses` maps a pattern to all of them. The result is
// immutable and `Sendable`; scanners on many threads share it.

import Foundation

/// A compiled expression; leaves and regexes are indexes into the tables.
public indirect enum CompiledExpr: Sendable {
  case leaf(Int32)
  case regex(Int32)
  case any([CompiledExpr])
  case all([CompiledExpr])
  case not(CompiledExpr)
  case sentence([CompiledExpr])
  case near(Int, CompiledExpr, CompiledExpr)
  case title(CompiledExpr)
  case lead(CompiledExpr)
}

/// One keyword as used by one rule.
public struct Leaf: Sendable {
  public var rule: Int32
  public var length: Int32
  /// The keyword starts (ends) with a word character: the hit must not be
  /// preceded (followed) by one.
  public var wordStart: Bool
  public var wordEnd: Bool
  /// False under `not(…)` and in the second and later terms of
  /// `all`/`sentence`/`near`: contexts do not filter it.
  public var positive: Bool
}

/// A regex of a rule, run when one of its atoms occurred.
public struct GatedRegex: Sendable {
  // NSRegularExpression is immutable, thread-safe for matching and Sendable.
  public var regex: NSRegularExpression
  /// The same pattern on bytes, when it is in `ByteRegex`'s subset.
  public var engine: ByteRegex?
  public var source: String
  public var rule: Int32
  /// No atoms: runs on every article.
  public var alwaysRun: Bool
  /// Number of atom sets (`LiteralAtoms.groups`); the regex runs on a
  /// sentence only when it holds an atom of each.
  public var groupCount: Int
  public var positive: Bool
}

/// One compiled rule.
///
/// A class, so that the scanner passes it around by
/// reference: copying a struct of this many arrays and strings cost a
/// dozen reference-count operations per rule per article.
public final class CompiledRule: Sendable {
  public let topic: Int
  public let weight: Double
  public let cap: Int
  public let expr: CompiledExpr
  public let notBefore: [[UInt8]]
  public let notAfter: [[UInt8]]
  /// Guard ids of `not-inside` words.
  public let guards: [Int32]
  /// Guard ids of `if-lead` and `unless-lead` words (topic's and rule's).
  public let ifLead: [Int32]
  public let unlessLead: [Int32]
  public let ignored: HitContext
  /// The rule's shape, for the scanner's fast paths.
  public let shape: RuleShape
  /// Where the rule is written, as `file:line`.
  public let location: String
  public let lineText: String

  init(
    topic: Int, weight: Double, cap: Int, expr: CompiledExpr, notBefore: [[UInt8]], notAfter: [[UInt8]],
    guards: [Int32], ifLead: [Int32] = [], unlessLead: [Int32] = [], ignored: HitContext, shape: RuleShape,
    location: String, lineText: String
  ) {
    self.topic = topic
    self.weight = weight
    self.cap = cap
    self.expr = expr
    self.notBefore = notBefore
    self.notAfter = notAfter
    self.guards = guards
    self.ifLead = ifLead
    self.unlessLead = unlessLead
    self.ignored = ignored
    self.shape = shape
    self.location = location
    self.lineText = lineText
  }
}

/// What the scanner needs to know about a rule's expression to score it
/// lazily.
///
/// Terms are lists of leaf `l` as `l` and regex `r` as `-(r + 1)`.
public enum RuleShape: Sendable, Equatable {
  /// A plain list of keywords and regexes (most rules).
  case flat([Int32])
  /// `title(…)` of a plain list.
  case title([Int32])
  /// `lead(…)` of a plain list.
  case lead([Int32])
  /// `sentence(…)` whose terms are all plain lists; the first positive
  /// term is the anchor.
  case sentence(terms: [[Int32]], nots: [[Int32]])
  /// `near(distance, …, …)` of two plain lists.
  case near(distance: Int, a: [Int32], b: [Int32])
  /// Anything else (`all`, nested functions).
  case tree
}

public struct CompiledTopic: Sendable {
  public var id: String
  public var name: String
  public var threshold: Double
  public var rules: Range<Int>
}

/// What one occurrence of a pattern means.
public enum PatternUse: Sendable {
  case leaf(Int32)
  /// An atom of regex `r`, in its atom set `group`.
  case atom(Int32, group: UInt8)
  case guardWord(Int32)
}

/// Everything the scanner needs for a hit of a pattern whose only use is
/// a leaf without word-boundary checks (most patterns), in one 16-byte
/// record: one cache line instead of three arrays per hit.
struct SimpleUse: Sendable {
  /// The leaf, or -1 when the pattern needs the general path (`uses`).
  var leaf: Int32
  var length: Int32
  var rule: Int32
  /// Number of the pattern's uses (for reserving hit-chain space).
  var useCount: Int32
}

/// A rule set ready to scan articles.
public final class CompiledRules: Sendable {
  public let topics: [CompiledTopic]
  public let rules: [CompiledRule]
  public let leaves: [Leaf]
  public let regexes: [GatedRegex]
  public let automaton: AhoCorasick
  public let patterns: [String]
  /// Pattern p's uses are `uses[useStart[p]..<useStart[p+1]]`.
  let useStart: [Int32]
  let uses: [PatternUse]
  /// Per pattern, its use when it is a plain leaf (see `SimpleUse`).
  let simple: [SimpleUse]
  /// Regexes that run on every article.
  let alwaysRegexes: [Int32]
  public let guardCount: Int
  /// Warnings found while compiling (slow regexes).
  public let diagnostics: [Diagnostic]

  /// Compiles a parsed rule set.
  ///
  /// Fails with the set's errors (or regex
  /// errors) when there are any.
  public static func compile(_ set: RuleSet) -> Result<CompiledRules, CompileFailure> {
    var b = Builder()
    for t in set.topics { b.add(topic: t) }
    let all = set.diagnostics + b.diagnostics
    if all.contains(where: \.isError) { return .failure(CompileFailure(diagnostics: all)) }
    return .success(CompiledRules(b, diagnostics: b.diagnostics))
  }

  /// Loads and compiles the rules at `path`.
  public static func load(path: String, directory: String? = nil) -> Result<CompiledRules, CompileFailure> {
    compile(RuleParser.load(path: path, directory: directory))
  }

  init(_ b: Builder, diagnostics: [Diagnostic]) {
    topics = b.topics
    rules = b.rules
    leaves = b.leaves
    regexes = b.regexes
    patterns = b.patterns
    automaton = AhoCorasick(patterns: b.patterns.map { Array($0.utf8) })
    var start: [Int32] = [0]
    var flat: [PatternUse] = []
    for u in b.patternUses {
      flat.append(contentsOf: u)
      start.append(Int32(flat.count))
    }
    useStart = start
    uses = flat
    simple = b.patternUses.map { u in
      if u.count == 1, case .leaf(let l) = u[0], !b.leaves[Int(l)].wordStart, !b.leaves[Int(l)].wordEnd {
        return SimpleUse(leaf: l, length: b.leaves[Int(l)].length, rule: b.leaves[Int(l)].rule, useCount: 1)
      }
      return SimpleUse(leaf: -1, length: 0, rule: 0, useCount: Int32(u.count))
    }
    alwaysRegexes = b.regexes.indices.filter { b.regexes[$0].alwaysRun }.map { Int32($0) }
    guardCount = b.guardCount
    self.diagnostics = diagnostics
  }

  /// Index of the topic with `id`.
  public func topicIndex(_ id: String) -> Int? { topics.firstIndex { $0.id == id } }

  struct Builder {
    var topics: [CompiledTopic] = []
    var rules: [CompiledRule] = []
    var leaves: [Leaf] = []
    var regexes: [GatedRegex] = []
    var patterns: [String] = []
    var patternIndex: [String: Int] = [:]
    var patternUses: [[PatternUse]] = []
    var guardCount = 0
    var diagnostics: [Diagnostic] = []

    /// Records a diagnostic once: a regex of a `define` is compiled for
    /// every rule that uses the name.
    mutating func note(_ d: Diagnostic) {
      if !diagnostics.contains(d) { diagnostics.append(d) }
    }

    mutating func pattern(_ s: String) -> Int {
      if let p = patternIndex[s] { return p }
      patternIndex[s] = patterns.count
      patterns.append(s)
      patternUses.append([])
      return patterns.count - 1
    }

    mutating func add(topic t: TopicDecl) {
      let first = rules.count
      for r in t.rules {
        let ruleIndex = Int32(rules.count)
        let guards = r.notInside.map { guardWord($0) }
        let ifLead = r.ifLead.map { guardWord($0) }
        let unlessLead = r.unlessLead.map { guardWord($0) }
        let expr = compile(r.expr, rule: ruleIndex, positive: true, line: r.lineText)
        rules.append(
          CompiledRule(
            topic: topics.count, weight: r.weight, cap: r.cap, expr: expr,
            notBefore: r.notBefore.map { Array($0.utf8) }, notAfter: r.notAfter.map { Array($0.utf8) },
            guards: guards, ifLead: ifLead, unlessLead: unlessLead, ignored: r.ignored, shape: Builder.shape(expr),
            location: r.span.fileLine,
            lineText: r.lineText))
      }
      topics.append(CompiledTopic(id: t.id, name: t.name, threshold: t.threshold, rules: first..<rules.count))
    }

    /// A new guard id for `w`: its every occurrence is collected.
    mutating func guardWord(_ w: String) -> Int32 {
      let g = Int32(guardCount)
      guardCount += 1
      patternUses[pattern(w)].append(.guardWord(g))
      return g
    }

    static func shape(_ e: CompiledExpr) -> RuleShape {
      if let t = flatTerms(e) { return .flat(t) }
      switch e {
      case .title(let x):
        if let t = flatTerms(x) { return .title(t) }
      case .lead(let x):
        if let t = flatTerms(x) { return .lead(t) }
      case .sentence(let xs):
        var terms: [[Int32]] = []
        var nots: [[Int32]] = []
        for x in xs {
          if case .not(let inner) = x {
            guard let t = flatTerms(inner) else { return .tree }
            nots.append(t)
          } else {
            guard let t = flatTerms(x) else { return .tree }
            terms.append(t)
          }
        }
        if !terms.isEmpty { return .sentence(terms: terms, nots: nots) }
      case .near(let d, let a, let b):
        if let ta = flatTerms(a), let tb = flatTerms(b) { return .near(distance: d, a: ta, b: tb) }
      default: break
      }
      return .tree
    }

    static func flatTerms(_ e: CompiledExpr) -> [Int32]? {
      switch e {
      case .leaf(let l): return [l]
      case .regex(let r): return r < 0 ? [] : [-(r + 1)]
      case .any(let xs):
        var out: [Int32] = []
        for x in xs {
          guard let t = flatTerms(x) else { return nil }
          out += t
        }
        return out
      default: return nil
      }
    }

    mutating func firstPositive(_ xs: [RuleExpr], rule: Int32, positive: Bool, line: String) -> [CompiledExpr] {
      var first = true
      return xs.map { x in
        if case .not = x { return compile(x, rule: rule, positive: false, line: line) }
        defer { first = false }
        return compile(x, rule: rule, positive: positive && first, line: line)
      }
    }

    mutating func compile(_ e: RuleExpr, rule: Int32, positive: Bool, line: String) -> CompiledExpr {
      switch e {
      case .keyword(let k, _):
        let id = Int32(leaves.count)
        let scalars = Array(k.unicodeScalars)
        leaves.append(
          Leaf(
            rule: rule, length: Int32(k.utf8.count), wordStart: CharClass.of(scalars.first!.value) == .word,
            wordEnd: CharClass.of(scalars.last!.value) == .word, positive: positive))
        patternUses[pattern(k)].append(.leaf(id))
        return .leaf(id)
      case .regex(let source, let span):
        let folded = LiteralAtoms.foldLiterals(source)
        let id = Int32(regexes.count)
        let re: NSRegularExpression
        do {
          re = try NSRegularExpression(pattern: folded, options: [.caseInsensitive])
        } catch {
          note(.badRegex(LiteralAtoms.describe(error), at: span, line: line))
          return .regex(-1)
        }
        let engine = ByteRegex.compile(folded)
        let groups = engine?.atoms ?? []
        if groups.isEmpty { note(.slowRegex(at: span, line: line)) }
        if engine == nil { note(.icuRegex(at: span, line: line)) }
        regexes.append(
          GatedRegex(
            regex: re, engine: engine, source: source, rule: rule, alwaysRun: groups.isEmpty, groupCount: groups.count,
            positive: positive))
        for (g, atoms) in groups.enumerated() {
          for a in atoms { patternUses[pattern(a)].append(.atom(id, group: UInt8(g))) }
        }
        return .regex(id)
      case .any(let xs): return .any(xs.map { compile($0, rule: rule, positive: positive, line: line) })
      // In all/sentence/near, contexts filter the first term only: the
      // others say what happens to it (`sentence(运动会, 举办|举行)`), and a
      // verb in a list clause still reports.
      case .all(let xs): return .all(firstPositive(xs, rule: rule, positive: positive, line: line))
      case .sentence(let xs): return .sentence(firstPositive(xs, rule: rule, positive: positive, line: line))
      case .not(let x, _): return .not(compile(x, rule: rule, positive: false, line: line))
      case .near(let n, let a, let b):
        return .near(
          n, compile(a, rule: rule, positive: positive, line: line), compile(b, rule: rule, positive: false, line: line)
        )
      case .title(let x): return .title(compile(x, rule: rule, positive: positive, line: line))
      case .lead(let x): return .lead(compile(x, rule: rule, positive: positive, line: line))
      // A name's terms, as if written out; their diagnostics quote the define line.
      case .named(let use, let x): return compile(x, rule: rule, positive: positive, line: use.definitionLine)
      }
    }
  }
}

/// Why a rule set did not compile.
public struct CompileFailure: Error, Sendable {
  public var diagnostics: [Diagnostic]
}

extension LiteralAtoms {
  /// Folds non-ASCII literal characters of a regex the way the normaliser
  /// folds text (traditional → simplified, full-width → ASCII).
  static func foldLiterals(_ source: String) -> String {
    var out = String.UnicodeScalarView()
    for s in source.unicodeScalars {
      if s.isASCII {
        out.append(s)
      } else if let f = Normalizer.fold(s.value), let u = Unicode.Scalar(f) {
        out.append(u)
      }
    }
    return String(out)
  }

  static func describe(_ error: Error) -> String {
    let ns = error as NSError
    if let d = ns.userInfo["NSInvalidValue"] as? String { return "cannot parse `\(d)`" }
    return "the pattern does not compile"
  }
}
