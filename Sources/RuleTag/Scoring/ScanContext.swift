// The scanner's scratch state, in named groups.
//
// Scanning an article needs a lot of scratch: the automaton's hits, the
// chains that sort them to leaves and guard words, the gated regexes and
// their matches, the sentences of the document and the buffers of the lazy
// scoring paths. Each group below belongs to one stage and says how it is
// cleared between articles. Everything is kept from article to article
// (`removeAll(keepingCapacity:)`), so a scanner allocates only while its
// buffers still grow. Per-entity tables (one slot per leaf, guard, regex or
// rule) are cleared through the list of the slots an article touched, not
// by a pass over the whole table.

/// The automaton's hits and the chains that sort them to their leaves and
/// guard words (`HitCollection.swift`).
struct HitChains {
  /// The automaton's hits, in order of end.
  var hits: [PatternHit] = []
  /// Scratch for the later lanes of `findAll`.
  var laneHits = AhoCorasick.LaneHits()
  /// Per leaf, the newest node of its chain in `nodes`; -1 when none.
  var leafHead: [Int32]
  /// Per guard word, the same.
  var guardHead: [Int32]
  /// The chain nodes: a hit's span and the next (older) node.
  var nodes: [(span: Span, next: Int32)] = []
  /// The leaves and guards whose heads are set.
  var touchedLeaves: [Int32] = []
  var touchedGuards: [Int32] = []

  init(leaves: Int, guards: Int) {
    leafHead = [Int32](repeating: -1, count: leaves)
    guardHead = [Int32](repeating: -1, count: guards)
  }

  mutating func reset() {
    for l in touchedLeaves { leafHead[Int(l)] = -1 }
    touchedLeaves.removeAll(keepingCapacity: true)
    for g in touchedGuards { guardHead[Int(g)] = -1 }
    touchedGuards.removeAll(keepingCapacity: true)
    nodes.removeAll(keepingCapacity: true)
    hits.removeAll(keepingCapacity: true)
  }
}

/// The rule regexes of one article: which are gated open, where their
/// atoms are, and their matches once run (`RegexGate.swift`).
struct RegexGates {
  /// Per regex: an atom occurred (or it has none), so it may match.
  var open: [Bool]
  /// The open regexes, in the order they opened.
  var opened: [Int32] = []
  /// Per regex, its matches, after it ran.
  var hits: [[Span]]
  /// Per regex, the end offsets of the atoms found (ascending) and the atom
  /// set of each.
  var atomEnds: [[Int32]]
  var atomGroups: [[UInt8]]
  /// Per regex: it has run on this article.
  var ran: [Bool]
  /// The sentences one regex runs on (`gatedSentences`).
  var sentences: [Int32] = []
  /// Scratch for `ByteRegex` matches of one sentence.
  var byteMatches: [Range<Int>] = []
  var scratch = ByteRegex.Scratch()
  /// Rules whose regex used up its ICU budget on this article.
  var stopped: [Int] = []

  init(count: Int) {
    open = [Bool](repeating: false, count: count)
    hits = [[Span]](repeating: [], count: count)
    atomEnds = [[Int32]](repeating: [], count: count)
    atomGroups = [[UInt8]](repeating: [], count: count)
    ran = [Bool](repeating: false, count: count)
  }

  /// Opens regex `r`; returns whether it was closed.
  @inline(__always)
  mutating func openGate(_ r: Int32) -> Bool {
    if open[Int(r)] { return false }
    open[Int(r)] = true
    opened.append(r)
    return true
  }

  mutating func reset() {
    for r in opened {
      open[Int(r)] = false
      hits[Int(r)].removeAll(keepingCapacity: true)
      atomEnds[Int(r)].removeAll(keepingCapacity: true)
      atomGroups[Int(r)].removeAll(keepingCapacity: true)
      ran[Int(r)] = false
    }
    opened.removeAll(keepingCapacity: true)
    stopped.removeAll(keepingCapacity: true)
  }
}

/// The rules that a hit (or an open regex) touched: only those are scored.
struct TouchedRules {
  var flag: [Bool]
  var list: [Int32] = []

  init(count: Int) { flag = [Bool](repeating: false, count: count) }

  @inline(__always)
  mutating func touch(_ r: Int32) {
    if !flag[Int(r)] {
      flag[Int(r)] = true
      list.append(r)
    }
  }

  mutating func reset() {
    for r in list { flag[Int(r)] = false }
    list.removeAll(keepingCapacity: true)
  }
}

/// The sentences of the document and the contexts of its clauses, built on
/// first use (`DocumentSentences.swift`).
struct SentenceIndex {
  /// Sentence ends as `Sentences.sentenceEnds` gives them.
  var ends: [Int32] = []
  /// The sentence of each byte of the document (and of its end).
  var ofByte: [Int32] = []
  var ready = false
  var contexts = ClauseContexts()

  mutating func reset() {
    ready = false
    contexts.reset()
  }
}

/// Buffers of the lazy scoring paths (`LazyScoring.swift`,
/// `LazySentence.swift`), reused from rule to rule; each path clears what it
/// uses when it starts.
struct ScoringScratch {
  /// The raw hits of a term list (`gather`).
  var candidates: [ArticleScanner.Candidate] = []
  /// The kept spans of a plain rule, in text order (`keepFirst`).
  var keptSpans: [Span] = []
  /// One group of the overlap selection and its kept members (`Overlap`).
  var overlapGroup: [OverlapMember] = []
  var overlapKept: [OverlapMember] = []
  /// `sentence(…)`: per other term, its first accepted hit in each
  /// sentence (`picks[pickStart[k]..<pickStart[k + 1]]`), and a cursor per
  /// term into them.
  var picks: [(sentence: Int32, span: Span)] = []
  var pickStart: [Int] = []
  var cursor: [Int] = []
  /// `sentence(…)`: the sentences with a hit of a `not` term.
  var excludedSentences: [Int32] = []
  /// `sentence(…)`: the sentences every term reaches, ascending.
  var possible: [Int32] = []
  /// Per sentence, how many terms of a `sentence(…)` rule reached it (zero
  /// between rules).
  var termsSeen: [UInt8] = []
  /// Per sentence: one of `possible` (set only inside `sentenceHits`).
  var isPossible: [Bool] = []
  /// Accepted hits of the two sides of a `near(…)` rule.
  var nearA: [Span] = []
  var nearB: [Span] = []
}
