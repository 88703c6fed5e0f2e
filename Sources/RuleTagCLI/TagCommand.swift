// `ruletag tag`: articles in, topics with scores and evidence out.

import Foundation
import RuleTag

enum OutputFormat: String, CaseIterable {
  case table, jsonl, csv
}

/// What `tag` prints, resolved from its flags.
struct TagOptions: Sendable {
  var format: OutputFormat
  /// Topics to report (indexes into the rule set), nil for all.
  var topics: [Int]?
  var minScore: Double
  var explain: Bool
  /// JSON forms of the names written for every article.
  var names = EncodedNames()
}

/// Topic ids and each rule's location and weight in their JSON form,
/// encoded once per run instead of once per article.
struct EncodedNames: Sendable {
  var topicIDs: [[UInt8]] = []
  /// Per rule, the first members of each of its evidence objects:
  /// `"rule":"file:line","weight":w`.
  var evidenceHeads: [[UInt8]] = []

  init() {}

  init(_ rules: CompiledRules) {
    topicIDs = rules.topics.map { JSONWriter.encoded($0.id) }
    evidenceHeads = rules.rules.map { rule in
      Array(#""rule":"#.utf8) + JSONWriter.encoded(rule.location) + Array(#","weight":"#.utf8)
        + Array(JSONWriter.format(rule.weight).utf8)
    }
  }

  /// Fixed runs of an evidence object between its values.
  static let evidenceRuns = (
    text: Array(#""text":"#.utf8),
    inTitle: Array(#""field":"title","start":"#.utf8),
    inText: Array(#""field":"text","start":"#.utf8),
    end: Array(#""end":"#.utf8),
    sentence: Array(#""sentence":"#.utf8)
  )
}

/// One article's output, made on a worker thread.
struct TagOutput: Sendable {
  var bytes: [UInt8]
  var error: String?
  var tagCount: Int
  var row: TableRow?
}

struct TableRow: Sendable {
  var id: String
  var title: String
  var tags: String
  var explain: [String]
}

enum TagCommand {
  static let spec = CommandSpec(
    name: "tag", summary: "Tag articles with topics, scores and the evidence behind each tag.",
    positional: "[PATH ...]   (files, folders, *.jsonl, *.txt; `-` or none: standard input)",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: Rules)"),
      FlagSpec(
        name: "format", value: "table|jsonl|csv", help: "output format (default: table on a terminal, else jsonl)"),
      FlagSpec(name: "topics", value: "id,id", help: "report only these topics"),
      FlagSpec(name: "min-score", value: "number", help: "report a tag only when its score is at least this"),
      FlagSpec(name: "explain", value: nil, help: "show evidence in the table; add near misses to jsonl"),
      FlagSpec(name: "threads", value: "n", help: "scanning threads (default: all cores)"),
    ],
    example: "ruletag tag Corpus/ --format table --explain\ncat news.jsonl | ruletag tag --format jsonl > tagged.jsonl")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    guard let rules = loadRules(f.value("rules") ?? "Rules", io: io) else { return ExitCode.usage }
    var options = TagOptions(
      format: io.isTerminal ? .table : .jsonl, topics: nil, minScore: -Double.infinity, explain: f.has("explain"),
      names: EncodedNames(rules))
    if let v = f.value("format") {
      guard let fmt = OutputFormat(rawValue: v) else {
        io.error("error: unknown format `\(v)`; choose from: table, jsonl, csv\n")
        return ExitCode.usage
      }
      options.format = fmt
    }
    if let v = f.value("topics") {
      var idx: [Int] = []
      for id in v.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
        guard let i = rules.topicIndex(id) else {
          let near = EditDistance.nearest(id, in: rules.topics.map(\.id))
          io.error("error: unknown topic `\(id)`" + (near.map { "; did you mean `\($0)`?" } ?? "") + "\n")
          return ExitCode.usage
        }
        idx.append(i)
      }
      options.topics = idx
    }
    if let v = f.value("min-score") {
      guard let d = Double(v) else {
        io.error("error: --min-score needs a number, got `\(v)`\n")
        return ExitCode.usage
      }
      options.minScore = d
    }
    guard let threads = threadCount(f, io: io) else { return ExitCode.usage }
    let reader = InputReader(paths: f.positional)
    let batch = BatchScanner(rules: rules, threads: threads)
    let opts = options
    var read = 0
    var errors = 0
    var withTags = 0
    var rows: [TableRow] = []
    if opts.format == .csv { io.write(csvHeader(rules, opts)) }
    batch.run(
      reader,
      job: { scanner, record in
        TagCommand.process(record, scanner: &scanner, options: opts)
      },
      sink: { outs in
        for o in outs {
          read += 1
          if let e = o.error {
            errors += 1
            io.error("error: \(e)\n")
          } else if o.tagCount > 0 {
            withTags += 1
          }
          if let r = o.row { rows.append(r) } else { io.write(bytes: o.bytes) }
        }
      })
    if opts.format == .table { io.write(renderTable(rows, explain: opts.explain)) }
    io.error(
      "summary: \(read) article\(read == 1 ? "" : "s") read = \(read - errors) tagged + \(errors) error\(errors == 1 ? "" : "s"); \(withTags) with at least one topic\n"
    )
    return errors > 0 ? ExitCode.inputErrors : ExitCode.ok
  }

  static func process(_ record: InputRecord, scanner: inout ArticleScanner, options: TagOptions) -> TagOutput {
    switch record.parse() {
    case .failure(let e):
      return errorOutput(e, options: options, rules: scanner.rules)
    case .success(let a):
      let result = a.title.withUnsafeBufferPointer { t in a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0) } }
      if !result.stoppedRules.isEmpty {
        // ICU was stopped on a regex (`BoundedICU`): the scores are incomplete.
        let rules = result.stoppedRules.map { scanner.rules.rules[$0].location }.joined(separator: ", ")
        let message = "regex of rule \(rules) stopped: NSRegularExpression took too long on this article"
        return errorOutput(id: a.id, source: a.source, message: message, options: options, rules: scanner.rules)
      }
      return format(a, result, rules: scanner.rules, options: options)
    }
  }

