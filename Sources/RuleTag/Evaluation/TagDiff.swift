// What changed between two runs of `ruletag tag --format jsonl`.
//
// After a rule edit, an editor reruns and wants to see which articles
// changed and which rule line changed them. Both runs' records carry, per
// topic, the evidence with the rule location (`file:line`) of every hit, so
// comparing the two sets of rule locations names the lines responsible.

/// One article's record as `tag` wrote it.
public struct TaggedRecord: Sendable {
  public var id: String
  public var tags: Set<String>
  public var scores: [String: Double]
  /// Rule locations that contributed evidence, per topic.
  public var rules: [String: Set<String>]

  /// Reads a `tag --format jsonl` record; nil for error records.
  public static func parse(_ line: [UInt8]) -> TaggedRecord? {
    guard let v = try? line.withUnsafeBufferPointer({ p throws(JSONError) in try JSONReader.parse(p) }),
      case .object(let fields) = v
    else { return nil }
    var r = TaggedRecord(id: "", tags: [], scores: [:], rules: [:])
    var sawScores = false
    for (k, v) in fields {
      switch (k, v) {
      case ("id", _): r.id = v.idString ?? ""
      case ("tags", .array(let xs)):
        for case .string(let s) in xs { r.tags.insert(s) }
      case ("scores", .object(let xs)):
        sawScores = true
        for (t, s) in xs { if case .number(let n) = s { r.scores[t] = Double(n) ?? 0 } }
      case ("evidence", .object(let xs)):
        for (t, list) in xs {
          guard case .array(let items) = list else { continue }
          for case .object(let e) in items {
            if let rule = e.first(where: { $0.0 == "rule" })?.1, case .string(let loc) = rule {
              r.rules[t, default: []].insert(loc)
            }
          }
        }
      default: break
      }
    }
    return sawScores ? r : nil
  }
}

/// One article whose tags or scores differ between two runs.
public struct ArticleChange: Sendable, Equatable {
  public var id: String
  public var added: [String]
  public var removed: [String]
  /// Topics whose score changed: (topic, before, after).
  public var scoreChanges: [(String, Double, Double)]
  /// Rule locations that fired after but not before, and the reverse.
  public var rulesGained: [String]
  public var rulesLost: [String]

  public static func == (a: ArticleChange, b: ArticleChange) -> Bool {
    a.id == b.id && a.added == b.added && a.removed == b.removed && a.rulesGained == b.rulesGained
      && a.rulesLost == b.rulesLost && a.scoreChanges.map(\.0) == b.scoreChanges.map(\.0)
  }
}

public enum TagDiff {
  /// The changes from `before` to `after`, in the order of `after`; ids
  /// present on one side only are listed separately.
  public static func compare(before: [TaggedRecord], after: [TaggedRecord]) -> (
    changes: [ArticleChange], onlyBefore: [String], onlyAfter: [String]
  ) {
    var old: [String: TaggedRecord] = [:]
    for r in before { old[r.id] = r }
    var changes: [ArticleChange] = []
    var onlyAfter: [String] = []
    var seen: Set<String> = []
    for n in after {
      seen.insert(n.id)
      guard let o = old[n.id] else {
        onlyAfter.append(n.id)
        continue
      }
      let topics = Set(o.scores.keys).union(n.scores.keys).sorted { Topics.order($0) < Topics.order($1) }
      var scoreChanges: [(String, Double, Double)] = []
      for t in topics where (o.scores[t] ?? 0) != (n.scores[t] ?? 0) {
        scoreChanges.append((t, o.scores[t] ?? 0, n.scores[t] ?? 0))
      }
      if scoreChanges.isEmpty && o.tags == n.tags { continue }
      let oldRules = o.rules.values.reduce(into: Set<String>()) { $0.formUnion($1) }
      let newRules = n.rules.values.reduce(into: Set<String>()) { $0.formUnion($1) }
      changes.append(
        ArticleChange(
          id: n.id, added: n.tags.subtracting(o.tags).sorted { Topics.order($0) < Topics.order($1) },
          removed: o.tags.subtracting(n.tags).sorted { Topics.order($0) < Topics.order($1) },
          scoreChanges: scoreChanges, rulesGained: newRules.subtracting(oldRules).sorted(),
          rulesLost: oldRules.subtracting(newRules).sorted()))
    }
    let onlyBefore = before.map(\.id).filter { !seen.contains($0) }
    return (changes, onlyBefore, onlyAfter)
  }
}
