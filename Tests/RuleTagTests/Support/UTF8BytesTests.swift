// UTF8Bytes: the word-at-a-time scalar count against a byte-by-byte one,
// and validation against Swift's own UTF-8 decoder, on random bytes (some
// of them mostly CJK, for the four-sequences-at-a-time path).

import Testing

@testable import RuleTag

@Suite struct UTF8BytesTests {
  /// Bytes drawn from text pieces (ASCII, CJK, emoji) and raw bytes, so
  /// both valid and broken sequences occur at every alignment.
  static func randomBytes(_ rng: inout SeededRandom) -> [UInt8] {
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("工".utf8), Array("会，".utf8), Array("😀".utf8), Array("é".utf8), [0x80], [0xBF], [0xC0],
      [0xE5, 0xB7], [0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xFF], [0x0A],
    ]
    var out: [UInt8] = []
    for _ in 0..<Int.random(in: 0...60, using: &rng) {
      out += pieces[Int.random(in: 0..<(Int.random(in: 0..<4, using: &rng) == 0 ? pieces.count : 5), using: &rng)]
    }
    return out
  }

  @Test func scalarCountMatchesBytewiseCount() {
    var rng = SeededRandom(seed: 0x5CA1_A2C0)
    for _ in 0..<2000 {
      let bytes = UTF8BytesTests.randomBytes(&rng)
      bytes.withUnsafeBufferPointer { p in
        var naive = 0
        for end in 0...bytes.count {
          if end > 0 && bytes[end - 1] & 0xC0 != 0x80 { naive += 1 }
          if UTF8Bytes.scalarCount(p, upTo: end) != naive {
            Issue.record("bytes \(bytes) up to \(end): \(UTF8Bytes.scalarCount(p, upTo: end)) != \(naive)")
            return
          }
        }
      }
    }
  }

  /// Bytes that are mostly three-byte sequences, for the four-at-a-time
  /// path: leads of every kind (E0 and ED among them, well-formed or not),
  /// with now and then a broken sequence, ASCII or a four-byte one, at
  /// every offset within a 12-byte step.
  static func randomCJKBytes(_ rng: inout SeededRandom) -> [UInt8] {
    let pieces: [[UInt8]] = [
      Array("工".utf8), Array("会".utf8), Array("，".utf8), Array("。".utf8), Array("\u{E000}".utf8),
      Array("\u{1000}".utf8), Array("\u{0800}".utf8), Array("\u{D7FF}".utf8), Array("\u{FFFD}".utf8),
      [0xED, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xE5, 0x41, 0x80], [0xE5, 0x80, 0xC0], [0xE5, 0xB7], [0xC3, 0xA9],
      Array("a".utf8), Array("😀".utf8), [0x80], [0xF4, 0x90, 0x80, 0x80],
    ]
    var out: [UInt8] = []
    for _ in 0..<Int.random(in: 0...80, using: &rng) {
      let common = Int.random(in: 0..<12, using: &rng) != 0
      out += pieces[Int.random(in: 0..<(common ? 9 : pieces.count), using: &rng)]
    }
    return out
  }

  @Test func firstInvalidOffsetMatchesSwiftDecoder() {
    var rng = SeededRandom(seed: 0x0DD_B17E5)
    for k in 0..<6000 {
      let bytes = k % 2 == 0 ? UTF8BytesTests.randomBytes(&rng) : UTF8BytesTests.randomCJKBytes(&rng)
      // The reference: the offset where Swift's decoder first fails.
      var expected: Int? = nil
      var it = bytes.makeIterator()
      var decoder = UTF8()
      var offset = 0
      loop: while true {
        switch decoder.decode(&it) {
        case .scalarValue(let s): offset += UTF8.width(s)
        case .emptyInput: break loop
        case .error:
          expected = offset
          break loop
        }
      }
      let got = bytes.withUnsafeBufferPointer { UTF8Bytes.firstInvalidOffset($0) }
      if got != expected {
        Issue.record("bytes \(bytes): \(String(describing: got)) != \(String(describing: expected))")
        return
      }
    }
  }
}
