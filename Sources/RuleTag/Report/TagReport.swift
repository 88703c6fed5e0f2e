// The report of `tag`: one output record per article, in the chosen format.
//
// The scanner gives scores and evidence spans; this stage picks the topics
// to report (`--topics`, `--min-score`), orders the tags, and writes the
// record as a JSONL line, a CSV line or a table row (`TagJSONL.swift`,
// `TagCSV.swift`, `TagTable.swift`). Evidence is located in the original
// article in one place, `EvidenceText`. Records are made on the worker
// threads; the caller writes them in input order.

/// The output formats of `tag`.
public enum TagFormat: String, CaseIterable, Sendable {
  case table, jsonl, csv
}

/// What `tag` reports, resolved from its flags.
public struct TagReportOptions: Sendable {
  public var format: TagFormat
  /// Topics to report (indexes into the rule set), nil for all.
  public var topics: [Int]?
  public var minScore: Double
  /// Evidence in the table; evidence of topics that scored but were not
  /// tagged in JSONL.
  public var explain: Bool
  /// Whether JSONL and CSV records carry the article's `text` (they
  /// always carry its `title`), so every evidence offset points into the
  /// record itself.
  public var withText: Bool
  /// How input bytes are decoded.
  public var encoding: InputEncoding = .auto
  /// JSON forms of the names written for every article.
  public var names: EncodedNames

  public init(
    format: TagFormat, topics: [Int]? = nil, minScore: Double = -.infinity, explain: Bool, withText: Bool = false,
    rules: CompiledRules
  ) {
    self.format = format
    self.topics = topics
    self.minScore = minScore
    self.explain = explain
    self.withText = withText
    names = EncodedNames(rules)
  }
}

/// One article's output record.
public struct TagOutput: Sendable {
  /// The bytes to write (JSONL and CSV); empty for the table.
  public var bytes: [UInt8]
  /// The input error this record reports, if any.
  public var error: String?
  /// How many topics were tagged.
  public var tagCount: Int
  /// The table row (the table is laid out once all rows are in).
  public var row: TableRow?
  /// The file of an article converted from another encoding, and that
  /// encoding, for the note that says so.
  public var converted: (file: String, from: String)? = nil
}

/// One row of the table, with its `--explain` lines.
public struct TableRow: Sendable {
  public var id: String
  public var title: String
  public var tags: String
  public var explain: [String]
}

public enum TagReport {
  /// Parses `record`, scans it and makes its output record (or the record
  /// of its input error).
  public static func process(_ input: InputRecord, scanner: inout ArticleScanner, options: TagReportOptions)
    -> TagOutput
  {
    switch input.parse(encoding: options.encoding) {
    case .failure(let e):
      return errorRecord(e, rules: scanner.rules, options: options)
    case .success(let a):
      let result = a.title.withUnsafeBufferPointer { t in
        a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0) }
      }
      if !result.stoppedRules.isEmpty {
        // ICU was stopped on a regex (`BoundedICU`): the scores are incomplete.
        let names = result.stoppedRules.map { scanner.rules.rules[$0].location }.joined(separator: ", ")
        let message = "regex of rule \(names) stopped: NSRegularExpression took too long on this article"
        return errorRecord(
          InputError(source: a.source, message: message, id: a.id), rules: scanner.rules, options: options)
      }
      var out = record(a, result, rules: scanner.rules, options: options)
      if let from = a.convertedFrom { out.converted = (input.file, from) }
      return out
    }
  }

  /// The output record of a scanned article.
  public static func record(_ a: Article, _ r: ArticleResult, rules: CompiledRules, options: TagReportOptions)
    -> TagOutput
  {
    let topics = reported(rules, options)
    let tags = topics.filter { isTag($0, r, options) }.sorted {
      r.scores[$0] > r.scores[$1] || (r.scores[$0] == r.scores[$1] && $0 < $1)
    }
    switch options.format {
    case .jsonl: return jsonlRecord(a, r, topics: topics, tags: tags, rules: rules, options: options)
    case .csv: return csvRecord(a, r, topics: topics, tags: tags, rules: rules, options: options)
    case .table: return tableRecord(a, r, topics: topics, tags: tags, rules: rules, options: options)
    }
  }

  /// The output record of an input error.
  public static func errorRecord(_ e: InputError, rules: CompiledRules, options: TagReportOptions) -> TagOutput {
    switch options.format {
    case .jsonl: return jsonlError(e)
    case .csv: return csvError(e, rules: rules, options: options)
    case .table: return tableError(e)
    }
  }

  /// The topics reported, in rule-set order.
  static func reported(_ rules: CompiledRules, _ options: TagReportOptions) -> [Int] {
    options.topics ?? Array(rules.topics.indices)
  }

  /// Whether topic `t` is reported as a tag.
  static func isTag(_ t: Int, _ r: ArticleResult, _ options: TagReportOptions) -> Bool {
    r.tagged[t] && r.scores[t] >= options.minScore
  }
}
