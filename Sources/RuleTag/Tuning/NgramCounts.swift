// Document frequencies of every candidate n-gram of a corpus (see
// `Suggest`): one pass per article, one hash-table entry per distinct
// n-gram, the n-gram itself kept as a byte range of the first article it
// was seen in.

struct NgramCounts {
  /// The normalised text of each article.
  let texts: [[UInt8]]
  /// FNV-1a hash (probed linearly on a collision) → entry.
  var table: [UInt64: Int32] = [:]
  /// Per entry: where it was first seen.
  var sampleArticle: [Int32] = []
  var sampleStart: [Int32] = []
  var sampleEnd: [Int32] = []
  /// Per entry: the last article that counted it (once per article).
  var last: [Int32] = []
  var total: [Int] = []
  var positive: [Int] = []
  var missed: [Int] = []
  /// Per entry: its length in characters (Han n-grams; 0 for a word).
  var characters: [UInt8] = []

  init(articles: [TuningArticle]) { texts = articles.map(\.normalized) }

  var count: Int { total.count }

  static let offsetBasis = FNV1a.basis64

  @inline(__always)
  static func hash(_ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    var h = h
    for i in range { h = FNV1a.step64(h, p[i]) }
    return h
  }

  /// Counts every candidate of article `a` once.
  mutating func add(article a: Int, positive isPositive: Bool, missed isMissed: Bool) {
    let text = texts[a]
    text.withUnsafeBufferPointer { p in
      // Start offsets of the characters of the current Han run, and the
      // run's end.
      var run: [Int] = []
      var i = 0
      var wordStart = -1
      func flushRun(_ end: Int) {
        if run.count >= 2 {
          for s in run.indices {
            var h = NgramCounts.offsetBasis
            var e = s
            // One character past the longest candidate, so that a
            // candidate always followed (preceded) by the same character
            // is seen not to be maximal.
            while e < run.count && e - s <= Suggest.lengths.upperBound {
              let to = e + 1 < run.count ? run[e + 1] : end
              h = NgramCounts.hash(h, p, run[e]..<to)
              if e - s + 1 >= Suggest.lengths.lowerBound {
                count(h, p, run[s]..<to, characters: e - s + 1, article: a, isPositive, isMissed)
              }
              e += 1
            }
          }
        }
        run.removeAll(keepingCapacity: true)
      }
      func flushWord(_ end: Int) {
        defer { wordStart = -1 }
        guard wordStart >= 0, end - wordStart >= 2 else { return }
        if (wordStart..<end).allSatisfy({ p[$0] >= 0x30 && p[$0] <= 0x39 }) { return }
        count(
          NgramCounts.hash(NgramCounts.offsetBasis, p, wordStart..<end), p, wordStart..<end, characters: 0,
          article: a, isPositive, isMissed)
      }
      while i < p.count {
        let (s, len) = UTF8Bytes.decode(p, at: i)
        switch CharClass.of(s) {
        case .han:
          flushWord(i)
          run.append(i)
        case .word:
          flushRun(i)
          if wordStart < 0 { wordStart = i }
        case .other:
          flushRun(i)
          flushWord(i)
        }
        i += len
      }
      flushRun(p.count)
      flushWord(p.count)
    }
  }

  /// Whether entry `e` may be suggested: a word, or a Han n-gram of a
  /// candidate length (not the one-longer ones counted for maximality).
  func isCandidate(_ e: Int) -> Bool { characters[e] <= UInt8(Suggest.lengths.upperBound) }

  /// Start offsets of every occurrence of entry `e` in article `a`.
  func occurrences(_ e: Int, in a: Int) -> [Int] {
    let text = texts[Int(sampleArticle[e])]
    return KeywordSearch.occurrences(of: Array(text[Int(sampleStart[e])..<Int(sampleEnd[e])]), in: texts[a])
  }

