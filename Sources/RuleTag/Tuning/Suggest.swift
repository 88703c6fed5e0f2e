// `ruletag suggest`: keywords that a labelled corpus offers for a topic.
//
// Candidates are the character n-grams of the normalised text that
// matching sees (`Text/`): every run of 2 to 6 Han characters inside a
// run of Han text, and every whole word token (letters, or letters and
// digits; a number alone is no keyword). Han runs end at punctuation,
// spaces and word characters, so no candidate spans them. For each
// candidate the corpus gives its document frequency among the topic's
// articles (`labelled`), among all labelled articles (`articles`) and
// among the topic's false negatives (labelled, but not tagged by the
// current rules: `missed`).
//
// The estimated precision of a candidate as a keyword is the m-estimate
// (labelled + m·p) / (articles + m), with m = 2 and p the topic's share
// of the corpus: a phrase seen in few articles is pulled toward the base
// rate, so 7 of 7 ranks above 3 of 3. Candidates are dropped when
// - they are in fewer than `minSupport` of the topic's articles;
// - they start or end with a function character (的, 了, 和, …);
// - the topic's rules already match them: they contain a keyword that
//   scores for the topic (in a rule with a positive weight, in its plain
//   list or the first term of `sentence`, `all` or `near`), a
//   regex of such a rule matches inside them, or they lie inside such a
//   keyword and are in no more of the topic's articles than it is;
// - they are a fragment across a keyword's edge: in most of the topic's
//   articles that hold them, every occurrence overlaps an occurrence of
//   such a keyword without containing it or lying inside it (养活动 of
//   疗休养活动);
// - an n-gram one character longer that contains them is in exactly the
//   same articles (only the maximal phrase is kept; n-grams of 7
//   characters are counted for this, never suggested).
// Counting is one pass over each article with a hash table keyed on the
// n-gram's bytes (FNV-1a, the bytes compared on a hit), so the work grows
// with the text, not with the square of the corpus.

import Foundation

/// A keyword the corpus suggests for a topic.
public struct Suggestion: Sendable, Equatable {
  /// The n-gram, as normalised text (a valid keyword).
  public var phrase: String
  /// Labelled articles it occurs in.
  public var articles: Int
  /// Of those, the ones labelled with the topic.
  public var labelled: Int
  /// Of those, the topic's false negatives under the current rules.
  public var missed: Int
  /// The m-estimate of its precision as a keyword.
  public var precision: Double
  /// A weight for the rule line: the threshold × precision, rounded, from
  /// 1 to the threshold.
  public var weight: Int
}

/// What `suggest` found for one topic.
public struct SuggestReport: Sendable {
  public var topic: String
  public var threshold: Double
  /// Labelled articles (articles without `labels` are left out).
  public var articles: Int
  /// Articles without `labels`, left out.
  public var unlabelled: Int
  /// Articles labelled with the topic.
  public var labelled: Int
  /// Of those, the ones the rules tag.
  public var tagged: Int
  /// Candidates that separate the topic's articles from the rest, best first.
  public var separating: [Suggestion]
  /// Candidates common in the topic's false negatives, best first.
  public var missedCommon: [Suggestion]

  public var missed: Int { labelled - tagged }
}

/// Settings of a `suggest` run.
public struct SuggestOptions: Sendable {
  /// Least number of the topic's articles a separating candidate is in.
  public var minSupport = 3
  /// Least number of missed articles a candidate of the second list is in.
  public var minMissed = 2
  /// Length of each list.
  public var top = 10
  /// Least estimated precision of a separating candidate.
  public var minPrecision = 0.5
  public init() {}
}

public enum Suggest {
  /// Han n-gram lengths, in characters.
  static let lengths = 2...6
  /// The m of the m-estimate.
  static let m = 2.0
  /// Characters a keyword does not start or end with: particles,
  /// conjunctions and the like, which glue a phrase to its neighbours.
  static let functionCharacters = Set("的了和与及等是在对把被并也都而或着于以其为向给".unicodeScalars.map(\.value))

