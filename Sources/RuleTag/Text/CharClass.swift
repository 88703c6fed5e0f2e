// Character classes shared by the normaliser, the tokenizer and the matcher.
//
// ruletag sees text as three kinds of scalars: Han ideographs (matched as
// substrings), word characters (ASCII letters and digits, and other
// alphabetic scripts; matched as whole words), and everything else
// (punctuation, symbols, spaces: separators). The tokenizer and the
// automaton's boundary check both ask `CharClass.of`, so they cannot drift
// apart.

/// The class of one Unicode scalar, as matching sees it.
public enum CharClass: UInt8, Sendable {
  /// A Han ideograph (or 〇): CJK text, matched as substrings.
  case han
  /// A letter or digit outside CJK: matched as whole words.
  case word
  /// Punctuation, symbols, whitespace: separates tokens.
  case other

  /// The class of `scalar`.
  @inline(__always)
  public static func of(_ scalar: UInt32) -> CharClass {
    if scalar < 0x80 {
      // ASCII: digits and letters are word characters.
      if scalar >= 0x30 && scalar <= 0x39 { return .word }
      let lower = scalar | 0x20
      if lower >= 0x61 && lower <= 0x7A { return .word }
      return .other
    }
    if isHan(scalar) { return .han }
    if scalar < 0x2000 || (scalar >= 0xFF10 && scalar < 0xFF5B) {
      // Latin supplements, Greek, Cyrillic, …: ask Unicode.
      if let s = Unicode.Scalar(scalar), s.properties.isAlphabetic || s.properties.numericType != nil {
        return .word
      }
    }
    return .other
  }

  /// Whether `scalar` is a Han ideograph of the CJK blocks.
  @inline(__always)
  public static func isHan(_ scalar: UInt32) -> Bool {
    return (scalar >= 0x4E00 && scalar <= 0x9FFF) || (scalar >= 0x3400 && scalar <= 0x4DBF)
      || scalar == 0x3007 || (scalar >= 0xF900 && scalar <= 0xFAFF)
      || (scalar >= 0x20000 && scalar <= 0x3FFFF)
  }
}
