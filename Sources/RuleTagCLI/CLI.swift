// The `ruletag` command line: glue over the RuleTag library.
//
// Each command is a function `(arguments, io) -> exit code`, so tests run
// commands in-process and compare stdout, stderr and the exit code with
// golden files.

import Foundation
import RuleTag

#if canImport(Glibc)
  import Glibc
#endif

/// Where a command writes, and where its relative paths start.
///
/// `standard`
/// writes to the process's stdout and stderr; `capture` keeps everything
/// for tests.
public final class CommandIO {
  public private(set) var out: [UInt8] = []
  public private(set) var err: [UInt8] = []
  let capture: Bool
  /// Whether stdout is a terminal (chooses the default output format).
  public var isTerminal: Bool
  /// Whether stderr is a terminal (progress is shown only there).
  public var errIsTerminal: Bool
  /// Whether standard input is a terminal (a person typing, not a pipe).
  public var inIsTerminal: Bool
  /// The terminal's width in columns, when stdout is one or COLUMNS says.
  public var columns: Int?
  /// The width of the terminal on stderr, for the progress line.
  public var errColumns: Int?
  /// The descriptor standard input is read from (tests give a pipe).
  public var standardInput: Int32 = 0
  /// Seconds a run takes before its progress is shown (on a terminal).
  public var progressAfter: Double = 2
  /// The environment the command sees (RULETAG_RULES, NO_COLOR, …).
  public var environment: [String: String]
  /// The folder relative paths on the command line are opened from (nil:
  /// the process's working directory); messages name them as given.
  public let directory: String?

  public init(
    capture: Bool, isTerminal: Bool = false, directory: String? = nil, environment: [String: String] = [:],
    errIsTerminal: Bool = false, inIsTerminal: Bool = false, columns: Int? = nil, errColumns: Int? = nil
  ) {
    self.errColumns = errColumns
    self.capture = capture
    self.isTerminal = isTerminal
    self.directory = directory
    self.environment = environment
    self.errIsTerminal = errIsTerminal
    self.inIsTerminal = inIsTerminal
    self.columns = columns
  }

  /// Where `path`, as given on the command line, is opened.
  public func path(_ path: String) -> String { FilePaths.resolve(path, in: directory) }

  public static func standard() -> CommandIO {
    let env = ProcessInfo.processInfo.environment
    return CommandIO(
      capture: false, isTerminal: isatty(1) == 1, environment: env, errIsTerminal: isatty(2) == 1,
      inIsTerminal: isatty(0) == 1, columns: TerminalSize.columns(fd: 1, environment: env),
      errColumns: TerminalSize.columns(fd: 2, environment: env))
  }

  /// Writes `s` to stderr at once (progress lines), without flushing
  /// standard output first.
  public func errorNow(_ s: String) {
    if capture {
      err += Array(s.utf8)
    } else {
      FileHandle.standardError.write(Data(s.utf8))
    }
  }

  public func write(_ s: String) {
    write(bytes: Array(s.utf8))
  }

  public func write(bytes: [UInt8]) {
    if failure != nil { return }
    if capture {
      out += bytes
    } else {
      out += bytes
      if out.count >= 1 << 16 { flush() }
    }
  }

  public func error(_ s: String) {
    if capture {
      err += Array(s.utf8)
    } else {
      flush()
      FileHandle.standardError.write(Data(s.utf8))
    }
  }

  /// Why standard output stopped taking records, once it has.
  public enum OutputFailure: Equatable {
    /// The reader went away (EPIPE): the run ends quietly.
    case closed
    /// Any other write error (a full disk, say), with its reason.
    case failed(String)
  }

  /// Set when a write to standard output failed; commands stop reading and
  /// exit 3 instead of reporting records that were lost.
  public private(set) var failure: OutputFailure? = nil

  /// Writes out what is buffered.
  ///
  /// Writes happen only here, and the buffer
  /// only ever holds whole records, so output ends at a record boundary.
  public func flush() {
    guard !capture, !out.isEmpty, failure == nil else { return }
    out.withUnsafeBufferPointer { p in
      var off = 0
      while off < p.count {
        let n = Glibc.write(1, p.baseAddress! + off, p.count - off)
        if n > 0 {
          off += n
        } else if n < 0 && errno == EINTR {
          continue
        } else if n < 0 && errno == EPIPE {
          failure = .closed
          return
        } else {
          // Records that cannot be written are lost: say so and stop,
          // rather than finish with a summary that counts them.
          let why = n < 0 ? String(cString: strerror(errno)) : "nothing written"
          FileHandle.standardError.write(Data("error: cannot write to standard output: \(why)\n".utf8))
          failure = .failed(why)
          return
        }
      }
    }
    out.removeAll(keepingCapacity: true)
  }