  /// Suggestions for topic `topic` of `rules`, from `articles` scanned with
  /// those rules.
  public static func run(
    topic: Int, rules: CompiledRules, articles: [TuningArticle], options: SuggestOptions = SuggestOptions()
  ) -> SuggestReport {
    let id = rules.topics[topic].id
    let labelled = articles.filter { $0.labels != nil }
    let isPositive = labelled.map { $0.labels!.contains(id) }
    let isMissed = labelled.indices.map { isPositive[$0] && !labelled[$0].result.tagged[topic] }
    var counts = NgramCounts(articles: labelled)
    for a in labelled.indices { counts.add(article: a, positive: isPositive[a], missed: isMissed[a]) }

    let nPositive = isPositive.filter { $0 }.count
    let base = labelled.isEmpty ? 0 : Double(nPositive) / Double(labelled.count)
    let known = TopicKeywords(rules: rules, topic: topic, articles: labelled, positive: isPositive)
    let threshold = rules.topics[topic].threshold
    func suggestion(_ e: Int) -> Suggestion {
      let p = (Double(counts.positive[e]) + m * base) / (Double(counts.total[e]) + m)
      let w = Int(max(1, min(threshold.rounded(.up), (threshold * p).rounded())))
      return Suggestion(
        phrase: counts.phrase(e), articles: counts.total[e], labelled: counts.positive[e], missed: counts.missed[e],
        precision: p, weight: w)
    }
    // A candidate of either list is in at least this many of the topic's
    // articles (a missed article is one of them).
    let least = min(options.minSupport, options.minMissed)
    let dominated = counts.dominated(minPositive: least)
    var kept: [Suggestion] = []
    for e in 0..<counts.count where counts.positive[e] >= least && !dominated[e] && counts.isCandidate(e) {
      if counts.startsOrEndsWith(e, functionCharacters) { continue }
      let s = suggestion(e)
      if known.matches(s.phrase, labelled: s.labelled) { continue }
      if known.crosses(e, counts, positive: isPositive) { continue }
      kept.append(s)
    }
    let separating = kept.filter { $0.labelled >= options.minSupport && $0.precision >= options.minPrecision }
      .sorted { a, b in
        (a.precision, a.labelled, a.phrase.unicodeScalars.count) > (
          b.precision, b.labelled, b.phrase.unicodeScalars.count
        )
          || ((a.precision, a.labelled, a.phrase.unicodeScalars.count)
            == (b.precision, b.labelled, b.phrase.unicodeScalars.count) && a.phrase < b.phrase)
      }
    let missedCommon = kept.filter { $0.missed >= options.minMissed }
      .sorted { a, b in
        (a.precision, a.missed, a.labelled) > (b.precision, b.missed, b.labelled)
          || ((a.precision, a.missed, a.labelled) == (b.precision, b.missed, b.labelled) && a.phrase < b.phrase)
      }
    return SuggestReport(
      topic: id, threshold: threshold, articles: labelled.count, unlabelled: articles.count - labelled.count,
      labelled: nPositive, tagged: nPositive - isMissed.filter { $0 }.count,
      separating: Array(separating.prefix(options.top)), missedCommon: Array(missedCommon.prefix(options.top)))
  }
}

/// What the topic's rules already match: its keywords (with the number of
/// the topic's articles each occurs in) and its regexes.
struct TopicKeywords {
  var keywords: [(bytes: [UInt8], labelled: Int)] = []
  var regexes: [NSRegularExpression] = []
  /// Per article, the byte ranges of the keywords' occurrences (empty for
  /// articles not labelled with the topic).
  var hits: [[Range<Int>]]

  init(rules: CompiledRules, topic: Int, articles: [TuningArticle], positive: [Bool]) {
    hits = [[Range<Int>]](repeating: [], count: articles.count)
    var seen = Set<String>()
    for (p, pattern) in rules.patterns.enumerated() {
      for k in Int(rules.useStart[p])..<Int(rules.useStart[p + 1]) {
        guard case .leaf(let l) = rules.uses[k] else { continue }
        let leaf = rules.leaves[Int(l)]
        let rule = rules.rules[Int(leaf.rule)]
        guard rule.topic == topic, rule.weight > 0, leaf.positive,
          seen.insert(pattern).inserted
        else { continue }
        let bytes = Array(pattern.utf8)
        var n = 0
        for a in articles.indices where positive[a] {
          let found = KeywordSearch.occurrences(of: bytes, in: articles[a].normalized)
          if !found.isEmpty { n += 1 }
          hits[a] += found.map { $0..<($0 + bytes.count) }
        }
        keywords.append((bytes, n))
      }
    }
    for g in rules.regexes
    where g.positive && rules.rules[Int(g.rule)].topic == topic && rules.rules[Int(g.rule)].weight > 0 {
      regexes.append(g.regex)
    }
  }

  /// Whether entry `e` crosses the edge of a keyword occurrence (overlaps
  /// it without containing it or lying inside it) everywhere it occurs in
  /// most of the topic's articles that hold it.
  func crosses(_ e: Int, _ counts: NgramCounts, positive: [Bool]) -> Bool {
    var crossing = 0
    let length = Int(counts.sampleEnd[e] - counts.sampleStart[e])
    for a in positive.indices where positive[a] && !hits[a].isEmpty {
      let found = counts.occurrences(e, in: a)
      if found.isEmpty { continue }
      let all = found.allSatisfy { start in
        let r = start..<(start + length)
        return hits[a].contains { q in
          q.overlaps(r) && !(r.lowerBound <= q.lowerBound && q.upperBound <= r.upperBound)
            && !(q.lowerBound <= r.lowerBound && r.upperBound <= q.upperBound)
        }
      }
      if all { crossing += 1 }
    }
    return crossing * 2 > counts.positive[e]
  }

  /// Whether the rules already match `phrase` (see `Suggest`).
  func matches(_ phrase: String, labelled: Int) -> Bool {
    let bytes = Array(phrase.utf8)
    for k in keywords {
      if k.bytes.count <= bytes.count && !KeywordSearch.occurrences(of: k.bytes, in: bytes).isEmpty { return true }
      if k.labelled >= labelled && k.bytes.count > bytes.count
        && !KeywordSearch.occurrences(of: bytes, in: k.bytes).isEmpty
      {
        return true
      }
    }
    let ns = phrase as NSString
    for r in regexes where r.firstMatch(in: phrase, range: NSRange(location: 0, length: ns.length)) != nil {
      return true
    }
    return false
  }
}
