// `ruletag eval`: per-topic precision, recall and F1 on one or more
// labelled corpora, with every false positive and false negative explained
// and, with `--by-rule`, every rule's record.

import Foundation
import RuleTag

enum EvalCommand {
  static let spec = CommandSpec(
    name: "eval", summary: "Measure rules against a labelled corpus: P/R/F1 per topic, every FP and FN explained.",
    positional: "",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: $RULETAG_RULES, ./Rules, built-in)"),
      FlagSpec(
        name: "corpus", value: "path",
        help: "labelled JSONL file or folder, `-` standard input (default: Corpus); repeat it to compare corpora"),
      FlagSpec(name: "format", value: "text|json", help: "report format (default: text)"),
      FlagSpec(name: "summary", value: nil, help: "print the table only, not the mistakes"),
      FlagSpec(name: "html", value: "file", help: "also write the report as one self-contained HTML page"),
      FlagSpec(
        name: "by-rule", value: nil,
        help: "add every rule's record: articles, precision, tags it alone decides, overlap, conflicts"),
      FlagSpec(name: "max-mistakes", value: "n", help: "list at most n false positives and negatives (text)"),
      FlagSpec(name: "min-precision", value: "x", help: "exit 1 when a topic's precision is below x"),
      FlagSpec(name: "min-recall", value: "x", help: "exit 1 when a topic's recall is below x"),
      FlagSpec(name: "threads", value: "n", help: "scanning threads (default: all cores)"),
    ],
    example: """
      ruletag eval --corpus Corpus/
      ruletag eval --corpus ../shared/devset/articles.jsonl --min-precision 0.9
      ruletag eval --corpus ../shared/devset --corpus ../shared/devset2 --by-rule --summary
      """)

  /// The command line, checked.
  struct Options {
    var corpora = ["Corpus"]
    var json = false
    var summary = false
    var byRule = false
    var maxMistakes: Int? = nil
    var gates: [(name: String, minimum: Double)] = []
    var threads = 1
    var html: String? = nil
  }

  /// Reads and checks the flags; nil after reporting a bad one.
  static func options(_ f: ParsedFlags, io: CommandIO) -> Options? {
    var o = Options()
    if let extra = f.positional.first {
      io.error("error: unexpected argument `\(extra)`; give the corpus with --corpus\n")
      return nil
    }
    let format = f.value("format") ?? "text"
    guard format == "text" || format == "json" else {
      io.error("error: unknown format `\(format)`; choose from: text, json\n")
      return nil
    }
    o.json = format == "json"
    o.summary = f.has("summary")
    o.byRule = f.has("by-rule")
    for name in ["min-precision", "min-recall"] {
      guard let v = f.value(name) else { continue }
      guard let x = Double(v), x >= 0, x <= 1 else {
        io.error("error: --\(name) needs a number between 0 and 1, got `\(v)`\n")
        return nil
      }
      o.gates.append((name, x))
    }
    if let v = f.value("max-mistakes") {
      guard let n = Int(v), n >= 0 else {
        io.error("error: --max-mistakes needs a whole number ≥ 0, got `\(v)`\n")
        return nil
      }
      o.maxMistakes = n
    }
    guard let threads = threadCount(f, io: io) else { return nil }
    o.threads = threads
    let corpora = f.values("corpus")
    if !corpora.isEmpty { o.corpora = corpora }
    if o.corpora.filter({ $0 == "-" }).count > 1 {
      io.error("error: standard input (`-`) can be read only once; give it to one --corpus\n")
      return nil
    }
    o.html = f.value("html")
    if o.html != nil && o.corpora.count > 1 {
      io.error("error: --html writes the report of one corpus; give one --corpus\n")
      return nil
    }
    return o
  }

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    guard let o = options(f, io: io) else { return ExitCode.usage }
    guard let (set, source) = RulesLocator.ruleSet(f.value("rules"), io: io),
      let rules = compileOrReport(set, path: source.name, io: io, nothing: "nothing was evaluated")
    else { return ExitCode.usage }
    for c in o.corpora where c != "-" && !FileManager.default.fileExists(atPath: io.path(c)) {
      io.error("error: no corpus at `\(c)`\n")
      return ExitCode.usage
    }
    var reports: [EvaluationReport] = []
    for corpus in o.corpora {
      let report = Evaluator.evaluate(
        rules: rules, corpus: corpus, threads: o.threads, directory: io.directory, byRule: o.byRule)
      // Without one labelled article every figure would be a dash: say why.
      guard report.articleCount > 0 else {
        for i in report.issues { io.error("warning: \(i)\n") }
        io.error("error: no article in `\(corpus)` has `labels`; there is nothing to evaluate\n")
        return ExitCode.usage
      }
      reports.append(report)
    }
    if let html = o.html,
      let code = writeHTML(reports[0], rules: rules, to: html, rulesPath: source.name, args: args, io: io)
    {
      return code
    }
    io.write(o.json ? json(reports) : text(reports, o))
    if o.json {
      for r in reports {
        for i in r.issues { io.error("warning: " + (reports.count > 1 ? "\(r.corpus): " : "") + i + "\n") }
      }
    }
    let failed = gateFailures(reports, o.gates)
    if !failed.isEmpty {
      io.error("gate failed: " + failed.joined(separator: "; ") + "\n")
      return ExitCode.inputErrors
    }
    return ExitCode.ok
  }

  /// Writes the HTML report to `path`; an exit code when that failed.
  ///
  /// The page's date is now, or SOURCE_DATE_EPOCH (seconds since 1970)
  /// when set, the reproducible-builds convention for a fixed clock.
  private static func writeHTML(
    _ report: EvaluationReport, rules: CompiledRules, to path: String, rulesPath: String, args: [String],
    io: CommandIO
  ) -> Int32? {
    let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) }
    let context = HTMLReportContext(
      rules: rulesPath, generated: epoch.map { Date(timeIntervalSince1970: $0) } ?? Date(),
      generator: "ruletag \(RuleTagCLI.version)", command: ["ruletag", "eval"] + args)
    do {
      try Data(HTMLReport.evaluation(report, rules: rules, context: context).utf8).write(
        to: URL(fileURLWithPath: io.path(path)), options: .atomic)
    } catch {
      io.error("error: cannot write the HTML report to `\(path)`: \(error.localizedDescription)\n")
      return ExitCode.outputFailed
    }
    return nil
  }

  /// The text report of every corpus.
  ///
  /// One corpus: its report. Several: one line each side by side, then
  /// each report.
  static func text(_ reports: [EvaluationReport], _ o: Options) -> String {
    let each = reports.map { $0.rendered(showMistakes: !o.summary, maxMistakes: o.maxMistakes) }
    if reports.count == 1 { return each[0] }
    return EvaluationReport.sideBySide(reports) + each.map { "\n" + $0 }.joined()
  }

  /// The JSON report of every corpus.
  ///
  /// One corpus: its report object. Several: `{"corpora":[…]}`.
  static func json(_ reports: [EvaluationReport]) -> String {
    if reports.count == 1 { return reports[0].json() }
    var w = JSONWriter()
    w.beginObject()
    w.key("corpora")
    w.beginArray()
    for r in reports { r.write(to: &w) }
    w.endArray()
    w.endObject()
    return w.string + "\n"
  }

  /// The topics below a `--min-precision` or `--min-recall` gate, in each corpus.
  static func gateFailures(_ reports: [EvaluationReport], _ gates: [(name: String, minimum: Double)]) -> [String] {
    var failed: [String] = []
    for r in reports {
      let prefix = reports.count > 1 ? "\(r.corpus): " : ""
      for (name, x) in gates {
        for t in r.metrics.topics {
          let v = name == "min-precision" ? t.precision : t.recall
          if let v, v < x {
            failed.append(
              prefix + "\(t.id) \(name == "min-precision" ? "precision" : "recall") \(String(format: "%.2f", v)) < \(x)"
            )
          }
        }
      }
    }
    return failed
  }
}
