// Scanning one article: normalise once, run the automaton once, then score.
//
// An `ArticleScanner` owns all scratch space, in the named groups of
// `ScanContext.swift`, so a thread reuses one scanner for every article it
// scans and the shared `CompiledRules` stays immutable. Only rules that one
// of their literals touched are evaluated: the cost of scoring grows with
// the hits, not with the size of the rule set.
//
// The stages, one file each:
// - `HitCollection.swift`: the automaton's hits sorted to leaf chains,
//   guard chains and regex gates;
// - `RegexGate.swift`: gated regexes, run only on the sentences that hold
//   their atoms;
// - `Acceptance.swift`: whether a hit counts (guards, contexts);
// - `LazyScoring.swift`, `LazySentence.swift`: rules of simple shapes,
//   with no more work than their caps need;
// - `ReferenceEvaluator.swift`: every rule the plain way, the definition
//   the lazy paths are tested against;
// - `Overlap.swift`: which overlapping hits of a rule count;
// - `DocumentSentences.swift`: sentences and evidence spans.

import Foundation

/// Scans articles against compiled rules.
///
/// A value with its own scratch:
/// each thread scans with its own scanner (it may move between threads,
/// never be shared by two at once).
public struct ArticleScanner: Sendable {
  public let rules: CompiledRules
  /// The normalised article (title, `\n`, text).
  public private(set) var doc = NormalizedText()
  /// Where the title ends in `doc` (after its `\n`).
  var titleEnd = 0
  /// Where the lead ends in `doc`: the title and the first sentence of the
  /// text (`Sentences.leadEnd`).
  var leadEnd = 0
  var chains: HitChains
  var gates: RegexGates
  var touched: TouchedRules
  var sentences = SentenceIndex()
  var scratch = ScoringScratch()

  public init(rules: CompiledRules) {
    self.rules = rules
    chains = HitChains(leaves: rules.leaves.count, guards: rules.guardCount)
    gates = RegexGates(count: rules.regexes.count)
    touched = TouchedRules(count: rules.rules.count)
  }

