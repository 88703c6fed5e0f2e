// What changed between two taggings of the same articles.
//
// The two sides come either from scanning the input with two rule sets
// (`TagDiffScan`), where every rule's contribution and the rule-set
// changes are known, or from two files of `tag --format jsonl` records,
// where the evidence names the rules by identity (`rule_id`, or the
// `file:line` of older records). `TagDiff` pairs the articles by id,
// keeps each `ArticleDiff` (`TagBlame`), and counts what a header and a
// summary need: articles compared, the verdicts on labelled articles, and
// the tags both sides gave labelled articles, for P/R/F1 before and after.

/// Why a line of a `tag` output file cannot be compared.
public struct RecordError: Error, Equatable, Sendable {
  public var line: Int
  public var message: String
}

/// One line of `tag --format jsonl` output.
public enum TaggedRecord {
  /// The article's outcome; nil for an error record (`"error"`), or a
  /// `RecordError` for a line that is not `tag` JSONL output.
  public static func parse(_ line: [UInt8], lineNumber: Int) -> Result<ArticleOutcome?, RecordError> {
    func refuse(_ why: String) -> Result<ArticleOutcome?, RecordError> {
      .failure(RecordError(line: lineNumber, message: why))
    }
    let text = String(decoding: line.prefix(200), as: UTF8.self)
    guard let v = try? line.withUnsafeBufferPointer({ p throws(JSONError) in try JSONReader.parse(p) }) else {
      if text.hasPrefix("id,source,tags,error") || (text.contains(",") && !text.hasPrefix("{")) {
        return refuse("this is not JSONL (it looks like `tag --format csv` output)")
      }
      if text.hasPrefix("ID ") { return refuse("this is not JSONL (it looks like `tag --format table` output)") }
      return refuse("this is not a JSON line")
    }
    guard case .object(let fields) = v else { return refuse("this JSON line is not an object") }
    if fields.contains(where: { $0.0 == "error" }) { return .success(nil) }
    var id: String? = nil
    var source = ""
    var tags: Set<String> = []
    var scores: [(String, Double)]? = nil
    var evidence: [String: [String: FiredIdentity]] = [:]
    var labels: Set<String>? = nil
    for (k, v) in fields {
      switch (k, v) {
      case ("id", _): id = v.idString
      case ("source", .string(let s)): source = s
      case ("tags", .array(let xs)):
        for case .string(let s) in xs { tags.insert(s) }
      case ("labels", .array(let xs)):
        labels = Set(xs.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
      case ("scores", .object(let xs)):
        scores = xs.map { t, s in
          if case .number(let n) = s { return (t, Double(n) ?? 0) }
          return (t, 0)
        }
      case ("evidence", .object(let xs)):
        for (t, list) in xs {
          guard case .array(let items) = list else { continue }
          var fired: [String: FiredIdentity] = [:]
          for case .object(let e) in items {
            func member(_ name: String) -> JSONValue? { e.first { $0.0 == name }?.1 }
            guard case .string(let loc)? = member("rule") else { continue }
            var identity = loc
            if case .string(let r)? = member("rule_id") { identity = r }
            var weight = 0.0
            if case .number(let w)? = member("weight") { weight = Double(w) ?? 0 }
            fired[identity] = FiredIdentity(contribution: nil, weight: weight, location: loc)
          }
          evidence[t] = fired
        }
      default: break
      }
    }
    guard let scores else {
      return refuse("this JSON line has no `scores`: it is not `tag --format jsonl` output")
    }
    guard let id else { return refuse("this record has no `id`") }
    var topics: [String: TopicOutcome] = [:]
    for (t, s) in scores {
      let known = evidence[t] != nil || (!tags.contains(t) && s == 0)
      topics[t] = TopicOutcome(
        score: s, tagged: tags.contains(t), threshold: nil, rules: evidence[t] ?? [:], rulesKnown: known)
    }
    return .success(
      ArticleOutcome(id: id, source: source, labels: labels, topicOrder: scores.map(\.0), topics: topics))
  }
}

/// A comparison being built, article by article, and its result.
public struct TagDiff: Sendable {
  /// The rule-set changes, when both rule sets were compiled here.
  public var rules: RuleSetDiff?
  /// Every article whose tags or scores changed, in input order.
  public var changes: [ArticleDiff] = []
  public var compared = 0
  /// Ids on one side only (two record files).
  public var onlyOld: [String] = []
  public var onlyNew: [String] = []
  /// Articles that could not be compared, as messages.
  public var errors: [String] = []
  /// Error records (`"error"`) of `tag` output files, which have nothing
  /// to compare.
  public var errorRecords = 0
  /// Per labelled article: gold, old tags, new tags.
  var labelled: [(gold: Set<String>, old: Set<String>, new: Set<String>)] = []
  /// Every topic of either side, in order.
  public var topicOrder: [String] = []

