// The normaliser: what matching sees, and the map back to the original.

import Foundation
import Testing

@testable import RuleTag

@Suite struct NormalizerTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var input: String
    var output: String
    var testDescription: String { id }
  }

  static let cases: [Case] = [
    Case(id: "fullwidth-letters", input: "ＡＰＰ", output: "app"),
    Case(id: "fullwidth-digits-punct", input: "１２３！？（）：；，", output: "123!?():;,"),
    Case(id: "fullwidth-lower", input: "ｗｗｗ", output: "www"),
    Case(id: "ideographic-space-between-words", input: "ａ\u{3000}ｂ", output: "a b"),
    Case(id: "halfwidth-ideographic-stops", input: "甲｡乙､丙", output: "甲。乙、丙"),
    Case(id: "latin-lowercase", input: "Hello WORLD", output: "hello world"),
    Case(id: "latin1-greek-cyrillic-lowercase", input: "ÉCOLE ΑΒΓ ДОМ", output: "école αβγ дом"),
    Case(id: "traditional", input: "外賣小哥在驛站", output: "外卖小哥在驿站"),
    Case(id: "traditional-astral", input: "𧶧", output: "䞎"),  // above U+FFFF (checked with `opencc -c t2s`)
    Case(id: "astral-han-without-mapping", input: "𠀀", output: "𠀀"),
    Case(id: "broken-han-line", input: "双\n向赋能", output: "双向赋能"),
    Case(id: "broken-han-line-crlf", input: "双\r\n向赋能", output: "双向赋能"),
    Case(id: "broken-line-with-indent", input: "外卖\n   小哥", output: "外卖小哥"),
    Case(id: "line-after-full-stop", input: "第一句。\n第二句", output: "第一句。\n第二句"),
    Case(id: "line-after-exclamation", input: "好！\n再见", output: "好!\n再见"),
    Case(id: "line-after-closing-quote", input: "他说“好”\n然后", output: "他说“好”\n然后"),
    Case(id: "blank-line", input: "标题\n\n正文", output: "标题\n正文"),
    Case(id: "many-blank-lines-one-break", input: "标题\n\n\n\n正文", output: "标题\n正文"),
    Case(id: "blank-line-with-spaces", input: "标题\n  \n正文", output: "标题\n正文"),
    Case(id: "space-between-latin-words", input: "new   york", output: "new york"),
    Case(id: "tab-between-words", input: "a\tb", output: "a b"),
    Case(id: "line-break-between-words", input: "food\ndelivery", output: "food delivery"),
    Case(id: "space-between-han-dropped", input: "工会 服务", output: "工会服务"),
    Case(id: "space-between-han-and-latin-dropped", input: "外卖 app 骑手", output: "外卖app骑手"),
    Case(id: "leading-trailing-space-dropped", input: "  工会  ", output: "工会"),
    Case(id: "leading-blank-lines-dropped", input: "\n\n工会\n\n", output: "工会"),
    Case(id: "zero-width-dropped", input: "外\u{200B}卖\u{200C}小\u{200D}哥\u{2060}\u{FEFF}", output: "外卖小哥"),
    Case(id: "soft-hyphen-dropped", input: "deli\u{AD}very", output: "delivery"),
    Case(id: "nbsp-is-space", input: "a\u{A0}b", output: "a b"),
    Case(id: "space-before-punct-dropped", input: "a , b", output: "a,b"),
    Case(id: "emoji-kept", input: "点赞😀", output: "点赞😀"),
    Case(id: "empty", input: "", output: ""),
  ]

  @Test(arguments: cases)
  func normalizes(_ c: Case) {
    #expect(Normalizer.normalizedString(c.input) == c.output)
  }

  /// Normalising twice changes nothing, except that a paragraph break
  /// kept as a lone `\n` after a non-ending character reads as a broken
  /// line the second time (the scanner normalises once, so that is fine).
  @Test(arguments: cases.filter { !$0.output.contains("\n") })
  func isIdempotent(_ c: Case) {
    #expect(Normalizer.normalizedString(c.output) == c.output)
  }

  /// Every pair of an independent traditional → simplified list (Unihan
  /// kSimplifiedVariant, Tests/RuleTagTests/Data/traditional_pairs.tsv).
  @Test func traditionalPairsFromUnihan() throws {
    let url = TestPaths.data.appendingPathComponent("traditional_pairs.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var pairs: [(String, String)] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let f = line.split(separator: "\t")
      try #require(f.count == 2, "bad line \(line)")
      pairs.append((String(f[0]), String(f[1])))
    }
    #expect(pairs.count == 314)
    var wrong: [String] = []
    for (t, s) in pairs {
      let got = Normalizer.normalizedString(t)
      if got != s { wrong.append("\(t)→\(got) (expected \(s))") }
      // Simplified forms are fixed points.
      #expect(Normalizer.normalizedString(s) == s, "simplified \(s) changed")
    }
    #expect(wrong.isEmpty, "\(wrong.count) pairs differ: \(wrong.joined(separator: ", "))")
    // And all at once, as one document.
    let doc = pairs.map(\.0).joined()
    #expect(Normalizer.normalizedString(doc) == pairs.map(\.1).joined())
  }

  @Test func pairCountMatchesTheHeader() {
    #expect(TraditionalChinese.pairCount == 4117)
  }

  // MARK: Offsets back to the original

  struct OffsetCase: CustomTestStringConvertible, Sendable {
    var id: String
    var input: String
    /// For each scalar of the output: the original substring it came from.
    var origins: [String]
    var testDescription: String { id }
  }

  static let offsetCases: [OffsetCase] = [
    OffsetCase(id: "fullwidth", input: "ＡＢ", origins: ["Ａ", "Ｂ"]),
    OffsetCase(id: "traditional", input: "賣小", origins: ["賣", "小"]),
    OffsetCase(id: "space-run", input: "a   b", origins: ["a", "   ", "b"]),
    OffsetCase(id: "broken-line", input: "双\n向", origins: ["双", "向"]),
    OffsetCase(id: "paragraph", input: "甲。\n\n乙", origins: ["甲", "。", "\n\n", "乙"]),
    OffsetCase(id: "zero-width", input: "外\u{200B}卖", origins: ["外", "卖"]),
    OffsetCase(id: "emoji", input: "a😀b", origins: ["a", "😀", "b"]),
    OffsetCase(id: "ideographic-space", input: "Ｘ\u{3000}Ｙ", origins: ["Ｘ", "\u{3000}", "Ｙ"]),
    OffsetCase(id: "crlf-paragraph", input: "好。\r\n再", origins: ["好", "。", "\r\n", "再"]),
  ]

  /// Runs `c` with `prefix` in front and checks each output scalar's bytes
  /// map to exactly the expected original substring, shifted by the prefix.
  func checkOffsets(_ c: OffsetCase, prefix: String) {
    let n = Normalizer.normalize(prefix + c.input)
    let original = Array((prefix + c.input).utf8)
    let shift = prefix.utf8.count
    let prefixOut = Normalizer.normalize(prefix).bytes.count
    // Expected ranges: origins appear in order in the input.
    var expected: [Range<Int>] = []
    var from = 0
    let input = Array(c.input.utf8)
    for o in c.origins {
      let ob = Array(o.utf8)
      var k = from
      while k + ob.count <= input.count && Array(input[k..<k + ob.count]) != ob { k += 1 }
      expected.append((k + shift)..<(k + shift + ob.count))
      from = k + ob.count
    }
    // Walk the output scalar by scalar (after the prefix's output).
    var i = prefixOut
    var idx = 0
    n.bytes.withUnsafeBufferPointer { p in
      while i < p.count {
        let (_, len) = UTF8Bytes.decode(p, at: i)
        guard idx < expected.count else {
          Issue.record("\(c.id): more output scalars than expected")
          return
        }
        for j in i..<(i + len) {
          #expect(Int(n.originStart[j]) == expected[idx].lowerBound, "\(c.id) byte \(j) start")
          #expect(Int(n.originEnd[j]) == expected[idx].upperBound, "\(c.id) byte \(j) end")
        }
        idx += 1
        i += len
      }
    }
    #expect(idx == expected.count, "\(c.id): \(idx) output scalars, expected \(expected.count)")
    #expect(n.originStart.count == n.bytes.count && n.originEnd.count == n.bytes.count)
    #expect(n.originEnd.allSatisfy { Int($0) <= original.count })
  }

  @Test(arguments: offsetCases)
  func offsets(_ c: OffsetCase) { checkOffsets(c, prefix: "") }

  /// SwiftLint-style: the same cases behind a multi-byte prefix; every
  /// offset must shift by exactly the prefix's 10 bytes.
  @Test(arguments: offsetCases)
  func offsetsAfterMultibytePrefix(_ c: OffsetCase) {
    checkOffsets(c, prefix: "中文😀")
    let plain = Normalizer.normalize(c.input)
    let prefixed = Normalizer.normalize("中文😀" + c.input)
    #expect(Array(prefixed.bytes.dropFirst(10)) == plain.bytes)
    #expect(prefixed.originStart.dropFirst(10).map { $0 - 10 } == plain.originStart)
    #expect(prefixed.originEnd.dropFirst(10).map { $0 - 10 } == plain.originEnd)
  }

  @Test func originalRangeOfASpan() {
    let n = Normalizer.normalize("前言：外賣\n小哥！")
    let s = n.string
    let r = s.utf8.firstRange(of: "外卖小哥".utf8)!
    let a = s.utf8.distance(from: s.utf8.startIndex, to: r.lowerBound)
    let b = s.utf8.distance(from: s.utf8.startIndex, to: r.upperBound)
    let o = n.originalRange(a, b)
    let original = Array("前言：外賣\n小哥！".utf8)
    #expect(String(decoding: original[o], as: UTF8.self) == "外賣\n小哥")
    // An empty range maps to a point.
    #expect(n.originalRange(a, a).isEmpty)
  }

  /// Random strings over a nasty alphabet: every normalised byte points at
  /// the scalar (or whitespace run) that produced it.
  @Test func offsetsOnRandomStrings() {
    let alphabet: [String] = [
      "a", "Z", "７", "Ｑ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{3000}", "。", "！", "、", "工", "會", "賣",
      "驛", "😀", "\u{200B}", "\u{AD}", "é", "Σ", "“", "”", "\u{2028}", "\u{A0}", "𠀀", ",", "｡",
    ]
    var rng = SeededRandom(seed: 0x5eed_0001)
    for iteration in 0..<3000 {
      let n = Int.random(in: 0...16, using: &rng)
      let s = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
      let original = Array(s.utf8)
      let out = Normalizer.normalize(s)
      var ok = out.bytes.count == out.originStart.count && out.bytes.count == out.originEnd.count
      var lastStart: Int32 = -1
      out.bytes.withUnsafeBufferPointer { p in
        original.withUnsafeBufferPointer { o in
          var i = 0
          while i < p.count && ok {
            let (scalar, len) = UTF8Bytes.decode(p, at: i)
            let a = Int(out.originStart[i]), b = Int(out.originEnd[i])
            ok = ok && a < b && b <= o.count && out.originStart[i] >= lastStart
            // Scalar boundaries in the original.
            ok = ok && (a == o.count || o[a] & 0xC0 != 0x80) && (b == o.count || o[b] & 0xC0 != 0x80)
            for j in i..<(i + len) {
              ok = ok && Int(out.originStart[j]) == a && Int(out.originEnd[j]) == b
            }
            if !ok { break }
            let produced = String(decoding: o[a..<b], as: UTF8.self)
            if scalar == 0x20 || scalar == 0x0A {
              // A whitespace run: nothing but spaces, breaks and dropped characters.
              ok =
                produced.unicodeScalars.allSatisfy {
                  Normalizer.isSpace($0.value) || Normalizer.isLineBreak($0.value) || Normalizer.fold($0.value) == nil
                } || (scalar == 0x20 && produced == " ")
            } else {
              // Exactly one scalar, which folds to this one.
              let us = Array(produced.unicodeScalars)
              ok = us.count == 1 && Normalizer.fold(us[0].value) == scalar
            }
            lastStart = out.originStart[i]
            i += len
          }
        }
      }
      if !ok {
        Issue.record("iteration \(iteration): offsets wrong for \(s.debugDescription) → \(out.string.debugDescription)")
        return
      }
      // Normalising twice changes nothing (see isIdempotent for `\n`).
      if !out.bytes.contains(0x0A) {
        #expect(Normalizer.normalizedString(out.string) == out.string, "not idempotent: \(s.debugDescription)")
      }
    }
  }

  @Test func appendShiftsByBase() {
    var out = NormalizedText()
    var a = "甲"
    var b = "ＡＢ"
    a.withUTF8 { Normalizer.append($0, base: 0, to: &out) }
    b.withUTF8 { Normalizer.append($0, base: 100, to: &out) }
    #expect(out.string == "甲ab")
    #expect(Array(out.originStart.suffix(2)) == [100, 103])
    #expect(Array(out.originEnd.suffix(2)) == [103, 106])
  }

  /// The origin map is kept as segments: a run of characters at a fixed
  /// distance from the original and of its length is one segment, and a
  /// character that changed length starts a fixed one.
  @Test func originSegmentsStayCompact() {
    let plain = Normalizer.normalize(String(repeating: "职工书屋ab12", count: 200))
    #expect(plain.segments.count == 1)
    // `，` (3 bytes) becomes `,` (1 byte): a fixed segment, then the rest
    // shifted by 2.
    let n = Normalizer.normalize("工会，职工")
    #expect(n.string == "工会,职工")
    #expect(
      n.segments == [
        OriginSegment(start: 0, a: 0, b: Int32.min), OriginSegment(start: 6, a: 6, b: 9),
        OriginSegment(start: 7, a: 2, b: Int32.min),
      ])
    #expect(n.originalRange(7, 13) == 9..<15)
    #expect(n.originalRange(6, 7) == 6..<9)
    // A traditional character of the same length stays in the run.
    #expect(Normalizer.normalize("外賣小哥").segments.count == 1)
  }
}
