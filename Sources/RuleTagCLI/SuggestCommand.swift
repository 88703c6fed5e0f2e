// `ruletag suggest`: keywords for a topic, from a labelled corpus, as rule
// lines ready to paste.

import Foundation
import RuleTag

enum SuggestCommand {
  static let spec = CommandSpec(
    name: "suggest",
    summary:
      "Suggest keywords for a topic: n-grams that separate its articles, and n-grams common in its false negatives.",
    positional: "TOPIC",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: Rules)"),
      FlagSpec(
        name: "corpus", value: "path",
        help: "labelled JSONL file or folder, `-` standard input; repeat for several (default: Corpus)"),
      FlagSpec(name: "top", value: "n", help: "length of each list (default: 10)"),
      FlagSpec(name: "min-support", value: "n", help: "least number of the topic's articles (default: 3)"),
      FlagSpec(name: "format", value: "text|json", help: "output format (default: text)"),
    ],
    example:
      "ruletag suggest worker-stations --corpus Corpus/\nruletag suggest recuperation --corpus ../shared/devset/articles.jsonl --corpus ../shared/devset2/articles.jsonl"
  )

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    let corpora = f.values("corpus")
    guard f.positional.count == 1 else {
      io.error(
        f.positional.isEmpty
          ? "error: name the topic: `ruletag suggest TOPIC`\n"
          : "error: unexpected argument `\(f.positional[1])`; give one topic, and corpora with --corpus\n")
      return ExitCode.usage
    }
    let format = f.value("format") ?? "text"
    guard format == "text" || format == "json" else {
      io.error("error: unknown format `\(format)`; choose from: text, json\n")
      return ExitCode.usage
    }
    var options = SuggestOptions()
    for (name, least) in [("top", 1), ("min-support", 1)] {
      guard let v = f.value(name) else { continue }
      guard let n = Int(v), n >= least else {
        io.error("error: --\(name) needs a whole number ≥ \(least), got `\(v)`\n")
        return ExitCode.usage
      }
      if name == "top" { options.top = n } else { options.minSupport = n }
    }
    guard let (set, source) = RulesLocator.ruleSet(f.value("rules"), io: io) else { return ExitCode.usage }
    let rulesPath = source.name
    guard let rules = compileOrReport(set, path: rulesPath, io: io, nothing: "nothing was suggested") else {
      return ExitCode.usage
    }
    let topicID = f.positional[0]
    guard let topic = rules.topicIndex(topicID) else {
      let near = EditDistance.nearest(topicID, in: rules.topics.map(\.id))
      io.error(
        "error: the rules at \(rulesPath) define no topic `\(topicID)`"
          + (near.map { "; did you mean `\($0)`?" } ?? "") + "\n")
      return ExitCode.usage
    }
    let paths = corpora.isEmpty ? ["Corpus"] : corpora
    guard let corpus = readCorpora(paths, io: io) else { return ExitCode.usage }
    let report = Suggest.run(topic: topic, rules: rules, articles: corpus.scanned(with: rules), options: options)
    guard report.articles > 0 else {
      io.error("error: no article in \(paths.map { "`\($0)`" }.joined(separator: ", ")) has `labels`\n")
      return ExitCode.usage
    }
    if report.labelled == 0 {
      io.error("warning: no article is labelled `\(report.topic)`; there is nothing to learn from\n")
    }
    io.write(format == "json" ? report.json() : report.rendered(options: options))
    return ExitCode.ok
  }
}