  /// Scores an article given as raw UTF-8 title and text.
  public mutating func scan(title: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> ArticleResult {
    load(title: title, text: text)
    return score()
  }

  /// Normalises title, `\n` and text into `doc`.
  mutating func load(title: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) {
    doc.removeAll()
    Normalizer.append(title, base: 0, to: &doc)
    if !doc.bytes.isEmpty {
      doc.append(byte: 0x0A, origin: title.count..<(title.count + 1))
    }
    titleEnd = doc.bytes.count
    Normalizer.append(text, base: title.count + 1, to: &doc)
    leadEnd = doc.bytes.withUnsafeBufferPointer { Sentences.leadEnd($0, textStart: titleEnd) }
  }

  /// How far `scan(title:text:through:)` goes: for timing the pipeline
  /// stage by stage (`ruletag-bench tag` prints the table).
  public enum Stage: Sendable {
    /// Normalise only.
    case normalize
    /// Normalise, run the automaton, sort hits to leaves and regex gates.
    case match
    /// Everything `scan` does.
    case score
  }

  /// Runs the pipeline up to `stage`; returns a number that depends on the
  /// work (bytes, hits or score) so that nothing is optimised away.
  public mutating func scan(
    title: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>, through stage: Stage
  ) -> Int {
    switch stage {
    case .normalize:
      load(title: title, text: text)
      return doc.bytes.count
    case .match:
      load(title: title, text: text)
      reset()
      collectHits()
      return chains.hits.count
    case .score:
      let r = scan(title: title, text: text)
      return r.fired.reduce(0) { $0 + $1.count }
    }
  }

  /// Scores an article given as Strings.
  public mutating func scan(title: String, text: String) -> ArticleResult {
    var t = title
    var x = text
    return t.withUTF8 { tp in x.withUTF8 { xp in scan(title: tp, text: xp) } }
  }

  /// Scores an article the plain way (every rule through `evaluate`): the
  /// reference that the lazy paths are tested against.
  public mutating func scanReference(title: String, text: String) -> ArticleResult {
    var t = title
    var x = text
    return t.withUTF8 { tp in
      x.withUTF8 { xp in
        load(title: tp, text: xp)
        reset()
        collectHits()
        return scoreTouched(reference: true)
      }
    }
  }

  /// Clears what the last article left in the scratch groups.
  mutating func reset() {
    chains.reset()
    gates.reset()
    touched.reset()
    sentences.reset()
  }

  mutating func score() -> ArticleResult {
    reset()
    collectHits()
    return scoreTouched()
  }

  /// Scoring proper, after `collectHits`; regexes run when a rule needs
  /// them (all of them first with `reference`).
  ///
  /// With `reference`, every
  /// rule goes through `evaluate` (the plain definition of the language);
  /// otherwise rules of a simple shape are scored lazily. Both give the
  /// same result; a differential test holds them to it.
  mutating func scoreTouched(reference: Bool = false) -> ArticleResult {
    let rs = rules
    var result = ArticleResult(
      scores: [Double](repeating: 0, count: rs.topics.count), tagged: [Bool](repeating: false, count: rs.topics.count),
      fired: [[FiredRule]](repeating: [], count: rs.topics.count))
    touched.list.sort()
    if reference { runRegexes() }
    for r in touched.list {
      let rule = rs.rules[Int(r)]
      if !leadAllows(rule) { continue }
      var ruleHits: [Hit]
      if reference {
        ruleHits = evaluate(rule.expr, rule: rule)
      } else {
        switch rule.shape {
        case .flat(let terms):
          record(rule, index: Int(r), kept: keepFirst(terms, rule: rule, before: Int32.max), into: &result)
          continue
        case .title(let terms):
          record(rule, index: Int(r), kept: keepFirst(terms, rule: rule, before: Int32(titleEnd)), into: &result)
          continue
        case .lead(let terms):
          record(rule, index: Int(r), kept: keepFirst(terms, rule: rule, before: Int32(leadEnd)), into: &result)
          continue
        case .sentence(let terms, let nots):
          ruleHits = sentenceHits(terms, nots: nots, rule: rule)
        case .near(let distance, let a, let b):
          ruleHits = nearHits(distance, a, b, rule: rule)
        case .tree:
          ruleHits = evaluate(rule.expr, rule: rule)
        }
      }
      if ruleHits.isEmpty { continue }
      ArticleScanner.dedupe(&ruleHits)
      let count = min(ruleHits.count, rule.cap)
      let contribution = rule.weight * Double(count)
      result.scores[rule.topic] += contribution
      var evidence: [[EvidenceSpan]] = []
      for hit in ruleHits.prefix(count) { evidence.append(hit.map { evidenceSpan($0) }) }
      result.fired[rule.topic].append(FiredRule(rule: Int(r), count: count, score: contribution, hits: evidence))
    }
    for t in rs.topics.indices { result.tagged[t] = result.scores[t] >= rs.topics[t].threshold }
    result.stoppedRules = gates.stopped
    return result
  }

  /// Whether the article's lead lets `rule` count: one of its `if-lead`
  /// words there (when it has any) and none of its `unless-lead` words.
  func leadAllows(_ rule: CompiledRule) -> Bool {
    func inLead(_ guards: [Int32]) -> Bool {
      for g in guards {
        var n = chains.guardHead[Int(g)]
        while n >= 0 {
          if Int(chains.nodes[Int(n)].span.start) < leadEnd { return true }
          n = chains.nodes[Int(n)].next
        }
      }
      return false
    }
    if !rule.ifLead.isEmpty && !inLead(rule.ifLead) { return false }
    return rule.unlessLead.isEmpty || !inLead(rule.unlessLead)
  }

  /// Adds a plain rule's first `kept` spans (in `scratch.keptSpans`) to
  /// `result`.
  mutating func record(_ rule: CompiledRule, index: Int, kept: Int, into result: inout ArticleResult) {
    if kept == 0 { return }
    let contribution = rule.weight * Double(kept)
    result.scores[rule.topic] += contribution
    var evidence: [[EvidenceSpan]] = []
    evidence.reserveCapacity(kept)
    for k in 0..<kept { evidence.append([evidenceSpan(scratch.keptSpans[k])]) }
    result.fired[rule.topic].append(FiredRule(rule: index, count: kept, score: contribution, hits: evidence))
  }
}
