// A small JSON reader on UTF-8 bytes.
//
// ruletag reads one JSON object per line and must say exactly where a line
// is broken, keep fields it does not know, and not spend its time in
// Foundation's JSONSerialization (about 130 MB/s here; this reader decodes
// a line at memory speed). The reader returns each top-level field as a raw
// byte range; values are decoded on demand.

/// Reads JSON from UTF-8 bytes.
public struct JSONReader {
  let p: UnsafeBufferPointer<UInt8>
  var i: Int

  public init(_ p: UnsafeBufferPointer<UInt8>) {
    self.p = p
    self.i = 0
  }

  /// The top-level fields of an object: key and the byte range of the raw value.
  public static func objectFields(_ p: UnsafeBufferPointer<UInt8>) throws(JSONError) -> [(key: String, value: Range<Int>)] {
    var r = JSONReader(p)
    r.skipSpace()
    guard r.i < p.count else { throw JSONError(message: "empty line", offset: 0) }
    guard p[r.i] == UInt8(ascii: "{") else { throw JSONError(message: "expected an object `{`", offset: r.i) }
    r.i += 1
    var fields: [(String, Range<Int>)] = []
    r.skipSpace()
    if r.peek == UInt8(ascii: "}") {
      r.i += 1
    } else {
      while true {
        r.skipSpace()
        guard r.peek == UInt8(ascii: "\"") else { throw JSONError(message: "expected a field name", offset: r.i) }
        var keyBytes: [UInt8] = []
        try r.readString(into: &keyBytes)
        r.skipSpace()
        guard r.peek == UInt8(ascii: ":") else { throw JSONError(message: "expected `:` after field name", offset: r.i) }
        r.i += 1
        r.skipSpace()
        let start = r.i
        try r.skipValue(depth: 0)
        fields.append((String(decoding: keyBytes, as: UTF8.self), start..<r.i))
        r.skipSpace()
        if r.peek == UInt8(ascii: ",") {
          r.i += 1
          continue
        }
        if r.peek == UInt8(ascii: "}") {
          r.i += 1
          break
        }
        throw JSONError(message: r.i < p.count ? "expected `,` or `}`" : "unexpected end of line", offset: r.i)
      }
    }
    r.skipSpace()
    if r.i < p.count { throw JSONError(message: "unexpected text after the object", offset: r.i) }
    return fields
  }

  /// Decodes the JSON string at `range` (quotes included) into UTF-8 bytes.
  public static func decodeString(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) throws(JSONError) {
    var r = JSONReader(UnsafeBufferPointer(rebasing: p[..<range.upperBound]))
    r.i = range.lowerBound
    guard r.peek == UInt8(ascii: "\"") else { throw JSONError(message: "expected a string", offset: r.i) }
    try r.readString(into: &out)
  }

  /// Parses the value at `range` into a `JSONValue`.
  public static func value(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(JSONError) -> JSONValue {
    var r = JSONReader(UnsafeBufferPointer(rebasing: p[..<range.upperBound]))
    r.i = range.lowerBound
    return try r.readValue(depth: 0)
  }

  /// Parses a whole buffer as one value.
  public static func parse(_ p: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
    var r = JSONReader(p)
    r.skipSpace()
    let v = try r.readValue(depth: 0)
    r.skipSpace()
    if r.i < p.count { throw JSONError(message: "unexpected text after the value", offset: r.i) }
    return v
  }

  var peek: UInt8 { i < p.count ? p[i] : 0 }

  mutating func skipSpace() {
    while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
  }

  mutating func readValue(depth: Int) throws(JSONError) -> JSONValue {
    guard depth < 64 else { throw JSONError(message: "nesting too deep", offset: i) }
    skipSpace()
    switch peek {
    case UInt8(ascii: "\""):
      var b: [UInt8] = []
      try readString(into: &b)
      return .string(String(decoding: b, as: UTF8.self))
    case UInt8(ascii: "{"):
      i += 1
      var fields: [(String, JSONValue)] = []
      skipSpace()
      if peek == UInt8(ascii: "}") { i += 1; return .object(fields) }
      while true {
        skipSpace()
        guard peek == UInt8(ascii: "\"") else { throw JSONError(message: "expected a field name", offset: i) }
        var k: [UInt8] = []
        try readString(into: &k)
        skipSpace()
        guard peek == UInt8(ascii: ":") else { throw JSONError(message: "expected `:` after field name", offset: i) }
        i += 1
        let v = try readValue(depth: depth + 1)
        fields.append((String(decoding: k, as: UTF8.self), v))
        skipSpace()
        if peek == UInt8(ascii: ",") { i += 1; continue }
        if peek == UInt8(ascii: "}") { i += 1; return .object(fields) }
        throw JSONError(message: "expected `,` or `}`", offset: i)
      }
    case UInt8(ascii: "["):
      i += 1
      var items: [JSONValue] = []
      skipSpace()
      if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
      while true {
        items.append(try readValue(depth: depth + 1))
        skipSpace()
        if peek == UInt8(ascii: ",") { i += 1; continue }
        if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
        throw JSONError(message: "expected `,` or `]`", offset: i)
      }
    default:
      let start = i
      try skipScalar()
      let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
      switch text {
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "null": return .null
      default: return .number(text)
      }
    }
  }

  mutating func skipValue(depth: Int) throws(JSONError) {
    guard depth < 64 else { throw JSONError(message: "nesting too deep", offset: i) }
    switch peek {
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "{"):
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
    default: try skipScalar()
    }
  }

