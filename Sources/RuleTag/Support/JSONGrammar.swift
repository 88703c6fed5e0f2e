// The JSON grammar of RFC 8259, checked on bytes while skipping values.
//
// The reader skips every field of a line before it decodes the few it
// needs, and the fields it does not know go to the output as raw bytes. So
// skipping is where validity is decided: a number must not have a leading
// zero (`0123`, `-01`), a fraction or exponent needs a digit, a string may
// hold no raw control byte and only the escapes \" \\ \/ \b \f \n \r \t and
// \uXXXX (a surrogate only as a high-low pair), and only `true`, `false` and
// `null` are literals. Two limits follow Foundation's JSONSerialization:
// at most `maxDepth` levels of nesting, and no number beyond a 64-bit float
// (1e400), since many readers cannot load one. Plain string text is skipped
// 16 bytes per step (`plainRun`).

extension JSONReader {
  @inline(__always)
  mutating func skipSpace() {
    while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
  }

  /// Throws unless a container may open inside `depth` open ones.
  @inline(__always)
  func checkDepth(_ depth: Int) throws(JSONError) {
    guard depth < JSONReader.maxDepth else {
      throw JSONError(message: "nesting deeper than \(JSONReader.maxDepth) levels", offset: i)
    }
  }

  /// Skips one value, checking it; `depth` containers are open around it.
  mutating func skipValue(depth: Int) throws(JSONError) {
    switch peek {
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "{"):
      try checkDepth(depth)
      i += 1
      skipSpace()
      if peek == UInt8(ascii: "}") { i += 1; return }
      while true {
        skipSpace()
        guard peek == UInt8(ascii: "\"") else { throw JSONError(message: "expected a field name", offset: i) }
        try skipString()
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw JSONError(message: "expected `:` after field name", offset: i) }
        i += 1
        skipSpace()
        try skipValue(depth: depth + 1)
        skipSpace()
        if peek == UInt8(ascii: ",") { i += 1; continue }
        if peek == UInt8(ascii: "}") { i += 1; return }
        throw JSONError(message: "expected `,` or `}`", offset: i)
      }
    case UInt8(ascii: "["):
      try checkDepth(depth)
      i += 1
      skipSpace()
      if peek == UInt8(ascii: "]") { i += 1; return }
      while true {
        skipSpace()
        try skipValue(depth: depth + 1)
        skipSpace()
        if peek == UInt8(ascii: ",") { i += 1; continue }
        if peek == UInt8(ascii: "]") { i += 1; return }
        throw JSONError(message: "expected `,` or `]`", offset: i)
      }
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): _ = try skipLiteral()
    default: try skipNumber()
    }
  }

  /// Skips `true`, `false` or `null` and returns it.
  mutating func skipLiteral() throws(JSONError) -> JSONValue {
    if matches("true") {
      i += 4
      return .bool(true)
    }
    if matches("false") {
      i += 5
      return .bool(false)
    }
    if matches("null") {
      i += 4
      return .null
    }
    throw JSONError(message: "unexpected character", offset: i)
  }

  @inline(__always)
  func matches(_ w: StaticString) -> Bool {
    let n = w.utf8CodeUnitCount
    guard i + n <= p.count else { return false }
    let b = w.utf8Start
    for k in 0..<n where p[i + k] != b[k] { return false }
    return true
  }

  @inline(__always)
  func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

  /// Skips a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func skipNumber() throws(JSONError) {
    let start = i
    if peek == UInt8(ascii: "-") { i += 1 }
    let intStart = i
    guard isDigit(peek) else {
      throw JSONError(message: i < p.count ? "unexpected character" : "unexpected end of line", offset: start)
    }
    if p[i] == UInt8(ascii: "0") {
      i += 1
      if isDigit(peek) { throw JSONError(message: "leading zero in number", offset: start) }
    } else {
      while isDigit(peek) { i += 1 }
    }
    let intDigits = i - intStart
    if peek == UInt8(ascii: ".") {
      i += 1
      guard isDigit(peek) else { throw JSONError(message: "bad number", offset: start) }
      while isDigit(peek) { i += 1 }
    }
    var exponent = false
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      exponent = true
      i += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
      guard isDigit(peek) else { throw JSONError(message: "bad number", offset: start) }
      while isDigit(peek) { i += 1 }
    }
    // Up to 308 integer digits and no exponent is always below 1.8e308;
    // only the rest (rare: ids and counts have neither) is converted.
    if exponent || intDigits > 308 {
      let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
      if let d = Double(text), d.isInfinite {
        throw JSONError(message: "number out of range of a 64-bit float", offset: start)
      }
    }
  }

  /// Skips a string starting at its opening quote, checking its escapes.
  mutating func skipString() throws(JSONError) {
    let start = i
    i += 1
    while i < p.count {
      i = JSONReader.plainRun(p, from: i)
      guard i < p.count else { break }
      let b = p[i]
      if b == UInt8(ascii: "\"") { i += 1; return }
      if b == UInt8(ascii: "\\") {
        _ = try readEscape(stringStart: start)
        continue
      }
      if b < 0x20 { throw JSONError(message: "control character in string", offset: i) }
      i += 1
    }
    throw JSONError(message: "unterminated string", offset: start)
  }

  /// Reads the escape at `i` (its backslash) and returns the scalar it
  /// stands for; a surrogate pair is read as one escape.
  @inline(__always)
  mutating func readEscape(stringStart: Int) throws(JSONError) -> UInt32 {
    guard i + 1 < p.count else { throw JSONError(message: "unterminated string", offset: stringStart) }
    let e = p[i + 1]
    i += 2
    switch e {
    case UInt8(ascii: "\""): return 0x22
    case UInt8(ascii: "\\"): return 0x5C
    case UInt8(ascii: "/"): return 0x2F
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "u"):
      let cu = try hex4()
      if cu >= 0xDC00 && cu <= 0xDFFF {
        throw JSONError(message: "unpaired surrogate in \\u escape", offset: i - 6)
      }
      guard cu >= 0xD800 && cu <= 0xDBFF else { return cu }
      guard i + 1 < p.count && p[i] == UInt8(ascii: "\\") && p[i + 1] == UInt8(ascii: "u") else {
        throw JSONError(message: "unpaired surrogate in \\u escape", offset: i - 6)
      }
      i += 2
      let lo = try hex4()
      guard lo >= 0xDC00 && lo <= 0xDFFF else {
        throw JSONError(message: "unpaired surrogate in \\u escape", offset: i - 6)
      }
      return 0x10000 + ((cu - 0xD800) << 10) + (lo - 0xDC00)
    default:
      let shown = e >= 0x21 && e < 0x7F ? "`\\\(Character(Unicode.Scalar(e)))`" : "after `\\`"
      throw JSONError(message: "invalid escape \(shown)", offset: i - 2)
    }
  }

  /// The four hex digits of a \u escape.
  mutating func hex4() throws(JSONError) -> UInt32 {
    guard i + 4 <= p.count else { throw JSONError(message: "bad \\u escape", offset: i - 2) }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = p[i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw JSONError(message: "bad \\u escape", offset: i)
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  /// The first offset at or after `start` whose 8-byte word may hold a
  /// quote, a backslash or a control byte (SWAR test, exact for "holds
  /// none"): the string loops skip plain text eight bytes at a time.
  @inline(__always)
  static func plainRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = p.baseAddress else { return start }
    let raw = UnsafeRawPointer(base)
    let n = p.count
    var i = start
    let lo: UInt64 = 0x0101_0101_0101_0101
    let hi: UInt64 = 0x8080_8080_8080_8080
    // Two words per step (Swift's generic SIMD16 `any` was 10x slower here).
    while i &+ 16 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let y = raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
      let qx = x ^ 0x2222_2222_2222_2222
      let bx = x ^ 0x5C5C_5C5C_5C5C_5C5C
      let qy = y ^ 0x2222_2222_2222_2222
      let by = y ^ 0x5C5C_5C5C_5C5C_5C5C
      let tx = ((qx &- lo) & ~qx) | ((bx &- lo) & ~bx) | ((x &- lo &* 0x20) & ~x)
      let ty = ((qy &- lo) & ~qy) | ((by &- lo) & ~by) | ((y &- lo &* 0x20) & ~y)
      if (tx | ty) & hi != 0 { break }
      i &+= 16
    }
    while i &+ 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let q = x ^ 0x2222_2222_2222_2222
      let b = x ^ 0x5C5C_5C5C_5C5C_5C5C
      let t = ((q &- lo) & ~q) | ((b &- lo) & ~b) | ((x &- lo &* 0x20) & ~x)
      if t & hi != 0 { break }
      i &+= 8
    }
    return i
  }
}