  public var outString: String { String(decoding: out, as: UTF8.self) }
  public var errString: String { String(decoding: err, as: UTF8.self) }
}

/// Exit codes, documented in the README.
public enum ExitCode {
  /// Everything was read and tagged (or the rules are clean).
  public static let ok: Int32 = 0
  /// Some inputs had errors (each reported), or an eval gate failed.
  public static let inputErrors: Int32 = 1
  /// The rules or the command line are invalid; nothing was tagged.
  public static let usage: Int32 = 2
  /// Standard output could not be written (disk full), or was closed by
  /// its reader (`| head`: quietly).
  public static let outputFailed: Int32 = 3
}

public enum RuleTagCLI {
  /// The release, as `ruletag --version` prints it; the one place it is written.
  public static let version = "0.1.0"

  static let commands: [(String, String)] = [
    ("tag", "tag articles with topics, scores and evidence"),
    ("check", "check rule files and print every diagnostic"),
    ("eval", "measure rules against a labelled corpus"),
    ("explain", "trace one article: every hit, each topic's sum, the near misses"),
    ("diff", "show which articles a rule edit changes, and the rules to blame"),
    ("tokens", "show the normalised text and its tokens"),
    ("lint", "find dead, thin and shadowed rules on a corpus"),
    ("suggest", "suggest keywords for a topic from a labelled corpus"),
    ("completions", "print a shell completion script (bash, zsh, fish)"),
    ("man", "print the manual page (roff)"),
  ]

  /// Runs the command line `args` (without the program name).
  public static func main(_ args: [String]) -> Int32 {
    Interruption.install()
    let io = CommandIO.standard()
    let code = run(args, io: io)
    io.flush()
    return io.failure == nil ? code : ExitCode.outputFailed
  }

  /// Runs a command, writing to `io`.
  public static func run(_ args: [String], io: CommandIO) -> Int32 {
    guard let name = args.first else {
      io.write(usage)
      return ExitCode.usage
    }
    let rest = Array(args.dropFirst())
    switch name {
    case "tag": return TagCommand.run(rest, io: io)
    case "check": return CheckCommand.run(rest, io: io)
    case "eval": return EvalCommand.run(rest, io: io)
    case "explain": return ExplainCommand.run(rest, io: io)
    case "tokens": return TokensCommand.run(rest, io: io)
    case "diff": return DiffCommand.run(rest, io: io)
    case "lint": return LintCommand.run(rest, io: io)
    case "suggest": return SuggestCommand.run(rest, io: io)
    case "completions": return CompletionsCommand.run(rest, io: io)
    case "man": return CompletionsCommand.runMan(rest, io: io)
    case "--version", "-V":
      io.write("ruletag \(version)\n")
      return ExitCode.ok
    case "help", "--help", "-h":
      if let sub = rest.first, let spec = specs[sub] {
        io.write(spec.help)
      } else {
        io.write(usage)
      }
      return ExitCode.ok
    default:
      let near = EditDistance.nearest(name, in: commands.map(\.0))
      io.error("error: unknown command `\(name)`" + (near.map { "; did you mean `\($0)`?" } ?? "") + "\n")
      io.error("run `ruletag --help` for the list of commands\n")
      return ExitCode.usage
    }
  }

  static var specs: [String: CommandSpec] {
    [
      "tag": TagCommand.spec, "check": CheckCommand.spec, "eval": EvalCommand.spec, "tokens": TokensCommand.spec,
      "diff": DiffCommand.spec, "completions": CompletionsCommand.spec, "man": CompletionsCommand.manSpec,
      "lint": LintCommand.spec,
      "suggest": SuggestCommand.spec,
      "explain": ExplainCommand.spec,
    ]
  }

  /// Every command's spec, in the order of `commands`.
  static var orderedSpecs: [CommandSpec] { commands.compactMap { specs[$0.0] } }

  static var usage: String {
    var s =
      "ruletag: rule-based topic tagging for Chinese labour news\n\nUSAGE: ruletag <command> [options]\n\nCOMMANDS:\n"
    let w = (commands.map(\.0.count).max() ?? 6) + 2
    for (c, h) in commands { s += "  " + c.padding(toLength: w, withPad: " ", startingAt: 0) + h + "\n" }
    s += "\nRun `ruletag <command> --help` for a command's options and an example.\n"
    s += "`ruletag --version` (or `-V`) prints the version.\n"
    return s
  }
}
