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
    let t = a.title.count
    let inTitle = span.start < t
    let bytes = inTitle ? a.title : a.text
    let shift = inTitle ? 0 : t + 1
    let s = clamp(span.start - shift, bytes.count)
    let e = clamp(span.end - shift, bytes.count)
    let ss = clamp(span.sentenceStart - shift, bytes.count)
    let se = clamp(span.sentenceEnd - shift, bytes.count)
    return bytes.withUnsafeBufferPointer { p in
      Located(
        field: inTitle ? "title" : "text", start: UTF8Bytes.scalarCount(p, upTo: s),
        end: UTF8Bytes.scalarCount(p, upTo: max(s, e)),
        text: String(decoding: p[s..<max(s, e)], as: UTF8.self),
        sentence: String(decoding: p[min(ss, s)..<max(se, e)], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
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