  public init(rules: RuleSetDiff?, topicOrder: [String] = []) {
    self.rules = rules
    self.topicOrder = topicOrder
  }

  /// Adds one article as both sides saw it.
  public mutating func add(old: ArticleOutcome, new: ArticleOutcome) {
    compared += 1
    for t in new.topicOrder + old.topicOrder where !topicOrder.contains(t) { topicOrder.append(t) }
    if let gold = new.labels ?? old.labels { labelled.append((gold, old.tags, new.tags)) }
    if let d = TagBlame.compare(old: old, new: new, rules: rules) { changes.append(d) }
  }

  /// Whether any article differs.
  public var somethingChanged: Bool { !changes.isEmpty || !onlyOld.isEmpty || !onlyNew.isEmpty }
  public var tagChanges: [ArticleDiff] { changes.filter(\.tagChanged) }
  public var scoreOnlyCount: Int { changes.count - tagChanges.count }
  public var labelledCount: Int { labelled.count }

  /// How many topic changes got each verdict.
  public func verdictCount(_ v: Verdict, tagChangesOnly: Bool = true) -> Int {
    changes.reduce(0) { n, c in n + c.topics.filter { $0.verdict == v && (!tagChangesOnly || $0.tagChanged) }.count }
  }

  /// P/R/F1 of the labelled articles before and after; nil without labels.
  ///
  /// Labels of topics neither side defines are left out, as `eval` does.
  public var metrics: (old: MetricsTable, new: MetricsTable)? {
    guard !labelled.isEmpty else { return nil }
    let known = Set(topicOrder)
    let gold = labelled.map { $0.gold.intersection(known) }
    return (
      MetricsTable(topicIDs: topicOrder, gold: gold, predicted: labelled.map(\.old)),
      MetricsTable(topicIDs: topicOrder, gold: gold, predicted: labelled.map(\.new))
    )
  }

  /// Compares two files' records, paired by id; the order is the new side's.
  ///
  /// When only one side names rules by identity (`rule_id`; the other was
  /// written before rules had one), both are matched by location instead.
  public static func compare(old: [ArticleOutcome], new: [ArticleOutcome]) -> TagDiff {
    func namesIdentities(_ side: [ArticleOutcome]) -> Bool {
      side.contains { a in a.topics.values.contains { t in t.rules.contains { $0.key != $0.value.location } } }
    }
    if namesIdentities(old) != namesIdentities(new) {
      return compare(old: old.map(byLocation), new: new.map(byLocation))
    }
    var d = TagDiff(rules: nil)
    var before: [String: ArticleOutcome] = [:]
    for r in old { before[r.id] = r }
    var seen = Set<String>()
    for n in new {
      seen.insert(n.id)
      guard let o = before[n.id] else {
        d.onlyNew.append(n.id)
        continue
      }
      d.add(old: o, new: n)
    }
    d.onlyOld = old.map(\.id).filter { !seen.contains($0) }
    return d
  }

  /// `a` with its fired rules keyed by location.
  static func byLocation(_ a: ArticleOutcome) -> ArticleOutcome {
    var out = a
    for (t, topic) in a.topics {
      var rules: [String: FiredIdentity] = [:]
      for r in topic.rules.values { rules[r.location] = r }
      out.topics[t]?.rules = rules
    }
    return out
  }
}
