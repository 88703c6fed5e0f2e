// What changed between two compiled rule sets, rule by rule.
//
// Rules are matched by identity (`RuleIdentity`), never by line, so a
// comment inserted above a rule, rules moved within a file, or the same
// folder reached by another path change nothing. What is left is the
// edit itself: rules added and removed (an edited text is a new identity,
// so it shows as both), reweighted rules, rules named with `id` whose text
// changed, thresholds, and topics added or removed.

/// One change between two rule sets.
public struct RuleChange: Equatable, Sendable {
  public enum Kind: String, Sendable {
    case added, removed, reweighted, edited, threshold
    /// The topic's default contexts (`ignore-in` on its line) changed.
    case contexts
    case topicAdded = "topic-added"
    case topicRemoved = "topic-removed"
  }

  public var kind: Kind
  public var topic: String
  /// The rule's identity; the topic id for topic and threshold changes.
  public var identity: String
  /// Weights (rules) or thresholds (topics) before and after; nil on the
  /// side that does not have it.
  public var old: Double?
  public var new: Double?
  /// `file:line` before and after.
  public var oldLocation: String?
  public var newLocation: String?
  /// The rule or topic line as written (after the change, when it exists).
  public var lineText: String

  /// The location to show: the one after the change when there is one.
  public var location: String { newLocation ?? oldLocation ?? "" }
}

/// The changes between two rule sets, in topic order and, within a topic,
/// threshold first and then by line.
public struct RuleSetDiff: Sendable {
  public var changes: [RuleChange]
  /// Rule changes by identity.
  var byIdentity: [String: RuleChange]
  /// Threshold changes by topic.
  var thresholds: [String: RuleChange]
  /// Changes of the topics' default contexts, by topic.
  var contexts: [String: RuleChange]

  public init(changes: [RuleChange]) {
    self.changes = changes
    byIdentity = [:]
    thresholds = [:]
    contexts = [:]
    for c in changes {
      switch c.kind {
      case .threshold: thresholds[c.topic] = c
      case .contexts: contexts[c.topic] = c
      case .added, .removed, .reweighted, .edited: byIdentity[c.identity] = c
      case .topicAdded, .topicRemoved: break
      }
    }
  }

  /// The change of the rule `identity`, if it changed.
  public func change(of identity: String) -> RuleChange? { byIdentity[identity] }
  /// The threshold change of `topic`, if it changed.
  public func thresholdChange(of topic: String) -> RuleChange? { thresholds[topic] }
  /// The change of `topic`'s default contexts, if they changed.
  public func contextsChange(of topic: String) -> RuleChange? { contexts[topic] }

  public var isEmpty: Bool { changes.isEmpty }

  /// Compares `old` with `new` by identity.
  public static func compare(old: CompiledRules, new: CompiledRules) -> RuleSetDiff {
    var out: [RuleChange] = []
    let topicIDs = orderedUnion(old.topics.map(\.id), new.topics.map(\.id))
    for id in topicIDs {
      let o = old.topicIndex(id).map { old.topics[$0] }
      let n = new.topicIndex(id).map { new.topics[$0] }
      var topicChanges: [RuleChange] = []
      switch (o, n) {
      case (let o?, nil):
        topicChanges.append(
          RuleChange(
            kind: .topicRemoved, topic: id, identity: id, old: o.threshold, new: nil, oldLocation: o.location,
            newLocation: nil, lineText: ""))
      case (nil, let n?):
        topicChanges.append(
          RuleChange(
            kind: .topicAdded, topic: id, identity: id, old: nil, new: n.threshold, oldLocation: nil,
            newLocation: n.location, lineText: ""))
      case (let o?, let n?) where o.threshold != n.threshold:
        topicChanges.append(
          RuleChange(
            kind: .threshold, topic: id, identity: id, old: o.threshold, new: n.threshold, oldLocation: o.location,
            newLocation: n.location, lineText: ""))
      default: break
      }
      if let o, let n, o.ignored != n.ignored {
        topicChanges.append(
          RuleChange(
            kind: .contexts, topic: id, identity: id, old: nil, new: nil, oldLocation: o.location,
            newLocation: n.location, lineText: "ignore-in " + names(o.ignored) + " → " + names(n.ignored)))
      }
      let oldRules = o.map { Array(old.rules[$0.rules]) } ?? []
      let newRules = n.map { Array(new.rules[$0.rules]) } ?? []
      topicChanges += ruleChanges(topic: id, old: oldRules, new: newRules)
      out += topicChanges
    }
    return RuleSetDiff(changes: out)
  }

  /// The rule changes within one topic.
  static func ruleChanges(topic: String, old: [CompiledRule], new: [CompiledRule]) -> [RuleChange] {
    var before: [String: CompiledRule] = [:]
    for r in old { before[r.identity] = r }
    let after = Set(new.map(\.identity))
    var out: [RuleChange] = []
    for r in new {
      guard let o = before[r.identity] else {
        out.append(
          RuleChange(
            kind: .added, topic: topic, identity: r.identity, old: nil, new: r.weight, oldLocation: nil,
            newLocation: r.location, lineText: r.lineText))
        continue
      }
      let kind: RuleChange.Kind? =
        o.canonicalText != r.canonicalText ? .edited : o.weight != r.weight ? .reweighted : nil
      if let kind {
        out.append(
          RuleChange(
            kind: kind, topic: topic, identity: r.identity, old: o.weight, new: r.weight, oldLocation: o.location,
            newLocation: r.location, lineText: r.lineText))
      }
    }
    for r in old where !after.contains(r.identity) {
      out.append(
        RuleChange(
          kind: .removed, topic: topic, identity: r.identity, old: r.weight, new: nil, oldLocation: r.location,
          newLocation: nil, lineText: r.lineText))
    }
    return out
  }

  /// `list|slogan`, or `nothing`.
  static func names(_ c: HitContext) -> String {
    let n = HitContext.names.filter { c.contains($0.1) }.map(\.0)
    return n.isEmpty ? "nothing" : n.joined(separator: "|")
  }

  /// `a`, then the elements of `b` that are not in it, each once.
  static func orderedUnion(_ a: [String], _ b: [String]) -> [String] {
    var seen = Set<String>()
    return (a + b).filter { seen.insert($0).inserted }
  }
}
