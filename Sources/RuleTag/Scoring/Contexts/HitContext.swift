// The contexts a hit can stand in, and their plain definition.
//
// The labelling rule (Rules/README.md) says words count only where a sentence of
// the article reports something: not in a list of nouns, not in a slogan,
// and (for topics that ask for it) not in a plan or exhortation. Rules name
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

  /// The names used in rule files, in order.
  public static let names: [(String, HitContext)] = [("list", .list), ("slogan", .slogan), ("plan", .plan)]
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
  public static func context(of range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> HitContext {
    var result: HitContext = []
    let clause = clause(around: range, in: p)
    if inList(range, clause: clause, in: p) { result.insert(.list) }
    if inSlogan(range, clause: clause, in: p) { result.insert(.slogan) }
    if inPlan(range, clause: clause, in: p) { result.insert(.plan) }
    return result
  }
}
