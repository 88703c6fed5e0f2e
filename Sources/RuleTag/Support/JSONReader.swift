// A small JSON reader on UTF-8 bytes.
//
// ruletag reads one JSON object per line and must say exactly where a line
// is broken, keep fields it does not know, and not spend its time in
// Foundation's JSONSerialization (about 130 MB/s here; this reader decodes
// a line at memory speed). The reader returns each top-level field as a raw
// byte range; values are decoded on demand.
//
// A range is handed out only after the value in it was checked against the
// whole grammar of RFC 8259 (JSONGrammar.swift: numbers, strings with their
// escapes, literals, nesting), so a field passed through raw is JSON that any
// reader accepts. Beyond the grammar it keeps to the two limits of
// Foundation's JSONSerialization, which many readers share: 512 levels of
// nesting, and numbers a 64-bit float can hold. (The fuzz tests hold the
// two readers to the same answers, line by line.)

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads JSON from UTF-8 bytes.
public struct JSONReader {
  let p: UnsafeBufferPointer<UInt8>
  var i: Int

  /// The deepest nesting accepted, counting the outermost container.
  public static let maxDepth = 512

  public init(_ p: UnsafeBufferPointer<UInt8>) {
    self.p = p
    self.i = 0
  }

  /// The top-level fields of an object: key and the byte range of the raw value.
  public static func objectFields(_ p: UnsafeBufferPointer<UInt8>) throws(JSONError) -> [(
    key: String, value: Range<Int>
  )] {
    var r = JSONReader(p)
    r.skipSpace()
    guard r.i < p.count else { throw JSONError(message: "empty line", offset: 0) }
    guard p[r.i] == UInt8(ascii: "{") else { throw JSONError(message: "expected an object `{`", offset: r.i) }
    r.i += 1
    // Labelled like the result, so that returning it needs no conversion
    // (a cast between tuple labels copies the array).
    var fields: [(key: String, value: Range<Int>)] = []
    fields.reserveCapacity(4)
    r.skipSpace()
    if r.peek == UInt8(ascii: "}") {
      r.i += 1
    } else {
      while true {
        r.skipSpace()
        guard r.peek == UInt8(ascii: "\"") else { throw JSONError(message: "expected a field name", offset: r.i) }
        let key = try r.readKey()
        r.skipSpace()
        guard r.peek == UInt8(ascii: ":") else {
          throw JSONError(message: "expected `:` after field name", offset: r.i)
        }
        r.i += 1
        r.skipSpace()
        let start = r.i
        try r.skipValue(depth: 1)
        fields.append((key, start..<r.i))
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

  /// Reads a field name starting at its opening quote.
  ///
  /// A name without
  /// escapes (nearly every one) becomes a String straight from the line's
  /// bytes, with no buffer in between; one with escapes is decoded by
  /// `readString`.
  mutating func readKey() throws(JSONError) -> String {
    let open = i
    let end = JSONReader.plainRun(p, from: open + 1)
    var j = end
    while j < p.count && p[j] >= 0x20 && p[j] != UInt8(ascii: "\"") && p[j] != UInt8(ascii: "\\") { j += 1 }
    if j < p.count && p[j] == UInt8(ascii: "\"") {
      i = j + 1
      return String(decoding: UnsafeBufferPointer(rebasing: p[(open + 1)..<j]), as: UTF8.self)
    }
    var bytes: [UInt8] = []
    try readString(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Decodes the JSON string at `range` (quotes included) into UTF-8 bytes.
  public static func decodeString(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8])
    throws(JSONError)
  {
    var r = JSONReader(UnsafeBufferPointer(rebasing: p[..<range.upperBound]))
    r.i = range.lowerBound
    guard r.peek == UInt8(ascii: "\"") else { throw JSONError(message: "expected a string", offset: r.i) }
    try r.readString(into: &out)
  }

  /// Decodes the string at `range` (quotes included) of a field that
  /// `objectFields` handed out, into UTF-8 bytes.
  ///
  /// The string was checked whole then, so its only special bytes are the
  /// backslashes of its escapes: `memchr` finds them, and the plain bytes
  /// between them are copied as they are.
  static func decodeCheckedString(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8])
    throws(JSONError)
  {
    guard let base = p.baseAddress, range.count >= 2, p[range.lowerBound] == UInt8(ascii: "\"") else {
      throw JSONError(message: "expected a string", offset: range.lowerBound)
    }
    let close = range.upperBound - 1
    var r = JSONReader(UnsafeBufferPointer(rebasing: p[..<range.upperBound]))
    r.i = range.lowerBound + 1
    var run = r.i
    while r.i < close, let hit = memchr(base + r.i, 0x5C, close - r.i) {
      r.i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<r.i]))
      UTF8Bytes.append(try r.readEscape(stringStart: range.lowerBound), to: &out)
      run = r.i
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<close]))
  }

  /// Parses the value at `range` (a field of a top-level object) into a `JSONValue`.
  public static func value(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(JSONError) -> JSONValue {
    var r = JSONReader(UnsafeBufferPointer(rebasing: p[..<range.upperBound]))
    r.i = range.lowerBound
    return try r.readValue(depth: 1)
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

  /// Reads one value; `depth` containers are open around it.
  mutating func readValue(depth: Int) throws(JSONError) -> JSONValue {
    skipSpace()
    switch peek {
    case UInt8(ascii: "\""):
      var b: [UInt8] = []
      try readString(into: &b)
      return .string(String(decoding: b, as: UTF8.self))
    case UInt8(ascii: "{"):
      try checkDepth(depth)
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
      try checkDepth(depth)
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
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      return try skipLiteral()
    default:
      let start = i
      try skipNumber()
      return .number(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
    }
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
        UTF8Bytes.append(try readEscape(stringStart: start), to: &out)
        run = i
        continue
      }
      if b < 0x20 { throw JSONError(message: "control character in string", offset: i) }
      i += 1
    }
    throw JSONError(message: "unterminated string", offset: start)
  }
}
