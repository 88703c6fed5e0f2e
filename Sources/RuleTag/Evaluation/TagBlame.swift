// Rule blame: for an article scored by two rule sets, which topics
// changed and which rules made them change.
//
// Each side gives, per topic, the score, whether it is tagged, and each
// fired rule's contribution keyed by identity. The rules responsible for a
// topic's change are those whose contribution differs between the sides
// (a rule that fired on neither side is never blamed). Each is described
// by its change in the rule set (added, removed, reweighted, edited) or,
// when the rule itself is unchanged, as `contexts` (its topic's
// `ignore-in` changed what counts) or `unchanged`. A threshold change is blamed when the tag flipped.
// Read from two `tag` output files, contributions are unknown: a rule is
// then blamed when it fired on one side only or with another weight.

/// A fired rule as one side of a comparison saw it.
public struct FiredIdentity: Equatable, Sendable {
  /// weight × counted hits; nil when read from `tag` records.
  public var contribution: Double?
  public var weight: Double
  public var location: String
}

/// One topic of one article on one side.
public struct TopicOutcome: Equatable, Sendable {
  public var score: Double
  public var tagged: Bool
  /// nil when read from `tag` records.
  public var threshold: Double?
  /// Fired rules by identity.
  public var rules: [String: FiredIdentity]
  /// False when the rules that fired are not known: a `tag` record lists
  /// evidence only for tags, unless it was written with `--explain`.
  public var rulesKnown: Bool

  public init(
    score: Double, tagged: Bool, threshold: Double?, rules: [String: FiredIdentity], rulesKnown: Bool = true
  ) {
    self.score = score
    self.tagged = tagged
    self.threshold = threshold
    self.rules = rules
    self.rulesKnown = rulesKnown
  }

  static let absent = TopicOutcome(score: 0, tagged: false, threshold: nil, rules: [:])
}

/// One article on one side: its topics by id, in rule-set order.
public struct ArticleOutcome: Equatable, Sendable {
  public var id: String
  public var source: String
  /// Gold labels, when the input has them.
  public var labels: Set<String>?
  public var topicOrder: [String]
  public var topics: [String: TopicOutcome]

  public init(
    id: String, source: String, labels: Set<String>?, topicOrder: [String], topics: [String: TopicOutcome]
  ) {
    self.id = id
    self.source = source
    self.labels = labels
    self.topicOrder = topicOrder
    self.topics = topics
  }

  /// The tagged topics.
  public var tags: Set<String> { Set(topics.filter(\.value.tagged).map(\.key)) }

  /// What `rules` made of an article.
  public static func scanned(_ a: Article, _ r: ArticleResult, rules: CompiledRules) -> ArticleOutcome {
    var topics: [String: TopicOutcome] = [:]
    for (t, topic) in rules.topics.enumerated() {
      var fired: [String: FiredIdentity] = [:]
      for f in r.fired[t] {
        let rule = rules.rules[f.rule]
        fired[rule.identity] = FiredIdentity(contribution: f.score, weight: rule.weight, location: rule.location)
      }
      topics[topic.id] = TopicOutcome(
        score: r.scores[t], tagged: r.tagged[t], threshold: topic.threshold, rules: fired)
    }
    return ArticleOutcome(
      id: a.id, source: a.source, labels: a.labels.map(Set.init), topicOrder: rules.topics.map(\.id), topics: topics)
  }
}

/// Whether a change made a labelled article right or wrong.
public enum Verdict: String, Sendable {
  case fixed, broke
  case stillWrong = "still wrong"
}

/// A rule held responsible for a topic's change.
public struct Blame: Equatable, Sendable {
  public enum Kind: String, Sendable {
    case added, removed, reweighted, edited, threshold, unchanged
    /// The rule is unchanged, but its topic's default contexts changed.
    case contexts
    /// From `tag` records: fired on one side only.
    case nowFires = "now fires"
    case noLongerFires = "no longer fires"
  }

  public var kind: Kind
  public var identity: String
  public var location: String
  public var oldWeight: Double?
  public var newWeight: Double?
  /// Contributions before and after (thresholds for `threshold`); nil
  /// when unknown.
  public var old: Double?
  public var new: Double?
  public var lineText: String
}

