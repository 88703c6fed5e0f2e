// Scanning one article: normalise once, run the automaton once, then score.
//
// A `ArticleScanner` owns all scratch space (normalised text, hit lists, per-leaf
// chains), so a thread reuses one scanner for every article it scans and
// the shared `CompiledRules` stays immutable. Only rules that one of their
// literals touched are evaluated: the cost of scoring grows with the hits,
// not with the size of the rule set.

import Foundation

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

/// Scans articles against compiled rules. Not thread-safe: one per thread.
public struct ArticleScanner {
  public let rules: CompiledRules
  /// The normalised article (title, `\n`, text).
  public private(set) var doc = NormalizedText()
  var titleEnd = 0
  var hits: [PatternHit] = []
  /// Scratch for the later lanes of `findAll`.
  var laneHits = AhoCorasick.LaneHits()
  // Per-leaf chains of hits: head index into `nodes`, -1 when none.
  var leafHead: [Int32]
  var nodes: [(span: Span, next: Int32)] = []
  var touchedLeaves: [Int32] = []
  var guardHead: [Int32]
  var touchedGuards: [Int32] = []
  var gate: [Bool]
  var gatedRegexes: [Int32] = []
  var regexHits: [[Span]]
  /// Scratch for lazy scoring (`LazyScoring.swift`).
  var candidates: [Candidate] = []
  var keptSpans: [Span] = []
  var picks: [(sentence: Int32, span: Span)] = []
  var pickStart: [Int] = []
  var cursor: [Int] = []
  /// Accepted hits of the two sides of a `near(…)` rule.
  var nearA: [Span] = []
  var nearB: [Span] = []
  var excludedSentences: [Int32] = []
  var possible: [Int32] = []
  /// Per sentence, how many terms of a `sentence(…)` rule reached it
  /// (zero between rules).
  var termsSeen: [UInt8] = []
  /// Per sentence: one of `possible` (set only inside `sentenceHits`).
  var isPossible: [Bool] = []
  /// End offsets of the atoms found for each gated regex, ascending, and
  /// the atom set of each.
  var regexAtomEnds: [[Int32]]
  var regexAtomGroups: [[UInt8]]
  /// Whether each gated regex has run on this article.
  var regexRun: [Bool]
  var regexSentences: [Int32] = []
  /// Scratch for `ByteRegex` matches of one sentence.
  var byteMatches: [Range<Int>] = []
  var regexScratch = ByteRegex.Scratch()
  /// Rules whose regex used up its ICU budget on this article.
  var stoppedRules: [Int] = []
  var ruleTouched: [Bool]
  var touchedRules: [Int32] = []
  var sentenceEnds: [Int32] = []
  /// The sentence of each byte of `doc` (and of its end), after
  /// `ensureSentences`.
  var sentenceOfByte: [Int32] = []
  var sentencesReady = false
  var contexts = ClauseContexts()

