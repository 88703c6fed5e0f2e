// What scanning one article gives: scores per topic, and per fired rule its
// counted hits as spans of the original article.

/// A span of normalised text.
public struct Span: Equatable, Sendable {
  public var start: Int32
  public var end: Int32
  public init(_ start: Int32, _ end: Int32) {
    self.start = start
    self.end = end
  }
}

/// One piece of evidence: where a hit is in the original article.
public struct EvidenceSpan: Equatable, Sendable {
  /// Byte range in the original `title + "\n" + text`.
  public var start: Int
  public var end: Int
  /// Byte range of the sentence around it, same coordinates.
  public var sentenceStart: Int
  public var sentenceEnd: Int
}

/// A rule that fired on an article.
public struct FiredRule: Equatable, Sendable {
  public var rule: Int
  /// How many hits counted (after the cap).
  public var count: Int
  /// The rule's contribution: weight × count.
  public var score: Double
  /// One entry per counted hit; each hit has one or more spans.
  public var hits: [[EvidenceSpan]]
}

/// The scores of one article.
public struct ArticleResult: Equatable, Sendable {
  /// Score per topic, in rule-set order.
  public var scores: [Double]
  /// Whether each topic reached its threshold.
  public var tagged: [Bool]
  /// Fired rules per topic.
  public var fired: [[FiredRule]]
  /// Rules whose regex ICU was stopped on (`BoundedICU`): the article's
  /// result is incomplete.
  public var stoppedRules: [Int] = []
}
