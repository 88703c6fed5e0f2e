// Text made safe for an HTML document: every string that reaches the
// report (article text, ids, titles, rule lines, paths) goes through
// `HTMLText.escape`, in element content and in attribute values alike.

/// HTML escaping for the report.
public enum HTMLText {
  /// `s` escaped for element content and for double- or single-quoted
  /// attribute values.
  ///
  /// `&`, `<`, `>`, `"` and `'` become character references. Characters
  /// that an HTML document may not contain, even as references, are made
  /// visible instead: the C0 controls other than tab, line feed and
  /// carriage return become their Control Pictures (U+0001 → ␁), DEL
  /// becomes ␡, and the C1 controls and Unicode noncharacters become
  /// U+FFFD.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
    for c in s.unicodeScalars {
      switch c.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x27: out += "&#39;"
      case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(c)
      case 0x00...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + c.value)!)
      case 0x7F: out += "\u{2421}"
      case 0x80...0x9F: out += "\u{FFFD}"
      case 0xFDD0...0xFDEF: out += "\u{FFFD}"
      case _ where c.value & 0xFFFE == 0xFFFE: out += "\u{FFFD}"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// UTF-8 bytes decoded (invalid sequences as U+FFFD) and escaped.
  public static func escape<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
    escape(String(decoding: bytes, as: UTF8.self))
  }
}
