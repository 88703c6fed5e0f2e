// Evidence spans in the words of the original article.

import Foundation

/// Evidence spans turned into field, character offsets and text.
public enum EvidenceText {
  public struct Located: Sendable {
    public var field: String
    public var start: Int
    public var end: Int
    public var text: String
    public var sentence: String
  }

  /// Where `span` (offsets in `title + "\n" + text`) is in the article.
  public static func locate(_ a: Article, _ span: EvidenceSpan) -> Located {
    let l = locateBytes(a, span)
    let bytes = l.inTitle ? a.title : a.text
    return Located(
      field: l.inTitle ? "title" : "text", start: l.start, end: l.end,
      text: String(decoding: bytes[l.text], as: UTF8.self), sentence: String(decoding: bytes[l.sentence], as: UTF8.self)
    )
  }

  /// `locate` without making Strings: the field, character offsets, and
  /// byte ranges of the hit and its (trimmed) sentence in that field.
  public struct LocatedBytes: Sendable {
    public var inTitle: Bool
    public var start: Int
    public var end: Int
    public var text: Range<Int>
    public var sentence: Range<Int>
  }

  /// Same places as `locate(a, span)`; `text` and `sentence` index
  /// `inTitle ? a.title : a.text`.
  public static func locateBytes(_ a: Article, _ span: EvidenceSpan) -> LocatedBytes {
    locateBytes(a, span, chars: nil)
  }

  /// Character counts at every 128th byte of a field: the character offset
  /// of a byte is then one lookup plus a count of at most 127 bytes.
  ///
  /// An
  /// article with many pieces of evidence counts its text once, not once
  /// per piece.
  public struct CharIndex: Sendable {
    /// marks[k]: characters in bytes 0..<(k × 128).
    var marks: [Int32] = []

    public init(_ bytes: [UInt8]) {
      bytes.withUnsafeBufferPointer { p in
        marks.reserveCapacity(p.count / 128 + 1)
        var c = 0
        var i = 0
        marks.append(0)
        while i + 128 <= p.count {
          c += UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: p[i..<(i + 128)]), upTo: 128)
          marks.append(Int32(c))
          i += 128
        }
      }
    }

    /// Characters in `p[0..<end]`.
    func chars(_ p: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
      let k = min(end >> 7, marks.count - 1)
      let from = k << 7
      return Int(marks[k]) + UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: p[from..<end]), upTo: end - from)
    }
  }

  /// Character indexes of an article's title and text, for `locateBytes`.
  public struct ArticleIndex: Sendable {
    let title: CharIndex
    let text: CharIndex
    public init(_ a: Article) {
      title = CharIndex(a.title)
      text = CharIndex(a.text)
    }
  }

  /// `locateBytes(a, span)`, counting characters through `chars` (built
  /// for the same article) when given.
  public static func locateBytes(_ a: Article, _ span: EvidenceSpan, chars: ArticleIndex?) -> LocatedBytes {
    a.title.withUnsafeBufferPointer { t in
      a.text.withUnsafeBufferPointer { x in
        locateBytes(title: t, text: x, span, titleChars: chars?.title, textChars: chars?.text)
      }
    }
  }

  /// `locateBytes(a, span, chars:)` on the article's title and text bytes,
  /// for a caller that locates many spans of one article.
  static func locateBytes(
    title: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>, _ span: EvidenceSpan,
    titleChars: CharIndex?, textChars: CharIndex?
  ) -> LocatedBytes {
    let t = title.count
    let inTitle = span.start < t
    let shift = inTitle ? 0 : t + 1
    let p = inTitle ? title : text
    let count = p.count
    let s = clamp(span.start - shift, count)
    let e = clamp(span.end - shift, count)
    let ss = clamp(span.sentenceStart - shift, count)
    let se = clamp(span.sentenceEnd - shift, count)
    let index = inTitle ? titleChars : textChars
    let startChars = index?.chars(p, upTo: s) ?? UTF8Bytes.scalarCount(p, upTo: s)
    let e2 = max(s, e)
    return LocatedBytes(
      inTitle: inTitle, start: startChars,
      end: startChars + UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: p[s..<e2]), upTo: e2 - s),
      text: s..<e2, sentence: trimmed(p, min(ss, s), max(se, e)))
  }

  /// `a..<b` without leading and trailing white space and line breaks: the
  /// scalars of `CharacterSet.whitespacesAndNewlines`, trimmed on bytes
  /// (same result as `trimmingCharacters(in: .whitespacesAndNewlines)`).
  static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Range<Int> {
    var a = a
    var b = b
    while a < b {
      let (sc, len) = UTF8Bytes.decode(UnsafeBufferPointer(rebasing: p[..<b]), at: a)
      if !isTrimmed(sc) || (sc == 0xFFFD && len == 1) { break }
      a += len
    }
    while a < b {
      let s = Sentences.scalarStart(p, b - 1)
      let start = max(s, a)
      let (sc, len) = UTF8Bytes.decode(UnsafeBufferPointer(rebasing: p[..<b]), at: start)
      if start + len != b || !isTrimmed(sc) || (sc == 0xFFFD && len == 1) { break }
      b = start
    }
    return a..<b
  }

  @inline(__always)
  static func isTrimmed(_ s: UInt32) -> Bool {
    (s >= 0x09 && s <= 0x0D) || s == 0x20 || s == 0x85 || s == 0xA0 || s == 0x1680 || (s >= 0x2000 && s <= 0x200A)
      || s == 0x2028 || s == 0x2029 || s == 0x202F || s == 0x205F || s == 0x3000
  }

  static func clamp(_ x: Int, _ n: Int) -> Int { max(0, min(x, n)) }

  /// The sentence of `span` with the hit marked as 【hit】.
  public static func marked(_ a: Article, _ span: EvidenceSpan) -> String {
    let l = locate(a, span)
    guard let r = l.sentence.range(of: l.text) else { return l.sentence }
    return l.sentence.replacingCharacters(in: r, with: "【" + l.text + "】")
  }

  /// `「外卖小哥」 text:12`: the hit and where it is.
  public static func quote(_ a: Article, _ span: EvidenceSpan) -> String {
    let l = locate(a, span)
    return "「\(l.text)」 \(l.field):\(l.start)"
  }
}
