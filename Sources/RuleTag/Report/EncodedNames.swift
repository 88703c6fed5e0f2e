// Names that every JSONL record writes, encoded once per run.

/// Topic ids and each rule's location and weight in their JSON form,
/// encoded once per run instead of once per article.
public struct EncodedNames: Sendable {
  var topicIDs: [[UInt8]] = []
  /// Topic ids as plain UTF-8 (the CSV `tags` field).
  var topicNames: [[UInt8]] = []
  /// Per rule, the first members of each of its evidence objects:
  /// `"rule":"file:line","rule_id":"topic/xxxxxxxx","weight":w`.
  var evidenceHeads: [[UInt8]] = []

  public init() {}

  public init(_ rules: CompiledRules) {
    topicIDs = rules.topics.map { JSONWriter.encoded($0.id) }
    topicNames = rules.topics.map { Array($0.id.utf8) }
    evidenceHeads = rules.rules.map { rule in
      Array(#""rule":"#.utf8) + JSONWriter.encoded(rule.location) + Array(#","rule_id":"#.utf8)
        + JSONWriter.encoded(rule.identity) + Array(#","weight":"#.utf8)
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
