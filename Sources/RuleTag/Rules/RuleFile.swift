// The syntax tree of rule files, with source spans.
//
// A rule file is line-oriented:
//
//     # comment
//     include common.rules                 (a file or a folder of *.rules)
//     topic new-employment "新就业形态劳动者" threshold 4 ignore-in list|slogan
//       +4  新就业形态, 新业态劳动者, 网约配送员
//       +2  骑手  not-before 之家  not-after 交警  cap 2
//       +3  /(外卖|快递)(员|骑手)/
//       +3  sentence(工会 | 总工会, 骑手 | 快递员)
//       +2  near(10, 驿站, 外卖|快递)
//       -3  招聘会
//     define HELD = 举办 | 举行 | 开展    (a named term class, used as HELD)
//
// A rule line is a signed weight, an expression, then options. See
// README.md for the full language.

/// One term of a rule expression.
public indirect enum RuleExpr: Equatable, Sendable {
  /// A literal keyword, already normalised.
  case keyword(String, SourceSpan)
  /// A regular expression (ICU syntax) run on normalised text.
  case regex(String, SourceSpan)
  /// Any of the terms.
  case any([RuleExpr])
  /// All of the terms, anywhere in the article.
  case all([RuleExpr])
  /// None of the term's hits (only inside `all` and `sentence`).
  case not(RuleExpr, SourceSpan)
  /// All terms in one sentence.
  case sentence([RuleExpr])
  /// Two terms within `distance` characters of each other.
  case near(Int, RuleExpr, RuleExpr)
  /// The term in the headline.
  case title(RuleExpr)
  /// The term in the lead: the headline or the first sentence of the text.
  case lead(RuleExpr)
  /// A named term class (`define HELD = 举办|举行`) where a rule uses it,
  /// with the terms it stands for.
  case named(TermClassUse, RuleExpr)
}

/// Where a rule uses a `define`d name, and where that name is defined.
public struct TermClassUse: Equatable, Sendable {
  public var name: String
  /// The name as written in the rule.
  public var use: SourceSpan
  /// The name in its `define` line, and that line.
  public var definition: SourceSpan
  public var definitionLine: String
}

/// One `define NAME = term | term …` line.
public struct DefineDecl: Equatable, Sendable {
  public var name: String
  /// The terms, as one alternative.
  public var body: RuleExpr
  /// The name in the define line.
  public var span: SourceSpan
  public var lineText: String
  /// The names the body refers to, and the define each resolved to
  /// (nil: not visible at that point).
  var refs: [String] = []
  var resolved: [Int?] = []
}

/// The functions a rule expression can call.
public enum RuleFunction: String, CaseIterable, Sendable {
  case all, any, not, sentence, near, title, lead
  public static var allNames: [String] { allCases.map(\.rawValue) }
}

/// The options that can follow a rule's expression.
public enum RuleOption: String, CaseIterable, Sendable {
  case cap
  case notBefore = "not-before"
  case notAfter = "not-after"
  case notInside = "not-inside"
  case countsIn = "counts-in"
  case ignoreIn = "ignore-in"
  case ifLead = "if-lead"
  case unlessLead = "unless-lead"

  public static var allNames: [String] { allCases.map(\.rawValue) }

  /// How the option is written.
  public var usage: String {
    switch self {
    case .cap: return "write `cap N`: the rule adds its weight at most N times (default 1)"
    case .notBefore: return "write `not-before 之家|驿站`: a hit followed by one of these does not count"
    case .notAfter: return "write `not-after 总|交警`: a hit preceded by one of these does not count"
    case .notInside: return "write `not-inside 红色驿站`: a hit inside one of these longer words does not count"
    case .countsIn:
      return
        "write `counts-in list|plan|eligibility`: hits there count (by default lists, slogans, eligibility, purposes and background do not)"
    case .ifLead:
      return "write `if-lead 通知|公告`: the rule counts only where the headline or the first sentence holds one of these"
    case .unlessLead:
      return
        "write `unless-lead 招聘|报名`: the rule does not count where the headline or the first sentence holds one of these"
    case .ignoreIn:
      return
        "write `ignore-in plan|delivered`: hits there do not count (contexts: list, slogan, plan, eligibility, purpose, background, delivered)"
    }
  }
}

/// One rule line.
public struct RuleDecl: Equatable, Sendable {
  public var weight: Double
  public var expr: RuleExpr
  /// How many hits add the weight (default 1).
  public var cap: Int = 1
  public var notBefore: [String] = []
  public var notAfter: [String] = []
  public var notInside: [String] = []
  /// The rule counts only on articles whose lead holds one of these
  /// (when any), and not on those whose lead holds one of `unlessLead`
  /// (the topic's words included).
  public var ifLead: [String] = []
  public var unlessLead: [String] = []
  /// Contexts whose hits are dropped (after the topic default and options).
  public var ignored: HitContext
  /// The whole line, for evidence and diagnostics.
  public var span: SourceSpan
  public var lineText: String
}

/// One topic block.
public struct TopicDecl: Equatable, Sendable {
  public var id: String
  public var name: String
  public var threshold: Double
  /// Contexts ignored by default for this topic's rules.
  public var ignored: HitContext
  /// Lead conditions for every rule of the topic (`if-lead`, `unless-lead`).
  public var ifLead: [String] = []
  public var unlessLead: [String] = []
  public var span: SourceSpan
  public var lineText: String
  public var rules: [RuleDecl] = []
}

/// Everything parsed from a set of rule files.
public struct RuleSet: Sendable {
  public var topics: [TopicDecl] = []
  /// Every `define` read, in reading order.
  public var defines: [DefineDecl] = []
  public var diagnostics: [Diagnostic] = []
  public var files: [String] = []

  public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
  public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}
