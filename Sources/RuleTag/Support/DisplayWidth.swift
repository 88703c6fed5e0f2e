// Terminal display width, so tables and carets line up under CJK text.
//
// Wide ranges follow Unicode's East Asian Width property (UAX #11: W and F
// classes), as a compact range list; combining marks and zero-width
// characters take no column.

/// How many terminal columns text takes.
public enum DisplayWidth {
  /// Columns taken by one scalar: 0, 1 or 2.
  @inline(__always)
  public static func of(_ s: UInt32) -> Int {
    if s < 0x300 { return s < 0x20 || (s >= 0x7F && s < 0xA0) ? 0 : 1 }
    if (s >= 0x300 && s <= 0x36F) || (s >= 0x200B && s <= 0x200F) || s == 0xFEFF || (s >= 0xFE00 && s <= 0xFE0F) {
      return 0
    }
    if (s >= 0x1100 && s <= 0x115F) || (s >= 0x2E80 && s <= 0x303E) || (s >= 0x3041 && s <= 0x33FF)
      || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0xA000 && s <= 0xA4CF)
      || (s >= 0xAC00 && s <= 0xD7A3) || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0xFE30 && s <= 0xFE4F)
      || (s >= 0xFF00 && s <= 0xFF60) || (s >= 0xFFE0 && s <= 0xFFE6) || (s >= 0x1F300 && s <= 0x1F64F)
      || (s >= 0x1F900 && s <= 0x1F9FF) || (s >= 0x20000 && s <= 0x3FFFD)
    {
      return 2
    }
    return 1
  }

  /// Columns taken by `text`.
  public static func of(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + of($1.value) }
  }

  /// `text` cut to at most `columns` columns (with `…` when cut).
  public static func truncate(_ text: String, to columns: Int) -> String {
    if of(text) <= columns { return text }
    var out = String.UnicodeScalarView()
    var used = 0
    for s in text.unicodeScalars {
      let w = of(s.value)
      if used + w > columns - 1 { break }
      out.append(s)
      used += w
    }
    return String(out) + "…"
  }

  /// `text` padded with spaces to `columns` columns (left-aligned), or
  /// right-aligned when `right` is set.
  public static func pad(_ text: String, to columns: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, columns - of(text)))
    return right ? fill + text : text + fill
  }
}
