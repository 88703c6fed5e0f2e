// The text behind the diff page's sentences: the articles whose changes
// the page lists, read again and scanned with both rule sets, so that each
// blamed rule's counted hits can be marked as they were before the edit
// and as they are after it. Only the listed articles are kept.

/// One changed article with each side's counted hits.
public struct DiffArticleEvidence: Sendable {
  public var article: Article
  /// Per topic id, per rule identity: the counted hits before the edit,
  /// each hit as its spans.
  public var old: [String: [String: [[EvidenceSpan]]]]
  /// The same after the edit.
  public var new: [String: [String: [[EvidenceSpan]]]]
}

public enum DiffHTMLEvidence {
  /// The key of an article in the evidence: its id and source.
  public static func key(id: String, source: String) -> String { id + "\u{1F}" + source }

  /// The evidence of every article that `diff` lists (with `all`, the
  /// score-only changes too), read from `reader`, which must give the
  /// articles that were compared.
  ///
  /// An article of the reader that the diff does not list, or that does
  /// not parse, is skipped.
  public static func collect(
    _ diff: TagDiff, all: Bool, old: CompiledRules, new: CompiledRules, reader: InputReader
  ) -> [String: DiffArticleEvidence] {
    let wanted = Set((all ? diff.changes : diff.tagChanges).map { key(id: $0.id, source: $0.source) })
    var out: [String: DiffArticleEvidence] = [:]
    guard !wanted.isEmpty else { return out }
    var before = ArticleScanner(rules: old)
    var after = ArticleScanner(rules: new)
    while let record = reader.next() {
      guard case .success(let a) = record.parse() else { continue }
      let k = key(id: a.id, source: a.source)
      guard wanted.contains(k), out[k] == nil else { continue }
      out[k] = DiffArticleEvidence(
        article: a, old: hits(a, scanner: &before, rules: old), new: hits(a, scanner: &after, rules: new))
    }
    return out
  }

  /// The counted hits of every fired rule of `a`, by topic and identity.
  static func hits(_ a: Article, scanner: inout ArticleScanner, rules: CompiledRules) -> [String: [String:
    [[EvidenceSpan]]]]
  {
    let r = a.title.withUnsafeBufferPointer { t in a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0) } }
    var out: [String: [String: [[EvidenceSpan]]]] = [:]
    for (t, topic) in rules.topics.enumerated() {
      var fired: [String: [[EvidenceSpan]]] = [:]
      for f in r.fired[t] { fired[rules.rules[f.rule].identity] = f.hits }
      out[topic.id] = fired
    }
    return out
  }
}
