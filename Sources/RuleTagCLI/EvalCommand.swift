// `ruletag eval`: per-topic precision, recall and F1 on a labelled corpus,
// with every false positive and false negative explained.

import Foundation
import RuleTag

enum EvalCommand {
  static let spec = CommandSpec(
    name: "eval", summary: "Measure rules against a labelled corpus: P/R/F1 per topic, every FP and FN explained.",
    positional: "",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: $RULETAG_RULES, ./Rules, built-in)"),
      FlagSpec(
        name: "corpus", value: "path", help: "labelled JSONL file or folder, `-` standard input (default: Corpus)"),
      FlagSpec(name: "format", value: "text|json", help: "report format (default: text)"),
      FlagSpec(name: "summary", value: nil, help: "print the table only, not the mistakes"),
      FlagSpec(name: "max-mistakes", value: "n", help: "list at most n false positives and negatives (text)"),
      FlagSpec(name: "min-precision", value: "x", help: "exit 1 when a topic's precision is below x"),
      FlagSpec(name: "min-recall", value: "x", help: "exit 1 when a topic's recall is below x"),
      FlagSpec(name: "threads", value: "n", help: "scanning threads (default: all cores)"),
    ],
    example: "ruletag eval --corpus Corpus/\nruletag eval --corpus ../shared/devset/articles.jsonl --min-precision 0.9")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    if let extra = f.positional.first {
      io.error("error: unexpected argument `\(extra)`; give the corpus with --corpus\n")
      return ExitCode.usage
    }
    guard let rules = RulesLocator.compiled(f.value("rules"), io: io) else { return ExitCode.usage }
    let format = f.value("format") ?? "text"
    guard format == "text" || format == "json" else {
      io.error("error: unknown format `\(format)`; choose from: text, json\n")
      return ExitCode.usage
    }
    var gates: [(String, Double)] = []
    for name in ["min-precision", "min-recall"] {
      if let v = f.value(name) {
        guard let x = Double(v), x >= 0, x <= 1 else {
          io.error("error: --\(name) needs a number between 0 and 1, got `\(v)`\n")
          return ExitCode.usage
        }
        gates.append((name, x))
      }
    }
    var maxMistakes: Int? = nil
    if let v = f.value("max-mistakes") {
      guard let n = Int(v), n >= 0 else {
        io.error("error: --max-mistakes needs a whole number ≥ 0, got `\(v)`\n")
        return ExitCode.usage
      }
      maxMistakes = n
    }
    guard let threads = threadCount(f, io: io) else { return ExitCode.usage }
    let corpus = f.value("corpus") ?? "Corpus"
    guard corpus == "-" || FileManager.default.fileExists(atPath: io.path(corpus)) else {
      io.error("error: no corpus at `\(corpus)`\n")
      return ExitCode.usage
    }
    let report = Evaluator.evaluate(rules: rules, corpus: corpus, threads: threads, directory: io.directory)
    // Without one labelled article every figure would be a dash: say why.
    guard report.articleCount > 0 else {
      for i in report.issues { io.error("warning: \(i)\n") }
      io.error("error: no article in `\(corpus)` has `labels`; there is nothing to evaluate\n")
      return ExitCode.usage
    }
    io.write(
      format == "json"
        ? report.json() : report.rendered(showMistakes: !f.has("summary"), maxMistakes: maxMistakes))
    var failed: [String] = []
    for (name, x) in gates {
      for t in report.metrics.topics {
        let v = name == "min-precision" ? t.precision : t.recall
        if let v, v < x {
          failed.append(
            "\(t.id) \(name == "min-precision" ? "precision" : "recall") \(String(format: "%.2f", v)) < \(x)")
        }
      }
    }
    if format == "json" { for i in report.issues { io.error("warning: \(i)\n") } }
    if !failed.isEmpty {
      io.error("gate failed: " + failed.joined(separator: "; ") + "\n")
      return ExitCode.inputErrors
    }
    return ExitCode.ok
  }
}
