// `ruletag diff`: which articles a rule edit changed, and which rules are
// to blame.
//
// Three forms: two rule sets on the same input (`--rules OLD --rules
// NEW`), the rules against a git revision of them (`--rev REV`), and two
// files of `tag --format jsonl` output. The first two scan in one run
// (`TagDiffScan`); the third reads the records (`TaggedRecord`). Exit
// codes follow diff(1): 0 nothing changed, 1 something did, 2 trouble.

import Foundation
import RuleTag

enum DiffCommand {
  static let spec = CommandSpec(
    name: "diff",
    summary:
      "Show which articles a rule edit changes (tags, scores, fixed or broke against labels) and the rules to blame.",
    positional:
      "[INPUT ...]   (with --rules twice or --rev; default: Corpus)\n       ruletag diff [options] BEFORE.jsonl AFTER.jsonl   (two `tag --format jsonl` outputs; one may be `-`)",
    flags: [
      FlagSpec(
        name: "rules", value: "path", help: "give twice: OLD then NEW rules; with --rev: the rules (default: Rules)"),
      FlagSpec(name: "rev", value: "rev", help: "compare the rules with this git revision of them (HEAD, main~1, …)"),
      FlagSpec(name: "corpus", value: "path", help: "input to tag with both rule sets (default: Corpus)"),
      FlagSpec(name: "format", value: "text|jsonl", help: "report format (default: text)"),
      FlagSpec(name: "all", value: nil, help: "also list the articles whose scores changed but not their tags"),
      FlagSpec(name: "html", value: "file", help: "also write the report as one self-contained HTML page"),
      FlagSpec(name: "threads", value: "n", help: "scanning threads (default: all cores)"),
    ],
    example:
      "ruletag diff --rev HEAD                          # Rules/ as edited against the last commit, on Corpus/\nruletag diff --rules old/ --rules Rules/ ../shared/devset/articles.jsonl\nruletag diff before.jsonl after.jsonl            # two `tag --format jsonl` runs"
  )

