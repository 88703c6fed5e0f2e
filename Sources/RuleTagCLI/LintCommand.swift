// `ruletag lint`: what a corpus says about the rules, beyond `check`.

import Foundation
import RuleTag

enum LintCommand {
  static let spec = CommandSpec(
    name: "lint", summary: "Find rules, guards and keywords that a corpus shows to be dead, thin or shadowed.",
    positional: "",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: Rules)"),
      FlagSpec(
        name: "corpus", value: "path",
        help: "JSONL file or folder, `-` standard input; repeat for several (default: Corpus)"),
      FlagSpec(name: "format", value: "long|short|json", help: "finding format (default: long)"),
      FlagSpec(name: "ignore", value: "codes", help: "leave out these codes, comma-separated (RT203,RT210)"),
    ],
    example:
      "ruletag lint --corpus Corpus/\nruletag lint --corpus ../shared/devset/articles.jsonl --corpus ../shared/devset2/articles.jsonl --format short"
  )

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    let corpora = f.values("corpus")
    if let extra = f.positional.first {
      io.error("error: unexpected argument `\(extra)`; give the corpus with --corpus\n")
      return ExitCode.usage
    }
    let format = f.value("format") ?? "long"
    guard ["long", "short", "json"].contains(format) else {
      io.error("error: unknown format `\(format)`; choose from: long, short, json\n")
      return ExitCode.usage
    }
    var ignored = Set<String>()
    if let v = f.value("ignore") {
      let known = Diagnostic.lintCodes.map(\.code)
      for c in v.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) {
        guard known.contains(c) else {
          io.error("error: --ignore takes lint codes (\(known.first!)-\(known.last!)), got `\(c)`\n")
          return ExitCode.usage
        }
        ignored.insert(c)
      }
    }
    guard let (set, source) = RulesLocator.ruleSet(f.value("rules"), io: io) else { return ExitCode.usage }
    let rulesPath = source.name
    guard let rules = compileOrReport(set, path: rulesPath, io: io, nothing: "nothing was linted") else {
      return ExitCode.usage
    }
    guard let corpus = readCorpora(corpora.isEmpty ? ["Corpus"] : corpora, io: io) else { return ExitCode.usage }
    let findings = Lint.run(set, rules, corpus: corpus).filter { !ignored.contains($0.code) }
    switch format {
    case "json":
      io.write("[" + findings.map { $0.json() }.joined(separator: ",\n ") + "]\n")
    case "short":
      for d in findings { io.write(d.oneLine() + "\n") }
    default:
      for d in findings { io.write(d.rendered() + "\n") }
    }
    var byCode: [String: Int] = [:]
    for d in findings { byCode[d.code, default: 0] += 1 }
    let breakdown = byCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    io.error(
      "linted \(counted(set.files.count, "file")) (\(counted(rules.rules.count, "rule"))) on \(counted(corpus.articles.count, "article")): \(counted(findings.count, "finding"))"
        + (breakdown.isEmpty ? "" : " (\(breakdown))") + "\n")
    return findings.isEmpty ? ExitCode.ok : ExitCode.inputErrors
  }
}

/// Compiles `set`, or prints its errors and why nothing was done; nil on errors.
func compileOrReport(_ set: RuleSet, path: String, io: CommandIO, nothing: String) -> CompiledRules? {
  switch CompiledRules.compile(set) {
  case .success(let r): return r
  case .failure(let f):
    for d in f.diagnostics where d.isError { io.error(d.rendered() + "\n") }
    io.error("error: \(counted(f.diagnostics.filter(\.isError).count, "error")) in rules at \(path); \(nothing)\n")
    return nil
  }
}

/// Reads the corpora at `paths` for lint and suggest, warning about each
/// record it skipped; nil (after an error) when a path does not exist.
func readCorpora(_ paths: [String], io: CommandIO) -> TuningCorpus? {
  for p in paths where p != "-" && !FileManager.default.fileExists(atPath: io.path(p)) {
    io.error("error: no corpus at `\(p)`\n")
    return nil
  }
  let corpus = TuningCorpus.read(paths: paths, directory: io.directory)
  // A folder that also holds other JSONL (provenance files) would bury
  // the report under one line per record.
  for i in corpus.issues.prefix(10) { io.error("warning: \(i)\n") }
  if corpus.issues.count > 10 {
    io.error("warning: \(counted(corpus.issues.count - 10, "more record")) skipped or duplicated, not listed\n")
  }
  if corpus.articles.isEmpty {
    io.error("error: no articles in \(paths.map { "`\($0)`" }.joined(separator: ", "))\n")
    return nil
  }
  return corpus
}