  /// Skips a number, true, false or null.
  mutating func skipScalar() throws(JSONError) {
    let start = i
    for w in ["true", "false", "null"] where matches(w) {
      i += w.utf8.count
      return
    }
    if peek == UInt8(ascii: "-") { i += 1 }
    var digits = 0
    while i < p.count, p[i] >= 0x30 && p[i] <= 0x39 { i += 1; digits += 1 }
    if digits == 0 {
      throw JSONError(message: i < p.count ? "unexpected character" : "unexpected end of line", offset: start)
    }
    if peek == UInt8(ascii: ".") {
      i += 1
      var frac = 0
      while i < p.count, p[i] >= 0x30 && p[i] <= 0x39 { i += 1; frac += 1 }
      if frac == 0 { throw JSONError(message: "bad number", offset: start) }
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      i += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
      var exp = 0
      while i < p.count, p[i] >= 0x30 && p[i] <= 0x39 { i += 1; exp += 1 }
      if exp == 0 { throw JSONError(message: "bad number", offset: start) }
    }
  }

  func matches(_ w: String) -> Bool {
    var k = i
    for b in w.utf8 {
      if k >= p.count || p[k] != b { return false }
      k += 1
    }
    return true
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

  mutating func skipString() throws(JSONError) {
    let start = i
    i += 1
    while i < p.count {
      i = JSONReader.plainRun(p, from: i)
      guard i < p.count else { break }
      let b = p[i]
      if b == UInt8(ascii: "\"") { i += 1; return }
      if b == UInt8(ascii: "\\") { i += 2; continue }
      if b < 0x20 { throw JSONError(message: "control character in string", offset: i) }
      i += 1
    }
    throw JSONError(message: "unterminated string", offset: start)
  }

  /// Reads a string starting at its opening quote, decoding escapes.
  mutating func readString(into out: inout [UInt8]) throws(JSONError) {
    let start = i
    i += 1
    var run = i
    while i < p.count {
      i = JSONReader.plainRun(p, from: i)
      guard i < p.count else { break }
      let b = p[i]
      if b == UInt8(ascii: "\"") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
        i += 1
        return
      }
      if b == UInt8(ascii: "\\") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
        guard i + 1 < p.count else { break }
        let e = p[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var cu = try hex4()
          if cu >= 0xD800 && cu <= 0xDBFF {
            if i + 1 < p.count && p[i] == UInt8(ascii: "\\") && p[i + 1] == UInt8(ascii: "u") {
              i += 2
              let lo = try hex4()
              guard lo >= 0xDC00 && lo <= 0xDFFF else {
                throw JSONError(message: "unpaired surrogate in \\u escape", offset: i - 6)
              }
              cu = 0x10000 + ((cu - 0xD800) << 10) + (lo - 0xDC00)
            } else {
              throw JSONError(message: "unpaired surrogate in \\u escape", offset: i - 6)
            }
          } else if cu >= 0xDC00 && cu <= 0xDFFF {
            throw JSONError(message: "unpaired surrogate in \\u escape", offset: i - 6)
          }
          UTF8Bytes.append(cu, to: &out)
        default:
          throw JSONError(message: "invalid escape `\\\(Character(Unicode.Scalar(e)))`", offset: i - 2)
        }
        run = i
        continue
      }
      if b < 0x20 { throw JSONError(message: "control character in string", offset: i) }
      i += 1
    }
    throw JSONError(message: "unterminated string", offset: start)
  }

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
}