  /// Counts the n-gram at `range` of article `a` (hash `h`).
  @inline(__always)
  mutating func count(
    _ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, characters: Int, article a: Int,
    _ isPositive: Bool, _ isMissed: Bool
  ) {
    let e: Int
    if let found = find(h, p, range) {
      e = found
    } else {
      var key = h
      while table[key] != nil { key &+= 1 }
      e = total.count
      table[key] = Int32(e)
      sampleArticle.append(Int32(a))
      sampleStart.append(Int32(range.lowerBound))
      sampleEnd.append(Int32(range.upperBound))
      last.append(-1)
      total.append(0)
      positive.append(0)
      missed.append(0)
      self.characters.append(UInt8(characters))
    }
    if last[e] == Int32(a) { return }
    last[e] = Int32(a)
    total[e] += 1
    if isPositive { positive[e] += 1 }
    if isMissed { missed[e] += 1 }
  }

  /// The entry of the n-gram with hash `h` and bytes `p[range]`, if any.
  func find(_ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    var key = h
    while let e = table[key] {
      if bytesEqual(Int(e), p, range) { return Int(e) }
      key &+= 1
    }
    return nil
  }

  func bytesEqual(_ e: Int, _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    let start = Int(sampleStart[e])
    let n = Int(sampleEnd[e]) - start
    guard n == range.count else { return false }
    return texts[Int(sampleArticle[e])].withUnsafeBufferPointer { q in
      var j = 0
      while j < n {
        if q[start + j] != p[range.lowerBound + j] { return false }
        j += 1
      }
      return true
    }
  }

  /// The n-gram of entry `e`.
  func phrase(_ e: Int) -> String {
    let text = texts[Int(sampleArticle[e])]
    return String(decoding: text[Int(sampleStart[e])..<Int(sampleEnd[e])], as: UTF8.self)
  }

  /// Whether entry `e` starts or ends with one of `scalars`.
  func startsOrEndsWith(_ e: Int, _ scalars: Set<UInt32>) -> Bool {
    texts[Int(sampleArticle[e])].withUnsafeBufferPointer { p in
      let start = Int(sampleStart[e])
      let end = Int(sampleEnd[e])
      let first = UTF8Bytes.decode(p, at: start).scalar
      let lastScalar = UTF8Bytes.decode(p, at: Sentences.scalarStart(p, end - 1)).scalar
      return scalars.contains(first) || scalars.contains(lastScalar)
    }
  }

  /// Entries whose n-gram lies in a one-character-longer n-gram with the
  /// same counts: they occur in no article without it.
  ///
  /// An n-gram that starts or ends with a function character dominates
  /// nothing (`职工书屋` stays when every article has `职工书屋的`).
  ///
  /// Checking the
  /// one-character-shorter prefix and suffix of every n-gram is enough: an
  /// n-gram between a shorter and a longer one with equal counts has those
  /// counts too. Only entries with at least `minPositive` of the topic's
  /// articles are looked at (a dominated entry has the counts of the
  /// entry that dominates it).
  func dominated(minPositive: Int) -> [Bool] {
    var out = [Bool](repeating: false, count: count)
    for e in 0..<count where positive[e] >= minPositive && !startsOrEndsWith(e, Suggest.functionCharacters) {
      texts[Int(sampleArticle[e])].withUnsafeBufferPointer { p in
        let start = Int(sampleStart[e])
        let end = Int(sampleEnd[e])
        guard CharClass.of(UTF8Bytes.decode(p, at: start).scalar) == .han else { return }
        let second = start + UTF8Bytes.decode(p, at: start).length
        let lastStart = Sentences.scalarStart(p, end - 1)
        // A 2-character n-gram has no candidate prefix or suffix.
        guard second < lastStart else { return }
        for r in [start..<lastStart, second..<end] {
          let h = NgramCounts.hash(NgramCounts.offsetBasis, p, r)
          if let s = find(h, p, r), total[s] == total[e], positive[s] == positive[e] { out[s] = true }
        }
      }
    }
    return out
  }
}
