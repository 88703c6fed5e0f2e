// What each rule does on a labelled corpus: `eval --by-rule`.
//
// A rule adds `weight × min(hits, cap)` to its topic's score, and a topic's
// score is the sum of its rules' contributions. So the score an article
// would get without one rule is the sum of the other rules' contributions,
// added in the same order a scan adds them (rule-set order), which gives
// the very same floating-point sum a rerun with the rule's line removed
// gives. From it follow, exactly, the labels the rule alone decides and
// its topic's P/R/F1 without it. A test holds these figures to real
// reruns of the shipped rules with each line removed.

/// One rule's record on a corpus.
public struct RuleStats: Sendable {
  /// The rule's index in the rule set, its place and its line.
  public var rule: Int
  public var location: String
  public var lineText: String
  public var topic: String
  public var weight: Double
  /// The articles it fires on (contributes to), in corpus order.
  public var firedOn: [String]
  /// Of those, the articles labelled with its topic.
  public var labelled: Int
  /// The topic tags it alone decides: removing the rule flips them.
  ///
  /// A positive rule makes true positives and false positives; a negative
  /// rule prevents false positives and causes false negatives.
  public var madeTP: [String] = []
  public var madeFP: [String] = []
  public var preventedFP: [String] = []
  public var causedFN: [String] = []
  /// The topic's metrics as they are, and with this rule removed.
  public var with: TopicMetrics
  public var without: TopicMetrics
  /// For a positive rule: of its articles, how many another positive rule
  /// of its topic also fires on, and the rule that shares most of them.
  public var overlapping: Int = 0
  public var mostOverlap: (location: String, articles: Int)? = nil
  /// For a positive rule: the articles it fires on that are labelled with
  /// another topic and not with its own, and those other topics.
  public var conflicts: [String] = []
  public var conflictTopics: [(topic: String, articles: Int)] = []

  /// The share of its articles on which the rule is right.
  ///
  /// A positive
  /// rule is right where the article is labelled with its topic, a negative
  /// rule where it is not (it pushes down a true negative). Nil when the
  /// rule fires nowhere.
  public var precision: Double? {
    if firedOn.isEmpty { return nil }
    let right = weight > 0 ? labelled : firedOn.count - labelled
    return Double(right) / Double(firedOn.count)
  }

  /// The share of its articles that another positive rule of its topic
  /// also fires on (positive rules only).
  public var overlap: Double? {
    weight > 0 && !firedOn.isEmpty ? Double(overlapping) / Double(firedOn.count) : nil
  }

  /// How much the topic's F1 rises when the rule is removed (negative: the
  /// rule helps).
  public var f1GainWithout: Double { (without.f1 ?? 0) - (with.f1 ?? 0) }

  /// Right tags it decides minus wrong ones.
  public var netDecided: Int { madeTP.count + preventedFP.count - madeFP.count - causedFN.count }
}

/// Every rule's record on one corpus, weakest first.
public struct RuleAnalysis: Sendable {
  /// The rules that fire somewhere, weakest first (see `weaker`).
  public var rules: [RuleStats]
  /// The rules that fire on no article, in rule-set order.
  public var silent: [RuleStats]

  /// The order of `rules`: first the rules whose removal raises their
  /// topic's F1 most, then the lowest precision, then the fewest net
  /// right decisions (right tags decided minus wrong ones), then the
  /// fewest articles, then rule-set order.
  public static func weaker(_ a: RuleStats, _ b: RuleStats) -> Bool {
    let ga = (a.f1GainWithout * 1e9).rounded()
    let gb = (b.f1GainWithout * 1e9).rounded()
    if ga != gb { return ga > gb }
    let pa = a.precision ?? 1
    let pb = b.precision ?? 1
    if pa != pb { return pa < pb }
    if a.netDecided != b.netDecided { return a.netDecided < b.netDecided }
    if a.firedOn.count != b.firedOn.count { return a.firedOn.count < b.firedOn.count }
    return a.rule < b.rule
  }

