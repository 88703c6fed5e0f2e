// A hit's sentences with the hit marked, from the evidence spans' byte
// offsets (not by searching the sentence for the hit's text, which would
// mark the wrong place when the words occur twice).

/// The sentences of one counted hit, each with the byte ranges to mark.
public struct MarkedSentence: Equatable, Sendable {
  /// Whether the sentence is in the headline (else in the body).
  public var inTitle: Bool
  /// The sentence: a byte range of the field (trimmed as in `EvidenceText`).
  public var sentence: Range<Int>
  /// The hits in it: sorted byte ranges of the field, overlapping ones merged.
  public var marks: [Range<Int>]

  /// The sentences a hit's spans lie in, in text order; spans in one
  /// sentence share its entry.
  ///
  /// A span of `all(…)` can be far from the others, so a hit may have
  /// several sentences; one of `sentence(…)` has one.
  public static func group(_ a: Article, _ hit: [EvidenceSpan]) -> [MarkedSentence] {
    var out: [MarkedSentence] = []
    for span in hit {
      let l = EvidenceText.locateBytes(a, span)
      if let k = out.firstIndex(where: { $0.inTitle == l.inTitle && $0.sentence == l.sentence }) {
        out[k].marks.append(l.text)
      } else {
        out.append(MarkedSentence(inTitle: l.inTitle, sentence: l.sentence, marks: [l.text]))
      }
    }
    for k in out.indices { out[k].marks = merged(out[k].marks) }
    return out.sorted { ($0.inTitle ? 0 : 1, $0.sentence.lowerBound) < ($1.inTitle ? 0 : 1, $1.sentence.lowerBound) }
  }

  /// `ranges` sorted, with overlapping ranges joined and empty ones
  /// dropped (touching ones stay apart, each its own hit).
  static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    for r in ranges.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) where !r.isEmpty {
      if let last = out.last, r.lowerBound < last.upperBound {
        out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    return out
  }

  /// The sentence as HTML: its text escaped, each mark in `<mark>`.
  public func html(_ a: Article) -> String {
    let bytes = inTitle ? a.title : a.text
    var out = ""
    var at = sentence.lowerBound
    for m in marks {
      let s = max(at, min(m.lowerBound, sentence.upperBound))
      let e = max(s, min(m.upperBound, sentence.upperBound))
      out += HTMLText.escape(bytes: bytes[at..<s])
      if s < e { out += "<mark>" + HTMLText.escape(bytes: bytes[s..<e]) + "</mark>" }
      at = e
    }
    return out + HTMLText.escape(bytes: bytes[at..<sentence.upperBound])
  }
}
