// Seeded generation of JSONL lines for the fuzz suite: valid article lines,
// then a few random edits each (byte changes, insertions of the tokens that
// break readers: leading zeros, bad escapes, lone surrogates, a BOM, CR,
// NUL, invalid UTF-8, deep nesting, huge numbers, stray punctuation).
// Everything comes from one SplitMix64 seed, so a failing line can be made
// again from the seed printed with it.

import RuleTagTestSupport

/// The suite's generator: the shared seeded SplitMix64, with the draws the
/// mutations use.
typealias SplitMix64 = SeededRandom

extension SeededRandom {
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

enum JSONLMutator {
  static let words = [
    "外卖小哥", "快递小哥", "骑手", "新就业形态", "工会", "维权", "法律援助", "律师", "招聘会", "。", "，", "天气", "abc", " ", "😀", "\\n", "\\\"",
    "\\u5de5", "\\ud83d\\ude00", "\\/", "\\t",
  ]

  /// Values that are valid JSON.
  static let goodValues = [
    "0", "-0", "12", "-3.25", "0.5e-3", "1E+2", "1e-400", "123456789012345678901234567890", "true", "false", "null",
    #""""#, #""x""#, #""\u00e9\b\f\r""#, "[]", "{}", #"[1,"a",{"k":[null]}]"#, #"{"a":{"b":[true,false]}}"#,
    String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
  ]

  /// Tokens that break a value or a line (or look as if they might).
  static let tricky: [[UInt8]] =
    [
      "0123", "-01", "007e1", "00", "-", "1.", ".5", "+1", "1e", "1e+", "1e400", "-1e400", "1E309",
      String(repeating: "9", count: 400),
      #""\q""#, #"\q"#, #""\u12""#, #"\u12"#, #"\uZZZZ"#, #""\ud800""#, #"\ud800"#, #"\udc00"#, #""\ud800\u0041""#,
      #"\ud83d\ude00"#,
      #""\u0000""#, "\\", "\"", "\\\"", ",", ",}", ",]", "}", "]", "{", "[", ":", "tru", "nul", "True", "NaN",
      "Infinity", "'a'",
      "\u{FEFF}", "\r", "\t", "\u{0C}", "\u{0B}", "\u{3000}", "\u{A0}", "\u{2028}", "\u{7F}", " ",
      String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
      String(repeating: "[", count: 511) + String(repeating: "]", count: 511),
      String(repeating: "{\"a\":", count: 520) + "1" + String(repeating: "}", count: 520),
      #""error":"x""#, #""tags":[1]"#, #""id":7"#, #""text":1"#, #""text":"dup""#, #""title":[]"#, #""labels":"x""#,
    ].map { Array($0.utf8) } + [
      [0x00], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE5, 0xB7], [0xF4, 0x90, 0x80, 0x80], [0x1F],
    ]

  /// A valid article line with random fields in a random order.
  static func articleLine(_ r: inout SplitMix64) -> [UInt8] {
    var fields: [String] = []
    fields.append(#""text":""# + (0..<r.below(12)).map { _ in r.pick(words) }.joined() + "\"")
    if r.chance(80) { fields.append(r.chance(50) ? #""id":"a\#(r.below(1000))""# : #""id":\#(r.below(1000))"#) }
    if r.chance(70) { fields.append(#""title":""# + (0..<r.below(4)).map { _ in r.pick(words) }.joined() + "\"") }
    for k in 0..<r.below(4) { fields.append(#""f\#(k)":"# + r.pick(goodValues)) }
    if r.chance(15) { fields.append(#""labels":["legal-aid"]"#) }
    if r.chance(10) { fields.append(#""source":"s""#) }
    var order = fields
    for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, r.below(i + 1)) }
    let sep = r.chance(20) ? ", " : ","
    return Array(("{" + order.joined(separator: sep) + "}").utf8)
  }

  /// A line of nothing but whitespace of several kinds (or nothing).
  static func blankLine(_ r: inout SplitMix64) -> [UInt8] {
    let spaces = [
      " ", "\t", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}", "\u{2003}", "\u{202F}", "\u{2028}", "\u{85}",
    ]
    return Array((0..<r.below(5)).map { _ in r.pick(spaces) }.joined().utf8)
  }

  /// `line` with one to three random edits.
  ///
  /// No edit writes a line break:
  /// a line stays one line.
  static func mutate(_ line: [UInt8], _ r: inout SplitMix64) -> [UInt8] {
    var b = line
    for _ in 0..<(1 + r.below(3)) {
      let at = b.isEmpty ? 0 : r.below(b.count + 1)
      switch r.below(8) {
      case 0:  // replace a byte
        if at < b.count { b[at] = randomByte(&r) }
      case 1:  // insert a byte
        b.insert(randomByte(&r), at: at)
      case 2:  // delete a short run
        if at < b.count { b.removeSubrange(at..<min(b.count, at + 1 + r.below(4))) }
      case 3, 4:  // insert a tricky token anywhere
        b.insert(contentsOf: r.pick(tricky), at: at)
      case 5:  // a tricky value after a colon (a passed-through field)
        if let colon = colons(b).randomElement(using: &r) {
          b.insert(contentsOf: r.pick(tricky) + [UInt8(ascii: ",")] + Array(#""g":"#.utf8), at: colon + 1)
        }
      case 6:  // a BOM or whitespace in front
        b.insert(contentsOf: r.pick([[0xEF, 0xBB, 0xBF], [0x20], [0x0D], [0x09]]), at: 0)
      default:  // a whole field again, or a good value swapped in
        if let colon = colons(b).randomElement(using: &r) {
          b.insert(
            contentsOf: Array(r.pick(goodValues).utf8) + [UInt8(ascii: ",")] + Array(#""h":"#.utf8), at: colon + 1)
        }
      }
    }
    return b
  }

  static func randomByte(_ r: inout SplitMix64) -> UInt8 {
    let x = r.chance(50) ? r.pick(Array("{}[]\",:\\0123456789-+.eEtfnu ".utf8)) : UInt8(truncatingIfNeeded: r.next())
    return x == 0x0A ? 0x0B : x
  }

  static func colons(_ b: [UInt8]) -> [Int] { b.indices.filter { b[$0] == UInt8(ascii: ":") } }
}