  static func reported(_ rules: CompiledRules, _ options: TagOptions) -> [Int] {
    options.topics ?? Array(rules.topics.indices)
  }

  static func isTag(_ t: Int, _ r: ArticleResult, _ options: TagOptions) -> Bool {
    r.tagged[t] && r.scores[t] >= options.minScore
  }

  static func format(_ a: Article, _ r: ArticleResult, rules: CompiledRules, options: TagOptions) -> TagOutput {
    let topics = reported(rules, options)
    let tags = topics.filter { isTag($0, r, options) }.sorted { r.scores[$0] > r.scores[$1] || (r.scores[$0] == r.scores[$1] && $0 < $1) }
    switch options.format {
    case .jsonl:
      var w = JSONWriter()
      // Records run about twice the article's size (evidence sentences).
      w.bytes.reserveCapacity(2 * (a.title.count + a.text.count) + 1024)
      w.beginObject()
      w.key("id"); w.string(a.id)
      w.key("source"); w.string(a.source)
      w.key("tags"); w.beginArray()
      for t in tags { w.string(rules.topics[t].id) }
      w.endArray()
      w.key("scores"); w.beginObject()
      for t in topics { w.key(encoded: options.names.topicIDs[t]); w.number(r.scores[t]) }
      w.endObject()
      w.key("evidence"); w.beginObject()
      let explained = options.explain ? topics.filter { !r.fired[$0].isEmpty } : tags
      if !explained.isEmpty {
        let chars = EvidenceText.ArticleIndex(a)
        for t in explained {
          w.key(encoded: options.names.topicIDs[t])
          writeEvidence(&w, a, r.fired[t], options.names, chars: chars)
        }
      }
      w.endObject()
      for (k, v) in a.extra where k != "id" && k != "source" && k != "tags" && k != "scores" && k != "evidence" {
        w.key(k)
        v.withUnsafeBufferPointer { w.raw($0) }
      }
      w.endObject()
      w.bytes.append(0x0A)
      return TagOutput(bytes: w.bytes, error: nil, tagCount: tags.count, row: nil)
    case .csv:
      var line = [csvField(a.id), csvField(a.source), csvField(tags.map { rules.topics[$0].id }.joined(separator: ";")), ""]
      line += topics.map { JSONWriter.format(r.scores[$0]) }
      return TagOutput(bytes: Array((line.joined(separator: ",") + "\n").utf8), error: nil, tagCount: tags.count, row: nil)
    case .table:
      let tagText = tags.map { "\(rules.topics[$0].id) \(JSONWriter.format(r.scores[$0]))" }.joined(separator: ", ")
      var explain: [String] = []
      if options.explain {
        for t in topics where !r.fired[t].isEmpty {
          let mark = isTag(t, r, options) ? "≥" : "<"
          explain.append(
            "\(rules.topics[t].id): \(JSONWriter.format(r.scores[t])) \(mark) threshold \(JSONWriter.format(rules.topics[t].threshold))")
          for f in r.fired[t] {
            let rule = rules.rules[f.rule]
            let sign = rule.weight > 0 ? "+" : ""
            let texts = f.hits.map { h in h.map { EvidenceText.quote(a, $0) }.joined(separator: " + ") }
            explain.append("  \(sign)\(JSONWriter.format(f.score)) \(rule.location)  \(texts.joined(separator: "; "))")
          }
        }
      }
      return TagOutput(
        bytes: [], error: nil, tagCount: tags.count,
        row: TableRow(id: a.id, title: a.titleString, tags: tagText.isEmpty ? "-" : tagText, explain: explain))
    }
  }

