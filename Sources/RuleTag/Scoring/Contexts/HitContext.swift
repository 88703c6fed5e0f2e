// The contexts a hit can stand in, and their plain definition.
//
// The labelling rule (Rules/README.md) says words count only where a sentence of
// the article reports something: not in a list of nouns, not in a slogan,
// not in eligibility conditions, purposes or background, and (for topics
// that ask for it) not in a plan or exhortation. Rules name
// the contexts their hits ignore (`ignore-in`, `counts-in`). Each context
// has its own file here, with its plain per-hit walk (the specification)
// and its part of `ClauseContexts`, the per-document index that scoring
// asks; a test holds the two to the same answers.

/// Where a hit stands, beyond an ordinary reporting sentence.
public struct HitContext: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// An item of a `、`-separated enumeration.
  public static let list = HitContext(rawValue: 1)
  /// A slogan: 弘扬…精神, 争做…, a "…精神" phrase.
  public static let slogan = HitContext(rawValue: 2)
  /// A plan or exhortation (要…, 将…, 下一步…, 力争…).
  public static let plan = HitContext(rawValue: 4)
  /// An eligibility or beneficiary phrase (报名条件:…, 面向…, 惠及…, …均可报名).
  public static let eligibility = HitContext(rawValue: 8)
  /// A purpose clause (为了…, 旨在…, 为进一步…,).
  public static let purpose = HitContext(rawValue: 16)
  /// Retrospective background (早在…, 自…以来, …成立后).
  public static let background = HitContext(rawValue: 32)
  /// An item of a list that is the object of a reported delivery
  /// (提供了体检、理疗等服务): such an item is not in `list`.
  public static let delivered = HitContext(rawValue: 64)

  /// The names used in rule files, in order.
  public static let names: [(String, HitContext)] = [
    ("list", .list), ("slogan", .slogan), ("plan", .plan), ("eligibility", .eligibility), ("purpose", .purpose),
    ("background", .background), ("delivered", .delivered),
  ]

  /// The contexts a rule ignores unless its topic or itself says otherwise:
  /// the ones the labelling rule says never carry a topic.
  public static let ignoredByDefault: HitContext = [.list, .slogan, .eligibility, .purpose, .background]
}

extension Sentences {
  /// The contexts `range` stands in.
  ///
  /// - list: the hit lies in an item of a `、` enumeration
  ///   (`ListContext.swift`).
  /// - slogan: the hit is followed by 精神, or its clause calls on people
  ///   (`SloganContext.swift`).
  /// - plan: a plan or exhortation marker stands before the hit in its
  ///   sentence, or 拟于/将于/计划于 follows it in its clause
  ///   (`PlanContext.swift`).
  /// - eligibility, purpose, background: `EligibilityContext.swift`,
  ///   `PurposeContext.swift`, `BackgroundContext.swift`.
  /// - delivered (instead of list): the list item follows a delivery verb
  ///   in its clause (`ListContext.swift`).
  public static func context(of range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> HitContext {
    var result: HitContext = []
    let clause = clause(around: range, in: p)
    let facts = ClauseFacts(
      clause: clause, sentence: sentenceStart(before: range.lowerBound, in: p), earlier: nil, in: p)
    if inList(range, clause: clause, in: p) {
      result.insert(facts.deliveryEnd <= Int32(range.lowerBound) ? .delivered : .list)
    }
    if inSlogan(range, clause: clause, in: p) { result.insert(.slogan) }
    if inPlan(range, clause: clause, in: p) { result.insert(.plan) }
    result.formUnion(facts.contexts(of: range))
    return result
  }
}
