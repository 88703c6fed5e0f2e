// Hand-written flag parsing: a table of flags per command, validated raw
// values, and "did you mean" for unknown flags.

import Foundation
import RuleTag

/// One flag a command accepts.
struct FlagSpec {
  var name: String
  var value: String?  // nil: a switch
  var help: String
}

/// A command's flags, positional arguments and help text.
struct CommandSpec {
  var name: String
  var summary: String
  var positional: String
  var flags: [FlagSpec]
  var example: String

  var help: String {
    var s = "\(summary)\n\nUSAGE: ruletag \(name) [options] \(positional)\n\nOPTIONS:\n"
    let rows = flags.map { f in ("--" + f.name + (f.value.map { " <\($0)>" } ?? ""), f.help) }
      + [("-h, --help", "show this help")]
    let w = rows.map { $0.0.count }.max() ?? 0
    for (l, h) in rows { s += "  " + l.padding(toLength: w + 2, withPad: " ", startingAt: 0) + h + "\n" }
    s += "\nEXAMPLE:\n" + example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    return s
  }
}

/// Parsed command line of one command.
struct ParsedFlags {
  var values: [String: String] = [:]
  var switches: Set<String> = []
  var positional: [String] = []
  var wantsHelp = false

  func value(_ name: String) -> String? { values[name] }
  func has(_ name: String) -> Bool { switches.contains(name) }
}

struct FlagError: Error {
  var message: String
}

extension CommandSpec {
  func parse(_ args: [String]) -> Result<ParsedFlags, FlagError> {
    var p = ParsedFlags()
    var i = 0
    var onlyPositional = false
    while i < args.count {
      let a = args[i]
      i += 1
      if onlyPositional || !a.hasPrefix("-") || a == "-" {
        p.positional.append(a)
        continue
      }
      if a == "--" {
        onlyPositional = true
        continue
      }
      if a == "-h" || a == "--help" {
        p.wantsHelp = true
        continue
      }
      var name = String(a.drop { $0 == "-" })
      var inline: String? = nil
      if let eq = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let f = flags.first(where: { $0.name == name }) else {
        let near = EditDistance.nearest(name, in: flags.map(\.name))
        return .failure(
          FlagError(
            message: "unknown option `\(a)` for `ruletag \(self.name)`"
              + (near.map { "; did you mean `--\($0)`?" } ?? "")))
      }
      if let v = f.value {
        if let inline {
          p.values[name] = inline
        } else if i < args.count {
          p.values[name] = args[i]
          i += 1
        } else {
          return .failure(FlagError(message: "option `--\(name)` needs a value <\(v)>"))
        }
      } else {
        if inline != nil { return .failure(FlagError(message: "option `--\(name)` takes no value")) }
        p.switches.insert(name)
      }
    }
    return .success(p)
  }
}

/// Parses flags or reports the error; nil means "return `code`".
func parseOrReport(_ spec: CommandSpec, _ args: [String], io: CommandIO) -> (ParsedFlags?, Int32) {
  switch spec.parse(args) {
  case .failure(let e):
    io.error("error: \(e.message)\nrun `ruletag \(spec.name) --help` for usage\n")
    return (nil, ExitCode.usage)
  case .success(let p):
    if p.wantsHelp {
      io.write(spec.help)
      return (nil, ExitCode.ok)
    }
    return (p, 0)
  }
}

/// Loads and compiles rules, printing diagnostics; nil on errors.
func loadRules(_ path: String, io: CommandIO, showWarnings: Bool = false) -> CompiledRules? {
  switch CompiledRules.load(path: path) {
  case .failure(let f):
    for d in f.diagnostics where d.isError || showWarnings { io.error(d.rendered() + "\n") }
    let n = f.diagnostics.filter(\.isError).count
    io.error("error: \(n) error\(n == 1 ? "" : "s") in rules at \(path); nothing was tagged\n")
    return nil
  case .success(let r):
    return r
  }
}

/// `--threads N` (default: all cores); nil after reporting a bad value.
func threadCount(_ f: ParsedFlags, io: CommandIO) -> Int? {
  guard let v = f.value("threads") else { return ProcessInfo.processInfo.activeProcessorCount }
  guard let n = Int(v), n >= 1 else {
    io.error("error: --threads needs a whole number ≥ 1, got `\(v)`\n")
    return nil
  }
  return n
}