  /// Analyses `articles` (with gold labels restricted to the rule set's
  /// topics) scanned with `rules`.
  public init(rules: CompiledRules, articles: [EvaluatedArticle]) {
    let topics = rules.topics
    let known = Set(topics.map(\.id))
    let gold = articles.map { $0.gold.intersection(known) }
    let ids = articles.map(\.article.id)
    // Per topic, its metrics as they are.
    var current: [TopicMetrics] = topics.map { TopicMetrics(id: $0.id) }
    for (k, a) in articles.enumerated() {
      for (t, topic) in topics.enumerated() {
        count(&current[t], gold: gold[k].contains(topic.id), predicted: a.result.tagged[t])
      }
    }
    // Per rule, the articles it fires on.
    var firing = [[Int]](repeating: [], count: rules.rules.count)
    for (k, a) in articles.enumerated() {
      for fired in a.result.fired { for f in fired where f.score != 0 { firing[f.rule].append(k) } }
    }
    var stats: [RuleStats] = []
    for (r, rule) in rules.rules.enumerated() {
      let t = rule.topic
      let topic = topics[t]
      var s = RuleStats(
        rule: r, location: rule.location, lineText: rule.lineText, topic: topic.id, weight: rule.weight,
        firedOn: firing[r].map { ids[$0] }, labelled: firing[r].filter { gold[$0].contains(topic.id) }.count,
        with: current[t], without: current[t])
      var without = current[t]
      for k in firing[r] {
        let a = articles[k].result
        // The score a rerun without the rule gives: the other contributions,
        // summed in rule-set order from zero as the scanner sums them.
        var score = 0.0
        for f in a.fired[t] where f.rule != r { score += f.score }
        let before = a.tagged[t]
        let after = score >= topic.threshold
        if before == after { continue }
        let g = gold[k].contains(topic.id)
        uncount(&without, gold: g, predicted: before)
        count(&without, gold: g, predicted: after)
        switch (before, g) {
        case (true, true): s.madeTP.append(ids[k])
        case (true, false): s.madeFP.append(ids[k])
        case (false, true): s.causedFN.append(ids[k])
        case (false, false): s.preventedFP.append(ids[k])
        }
      }
      s.without = without
      if rule.weight > 0 { RuleAnalysis.relate(&s, rule: r, firing: firing, rules: rules, gold: gold, ids: ids) }
      stats.append(s)
    }
    self.rules = stats.filter { !$0.firedOn.isEmpty }.sorted(by: RuleAnalysis.weaker)
    silent = stats.filter { $0.firedOn.isEmpty }
  }

  /// Overlap with the other positive rules of the topic, and conflicts
  /// with other topics.
  static func relate(
    _ s: inout RuleStats, rule r: Int, firing: [[Int]], rules: CompiledRules, gold: [Set<String>], ids: [String]
  ) {
    let rule = rules.rules[r]
    let mine = Set(firing[r])
    var union = Set<Int>()
    var best: (location: String, articles: Int)? = nil
    for o in rules.topics[rule.topic].rules where o != r && rules.rules[o].weight > 0 {
      let shared = firing[o].filter { mine.contains($0) }
      union.formUnion(shared)
      if !shared.isEmpty && shared.count > (best?.articles ?? 0) {
        best = (rules.rules[o].location, shared.count)
      }
    }
    s.overlapping = union.count
    s.mostOverlap = best
    let own = rules.topics[rule.topic].id
    var others: [String: Int] = [:]
    for k in firing[r] where !gold[k].contains(own) && !gold[k].isEmpty {
      s.conflicts.append(ids[k])
      for l in gold[k] { others[l, default: 0] += 1 }
    }
    let order = Dictionary(uniqueKeysWithValues: rules.topics.enumerated().map { ($1.id, $0) })
    s.conflictTopics = others.map { (topic: $0.key, articles: $0.value) }.sorted {
      ($1.articles, order[$0.topic] ?? 0) < ($0.articles, order[$1.topic] ?? 0)
    }
  }
}

private func count(_ m: inout TopicMetrics, gold: Bool, predicted: Bool) {
  switch (gold, predicted) {
  case (true, true): m.tp += 1
  case (false, true): m.fp += 1
  case (true, false): m.fn += 1
  case (false, false): break
  }
  m.support = m.tp + m.fn
}

private func uncount(_ m: inout TopicMetrics, gold: Bool, predicted: Bool) {
  switch (gold, predicted) {
  case (true, true): m.tp -= 1
  case (false, true): m.fp -= 1
  case (true, false): m.fn -= 1
  case (false, false): break
  }
  m.support = m.tp + m.fn
}
