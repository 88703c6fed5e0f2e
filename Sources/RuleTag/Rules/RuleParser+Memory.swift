// Rule files held in memory, such as the rules embedded in the command
// line: loaded as if they were files on disk under the names given, with
// `include` resolved among them.

extension RuleParser {
  /// Loads rules from files given by name and bytes.
  ///
  /// Every `*.rules` file (or, with `onlyRuleFiles` false, every file) is
  /// read in name order as a folder's would be; an `include` names another
  /// of them.
  public static func load(files: [(name: String, bytes: [UInt8])], onlyRuleFiles: Bool = true) -> RuleSet {
    var p = RuleParser()
    var memory: [String: [UInt8]] = [:]
    for f in files { memory[f.name] = f.bytes }
    p.memory = memory
    let names = files.map(\.name).filter { !onlyRuleFiles || $0.hasSuffix(".rules") }.sorted()
    if names.isEmpty {
      p.set.diagnostics.append(.noRules("<embedded rules>"))
      return p.set
    }
    for f in names { p.parseFile(f, includedFrom: nil) }
    if p.set.topics.isEmpty && p.set.errors.isEmpty { p.set.diagnostics.append(.noTopics(names[0])) }
    p.finish()
    return p.set
  }

  /// The files in `memory` that `path` names: the file itself, or the
  /// sorted `*.rules` files below it as a folder.
  static func ruleFiles(at path: String, in memory: [String: [UInt8]]) -> [String] {
    if memory[path] != nil { return [path] }
    let base = path.hasSuffix("/") ? path : path + "/"
    return memory.keys.filter { $0.hasPrefix(base) && $0.hasSuffix(".rules") }.sorted()
  }
}

extension RuleParser {
  /// The rule files that loading `path` reads: the file itself, or the
  /// sorted `*.rules` files below a folder (empty when there are none).
  public static func ruleFilePaths(at path: String, in directory: String? = nil) -> [String] {
    ruleFiles(at: path, in: directory)
  }
}