  /// What the two sides are called in the report.
  struct Names {
    var old: String
    var new: String
  }

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    var page = Page(args: args)
    let format = f.value("format") ?? "text"
    guard format == "text" || format == "jsonl" else {
      io.error("error: unknown format `\(format)`; choose from: text, jsonl\n")
      return ExitCode.usage
    }
    let rules = f.values("rules")
    if f.value("rev") == nil && rules.isEmpty { return runRecords(f, format: format, page: page, io: io) }
    if f.value("rev") != nil && rules.count > 1 {
      io.error("error: with --rev, give --rules once (the rules to compare with their revision)\n")
      return ExitCode.usage
    }
    if f.value("rev") == nil && rules.count != 2 {
      io.error("error: give --rules twice (OLD, then NEW), or --rev REV to compare the rules with a git revision\n")
      return ExitCode.usage
    }
    if f.value("corpus") != nil && !f.positional.isEmpty {
      io.error("error: give the input either with --corpus or as arguments, not both\n")
      return ExitCode.usage
    }
    let inputs = f.positional.isEmpty ? [f.value("corpus") ?? "Corpus"] : f.positional
    for p in inputs where p != "-" && !FileManager.default.fileExists(atPath: io.path(p)) {
      io.error("error: no input at `\(p)`\n")
      return ExitCode.usage
    }
    guard let threads = threadCount(f, io: io) else { return ExitCode.usage }
    var oldPath: String
    let newPath: String
    var names: Names
    var scratch: URL? = nil
    defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
    if let rev = f.value("rev") {
      newPath = rules.first ?? "Rules"
      switch RulesRevision.materialise(rules: newPath, rev: rev, io: io) {
      case .failure(let e):
        io.error("error: \(e.message)\n")
        return ExitCode.usage
      case .success(let copy):
        oldPath = copy.rules
        scratch = copy.scratch
      }
      names = Names(old: "\(newPath)@\(rev)", new: newPath)
    } else {
      oldPath = rules[0]
      newPath = rules[1]
      names = Names(old: oldPath, new: newPath)
    }
    guard let old = loadRules(oldPath, io: io, label: names.old), let new = loadRules(newPath, io: io, label: names.new)
    else { return ExitCode.usage }
    // The page reads the input a second time for the changed articles'
    // text: standard input is kept in a file for that.
    var standardInput: Int32 = 0
    if f.value("html") != nil && inputs.contains("-") {
      let dir = scratch ?? FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-\(UUID().uuidString)")
      guard let copy = keepStandardInput(in: dir, io: io) else { return ExitCode.usage }
      if scratch == nil { scratch = dir }
      page.standardInput = copy
      standardInput = open(copy, O_RDONLY)
    }
    defer { if standardInput > 0 { close(standardInput) } }
    let reader = InputReader(paths: inputs, directory: io.directory, standardInput: standardInput)
    let diff = TagDiffScan.run(
      old: old, new: new, reader: reader, threads: threads, until: { io.failure != nil || Interruption.caught != nil })
    page.rules = (old, new)
    page.input = inputs
    return report(diff, f: f, format: format, names: names, page: page, io: io)
  }

  /// What the HTML page needs besides the diff.
  struct Page {
    var args: [String]
    var rules: (old: CompiledRules, new: CompiledRules)? = nil
    var input: [String] = []
    /// The file standard input was copied to, when it is read twice.
    var standardInput: String? = nil
  }

  /// Copies standard input to a file in `dir`; its path.
  static func keepStandardInput(in dir: URL, io: CommandIO) -> String? {
    let path = dir.appendingPathComponent("stdin.jsonl")
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try FileHandle.standardInput.readDataToEndOfFile().write(to: path)
    } catch {
      io.error("error: cannot keep standard input for the HTML report: \(error.localizedDescription)\n")
      return nil
    }
    return path.path
  }

  /// Writes the HTML page to `path`; an exit code when that failed.
  ///
  /// The page's date is now, or SOURCE_DATE_EPOCH (seconds since 1970)
  /// when set, as for `eval --html`.
  static func writeHTML(
    _ diff: TagDiff, to path: String, f: ParsedFlags, names: Names, page: Page, io: CommandIO
  ) -> Int32? {
    var evidence: [String: DiffArticleEvidence] = [:]
    if let (old, new) = page.rules {
      var fd: Int32 = 0
      if let copy = page.standardInput { fd = open(copy, O_RDONLY) }
      defer { if fd > 0 { close(fd) } }
      let reader = InputReader(paths: page.input, directory: io.directory, standardInput: fd)
      evidence = DiffHTMLEvidence.collect(diff, all: f.has("all"), old: old, new: new, reader: reader)
    }
    let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) }
    let context = DiffHTMLContext(
      old: names.old, new: names.new, input: page.input, all: f.has("all"),
      generated: epoch.map { Date(timeIntervalSince1970: $0) } ?? Date(), generator: "ruletag \(RuleTagCLI.version)",
      command: ["ruletag", "diff"] + page.args)
    let html = DiffHTML.page(diff, old: page.rules?.old, new: page.rules?.new, evidence: evidence, context: context)
    do {
      try Data(html.utf8).write(to: URL(fileURLWithPath: io.path(path)), options: .atomic)
    } catch {
      io.error("error: cannot write the HTML report to `\(path)`: \(error.localizedDescription)\n")
      return ExitCode.outputFailed
    }
    return nil
  }

  /// Loads one side's rules; `label` names the side in messages.
  static func loadRules(_ path: String, io: CommandIO, label: String) -> CompiledRules? {
    switch CompiledRules.load(path: path, directory: io.directory) {
    case .failure(let failure):
      for d in failure.diagnostics where d.isError { io.error(d.rendered() + "\n") }
      let n = failure.diagnostics.filter(\.isError).count
      io.error("error: \(counted(n, "error")) in rules \(label); nothing was compared\n")
      return nil
    case .success(let r): return r
    }
  }

  /// Writes the report and the summary; the exit code.
  static func report(
    _ diff: TagDiff, f: ParsedFlags, format: String, names: Names, page: Page, io: CommandIO
  ) -> Int32 {
    for e in diff.errors { io.error("error: \(e)\n") }
    if let html = f.value("html"), Interruption.caught == nil,
      let code = writeHTML(diff, to: html, f: f, names: names, page: page, io: io)
    {
      return code
    }
    io.write(
      format == "jsonl"
        ? diff.jsonl(all: f.has("all")) : diff.rendered(all: f.has("all"), oldName: names.old, newName: names.new))
    io.error(diff.summary)
    if let sig = Interruption.caught { return 128 + sig }
    if !diff.errors.isEmpty { return ExitCode.usage }
    return diff.somethingChanged ? 1 : ExitCode.ok
  }

  /// The two-files form.
  static func runRecords(_ f: ParsedFlags, format: String, page: Page, io: CommandIO) -> Int32 {
    if f.value("corpus") != nil {
      io.error("error: --corpus needs --rules twice or --rev; two files are compared as they are\n")
      return ExitCode.usage
    }
    guard f.positional.count == 2 else {
      io.error(
        "error: `ruletag diff` needs --rules OLD --rules NEW, --rev REV, or two files: BEFORE.jsonl AFTER.jsonl\n")
      return ExitCode.usage
    }
    guard f.positional[0] != "-" || f.positional[1] != "-" else {
      io.error("error: only one of BEFORE and AFTER can be `-` (standard input)\n")
      return ExitCode.usage
    }
    var sides: [[ArticleOutcome]] = []
    var errorRecords = 0
    for path in f.positional {
      let contents =
        path == "-"
        ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: io.path(path))
      guard let data = contents else {
        io.error("error: cannot read \(path)\n")
        return ExitCode.usage
      }
      var side: [ArticleOutcome] = []
      var lineNo = 0
      for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        lineNo += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        switch TaggedRecord.parse(Array(line), lineNumber: lineNo) {
        case .failure(let e):
          io.error(
            "error: \(path):\(e.line): \(e.message); diff compares the output of `ruletag tag --format jsonl`\n")
          return ExitCode.usage
        case .success(let r?): side.append(r)
        case .success(nil): errorRecords += 1
        }
      }
      sides.append(side)
    }
    var diff = TagDiff.compare(old: sides[0], new: sides[1])
    diff.errorRecords = errorRecords
    return report(
      diff, f: f, format: format, names: Names(old: f.positional[0], new: f.positional[1]), page: page, io: io)
  }
}