  public init(rules: CompiledRules) {
    self.rules = rules
    leafHead = [Int32](repeating: -1, count: rules.leaves.count)
    guardHead = [Int32](repeating: -1, count: rules.guardCount)
    gate = [Bool](repeating: false, count: rules.regexes.count)
    regexHits = [[Span]](repeating: [], count: rules.regexes.count)
    regexAtomEnds = [[Int32]](repeating: [], count: rules.regexes.count)
    regexAtomGroups = [[UInt8]](repeating: [], count: rules.regexes.count)
    regexRun = [Bool](repeating: false, count: rules.regexes.count)
    ruleTouched = [Bool](repeating: false, count: rules.rules.count)
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
      return hits.count
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

  mutating func reset() {
    for l in touchedLeaves { leafHead[Int(l)] = -1 }
    touchedLeaves.removeAll(keepingCapacity: true)
    for g in touchedGuards { guardHead[Int(g)] = -1 }
    touchedGuards.removeAll(keepingCapacity: true)
    for r in gatedRegexes {
      gate[Int(r)] = false
      regexHits[Int(r)].removeAll(keepingCapacity: true)
      regexAtomEnds[Int(r)].removeAll(keepingCapacity: true)
      regexAtomGroups[Int(r)].removeAll(keepingCapacity: true)
      regexRun[Int(r)] = false
    }
    gatedRegexes.removeAll(keepingCapacity: true)
    stoppedRules.removeAll(keepingCapacity: true)
    for r in touchedRules { ruleTouched[Int(r)] = false }
    touchedRules.removeAll(keepingCapacity: true)
    nodes.removeAll(keepingCapacity: true)
    hits.removeAll(keepingCapacity: true)
    sentencesReady = false
    contexts.reset()
  }

  @inline(__always)
  mutating func touch(rule r: Int32) {
    if !ruleTouched[Int(r)] {
      ruleTouched[Int(r)] = true
      touchedRules.append(r)
    }
  }

  mutating func score() -> ArticleResult {
    reset()
    collectHits()
    return scoreTouched()
  }

  /// Runs the automaton and sorts every hit to its leaf chain, guard chain
  /// or regex gate.
  mutating func collectHits() {
    let rs = rules
    doc.bytes.withUnsafeBufferPointer { p in rs.automaton.findAll(in: p, into: &hits, lanes: &laneHits) }
    // Leaf and guard uses go to `nodes`: reserve for all of them, then
    // write through pointers (no per-append checks on this hot loop).
    var bound = 0
    rs.simple.withUnsafeBufferPointer { su in
      for h in hits { bound += Int(su[Int(h.pattern)].useCount) }
    }
    var count = 0
    var heads = [Int32]()
    swap(&heads, &leafHead)
    var guards = [Int32]()
    swap(&guards, &guardHead)
    var nodeBuffer = [(span: Span, next: Int32)]()
    swap(&nodeBuffer, &nodes)
    let base = nodeBuffer.count
    nodeBuffer.append(contentsOf: repeatElement((span: Span(0, 0), next: Int32(-1)), count: bound))
    let lengths = rs.automaton.patternLengths
    doc.bytes.withUnsafeBufferPointer { p in
      rs.useStart.withUnsafeBufferPointer { us in
        rs.uses.withUnsafeBufferPointer { uses in
          rs.leaves.withUnsafeBufferPointer { leaves in
            heads.withUnsafeMutableBufferPointer { lh in
              guards.withUnsafeMutableBufferPointer { gh in
                nodeBuffer.withUnsafeMutableBufferPointer { out in
                  rs.simple.withUnsafeBufferPointer { su in
                    // Hits come in order of end; chains are built newest first.
                    for h in hits {
                      // Most patterns: one plain leaf, from one record.
                      let f = su[Int(h.pattern)]
                      if f.leaf >= 0 {
                        let l = Int(f.leaf)
                        if lh[l] < 0 { touchedLeaves.append(f.leaf) }
                        out[base + count] = (Span(h.end &- f.length, h.end), lh[l])
                        lh[l] = Int32(base + count)
                        count += 1
                        touch(rule: f.rule)
                        continue
                      }
                      let a = Int(us[Int(h.pattern)])
                      let b = Int(us[Int(h.pattern) + 1])
                      for k in a..<b {
                        switch uses[k] {
                        case .leaf(let l):
                          let leaf = leaves[Int(l)]
                          let start = Int(h.end - leaf.length)
                          if leaf.wordStart && start > 0 && precededByWord(p, start) { continue }
                          if leaf.wordEnd && Int(h.end) < p.count && followedByWord(p, Int(h.end)) { continue }
                          if lh[Int(l)] < 0 { touchedLeaves.append(l) }
                          out[base + count] = (Span(Int32(start), h.end), lh[Int(l)])
                          lh[Int(l)] = Int32(base + count)
                          count += 1
                          touch(rule: leaf.rule)
                        case .atom(let r, let group):
                          if !gate[Int(r)] {
                            gate[Int(r)] = true
                            gatedRegexes.append(r)
                            touch(rule: rs.regexes[Int(r)].rule)
                          }
                          regexAtomEnds[Int(r)].append(h.end)
                          regexAtomGroups[Int(r)].append(group)
                        case .guardWord(let g):
                          if gh[Int(g)] < 0 { touchedGuards.append(g) }
                          out[base + count] = (Span(h.end - lengths[Int(h.pattern)], h.end), gh[Int(g)])
                          gh[Int(g)] = Int32(base + count)
                          count += 1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    swap(&heads, &leafHead)
    swap(&guards, &guardHead)
    nodeBuffer.removeLast(bound - count)
    swap(&nodeBuffer, &nodes)
    for r in rs.alwaysRegexes where !gate[Int(r)] {
      gate[Int(r)] = true
      gatedRegexes.append(r)
      touch(rule: rs.regexes[Int(r)].rule)
    }
  }

  /// Scoring proper, after `collectHits`; regexes run when a rule needs
  /// them (all of them first with `reference`). With
  /// `reference`, every rule goes through `evaluate` (the plain definition
  /// of the language); otherwise rules of a simple shape are scored lazily
  /// (`LazyScoring.swift`). Both give the same result; a differential test
  /// holds them to it.
  mutating func scoreTouched(reference: Bool = false) -> ArticleResult {
    let rs = rules
    var result = ArticleResult(
      scores: [Double](repeating: 0, count: rs.topics.count), tagged: [Bool](repeating: false, count: rs.topics.count),
      fired: [[FiredRule]](repeating: [], count: rs.topics.count))
    touchedRules.sort()
    if reference { runRegexes() }
    for r in touchedRules {
      let rule = rs.rules[Int(r)]
      var ruleHits: [Hit]
      if reference {
        ruleHits = evaluate(rule.expr, rule: rule)
      } else {
        switch rule.shape {
        case .flat(let terms):
          record(rule, index: Int(r), kept: keepFirst(terms, rule: rule, titleOnly: false), into: &result)
          continue
        case .title(let terms):
          record(rule, index: Int(r), kept: keepFirst(terms, rule: rule, titleOnly: true), into: &result)
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
    for (t, topic) in rs.topics.enumerated() { result.tagged[t] = result.scores[t] >= topic.threshold }
    result.stoppedRules = stoppedRules
    return result
  }

  /// Adds a plain rule's first `kept` spans (in `keptSpans`) to `result`.
  mutating func record(_ rule: CompiledRule, index: Int, kept: Int, into result: inout ArticleResult) {
    if kept == 0 { return }
    let contribution = rule.weight * Double(kept)
    result.scores[rule.topic] += contribution
    var evidence: [[EvidenceSpan]] = []
    evidence.reserveCapacity(kept)
    for k in 0..<kept { evidence.append([evidenceSpan(keptSpans[k])]) }
    result.fired[rule.topic].append(FiredRule(rule: index, count: kept, score: contribution, hits: evidence))
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

  // MARK: Word boundaries

  @inline(__always)
  func precededByWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let s = Sentences.scalarStart(p, i - 1)
    return CharClass.of(UTF8Bytes.decode(p, at: s).scalar) == .word
  }

  @inline(__always)
  func followedByWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    CharClass.of(UTF8Bytes.decode(p, at: i).scalar) == .word
  }

  // MARK: Regexes

  /// Runs each gated regex on the sentences that hold one of its atoms
  /// (every sentence for a regex without atoms). A regex match never
  /// crosses a sentence end: that is the language's rule, and it lets the
  /// prefilter skip all other sentences.
  mutating func runRegexes() {
    for r in gatedRegexes { runRegex(r, onlyIn: nil) }
  }

  /// Sets `regexSentences` to the sentences where regex `r` can match:
  /// those that hold an atom of each of its atom sets (all sentences for a
  /// regex without atoms), in order. Runs nothing.
  mutating func gatedSentences(_ r: Int32) {
    ensureSentences()
    regexSentences.removeAll(keepingCapacity: true)
    let ends = regexAtomEnds[Int(r)]
    if ends.isEmpty {
      for k in 0..<sentenceEnds.count { regexSentences.append(Int32(k)) }
      return
    }
    // Atoms come in order of their ends, so sentence by sentence.
    let groups = regexAtomGroups[Int(r)]
    let n = rules.regexes[Int(r)].groupCount
    let full: UInt32 = n >= 32 ? ~0 : (1 << UInt32(n)) - 1
    var current = -1
    var mask: UInt32 = 0
    for (i, e) in ends.enumerated() {
      let k = sentenceOf(byte: Int(e) - 1)
      if k != current {
        current = k
        mask = 0
      }
      if mask == full { continue }
      mask |= 1 << UInt32(groups[i])
      if mask == full { regexSentences.append(Int32(k)) }
    }
  }

  /// Runs gated regex `r` (once per article) on the sentences where it can
  /// match, or only on those of them in `onlyIn` (ascending): a caller
  /// that knows its rule cannot fire elsewhere saves the other runs.
  mutating func runRegex(_ r: Int32, onlyIn: [Int32]?) {
    if regexRun[Int(r)] || !gate[Int(r)] { return }
    regexRun[Int(r)] = true
    gatedSentences(r)
    if let only = onlyIn {
      var j = 0
      regexSentences.removeAll { k in
        while j < only.count && only[j] < k { j += 1 }
        return j == only.count || only[j] != k
      }
    }
    let regex = rules.regexes[Int(r)]
    var budget = BoundedICU.budget(forBytes: doc.bytes.count)
    for k32 in regexSentences {
      let k = Int(k32)
      let start = k == 0 ? 0 : Int(sentenceEnds[k - 1])
      let end = min(Int(sentenceEnds[k]), doc.bytes.count)
      if start >= end { continue }
      if let engine = regex.engine {
        byteMatches.removeAll(keepingCapacity: true)
        let outcome = doc.bytes.withUnsafeBufferPointer { p in
          engine.matches(in: UnsafeBufferPointer(rebasing: p[start..<end]), into: &byteMatches, scratch: &regexScratch)
        }
        if outcome == .matched {
          for m in byteMatches { regexHits[Int(r)].append(Span(Int32(start + m.lowerBound), Int32(start + m.upperBound))) }
          continue
        }
      }
      if !runICU(regex.regex, r, start, end, budget: &budget) {
        stoppedRules.append(Int(regex.rule))
        return
      }
    }
  }

  /// Runs `regex` through NSRegularExpression on the sentence
  /// `start..<end` (patterns outside `ByteRegex`'s subset, and sentences
  /// it hands back). Returns false when ICU used up `budget` and was
  /// stopped.
  mutating func runICU(_ regex: NSRegularExpression, _ r: Int32, _ start: Int, _ end: Int, budget: inout Int) -> Bool {
    let text = doc.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    let length = text.utf16.count
    guard let matches = BoundedICU.matches(regex, in: text, budget: &budget) else { return false }
    if matches.isEmpty { return true }
    // UTF-16 offsets of this sentence → byte offsets of the document.
    var map = [Int32](repeating: Int32(end), count: length + 1)
    doc.bytes.withUnsafeBufferPointer { p in
      var i = start
      var u = 0
      while i < end {
        let (sc, len) = UTF8Bytes.decode(p, at: i)
        map[u] = Int32(i)
        if sc > 0xFFFF {
          map[u + 1] = Int32(i)
          u += 2
        } else {
          u += 1
        }
        i += len
      }
    }
    for m in matches where m.length > 0 {
      regexHits[Int(r)].append(Span(map[m.location], map[m.location + m.length]))
    }
    return true
  }

  // MARK: Evaluation

  /// A hit of an expression: one or more spans, the first one the anchor.
  typealias Hit = [Span]

  mutating func evaluate(_ e: CompiledExpr, rule: CompiledRule) -> [Hit] {
    switch e {
    case .leaf(let l):
      var out: [Hit] = []
      var n = leafHead[Int(l)]
      let leaf = rules.leaves[Int(l)]
      while n >= 0 {
        let s = nodes[Int(n)].span
        if accept(s, rule: rule, positive: leaf.positive) { out.append([s]) }
        n = nodes[Int(n)].next
      }
      out.reverse()
      return out
    case .regex(let r):
      if r < 0 || !gate[Int(r)] { return [] }
      runRegex(r, onlyIn: nil)
      let positive = rules.regexes[Int(r)].positive
      return regexHits[Int(r)].filter { accept($0, rule: rule, positive: positive) }.map { [$0] }
    case .any(let xs):
      var out: [Hit] = []
      for x in xs { out += evaluate(x, rule: rule) }
      out.sort { $0[0].start < $1[0].start }
      return out
    case .not(let x):
      return evaluate(x, rule: rule)
    case .title(let x):
      return evaluate(x, rule: rule).filter { Int($0[0].start) < titleEnd }
    case .all(let xs):
      var combined: Hit = []
      for x in xs {
        if case .not(let inner) = x {
          if !evaluate(inner, rule: rule).isEmpty { return [] }
        } else {
          guard let first = evaluate(x, rule: rule).first else { return [] }
          combined += first
        }
      }
      return [combined]
    case .sentence(let xs):
      // Positive terms first (stop at the first that has no hit), then
      // sentences where every positive term has a hit and no `not` term does.
      ensureSentences()
      var lists: [[Hit]] = []
      for x in xs {
        if case .not = x { continue }
        let h = evaluate(x, rule: rule)
        if h.isEmpty { return [] }
        lists.append(h)
      }
      var candidates = lists[0].map { sentenceOf($0[0]) }
      // For each list, the first hit in each candidate sentence.
      var picks: [[Int]] = [Array(candidates.indices)]
      for list in lists.dropFirst() {
        var first: [Int: Int] = [:]
        for (k, h) in list.enumerated() {
          let sn = sentenceOf(h[0])
          if first[sn] == nil { first[sn] = k }
        }
        var keep: [Int] = []
        var pick: [Int] = []
        for (k, sn) in candidates.enumerated() {
          if let f = first[sn] {
            keep.append(k)
            pick.append(f)
          }
        }
        if keep.isEmpty { return [] }
        candidates = keep.map { candidates[$0] }
        picks = picks.map { p in keep.map { p[$0] } }
        picks.append(pick)
      }
      var excluded = Set<Int>()
      for x in xs {
        guard case .not(let inner) = x else { continue }
        for h in evaluate(inner, rule: rule) { excluded.insert(sentenceOf(h[0])) }
      }
      var out: [Hit] = []
      var seen = Set<Int>()
      for (k, sn) in candidates.enumerated() where !excluded.contains(sn) && seen.insert(sn).inserted {
        var hit: Hit = []
        for (l, list) in lists.enumerated() { hit += list[picks[l][k]] }
        out.append(hit)
      }
      return out
    case .near(let distance, let a, let b):
      let ha = evaluate(a, rule: rule)
      if ha.isEmpty { return [] }
      let hb = evaluate(b, rule: rule)
      var out: [Hit] = []
      doc.bytes.withUnsafeBufferPointer { p in
        for x in ha {
          var best: (Int, Hit)? = nil
          for y in hb {
            // Only gaps up to `distance` can win, so the count stops there.
            let g = ArticleScanner.gap(x[0], y[0], p, limit: distance)
            if g <= distance && (best == nil || g < best!.0) { best = (g, y) }
          }
          if let best { out.append(x + best.1) }
        }
      }
      return out
    }
  }

  /// Characters between two spans (0 when they touch or overlap), or any
  /// number above `limit` when there are more than `limit`: a character
  /// has at most 4 bytes, so a byte gap over 4 × limit is over the limit
  /// without counting, and counting stops at limit + 1.
  static func gap(_ a: Span, _ b: Span, _ p: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
    let from = Int(min(a.end, b.end))
    let to = Int(max(a.start, b.start))
    if to <= from { return 0 }
    if to - from > 4 * limit + 4 { return limit + 1 }
    var c = 0
    var i = from
    while i < to {
      if p[i] & 0xC0 != 0x80 {
        c += 1
        if c > limit { return c }
      }
      i += 1
    }
    return c
  }

  /// Characters between two spans (0 when they touch or overlap).
  static func gap(_ a: Span, _ b: Span, _ p: UnsafeBufferPointer<UInt8>) -> Int {
    let from = Int(min(a.end, b.end))
    let to = Int(max(a.start, b.start))
    if to <= from { return 0 }
    var c = 0
    for i in from..<to where p[i] & 0xC0 != 0x80 { c += 1 }
    return c
  }

  /// Whether a leaf or regex hit counts: guards and contexts.
  mutating func accept(_ s: Span, rule: CompiledRule, positive: Bool) -> Bool {
    let ok: Bool = doc.bytes.withUnsafeBufferPointer { p in
      for w in rule.notAfter where Int(s.start) >= w.count {
        if Sentences.starts(p, at: Int(s.start) - w.count, with: w) { return false }
      }
      for w in rule.notBefore where Sentences.starts(p, at: Int(s.end), with: w) { return false }
      for g in rule.guards {
        var n = guardHead[Int(g)]
        while n >= 0 {
          let o = nodes[Int(n)].span
          if o.start <= s.start && s.end <= o.end { return false }
          n = nodes[Int(n)].next
        }
      }
      return true
    }
    if !ok { return false }
    if positive && !rule.ignored.isEmpty {
      let ignored = rule.ignored
      let hit = doc.bytes.withUnsafeBufferPointer { contexts.intersects(Int(s.start)..<Int(s.end), ignored, in: $0) }
      if hit { return false }
    }
    return true
  }

  mutating func ensureSentences() {
    if sentencesReady { return }
    // One pass finds clause ends, 、 and sentence ends.
    if !contexts.ready { doc.bytes.withUnsafeBufferPointer { contexts.build($0) } }
    sentenceEnds = contexts.sentenceEnds
    // The sentence of every byte, so that `sentenceOf` is one load: a
    // binary search per hit mispredicted about a branch per call (7 % of
    // all mispredicted branches of `tag`, callgrind's branch simulation).
    let n = doc.bytes.count
    sentenceOfByte.removeAll(keepingCapacity: true)
    let last = max(sentenceEnds.count - 1, 0)
    var from = 0
    for k in 0..<last where from < n {
      let to = min(max(Int(sentenceEnds[k]), from), n)
      sentenceOfByte.append(contentsOf: repeatElement(Int32(k), count: to - from))
      from = to
    }
    sentenceOfByte.append(contentsOf: repeatElement(Int32(last), count: n + 1 - from))
    sentencesReady = true
  }

  /// `Sentences.sentenceIndex(of: i, ends: sentenceEnds)` for `i` in
  /// `0...doc.bytes.count`, after `ensureSentences`.
  @inline(__always)
  func sentenceOf(byte i: Int) -> Int { Int(sentenceOfByte[i]) }

  func sentenceOf(_ s: Span) -> Int { sentenceOf(byte: Int(s.start)) }

  /// Keeps one hit per overlapping anchor (the longest), in text order.
  static func dedupe(_ hits: [Hit]) -> [Hit] {
    var xs = hits
    dedupe(&xs)
    return xs
  }

  /// `dedupe` in place (no copy of the list when the caller owns it).
  static func dedupe(_ hits: inout [Hit]) {
    let kept = keepLongest(&hits) { $0[0] }
    hits.removeLast(hits.count - kept)
  }

  /// Sorts `xs` by anchor and moves one element per group of overlapping
  /// anchors (the longest, the first on ties) to the front; returns how many.
  static func keepLongest<T>(_ xs: inout [T], anchor: (T) -> Span) -> Int {
    xs.sort { (anchor($0).start, anchor($1).end) < (anchor($1).start, anchor($0).end) }
    var kept = 0
    for i in xs.indices {
      let s = anchor(xs[i])
      if kept > 0 {
        let last = anchor(xs[kept - 1])
        if s.start < last.end {
          if s.end - s.start > last.end - last.start { xs[kept - 1] = xs[i] }
          continue
        }
      }
      xs[kept] = xs[i]
      kept += 1
    }
    return kept
  }


  /// Maps a normalised span to the original, with its sentence.
  mutating func evidenceSpan(_ s: Span) -> EvidenceSpan {
    ensureSentences()
    let r = doc.originalRange(Int(s.start), Int(s.end))
    let ends = sentenceEnds
    let sentence = doc.bytes.withUnsafeBufferPointer {
      Sentences.sentence(around: Int(s.start)..<Int(s.end), in: $0, ends: ends)
    }
    let sr = doc.originalRange(sentence.lowerBound, max(sentence.lowerBound, sentence.upperBound))
    return EvidenceSpan(start: r.lowerBound, end: r.upperBound, sentenceStart: sr.lowerBound, sentenceEnd: sr.upperBound)
  }
}

