// UTF-8 on raw bytes: decoding one scalar, encoding one, validating a
// buffer and counting its scalars, with word-at-a-time fast paths for the
// ASCII and CJK text that makes up most input; and whitespace in the sense
// of Unicode's White_Space property, for telling blank lines and empty
// articles, matched on the encoded bytes.

/// UTF-8 helpers on raw bytes.
public enum UTF8Bytes {
  /// Decodes the scalar that starts at `i`; returns it and its length.
  ///
  /// Malformed bytes decode as U+FFFD of length 1.
  @inline(__always)
  public static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = p.count
    if b0 & 0xE0 == 0xC0, i + 1 < n {
      let b1 = UInt32(p[i + 1])
      if b1 & 0xC0 == 0x80 {
        let s = (b0 & 0x1F) << 6 | (b1 & 0x3F)
        if s >= 0x80 { return (s, 2) }
      }
    } else if b0 & 0xF0 == 0xE0, i + 2 < n {
      let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2])
      if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
        let s = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
        if s >= 0x800 && !(s >= 0xD800 && s <= 0xDFFF) { return (s, 3) }
      }
    } else if b0 & 0xF8 == 0xF0, i + 3 < n {
      let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2]), b3 = UInt32(p[i + 3])
      if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 {
        let s = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
        if s >= 0x10000 && s <= 0x10FFFF { return (s, 4) }
      }
    }
    return (0xFFFD, 1)
  }

  /// Length of the sequence that lead byte `b` starts (1 for ASCII and for
  /// a byte that cannot lead one).
  @inline(__always)
  public static func sequenceLength(_ b: UInt8) -> Int {
    if b < 0xC0 { return 1 }
    if b < 0xE0 { return 2 }
    if b < 0xF0 { return 3 }
    return 4
  }

  /// Appends the UTF-8 encoding of `s` to `out`.
  @inline(__always)
  public static func append(_ s: UInt32, to out: inout [UInt8]) {
    if s < 0x80 {
      out.append(UInt8(s))
    } else if s < 0x800 {
      out.append(UInt8(0xC0 | (s >> 6)))
      out.append(UInt8(0x80 | (s & 0x3F)))
    } else if s < 0x10000 {
      out.append(UInt8(0xE0 | (s >> 12)))
      out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (s & 0x3F)))
    } else {
      out.append(UInt8(0xF0 | (s >> 18)))
      out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (s & 0x3F)))
    }
  }

  /// The offset of the first malformed byte, or nil.
  public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    var i = 0
    let n = bytes.count
    while i < n {
      // Eight ASCII bytes at a time.
      if i &+ 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i &+= 8
        continue
      }
      let b = base[i]
      if b < 0x80 {
        i &+= 1
        continue
      }
      // Runs of three-byte sequences whose lead byte allows any
      // continuation bytes (E1-EC, EE, EF: not E0, not ED), which is most
      // of CJK text: four at a time (`fourCJK`), then one at a time with
      // both continuation bytes tested in one load.
      var j = i
      while j &+ 12 <= n && fourCJK(raw, at: j) { j &+= 12 }
      while j &+ 2 < n {
        let lead = base[j]
        if lead &- 0xE1 >= 15 || lead == 0xED { break }
        if raw.loadUnaligned(fromByteOffset: j &+ 1, as: UInt16.self) & 0xC0C0 != 0x8080 { break }
        j &+= 3
      }
      if j != i {
        i = j
        continue
      }
      let (s, len) = decode(bytes, at: i)
      if s == 0xFFFD && len == 1 { return i }
      i += len
    }
    return nil
  }

  /// Whether the 12 bytes at `j` are four three-byte sequences that are
  /// well-formed UTF-8 whatever their continuation bytes hold: leads
  /// E1-EC, EE or EF, each followed by two continuation bytes.
  ///
  /// One 8-byte and one 4-byte load; the eight continuation bytes are
  /// tested with two masks, the four leads gathered into one word and
  /// tested together (high nibble E, low nibble neither 0 nor D). False
  /// only means "not all four", and the caller then goes one at a time.
  @inline(__always)
  static func fourCJK(_ raw: UnsafeRawPointer, at j: Int) -> Bool {
    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
    let y = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: j &+ 8, as: UInt32.self))
    // Continuation bytes: 1, 2, 4, 5, 7 of x; 0, 2, 3 of y.
    guard x & 0xC000_C0C0_00C0_C000 == 0x8000_8080_0080_8000, y & 0xC0C0_00C0 == 0x8080_0080 else { return false }
    // Leads: bytes 0, 3, 6 of x and 1 of y, as the four bytes of one word.
    let leads =
      UInt32(truncatingIfNeeded: x & 0xFF | (x >> 16) & 0xFF00 | (x >> 32) & 0xFF_0000) | (y << 16) & 0xFF00_0000
    guard leads & 0xF0F0_F0F0 == 0xE0E0_E0E0 else { return false }
    // A byte of `lo` is 0 where a lead is E0, of `d` where it is ED; the
    // zero-byte test is exact for "no zero byte", which is all it needs.
    let lo = leads & 0x0F0F_0F0F
    let d = lo ^ 0x0D0D_0D0D
    let zero = ((lo &- 0x0101_0101) & ~lo) | ((d &- 0x0101_0101) & ~d)
    return zero & 0x8080_8080 == 0
  }

  /// Number of scalars in `bytes[0..<end]` (counts non-continuation bytes).
  public static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let n = min(end, bytes.count)
    var c = 0
    var i = 0
    // Eight bytes at a time: a continuation byte (10xxxxxx) is one whose
    // top bit is set and whose next bit is clear; `x << 1` brings each
    // byte's bit 6 under its bit 7 (what crosses from the byte below lands
    // in bit 0, which the mask drops).
    let raw = UnsafeRawPointer(base)
    while i &+ 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let continuation = x & ~(x << 1) & 0x8080_8080_8080_8080
      c &+= 8 &- continuation.nonzeroBitCount
      i &+= 8
    }
    while i < n {
      c &+= Int((base[i] & 0xC0) != 0x80 ? 1 : 0)
      i &+= 1
    }
    return c
  }

  /// Whether the three bytes at `i` are a byte order mark (U+FEFF).
  @inline(__always)
  public static func isBOM(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    i + 2 < p.count && p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF
  }

  /// The length of the whitespace scalar at `i`, or 0 when there is none.
  ///
  /// Whitespace is Unicode's White_Space: U+0009–U+000D, space, U+0085,
  /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
  /// (every Zs space separator among them).
  @inline(__always)
  public static func whitespaceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let b = p[i]
    if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
    let n = p.count
    switch b {
    case 0xC2: return i + 1 < n && (p[i + 1] == 0x85 || p[i + 1] == 0xA0) ? 2 : 0
    case 0xE1: return i + 2 < n && p[i + 1] == 0x9A && p[i + 2] == 0x80 ? 3 : 0
    case 0xE2:
      guard i + 2 < n else { return 0 }
      let b1 = p[i + 1]
      let b2 = p[i + 2]
      if b1 == 0x80 { return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0 }
      return b1 == 0x81 && b2 == 0x9F ? 3 : 0
    case 0xE3: return i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80 ? 3 : 0
    default: return 0
    }
  }

  /// Whether `p` holds nothing but whitespace; with `orControls`, control
  /// characters (U+0000–U+001F, U+007F) count as nothing too.
  public static func isBlank(_ p: UnsafeBufferPointer<UInt8>, orControls: Bool = false) -> Bool {
    var i = 0
    while i < p.count {
      let w = whitespaceLength(p, at: i)
      if w > 0 {
        i += w
      } else if orControls && (p[i] < 0x20 || p[i] == 0x7F) {
        i += 1
      } else {
        return false
      }
    }
    return true
  }
}
