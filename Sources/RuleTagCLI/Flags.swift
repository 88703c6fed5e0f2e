// Hand-written flag parsing: a table of flags per command, validated raw
// values, and "did you mean" for unknown flags. Public, so that
// `ruletag-bench` parses its command lines the same way.

import Foundation
import RuleTag

/// One flag a command accepts.
public struct FlagSpec: Sendable {
  public var name: String
  /// What the value is, for the help; nil: a switch.
  public var value: String?
  public var help: String

  public init(name: String, value: String?, help: String) {
    self.name = name
    self.value = value
    self.help = help
  }
}

/// A command's flags, positional arguments and help text.
public struct CommandSpec: Sendable {
  public var name: String
  public var summary: String
  public var positional: String
  public var flags: [FlagSpec]
  public var example: String
  /// The program the command belongs to, as messages name it.
  public var program: String

  public init(
    name: String, summary: String, positional: String, flags: [FlagSpec], example: String,
    program: String = "ruletag"
  ) {
    self.name = name
    self.summary = summary
    self.positional = positional
    self.flags = flags
    self.example = example
    self.program = program
  }

  public var help: String {
    var s = "\(summary)\n\nUSAGE: \(program) \(name) [options] \(positional)\n\nOPTIONS:\n"
    let rows =
      flags.map { f in ("--" + f.name + (f.value.map { " <\($0)>" } ?? ""), f.help) }
      + [("-h, --help", "show this help")]
    let w = rows.map { $0.0.count }.max() ?? 0
    for (l, h) in rows { s += "  " + l.padding(toLength: w + 2, withPad: " ", startingAt: 0) + h + "\n" }
    s += "\nEXAMPLE:\n" + example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    return s
  }
}

/// Parsed command line of one command.
public struct ParsedFlags: Sendable {
  public var values: [String: String] = [:]
  /// Every value of each flag, in command-line order (`values` keeps the last).
  public var allValues: [String: [String]] = [:]
  public var switches: Set<String> = []
  public var positional: [String] = []
  public var wantsHelp = false

  public func value(_ name: String) -> String? { values[name] }
  /// Every value given to a flag that may be repeated.
  public func values(_ name: String) -> [String] { allValues[name] ?? [] }
  public func has(_ name: String) -> Bool { switches.contains(name) }
}

public struct FlagError: Error {
  public var message: String
}

extension CommandSpec {
  public func parse(_ args: [String]) -> Result<ParsedFlags, FlagError> {
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
            message: "unknown option `\(a)` for `\(program) \(self.name)`"
              + (near.map { "; did you mean `--\($0)`?" } ?? "")))
      }
      if let v = f.value {
        if let inline {
          p.values[name] = inline
          p.allValues[name, default: []].append(inline)
        } else if i < args.count {
          p.values[name] = args[i]
          p.allValues[name, default: []].append(args[i])
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
public func parseOrReport(_ spec: CommandSpec, _ args: [String], io: CommandIO) -> (ParsedFlags?, Int32) {
  switch spec.parse(args) {
  case .failure(let e):
    io.error("error: \(e.message)\nrun `\(spec.program) \(spec.name) --help` for usage\n")
    return (nil, ExitCode.usage)
  case .success(let p):
    if p.wantsHelp {
      io.write(spec.help)
      return (nil, ExitCode.ok)
    }
    return (p, 0)
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

/// Whether to colour, from `--color auto|always|never`.
///
/// Auto colours a terminal unless NO_COLOR is set to something; always and
/// never win over NO_COLOR. Nil after reporting a bad value.
func colorChoice(_ f: ParsedFlags, io: CommandIO) -> Bool? {
  switch f.value("color") ?? "auto" {
  case "always": return true
  case "never": return false
  case "auto": return io.isTerminal && (io.environment["NO_COLOR"] ?? "").isEmpty
  case let v:
    io.error("error: unknown --color `\(v)`; choose from: auto, always, never\n")
    return nil
  }
}