/// One topic of an article whose score or tag changed.
public struct TopicChange: Equatable, Sendable {
  public var topic: String
  public var oldScore: Double
  public var newScore: Double
  public var oldThreshold: Double?
  public var newThreshold: Double?
  public var wasTagged: Bool
  public var isTagged: Bool
  /// With labels: what the change did, nil when it was right both times.
  public var verdict: Verdict?
  public var blame: [Blame]
  /// False when one side's records did not list the rules that fired
  /// (no `--explain`), so `blame` is left empty.
  public var blameKnown: Bool

  public var tagChanged: Bool { wasTagged != isTagged }
}

/// An article whose tags or scores differ.
public struct ArticleDiff: Equatable, Sendable {
  public var id: String
  public var source: String
  public var topics: [TopicChange]

  public var tagChanged: Bool { topics.contains(where: \.tagChanged) }
  public var added: [String] { topics.filter { $0.isTagged && !$0.wasTagged }.map(\.topic) }
  public var removed: [String] { topics.filter { $0.wasTagged && !$0.isTagged }.map(\.topic) }
}

public enum TagBlame {
  /// The changes of one article, nil when nothing changed; `rules` is nil
  /// when the sides come from `tag` records.
  public static func compare(old: ArticleOutcome, new: ArticleOutcome, rules: RuleSetDiff?) -> ArticleDiff? {
    var topics: [TopicChange] = []
    let labels = new.labels ?? old.labels
    for id in RuleSetDiff.orderedUnion(new.topicOrder, old.topicOrder) {
      let o = old.topics[id] ?? .absent
      let n = new.topics[id] ?? .absent
      if o.score == n.score && o.tagged == n.tagged { continue }
      var verdict: Verdict? = nil
      if let labels {
        let gold = labels.contains(id)
        switch (o.tagged == gold, n.tagged == gold) {
        case (false, true): verdict = .fixed
        case (true, false): verdict = .broke
        case (false, false): verdict = .stillWrong
        case (true, true): verdict = nil
        }
      }
      topics.append(
        TopicChange(
          topic: id, oldScore: o.score, newScore: n.score, oldThreshold: o.threshold, newThreshold: n.threshold,
          wasTagged: o.tagged, isTagged: n.tagged, verdict: verdict,
          blame: o.rulesKnown && n.rulesKnown ? blame(topic: id, old: o, new: n, rules: rules) : [],
          blameKnown: o.rulesKnown && n.rulesKnown))
    }
    return topics.isEmpty ? nil : ArticleDiff(id: new.id, source: new.source, topics: topics)
  }

  /// The rules responsible for the change of one topic, in the order of
  /// their locations (threshold first).
  static func blame(topic: String, old o: TopicOutcome, new n: TopicOutcome, rules: RuleSetDiff?) -> [Blame] {
    var out: [Blame] = []
    if o.tagged != n.tagged, let t = rules?.thresholdChange(of: topic) {
      out.append(
        Blame(
          kind: .threshold, identity: topic, location: t.location, oldWeight: nil, newWeight: nil, old: t.old,
          new: t.new, lineText: t.lineText))
    }
    var fired: [Blame] = []
    for id in Set(o.rules.keys).union(n.rules.keys) {
      let a = o.rules[id]
      let b = n.rules[id]
      let oldC = a.map { $0.contribution } ?? 0
      let newC = b.map { $0.contribution } ?? 0
      let known = oldC != nil && newC != nil
      if known ? oldC == newC : (a != nil && b != nil && a!.weight == b!.weight) { continue }
      let kind: Blame.Kind
      if let rules {
        let same: Blame.Kind = rules.contextsChange(of: topic) == nil ? .unchanged : .contexts
        kind = rules.change(of: id).map { Blame.Kind(rawValue: $0.kind.rawValue) ?? same } ?? same
      } else {
        kind = a == nil ? .nowFires : b == nil ? .noLongerFires : .reweighted
      }
      let change = rules?.change(of: id)
      fired.append(
        Blame(
          kind: kind, identity: id, location: b?.location ?? a?.location ?? "",
          oldWeight: a?.weight ?? change?.old, newWeight: b?.weight ?? change?.new,
          old: known ? (oldC ?? 0) : nil, new: known ? (newC ?? 0) : nil, lineText: change?.lineText ?? ""))
    }
    fired.sort { locationOrder($0.location) < locationOrder($1.location) }
    return out + fired
  }

  /// Sorts `file:line` by file, then line as a number.
  static func locationOrder(_ loc: String) -> (String, Int, String) {
    guard let colon = loc.lastIndex(of: ":"), let line = Int(loc[loc.index(after: colon)...]) else {
      return (loc, 0, loc)
    }
    return (String(loc[..<colon]), line, loc)
  }
}
