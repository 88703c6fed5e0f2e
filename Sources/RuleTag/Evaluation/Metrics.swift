// Precision, recall and F1 per topic, with micro and macro averages.
//
// Conventions (as scikit-learn's classification_report, but explicit about
// undefined values): precision is undefined when a topic was never
// predicted, recall when it has no support; an undefined value prints as
// `-`, counts as 0 in F1, and is left out of the macro average of that
// column. Micro averages pool the counts of all topics.

/// Counts and scores of one topic (or of an average).
public struct TopicMetrics: Equatable, Sendable {
  public var id: String
  public var support: Int
  public var tp: Int
  public var fp: Int
  public var fn: Int

  public init(id: String, tp: Int = 0, fp: Int = 0, fn: Int = 0) {
    self.id = id
    self.tp = tp
    self.fp = fp
    self.fn = fn
    self.support = tp + fn
  }

  /// TP / (TP + FP), nil when nothing was predicted.
  public var precision: Double? { tp + fp == 0 ? nil : Double(tp) / Double(tp + fp) }
  /// TP / (TP + FN), nil when there is no support.
  public var recall: Double? { tp + fn == 0 ? nil : Double(tp) / Double(tp + fn) }
  /// Harmonic mean of precision and recall (0 when either is 0 or undefined).
  public var f1: Double? {
    if tp + fp == 0 && tp + fn == 0 { return nil }
    let p = precision ?? 0
    let r = recall ?? 0
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }
}

/// Metrics over all topics.
public struct MetricsTable: Equatable, Sendable {
  public var topics: [TopicMetrics]

  /// Builds the table from gold and predicted label sets, one pair per article.
  public init(topicIDs: [String], gold: [Set<String>], predicted: [Set<String>]) {
    precondition(gold.count == predicted.count)
    topics = topicIDs.map { id in
      var m = TopicMetrics(id: id)
      for (g, p) in zip(gold, predicted) {
        switch (g.contains(id), p.contains(id)) {
        case (true, true): m.tp += 1
        case (false, true): m.fp += 1
        case (true, false): m.fn += 1
        case (false, false): break
        }
      }
      m.support = m.tp + m.fn
      return m
    }
  }

  /// Pooled counts of every topic.
  public var micro: TopicMetrics {
    TopicMetrics(
      id: "micro avg", tp: topics.reduce(0) { $0 + $1.tp }, fp: topics.reduce(0) { $0 + $1.fp },
      fn: topics.reduce(0) { $0 + $1.fn })
  }

  /// Unweighted means of the defined per-topic values.
  public var macro: (precision: Double?, recall: Double?, f1: Double?) {
    func mean(_ xs: [Double?]) -> Double? {
      let d = xs.compactMap { $0 }
      return d.isEmpty ? nil : d.reduce(0, +) / Double(d.count)
    }
    return (mean(topics.map(\.precision)), mean(topics.map(\.recall)), mean(topics.map(\.f1)))
  }
}
