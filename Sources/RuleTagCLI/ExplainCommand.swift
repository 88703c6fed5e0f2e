// `ruletag explain`: one article's trace: its normalised text with every
// hit marked (counted, or suppressed and why), each topic's score as a sum
// against its threshold, and the near misses.

import Foundation
import RuleTag

enum ExplainCommand {
  static let spec = CommandSpec(
    name: "explain",
    summary: "Trace one article: every hit counted or suppressed and why, each topic's sum, the near misses.",
    positional: "[PATH]",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: Rules)"),
      FlagSpec(
        name: "id", value: "id",
        help: "the article with this id in PATH (default PATH with --id: Corpus)"),
      FlagSpec(name: "format", value: "text|json", help: "report format (default: text)"),
      FlagSpec(
        name: "all-hits", value: nil, help: "also mark the terms of rules whose expression did not match (text)"),
      FlagSpec(
        name: "near", value: "x",
        help: "untagged topics at most x points below their threshold are near misses (default: 2)"),
    ],
    example: """
      ruletag explain --id s1-03                          # an article of Corpus/
      ruletag explain ../shared/devset/articles.jsonl --id d017 --format json
      ruletag explain news/today.txt
      echo '外卖骑手加入工会。' | ruletag explain
      """)

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    guard f.positional.count <= 1 else {
      io.error("error: explain reads one PATH, got \(f.positional.count); pick an article with --id\n")
      return ExitCode.usage
    }
    let format = f.value("format") ?? "text"
    guard format == "text" || format == "json" else {
      io.error("error: unknown format `\(format)`; choose from: text, json\n")
      return ExitCode.usage
    }
    var margin = 2.0
    if let v = f.value("near") {
      guard let x = Double(v), x >= 0, x.isFinite else {
        io.error("error: --near needs a number ≥ 0, got `\(v)`\n")
        return ExitCode.usage
      }
      margin = x
    }
    let id = f.value("id")
    let path = f.positional.first ?? (id == nil ? "-" : "Corpus")
    guard path == "-" || FileManager.default.fileExists(atPath: io.path(path)) else {
      io.error("error: no file or folder at `\(path)`\n")
      return ExitCode.usage
    }
    guard let rules = RulesLocator.compiled(f.value("rules"), io: io) else { return ExitCode.usage }
    let article: Article
    switch pick(path: path, id: id, io: io) {
    case .success(let a): article = a
    case .failure(let code): return code.rawValue
    }
    var scanner = ArticleScanner(rules: rules)
    let trace = article.title.withUnsafeBufferPointer { t in
      article.text.withUnsafeBufferPointer { scanner.explain(title: t, text: $0) }
    }
    let report = ExplanationReport(
      article: article, explanation: trace, rules: rules, margin: margin, allHits: f.has("all-hits"))
    io.write(format == "json" ? report.json() : report.rendered())
    return ExitCode.ok
  }

  /// An exit code as an error, for `pick`.
  struct Failure: Error {
    var rawValue: Int32
  }

  /// The article to explain: the one with `id`, or the only one at `path`.
  static func pick(path: String, id: String?, io: CommandIO) -> Result<Article, Failure> {
    let reader = InputReader(paths: [path], directory: io.directory)
    var articles: [Article] = []
    var errors: [InputError] = []
    var seen: [String] = []
    // With an id, the first article that has it; without, the only one.
    while let r = reader.next() {
      switch r.parse() {
      case .success(let a) where id == nil || a.id == id: articles.append(a)
      case .success(let a):
        seen.append(a.id)
        continue
      case .failure(let e): errors.append(e)
      }
      if articles.count > 1 || (id != nil && !articles.isEmpty) { break }
    }
    if let id, articles.isEmpty {
      for e in errors { io.error("warning: \(e.message)\n") }
      let near = EditDistance.nearest(id, in: seen)
      io.error(
        "error: no article with id `\(id)` in `\(path)`" + (near.map { "; did you mean `\($0)`?" } ?? "") + "\n")
      return .failure(Failure(rawValue: ExitCode.usage))
    }
    if id == nil && articles.count > 1 {
      io.error("error: `\(path)` holds more than one article; pick one with --id\n")
      return .failure(Failure(rawValue: ExitCode.usage))
    }
    guard let a = articles.first else {
      for e in errors { io.error("error: \(e.message)\n") }
      if errors.isEmpty { io.error("error: no article in `\(path)`\n") }
      return .failure(Failure(rawValue: errors.isEmpty ? ExitCode.usage : ExitCode.inputErrors))
    }
    for e in errors { io.error("warning: \(e.message)\n") }
    return .success(a)
  }
}
