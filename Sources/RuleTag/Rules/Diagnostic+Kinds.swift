// The catalogue of diagnostics. Each constructor is one stable code.
//
// Errors (the rule set does not compile):
//   RT001 syntax            RT002 rule-outside-topic   RT003 bad-weight
//   RT004 bad-regex         RT005 unknown-option       RT006 unknown-function
//   RT007 bad-arguments     RT008 include-not-found    RT009 bad-keyword
//   RT010 duplicate-topic   RT011 bad-topic-header     RT012 misplaced-not
//   RT013 include-cycle     RT014 bad-option-value     RT015 no-rules
//   RT016 no-topics         RT017 undefined-name       RT018 duplicate-define
//   RT019 define-after-use  RT020 define-cycle         RT021 bad-define-name
//   RT022 bad-define
// Warnings (it compiles, but probably not as meant):
//   RT101 duplicate-keyword RT102 slow-regex           RT103 unknown-topic
//   RT104 empty-topic       RT105 unreachable-threshold RT106 icu-regex
//   RT107 unused-define

extension Diagnostic {
  static func error(
    _ code: String, _ name: String, _ message: String, at span: SourceSpan, line: String, hint: String? = nil,
    note: Note? = nil
  ) -> Diagnostic {
    Diagnostic(
      severity: .error, code: code, name: name, message: message, span: span, lineText: line, hint: hint, note: note)
  }

  static func warning(
    _ code: String, _ name: String, _ message: String, at span: SourceSpan, line: String, hint: String? = nil,
    note: Note? = nil
  ) -> Diagnostic {
    Diagnostic(
      severity: .warning, code: code, name: name, message: message, span: span, lineText: line, hint: hint,
      note: note)
  }

  public static func syntax(_ message: String, at span: SourceSpan, line: String, hint: String? = nil) -> Diagnostic {
    error("RT001", "syntax", message, at: span, line: line, hint: hint)
  }

