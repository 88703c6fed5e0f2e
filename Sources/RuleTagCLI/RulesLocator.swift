// Where a command's rules come from, in one place for every command that
// takes rules.
//
// In order: `--rules PATH`, then the environment variable RULETAG_RULES,
// then `./Rules` (from the command's directory), then the rules built into
// the binary (the package's Rules/ when it was built, `EmbeddedRules`).
// `--rules -` reads one rule file from standard input.
// The first place given or present is used; when it cannot be used (a
// `--rules` path that is not there, a folder without *.rules files), the
// error names every place looked at, with its absolute path.

import Foundation
import RuleTag

/// Finds and loads the rules of a command.
public enum RulesLocator {
  /// The environment variable that names a rule file or folder.
  public static let environmentVariable = "RULETAG_RULES"

  /// Where the rules were found.
  public enum Source: Equatable, Sendable {
    /// A rule file or folder, named as given (or `Rules`).
    case path(String)
    /// The rules built into the binary.
    case embedded
    /// One rule file read from standard input (`--rules -`).
    case standardInput
  }

  /// A place looked at, for the error when no rules are found.
  public struct Place: Equatable, Sendable {
    /// How it was chosen, such as `--rules x` or `RULETAG_RULES=x`.
    public var how: String
    /// Its absolute path (nil for the built-in rules).
    public var absolute: String?
    /// Why it was not used.
    public var why: String
  }

  /// No rules were found: every place looked at.
  public struct NotFound: Error, Equatable {
    public var looked: [Place]
  }

  /// The built-in rules, named `Rules/…` as in the package they came from.
  public static var embeddedFiles: [(name: String, bytes: [UInt8])] {
    EmbeddedRules.files.map { ("Rules/" + $0.path, $0.bytes) }
  }

  /// The rules to use: found, or every place looked at and why each failed.
  public static func locate(_ flag: String?, io: CommandIO) -> Result<Source, NotFound> {
    var looked: [Place] = []
    let env = io.environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
    let candidates: [(String, String, Bool)] =
      (flag.map { [("--rules \($0)", $0, true)] } ?? [])
      + (flag == nil ? env.map { [("\(environmentVariable)=\($0)", $0, true)] } ?? [] : [])
      + (flag == nil && env == nil ? [("./Rules", "Rules", false)] : [])
    if flag == "-" { return .success(.standardInput) }
    for (how, path, explicit) in candidates {
      let abs = absolute(path, io: io)
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: abs, isDirectory: &isDir) else {
        looked.append(Place(how: how, absolute: abs, why: "no such file or folder"))
        if explicit { return .failure(NotFound(looked: looked)) }
        continue
      }
      if isDir.boolValue && RuleParser.ruleFilePaths(at: path, in: io.directory).isEmpty {
        looked.append(Place(how: how, absolute: abs, why: "a folder without *.rules files"))
        return .failure(NotFound(looked: looked))
      }
      return .success(.path(path))
    }
    if EmbeddedRules.files.contains(where: { $0.path.hasSuffix(".rules") }) { return .success(.embedded) }
    looked.append(Place(how: "the rules built into ruletag", absolute: nil, why: "none (Rules/ was empty at build)"))
    return .failure(NotFound(looked: looked))
  }

  /// `path` as an absolute, standardised path (relative ones from the
  /// command's directory, else the working directory).
  static func absolute(_ path: String, io: CommandIO) -> String {
    var p = FilePaths.resolve(path, in: io.directory)
    if !p.hasPrefix("/") { p = FileManager.default.currentDirectoryPath + "/" + p }
    return URL(fileURLWithPath: p).standardizedFileURL.path
  }

  /// The error for rules that were not found, naming each place looked at.
  public static func notFoundMessage(_ looked: [Place]) -> String {
    var s = "error: no rules found; looked at:\n"
    for p in looked { s += "  \(p.how)" + (p.absolute.map { " (\($0))" } ?? "") + ": \(p.why)\n" }
    s += "give a rule file or folder with --rules or \(environmentVariable), or run where ./Rules is\n"
    return s
  }

  /// The parsed rules (with their diagnostics) and where they came from;
  /// nil after reporting that none were found.
  public static func ruleSet(_ flag: String?, io: CommandIO) -> (RuleSet, Source)? {
    switch locate(flag, io: io) {
    case .failure(let e):
      io.error(notFoundMessage(e.looked))
      return nil
    case .success(.embedded):
      return (RuleParser.load(files: embeddedFiles), .embedded)
    case .success(.standardInput):
      let bytes = [UInt8](FileHandle(fileDescriptor: io.standardInput, closeOnDealloc: false).readDataToEndOfFile())
      return (RuleParser.load(files: [("<stdin>", bytes)], onlyRuleFiles: false), .standardInput)
    case .success(.path(let p)):
      return (RuleParser.load(path: p, directory: io.directory), .path(p))
    }
  }

  /// Finds, loads and compiles the rules, printing their errors (and
  /// warnings with `showWarnings`); nil when nothing can be tagged.
  public static func compiled(_ flag: String?, io: CommandIO, showWarnings: Bool = false) -> CompiledRules? {
    guard let (set, source) = ruleSet(flag, io: io) else { return nil }
    switch CompiledRules.compile(set) {
    case .failure(let f):
      for d in f.diagnostics where d.isError || showWarnings { io.error(d.rendered() + "\n") }
      let n = f.diagnostics.filter(\.isError).count
      io.error("error: \(counted(n, "error")) in rules at \(source.name); nothing was tagged\n")
      return nil
    case .success(let r):
      return r
    }
  }
}

extension RulesLocator.Source {
  /// How messages name it.
  public var name: String {
    switch self {
    case .path(let p): return p
    case .embedded: return "the rules built into ruletag"
    case .standardInput: return "<stdin>"
    }
  }
}
