// The normaliser's plain-run copy against its scalar-by-scalar path, on
// random text: the same bytes and the same origin segments.
//
// The alphabet mixes what a plain run copies (Han characters without a
// simplified form, lowercase ASCII, CJK punctuation, curly quotes) with
// everything that must end one: capitals, full-width forms, traditional
// characters and the first characters of traditional phrases, spaces and
// line breaks of every kind, dropped characters, `(` before a pinyin
// gloss, U+3000, broken UTF-8, and three-byte sequences at the very end.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTag

@Suite struct NormalizerFastPathTests {
  static let pieces: [[UInt8]] =
    [
      "工", "会", "职", "书", "屋", "㐀", "䶵", "a", "z", "7", "-", ".", "(", "A", "Z", "。", "、", "“", "”", "—", "…",
      "《", "》", "ぁ", "ー", "，", "（", "）", "Ａ", "７", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{3000}", "\u{2028}",
      "\u{2029}", "\u{202F}", "\u{205F}", "\u{2009}", "\u{200B}", "\u{2060}", "\u{AD}", "\u{A0}", "\u{FEFF}", "會", "賣",
      "驛", "乾", "隆", "燥", "坤", "瞭", "解", "藉", "口", "鍊", "傷", "亡", "枕", "😀", "𠀀", "𧶧", "é", "É", "Σ", "｡",
      "(wǎng)", "網", "ꀀ", "한",
    ].map { Array($0.utf8) } + [[0xE5, 0xB7], [0x80], [0xFF], [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xE2]]

  /// Random text: mostly plain pieces, in long runs, with the rest mixed in.
  static func randomText(_ rng: inout SeededRandom) -> [UInt8] {
    var out: [UInt8] = []
    for _ in 0..<Int.random(in: 0...80, using: &rng) {
      let plainOnly = Int.random(in: 0..<3, using: &rng) != 0
      let k = Int.random(in: 0..<(plainOnly ? 25 : pieces.count), using: &rng)
      out += pieces[k]
    }
    return out
  }

  static func normalized(_ bytes: [UInt8], fastRuns: Bool) -> NormalizedText {
    var out = NormalizedText()
    bytes.withUnsafeBufferPointer { p in
      // Two appends, as an article's title and text are.
      let cut = p.count / 3
      Normalizer.append(UnsafeBufferPointer(rebasing: p[..<cut]), base: 0, fastRuns: fastRuns, to: &out)
      out.append(byte: 0x0A, origin: cut..<(cut + 1))
      Normalizer.append(UnsafeBufferPointer(rebasing: p[cut...]), base: cut + 1, fastRuns: fastRuns, to: &out)
    }
    return out
  }

  @Test func plainRunsMatchTheScalarPath() {
    var rng = SeededRandom(seed: 0xFA57_2B15)
    for iteration in 0..<4000 {
      let bytes = NormalizerFastPathTests.randomText(&rng)
      let fast = NormalizerFastPathTests.normalized(bytes, fastRuns: true)
      let reference = NormalizerFastPathTests.normalized(bytes, fastRuns: false)
      if fast.bytes != reference.bytes || fast.segments != reference.segments {
        let text = String(decoding: bytes, as: UTF8.self).debugDescription
        let got = fast.string.debugDescription
        let want = reference.string.debugDescription
        Issue.record("iteration \(iteration): \(text) → \(got), reference \(want)")
        return
      }
    }
  }

  /// Real text in quantity: the shipped corpus, article by article.
  @Test func plainRunsMatchTheScalarPathOnTheCorpus() throws {
    let data = try Data(contentsOf: PackagePaths.corpusFile)
    var checked = 0
    for line in data.split(separator: 0x0A) {
      let bytes = Array(line)
      let fast = NormalizerFastPathTests.normalized(bytes, fastRuns: true)
      let reference = NormalizerFastPathTests.normalized(bytes, fastRuns: false)
      #expect(fast.bytes == reference.bytes && fast.segments == reference.segments, "line \(checked + 1)")
      checked += 1
    }
    #expect(checked > 0)
  }
}