  static func writeEvidence(
    _ w: inout JSONWriter, _ a: Article, _ fired: [FiredRule], _ names: EncodedNames, chars: EvidenceText.ArticleIndex
  ) {
    let runs = EncodedNames.evidenceRuns
    w.beginArray()
    for f in fired {
      for hit in f.hits {
        for span in hit {
          // Byte ranges, written straight from the article (no Strings).
          let loc = EvidenceText.locateBytes(a, span, chars: chars)
          let field = loc.inTitle ? a.title : a.text
          // Members: rule, weight, text, field, start, end, sentence; the
          // fixed runs between values are encoded once (`EncodedNames`).
          field.withUnsafeBufferPointer { p in
            w.beginObject(members: names.evidenceHeads[f.rule])
            w.members(thenKey: runs.text); w.string(bytes: UnsafeBufferPointer(rebasing: p[loc.text]))
            w.members(thenKey: loc.inTitle ? runs.inTitle : runs.inText); w.int(loc.start)
            w.members(thenKey: runs.end); w.int(loc.end)
            w.members(thenKey: runs.sentence); w.string(bytes: UnsafeBufferPointer(rebasing: p[loc.sentence]))
            w.endObject()
          }
        }
      }
    }
    w.endArray()
  }

  static func errorOutput(_ e: InputError, options: TagOptions, rules: CompiledRules) -> TagOutput {
    errorOutput(id: e.id, source: e.source, message: e.message, options: options, rules: rules)
  }

  static func errorOutput(id: String?, source: String, message: String, options: TagOptions, rules: CompiledRules)
    -> TagOutput
  {
    let e = (id: id, source: source, message: message)
    switch options.format {
    case .jsonl:
      var w = JSONWriter()
      w.beginObject()
      if let id = e.id { w.key("id"); w.string(id) }
      w.key("source"); w.string(e.source)
      w.key("error"); w.string(e.message)
      w.endObject()
      w.bytes.append(0x0A)
      return TagOutput(bytes: w.bytes, error: e.message, tagCount: 0, row: nil)
    case .csv:
      var line = [csvField(e.id ?? ""), csvField(e.source), "", csvField(e.message)]
      line += reported(rules, options).map { _ in "" }
      return TagOutput(bytes: Array((line.joined(separator: ",") + "\n").utf8), error: e.message, tagCount: 0, row: nil)
    case .table:
      return TagOutput(
        bytes: [], error: e.message, tagCount: 0,
        row: TableRow(id: e.id ?? e.source, title: "", tags: "error: \(e.message)", explain: []))
    }
  }

  static func csvHeader(_ rules: CompiledRules, _ options: TagOptions) -> String {
    (["id", "source", "tags", "error"] + reported(rules, options).map { rules.topics[$0].id }).joined(separator: ",") + "\n"
  }

  static func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  static func renderTable(_ rows: [TableRow], explain: Bool) -> String {
    let idW = min(24, max(2, rows.map { DisplayWidth.of($0.id) }.max() ?? 2))
    let titleW = 36
    var s = DisplayWidth.pad("ID", to: idW) + "  " + DisplayWidth.pad("TITLE", to: titleW) + "  TAGS\n"
    for r in rows {
      let id = DisplayWidth.pad(DisplayWidth.truncate(r.id, to: idW), to: idW)
      let title = DisplayWidth.pad(DisplayWidth.truncate(r.title.replacingOccurrences(of: "\n", with: " "), to: titleW), to: titleW)
      s += id + "  " + title + "  " + r.tags + "\n"
      for e in r.explain { s += String(repeating: " ", count: idW + 2) + e + "\n" }
    }
    return s
  }
}

