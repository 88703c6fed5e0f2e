// Sentences and clauses of normalised text.
//
// The geometry every later stage needs: where a sentence or a clause ends
// (on normalised bytes: 。 ! ? ; and line breaks end a sentence, `,` and
// `:` also end a clause), the sentence or clause around a span, and the
// numbering of a document's sentences. What a hit's place means for
// scoring (lists, slogans, plans) is in `Scoring/Contexts/`.

/// Sentence and clause structure of normalised text.
public enum Sentences {
  // Normalised punctuation: 。 is E3 80 82, 、 is E3 80 81.

  /// Whether the byte at `i` ends a sentence (。 ! ? ; or a line break).
  @inline(__always)
  static func isSentenceEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = p[i]
    if b == 0x0A || b == 0x21 || b == 0x3F || b == 0x3B { return true }
    return b == 0x82 && i >= 2 && p[i - 1] == 0x80 && p[i - 2] == 0xE3
  }

  /// Whether the byte at `i` ends a clause (a sentence end, `,` or `:`).
  @inline(__always)
  static func isClauseEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = p[i]
    return b == 0x2C || b == 0x3A || isSentenceEnd(p, i)
  }

  /// The start of the scalar whose last byte is at `i`.
  @inline(__always)
  static func scalarStart(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    var j = i
    while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
    return j
  }

  /// The sentence around `range`: from after the previous sentence end to
  /// just after the next one (its end punctuation included).
  public static func sentence(around range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var a = range.lowerBound
    while a > 0 && !isSentenceEnd(p, a - 1) { a -= 1 }
    var b = range.upperBound
    while b < p.count && !isSentenceEnd(p, b) { b += 1 }
    if b < p.count && p[b] != 0x0A { b += 1 }
    while a < b && (p[a] == 0x20 || p[a] == 0x0A) { a += 1 }
    return a..<b
  }

  /// `sentence(around:in:)` through the document's `sentenceEnds`: two
  /// binary searches instead of two walks.
  static func sentence(around range: Range<Int>, in p: UnsafeBufferPointer<UInt8>, ends: [Int32]) -> Range<Int> {
    let k = sentenceIndex(of: range.lowerBound, ends: ends)
    var a = k == 0 ? 0 : Int(ends[k - 1])
    let k2 = sentenceIndex(of: range.upperBound, ends: ends)
    var b = min(Int(ends[k2]) - 1, p.count)
    if b < p.count && p[b] != 0x0A { b += 1 }
    while a < b && (p[a] == 0x20 || p[a] == 0x0A) { a += 1 }
    return a..<b
  }

  /// The clause around `range` (between `,` `:` and sentence ends).
  public static func clause(around range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var a = range.lowerBound
    while a > 0 && !isClauseEnd(p, a - 1) { a -= 1 }
    var b = range.upperBound
    while b < p.count && !isClauseEnd(p, b) { b += 1 }
    // A 。 is found at its last byte; the clause ends before its first.
    if b < p.count && p[b] == 0x82 { b -= 2 }
    return a..<b
  }

  /// Sorted offsets where sentences end (exclusive ends), for numbering
  /// the sentences of a whole document.
  public static func sentenceEnds(_ p: UnsafeBufferPointer<UInt8>, into ends: inout [Int32]) {
    ends.removeAll(keepingCapacity: true)
    for i in 0..<p.count where isSentenceEnd(p, i) { ends.append(Int32(i + 1)) }
    ends.append(Int32(p.count + 1))
  }

  /// The number of the sentence that holds offset `i`, given `sentenceEnds`.
  @inline(__always)
  public static func sentenceIndex(of i: Int, ends: [Int32]) -> Int {
    var lo = 0
    var hi = ends.count - 1
    let x = Int32(i)
    while lo < hi {
      let mid = (lo + hi) >> 1
      if ends[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Where the sentence holding offset `i` starts.
  static func sentenceStart(before i: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
    var a = i
    while a > 0 && !isSentenceEnd(p, a - 1) { a -= 1 }
    return a
  }

  /// Scalars in `p[a..<b]`.
  @inline(__always)
  static func scalars(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int {
    var c = 0
    var i = a
    while i < b {
      if p[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  @inline(__always)
  static func starts(_ p: UnsafeBufferPointer<UInt8>, at i: Int, with w: [UInt8]) -> Bool {
    if i + w.count > p.count { return false }
    for k in 0..<w.count where p[i + k] != w[k] { return false }
    return true
  }

  static func contains(
    _ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, any words: [[UInt8]], excluding: [[UInt8]] = []
  ) -> Bool {
    var i = r.lowerBound
    while i < r.upperBound {
      for w in words where i + w.count <= r.upperBound && starts(p, at: i, with: w) {
        var excluded = false
        for x in excluding {
          // An excluded word overlapping this marker position.
          var j = max(r.lowerBound, i - x.count + 1)
          while j <= i {
            if starts(p, at: j, with: x) && j + x.count > i { excluded = true; break }
            j += 1
          }
          if excluded { break }
        }
        if !excluded { return true }
      }
      i += 1
    }
    return false
  }
}