  public static func ruleOutsideTopic(at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT002", "rule-outside-topic", "rule before any `topic` line", at: span, line: line,
      hint: "start the file with a line such as `topic legal-aid \"法律服务与维权\" threshold 3`")
  }

  public static func badWeight(_ text: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT003", "bad-weight", "`\(text)` is not a weight", at: span, line: line,
      hint: "a weight is a signed number such as +3, -2 or +1.5")
  }

  public static func badRegex(_ reason: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT004", "bad-regex", "invalid regular expression: \(reason)", at: span, line: line,
      hint: "regexes use ICU syntax (NSRegularExpression); escape `/` inside as `\\/`")
  }

  public static func unknownOption(_ name: String, suggestion: String?, at span: SourceSpan, line: String)
    -> Diagnostic
  {
    error(
      "RT005", "unknown-option", "unknown option `\(name)`", at: span, line: line,
      hint: suggestion.map { "did you mean `\($0)`?" }
        ?? "options are: \(RuleOption.allNames.joined(separator: ", "))")
  }

  public static func unknownFunction(_ name: String, suggestion: String?, at span: SourceSpan, line: String)
    -> Diagnostic
  {
    error(
      "RT006", "unknown-function", "unknown function `\(name)`", at: span, line: line,
      hint: suggestion.map { "did you mean `\($0)`?" }
        ?? "functions are: \(RuleFunction.allNames.joined(separator: ", "))")
  }

  public static func badArguments(_ message: String, at span: SourceSpan, line: String, hint: String) -> Diagnostic {
    error("RT007", "bad-arguments", message, at: span, line: line, hint: hint)
  }

  public static func includeNotFound(_ path: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT008", "include-not-found", "cannot read `\(path)`", at: span, line: line,
      hint: "paths are relative to the including file; a folder includes its *.rules files")
  }

  public static func badKeyword(_ keyword: String, reason: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT009", "bad-keyword", "keyword `\(keyword)` \(reason)", at: span, line: line,
      hint: "keywords hold Han characters, letters and digits; use a /regex/ for anything else")
  }

  public static func duplicateTopic(_ id: String, at span: SourceSpan, line: String, first: Note) -> Diagnostic {
    error(
      "RT010", "duplicate-topic", "topic `\(id)` is defined twice", at: span, line: line,
      hint: "add the rules to the first definition, or rename one topic", note: first)
  }

  public static func badTopicHeader(_ message: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT011", "bad-topic-header", message, at: span, line: line,
      hint: "write `topic <id> \"<display name>\" threshold <number>`")
  }

  public static func misplacedNot(at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT012", "misplaced-not", "`not(…)` can only stand inside `all(…)` or `sentence(…)`", at: span, line: line,
      hint: "write e.g. `sentence(驿站, not(快递))`; to lower a score use a negative weight")
  }

  public static func includeCycle(_ path: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT013", "include-cycle", "`\(path)` includes itself", at: span, line: line,
      hint: "remove one of the includes")
  }

  public static func badOptionValue(_ option: String, _ message: String, at span: SourceSpan, line: String)
    -> Diagnostic
  {
    error(
      "RT014", "bad-option-value", "option `\(option)` \(message)", at: span, line: line,
      hint: RuleOption(rawValue: option)?.usage)
  }

  public static func noRules(_ path: String) -> Diagnostic {
    error(
      "RT015", "no-rules", "no rule files at `\(path)`", at: SourceSpan(file: path, line: 1, column: 1, length: 0),
      line: "", hint: "pass a *.rules file or a folder holding some with --rules")
  }

  public static func noTopics(_ file: String) -> Diagnostic {
    error(
      "RT016", "no-topics", "the rules define no topic", at: SourceSpan(file: file, line: 1, column: 1, length: 0),
      line: "", hint: "start a topic with `topic <id> \"<display name>\" threshold <number>`")
  }

  public static func duplicateKeyword(_ keyword: String, topic: String, at span: SourceSpan, line: String, first: Note)
    -> Diagnostic
  {
    warning(
      "RT101", "duplicate-keyword", "duplicate keyword `\(keyword)` in topic `\(topic)`", at: span, line: line,
      hint: "merge the two entries or remove one", note: first)
  }

  public static func slowRegex(at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT102", "slow-regex", "regex has no literal of two or more bytes that every match must contain",
      at: span, line: line,
      hint: "it will run on every article; add a literal such as /工会.{0,5}成立/ so the automaton can gate it")
  }

  public static func unknownTopic(_ id: String, suggestion: String?, at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT103", "unknown-topic", "topic id `\(id)` is not a known topic (Rules/README.md lists them)", at: span,
      line: line,
      hint: suggestion.map { "did you mean `\($0)`?" } ?? "known ids: \(Topics.ids.joined(separator: ", "))")
  }

  public static func emptyTopic(_ id: String, at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT104", "empty-topic", "topic `\(id)` has no rules", at: span, line: line,
      hint: "add rules below the topic line, or remove it")
  }

  public static func unreachableThreshold(
    _ id: String, max: String, threshold: String, at span: SourceSpan, line: String
  )
    -> Diagnostic
  {
    warning(
      "RT105", "unreachable-threshold",
      "topic `\(id)` can score at most \(max), below its threshold \(threshold)", at: span, line: line,
      hint: "lower the threshold or raise a weight or cap")
  }

  public static func icuRegex(at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT106", "icu-regex", "regex needs ICU: it uses syntax the byte engine does not run",
      at: span, line: line,
      hint:
        "anchors, \\b, \\w, \\p{…} and back-references run through NSRegularExpression, which backtracks; an article it takes too long on is reported as an error"
    )
  }

  public static func undefinedName(
    _ name: String, suggestion: String?, at span: SourceSpan, line: String, elsewhere: Note? = nil
  ) -> Diagnostic {
    let hint: String
    if let suggestion {
      hint = "did you mean `\(suggestion)`?"
    } else if elsewhere != nil {
      hint =
        "a file sees the names defined in it and in the files it includes, not those of a file that includes it: include the file of the `define` here"
    } else {
      hint =
        "a word in capitals names a `define` of this file or of a file it includes; write a Latin keyword in lower case (`\(name.lowercased())`) or in quotes (`\"\(name)\"`)"
    }
    return error(
      "RT017", "undefined-name", "no `define \(name)` is visible here", at: span, line: line, hint: hint,
      note: elsewhere)
  }

  public static func duplicateDefine(_ name: String, at span: SourceSpan, line: String, first: Note) -> Diagnostic {
    error(
      "RT018", "duplicate-define", "`\(name)` is already defined", at: span, line: line,
      hint: "merge the two term lists into one `define`, or rename one", note: first)
  }

  public static func defineAfterUse(_ name: String, at span: SourceSpan, line: String, definition: Note)
    -> Diagnostic
  {
    error(
      "RT019", "define-after-use", "`\(name)` is used before its `define`", at: span, line: line,
      hint:
        "a name is visible from the line after its `define`: move the `define` (or the `include` that brings it) up",
      note: definition)
  }

  public static func defineCycle(_ path: [String], at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT020", "define-cycle",
      "`\(path[0])` is defined through itself: \(path.map { "`\($0)`" }.joined(separator: " → "))", at: span,
      line: line, hint: "a `define` may use only names defined before it; write the terms out in one of them")
  }

  public static func badDefineName(_ name: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT021", "bad-define-name", "`\(name)` cannot name a term class", at: span, line: line,
      hint: "a name is capital ASCII letters, digits and `_`, starting with a letter: `define HELD = 举办|举行`")
  }

  public static func badDefine(_ message: String, at span: SourceSpan, line: String) -> Diagnostic {
    error(
      "RT022", "bad-define", message, at: span, line: line,
      hint: "write `define NAME = 举办 | 举行 | /开(幕|赛)/`: keywords, regexes and earlier names, with no options")
  }

  public static func unusedDefine(_ name: String, at span: SourceSpan, line: String) -> Diagnostic {
    warning(
      "RT107", "unused-define", "`\(name)` is defined but no rule uses it", at: span, line: line,
      hint: "use it in a rule, or remove the `define`")
  }
}
