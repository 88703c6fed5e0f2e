// The sentences of the scanned document, and evidence spans.
//
// Sentences are numbered on first use (a `sentence(…)` rule, a gated
// regex, an evidence span), from the same one-pass scan that finds the
// clause ends for the contexts. The sentence of every byte is then one
// table load, and an evidence span is mapped back to the original article
// with the sentence around it.

extension ArticleScanner {
  mutating func ensureSentences() {
    if sentences.ready { return }
    // One pass finds clause ends, 、 and sentence ends.
    if !sentences.contexts.ready { doc.bytes.withUnsafeBufferPointer { sentences.contexts.build($0) } }
    sentences.ends = sentences.contexts.sentenceEnds
    // The sentence of every byte, so that `sentenceOf` is one load: a
    // binary search per hit mispredicted about a branch per call (7 % of
    // all mispredicted branches of `tag`, callgrind's branch simulation).
    let n = doc.bytes.count
    let ends = sentences.ends
    let last = max(ends.count - 1, 0)
    ClauseContexts.refill(&sentences.ofByte, Int32(0), count: n + 1)
    sentences.ofByte.withUnsafeMutableBufferPointer { buf in
      guard let base = buf.baseAddress else { return }
      var from = 0
      for k in 0..<last where from < n {
        let to = min(max(Int(ends[k]), from), n)
        (base + from).update(repeating: Int32(k), count: to - from)
        from = to
      }
      (base + from).update(repeating: Int32(last), count: n + 1 - from)
    }
    sentences.ready = true
  }

  /// `Sentences.sentenceIndex(of: i, ends: sentences.ends)` for `i` in
  /// `0...doc.bytes.count`, after `ensureSentences`.
  @inline(__always)
  func sentenceOf(byte i: Int) -> Int { Int(sentences.ofByte[i]) }

  func sentenceOf(_ s: Span) -> Int { sentenceOf(byte: Int(s.start)) }

  /// Maps a normalised span to the original, with its sentence.
  mutating func evidenceSpan(_ s: Span) -> EvidenceSpan {
    ensureSentences()
    let r = doc.originalRange(Int(s.start), Int(s.end))
    let ends = sentences.ends
    let sentence = doc.bytes.withUnsafeBufferPointer {
      Sentences.sentence(around: Int(s.start)..<Int(s.end), in: $0, ends: ends)
    }
    let sr = doc.originalRange(sentence.lowerBound, max(sentence.lowerBound, sentence.upperBound))
    return EvidenceSpan(
      start: r.lowerBound, end: r.upperBound, sentenceStart: sr.lowerBound, sentenceEnd: sr.upperBound)
  }
}

extension Sentences {
  /// Where the lead of a document ends: after the first sentence of the
  /// text that starts at `textStart` (blank lines before it skipped), or
  /// at the document's end.
  ///
  /// The lead is the title and that sentence, where an article's genre
  /// (a notice, an advert, a report) shows.
  static func leadEnd(_ p: UnsafeBufferPointer<UInt8>, textStart: Int) -> Int {
    var i = textStart
    while i < p.count && (p[i] == 0x20 || p[i] == 0x0A) { i += 1 }
    while i < p.count {
      if isSentenceEnd(p, i) { return i + 1 }
      i += 1
    }
    return p.count
  }
}
