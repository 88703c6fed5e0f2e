// `ruletag tag`: articles in, topics with scores and evidence out.
//
// Glue: the flags become `TagReportOptions`, `BatchScanner` scans on the
// worker threads, and `TagReport` (the library's report stage) makes each
// record; this command writes them in input order and prints the summary.

import Foundation
import RuleTag

enum TagCommand {
  static let spec = CommandSpec(
    name: "tag", summary: "Tag articles with topics, scores and the evidence behind each tag.",
    positional: "[PATH ...]   (files, folders, *.jsonl, *.txt; `-` or none: standard input)",
    flags: [
      FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: $RULETAG_RULES, ./Rules, built-in)"),
      FlagSpec(
        name: "format", value: "table|jsonl|csv", help: "output format (default: table on a terminal, else jsonl)"),
      FlagSpec(name: "topics", value: "id,id", help: "report only these topics"),
      FlagSpec(name: "min-score", value: "number", help: "report a tag only when its score is at least this"),
      FlagSpec(name: "explain", value: nil, help: "show evidence in the table; add near misses to jsonl"),
      FlagSpec(name: "with-text", value: nil, help: "add each article's text to jsonl and csv records"),
      FlagSpec(
        name: "encoding", value: "auto|utf-8|gb18030|gbk",
        help: "input encoding (default: auto, UTF-8 or GB18030 when it looks like it)"),
      FlagSpec(name: "threads", value: "n", help: "scanning threads (default: all cores)"),
      FlagSpec(name: "color", value: "auto|always|never", help: "colour the table (default: auto, on a terminal)"),
      FlagSpec(name: "quiet", value: nil, help: "no progress, notes or summary on stderr; errors only"),
    ],
    example: "ruletag tag Corpus/ --format table --explain\ncat news.jsonl | ruletag tag --format jsonl > tagged.jsonl")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    if f.value("rules") == "-" && (f.positional.isEmpty || f.positional.contains("-")) {
      io.error("error: standard input can hold the rules (--rules -) or the articles, not both\n")
      return ExitCode.usage
    }
    guard let rules = RulesLocator.compiled(f.value("rules"), io: io) else { return ExitCode.usage }
    var options = TagReportOptions(
      format: io.isTerminal ? .table : .jsonl, explain: f.has("explain"), withText: f.has("with-text"), rules: rules)
    if let v = f.value("format") {
      guard let fmt = TagFormat(rawValue: v) else {
        io.error("error: unknown format `\(v)`; choose from: table, jsonl, csv\n")
        return ExitCode.usage
      }
      options.format = fmt
    }
    if options.explain && options.format == .csv {
      io.error("error: --explain has no place in csv (one row of scores per article); use --format jsonl or table\n")
      return ExitCode.usage
    }
    if options.withText && options.format == .table {
      io.error("error: --with-text is for jsonl and csv records; the table shows titles\n")
      return ExitCode.usage
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
    if let v = f.value("encoding") {
      guard let e = InputEncoding(name: v) else {
        io.error("error: unknown encoding `\(v)`; choose from: auto, utf-8, gb18030, gbk\n")
        return ExitCode.usage
      }
      options.encoding = e
    }
    guard let threads = threadCount(f, io: io) else { return ExitCode.usage }
    guard let color = colorChoice(f, io: io) else { return ExitCode.usage }
    let quiet = f.has("quiet")
    if let notice = standardInputNotice(f.positional, io: io, quiet: quiet) { io.error(notice) }
    let reader = InputReader(paths: f.positional, directory: io.directory)
    let paths = f.positional
    let directory = io.directory
    let progress = ProgressMeter(io: io, quiet: quiet, streaming: options.format != .table) {
      InputReader.totalSize(paths, directory: directory)
    }
    let batch = BatchScanner(rules: rules, threads: threads)
    let opts = options
    var read = 0
    var errors = 0
    var withTags = 0
    var rows: [TableRow] = []
    var convertedFiles: Set<String> = []
    if opts.format == .csv { io.write(TagReport.csvHeader(rules, opts)) }
    batch.run(
      reader,
      until: { io.failure != nil || Interruption.caught != nil },
      job: { scanner, record in
        TagReport.process(record, scanner: &scanner, options: opts)
      },
      size: { $0.bytes.count },
      sink: { outs in
        for o in outs {
          read += 1
          if let (file, from) = o.converted, convertedFiles.insert(file).inserted, !quiet {
            progress.clear()
            io.error("note: \(file) is not UTF-8; read as \(from) (GBK) and converted with iconv\n")
          }
          if let e = o.error {
            errors += 1
            progress.clear()
            io.error("error: \(e)\n")
          } else if o.tagCount > 0 {
            withTags += 1
          }
          if let r = o.row { rows.append(r) } else { io.write(bytes: o.bytes) }
        }
        progress.update(articles: read, errors: errors, bytes: reader.bytesRead)
      })
    progress.clear()
    if opts.format == .table {
      io.write(TagReport.renderTable(rows, explain: opts.explain, style: TableStyle(width: io.columns, color: color)))
    }
    io.flush()
    // Records that were not written are not reported as tagged.
    if io.failure != nil { return ExitCode.outputFailed }
    let skipped =
      reader.skippedFiles > 0 ? "; \(counted(reader.skippedFiles, "file")) skipped: not .txt or .jsonl" : ""
    let interrupted =
      Interruption.caught.map { "; interrupted by \(Interruption.name($0)), input not read to the end" } ?? ""
    if !quiet {
      io.error(
        "summary: \(counted(read, "article")) read = \(read - errors) tagged + \(counted(errors, "error")); \(withTags) with at least one topic\(skipped)\(interrupted)\n"
      )
    }
    if let sig = Interruption.caught { return 128 + sig }
    return errors > 0 ? ExitCode.inputErrors : ExitCode.ok
  }

  /// What `tag` says before it waits for a person to type articles: only
  /// when it reads standard input and that is a terminal, and not `--quiet`.
  static func standardInputNotice(_ paths: [String], io: CommandIO, quiet: Bool) -> String? {
    guard !quiet, io.inIsTerminal, paths.isEmpty || paths.contains("-") else { return nil }
    return "reading articles from standard input (JSONL, or one text article); end with Ctrl-D\n"
  }
}
