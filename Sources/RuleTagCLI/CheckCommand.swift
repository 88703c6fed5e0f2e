// `ruletag check`: every diagnostic of every rule file, like a compiler.

import RuleTag

enum CheckCommand {
  static let spec = CommandSpec(
    name: "check", summary: "Check rule files and print every error and warning.",
    positional: "",
    flags: [
      FlagSpec(
        name: "rules", value: "path", help: "rule file or folder (default: $RULETAG_RULES, ./Rules, built-in)"
      ),
      FlagSpec(name: "format", value: "long|short|json", help: "diagnostic format (default: long)"),
      FlagSpec(name: "strict", value: nil, help: "exit non-zero on warnings too"),
    ],
    example: "ruletag check --rules Rules/\nruletag check --rules my.rules --format short")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    let path = f.value("rules") ?? f.positional.first
    let format = f.value("format") ?? "long"
    guard ["long", "short", "json"].contains(format) else {
      io.error("error: unknown format `\(format)`; choose from: long, short, json\n")
      return ExitCode.usage
    }
    guard let (set, source) = RulesLocator.ruleSet(path, io: io) else { return ExitCode.usage }
    let from = source == .embedded ? " (\(source.name))" : ""
    var diagnostics = set.diagnostics
    var topics = 0
    var rules = 0
    var patterns = 0
    var states = 0
    switch CompiledRules.compile(set) {
    case .success(let c):
      diagnostics = (diagnostics + c.diagnostics).sorted {
        ($0.span.file, $0.span.line, $0.span.column) < ($1.span.file, $1.span.line, $1.span.column)
      }
      topics = c.topics.count
      rules = c.rules.count
      patterns = c.automaton.patternCount
      states = c.automaton.stateCount
    case .failure(let f):
      diagnostics = f.diagnostics.sorted {
        ($0.span.file, $0.span.line, $0.span.column) < ($1.span.file, $1.span.line, $1.span.column)
      }
    }
    let errors = diagnostics.filter(\.isError).count
    let warnings = diagnostics.count - errors
    switch format {
    case "json":
      io.write("[" + diagnostics.map { $0.json() }.joined(separator: ",\n ") + "]\n")
    case "short":
      for d in diagnostics { io.write(d.oneLine() + "\n") }
    default:
      for d in diagnostics { io.write(d.rendered() + "\n") }
    }
    if errors == 0 {
      io.error(
        "checked \(counted(set.files.count, "file"))\(from): \(counted(topics, "topic")), \(counted(rules, "rule")), \(counted(patterns, "literal")) in one automaton of \(counted(states, "state")); \(counted(warnings, "warning"))\n"
      )
    } else {
      io.error(
        "checked \(counted(set.files.count, "file"))\(from): \(counted(errors, "error")), \(counted(warnings, "warning"))\n"
      )
    }
    if errors > 0 { return ExitCode.usage }
    return f.has("strict") && warnings > 0 ? ExitCode.inputErrors : ExitCode.ok
  }
}
