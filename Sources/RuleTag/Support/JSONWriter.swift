// A small JSON writer into a byte buffer.
//
// Records are written straight as bytes: no String is built per value,
// and names written for every article can be encoded once (`encoded`,
// `key(encoded:)`, `beginObject(members:)`).

/// Writes JSON into a byte buffer; strings are escaped minimally (raw UTF-8
/// kept), so output stays readable in a terminal.
public struct JSONWriter {
  public var bytes: [UInt8] = []
  /// Open containers as a bit stack: bit k of `filled` says whether the
  /// container at depth k + 1 holds an element already.
  ///
  /// ruletag's records
  /// nest four deep; more than 64 is a programming error.
  var depth = 0
  var filled: UInt64 = 0
  var afterKey = false

  public init() {}

  public var string: String { String(decoding: bytes, as: UTF8.self) }

  @inline(__always)
  mutating func valuePrefix() {
    if afterKey {
      afterKey = false
      return
    }
    if depth > 0 {
      let bit: UInt64 = 1 << UInt64(depth - 1)
      if filled & bit != 0 { bytes.append(UInt8(ascii: ",")) }
      filled |= bit
    }
  }

  @inline(__always)
  mutating func open(_ c: UInt8) {
    valuePrefix()
    bytes.append(c)
    depth += 1
    precondition(depth <= 64, "JSONWriter: nesting deeper than 64")
    filled &= ~(1 << UInt64(depth - 1))
  }

  public mutating func beginObject() { open(UInt8(ascii: "{")) }
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    depth -= 1
  }
  public mutating func beginArray() { open(UInt8(ascii: "[")) }
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    depth -= 1
  }
  /// Writes a key; the next value call writes its value.
  public mutating func key(_ k: String) {
    valuePrefix()
    appendEscaped(k)
    bytes.append(UInt8(ascii: ":"))
    afterKey = true
  }

  public mutating func string(_ s: String) {
    valuePrefix()
    appendEscaped(s)
  }
  public mutating func string(bytes b: UnsafeBufferPointer<UInt8>) {
    valuePrefix()
    appendEscaped(b)
  }
  public mutating func int(_ v: Int) {
    valuePrefix()
    if v < 0 || v >= 1_000_000_000 {
      bytes.append(contentsOf: String(v).utf8)
      return
    }
    // Digits straight into the buffer, most significant first.
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    var x = v
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[n] = UInt8(truncatingIfNeeded: 0x30 + x % 10)
        x /= 10
        n += 1
      } while x > 0
      while n > 0 {
        n -= 1
        bytes.append(d[n])
      }
    }
  }
  public mutating func number(_ v: Double) {
    // Whole numbers (most scores) as `format` writes them, without a String.
    if v == v.rounded() && abs(v) < 1e9 {
      int(Int(v))
      return
    }
    valuePrefix()
    bytes.append(contentsOf: JSONWriter.format(v).utf8)
  }
  public mutating func bool(_ v: Bool) {
    valuePrefix()
    bytes.append(contentsOf: (v ? "true" : "false").utf8)
  }
  public mutating func null() {
    valuePrefix()
    bytes.append(contentsOf: "null".utf8)
  }
  /// Writes already-encoded JSON as a value.
  public mutating func raw(_ b: UnsafeBufferPointer<UInt8>) {
    valuePrefix()
    bytes.append(contentsOf: b)
  }

  /// Shortest decimal form: 4, 2.5, -0.25.
  public static func format(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    var s = String(v)
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
  }

  mutating func appendEscaped(_ s: String) {
    var s = s
    s.withUTF8 { appendEscaped($0) }
  }

  mutating func appendEscaped(_ b: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    var run = 0
    var k = 0
    let n = b.count
    while k < n {
      // Plain text goes by in 8-byte words; then byte by byte through the
      // word that may hold a byte to escape.
      k = JSONReader.plainRun(b, from: k)
      let stop = min(n, k + 16)
      while k < stop {
        let c = b[k]
        if c < 0x20 || c == 0x22 || c == 0x5C { break }
        k += 1
      }
      if k == stop { continue }
      let c = b[k]
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<k]))
      switch c {
      case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
      case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      default:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
      }
      k += 1
      run = k
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<n]))
    bytes.append(UInt8(ascii: "\""))
  }

  /// The JSON form of a string (quoted and escaped), for values written
  /// many times (`raw` then writes it without escaping it again).
  public static func encoded(_ s: String) -> [UInt8] {
    var w = JSONWriter()
    w.appendEscaped(s)
    return w.bytes
  }

  /// Writes a key given in its JSON form (`encoded`).
  public mutating func key(encoded k: [UInt8]) {
    valuePrefix()
    bytes.append(contentsOf: k)
    bytes.append(UInt8(ascii: ":"))
    afterKey = true
  }

  /// Opens an object whose first members are given in their JSON form
  /// (`"a":1,"b":"x"`, no braces); more members may follow with `key`.
  public mutating func beginObject(members: [UInt8]) {
    beginObject()
    bytes.append(contentsOf: members)
    filled |= 1 << UInt64(depth - 1)
  }

  /// Writes the next members of the open object in their JSON form
  /// (`"a":1,"b":`, no leading comma) and leaves it after a key: the next
  /// call writes that key's value.
  public mutating func members(thenKey m: [UInt8]) {
    valuePrefix()
    bytes.append(contentsOf: m)
    afterKey = true
  }

  /// Writes a value given in its JSON form.
  public mutating func raw(_ b: [UInt8]) {
    valuePrefix()
    bytes.append(contentsOf: b)
  }
}
