// Traditional script with phrases: OpenCC's longest match, checked against
// hand-picked cases, the original offsets, and a brute-force reference.

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTag

@Suite struct TraditionalPhrasesTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var input: String
    var output: String
    var testDescription: String { id }
  }

  static let cases: [Case] = [
    Case(id: "character-fallback", input: "乾燥", output: "干燥"),
    Case(id: "qianlong-stays", input: "乾隆", output: "乾隆"),
    Case(id: "qiankun-stays", input: "乾坤", output: "乾坤"),
    Case(id: "liaojie", input: "瞭解", output: "了解"),
    Case(id: "jiekou", input: "藉口", output: "借口"),
    Case(id: "longer-key-wins", input: "我們瞭解到", output: "我们了解到"),
    Case(id: "key-before-shorter", input: "他不瞭解", output: "他不了解"),
    Case(id: "idiom", input: "一目瞭然", output: "一目了然"),
    Case(id: "qianlong-emperor", input: "乾隆皇帝", output: "乾隆皇帝"),
    Case(id: "qianlong-years", input: "乾隆年間", output: "乾隆年间"),
    Case(id: "five-scalar-key", input: "乾坤大挪移", output: "乾坤大挪移"),
    Case(id: "key-inside-longer-text", input: "扭轉乾坤的力量", output: "扭转乾坤的力量"),
    Case(id: "doubled-gan", input: "乾乾淨淨", output: "干干净净"),
    Case(id: "first-candidate", input: "乾紅", output: "干红"),
    Case(id: "phrase-beats-character", input: "上鍊", output: "上链"),
    Case(id: "character-alone", input: "鍊", output: "炼"),
    Case(id: "phrase-at-text-end", input: "這是藉口", output: "这是借口"),
    Case(id: "phrase-at-text-start", input: "乾隆下江南", output: "乾隆下江南"),
    // At 枕 the key 傷亡枕藉 (4) starts before 藉口 could: the first wins.
    Case(id: "overlap-forward-wins", input: "傷亡枕藉口", output: "伤亡枕藉口"),
    Case(id: "two-phrases-adjacent", input: "乾隆乾坤瞭解", output: "乾隆乾坤了解"),
    Case(id: "key-prefix-only", input: "乾坤大", output: "乾坤大"),
    Case(id: "unfinished-key", input: "乾坤大挪", output: "乾坤大挪"),
    Case(id: "mixed-with-simplified", input: "乾隆年间的干燥气候", output: "乾隆年间的干燥气候"),
    Case(id: "simplified-form-is-a-key", input: "乾佑县和乾佑縣", output: "乾佑县和乾佑县"),
    // OpenCC's own output keeps 計 here; ruletag follows it.
    Case(id: "opencc-value-kept-as-is", input: "不可貲計", output: "不可赀計"),
    Case(id: "after-latin-space", input: "ab 乾隆", output: "ab乾隆"),
    Case(id: "after-paragraph", input: "好。\n\n瞭解", output: "好。\n了解"),
    Case(id: "broken-line-inside-is-not-a-phrase", input: "乾\n隆", output: "干隆"),
  ]

  @Test(arguments: cases)
  func converts(_ c: Case) {
    #expect(Normalizer.normalizedString(c.input) == c.output)
    // The scalar-level conversion agrees wherever there is no whitespace.
    if !c.input.contains(where: \.isWhitespace) {
      let s = TraditionalChinese.simplified(c.input.unicodeScalars.map(\.value))
      #expect(String(String.UnicodeScalarView(s.compactMap(Unicode.Scalar.init))) == c.output)
    }
  }

  @Test(arguments: cases.filter { !$0.output.contains("\n") })
  func isIdempotent(_ c: Case) {
    #expect(Normalizer.normalizedString(c.output) == c.output)
  }

  @Test func phraseCountMatchesTheHeader() {
    #expect(TraditionalChinese.phraseCount == 630)
    #expect(TraditionalChinese.phraseEntries.count == 630)
    #expect(Set(TraditionalChinese.phraseEntries.map(\.key)).count == 630)
  }

  /// Every key converts to its own simplified side, and every simplified
  /// side is a fixed point (so rules in either script meet the text).
  @Test func everyPhraseOnItsOwn() {
    var wrong: [String] = []
    for (key, value) in TraditionalChinese.phraseEntries {
      let k = Self.string(key)
      let v = Self.string(value)
      if Normalizer.normalizedString(k) != v { wrong.append("\(k)→\(Normalizer.normalizedString(k))≠\(v)") }
      if Normalizer.normalizedString(v) != v { wrong.append("\(v) not fixed") }
    }
    #expect(wrong.isEmpty, "\(wrong.joined(separator: ", "))")
  }

  // MARK: Offsets

  /// Each scalar of the simplified side maps back to its own traditional
  /// scalar, behind a prefix of other widths.
  @Test(arguments: ["", "ab", "中文😀", "ＡＢ "])
  func offsetsInsidePhrases(prefix: String) throws {
    let input = prefix + "他不瞭解傷亡枕藉口"
    let n = Normalizer.normalize(input)
    let original = Array(input.utf8)
    let expectedOrigins = Array("他不瞭解傷亡枕藉口".unicodeScalars).map { String($0) }
    let outScalars = Array(n.string.unicodeScalars)
    let skip = outScalars.count - expectedOrigins.count
    var j = Array(n.string.unicodeScalars.prefix(skip)).reduce(0) { $0 + String($1).utf8.count }
    for (k, s) in outScalars.dropFirst(skip).enumerated() {
      let r = n.originalRange(j, j + String(s).utf8.count)
      #expect(String(decoding: original[r], as: UTF8.self) == expectedOrigins[k], "scalar \(k) of \(input)")
      j += String(s).utf8.count
    }
    // A span across two phrases maps to the span of the original.
    let out = Array(n.bytes)
    let needle = Array("了解伤亡".utf8)
    let at = try #require(Self.find(needle, in: out))
    let r = n.originalRange(at, at + needle.count)
    #expect(String(decoding: original[r], as: UTF8.self) == "瞭解傷亡")
  }

  /// A keyword matched inside a converted phrase is evidence at the
  /// phrase's place in the original.
  @Test(arguments: ["", "中文😀"])
  func evidenceInsideAPhrase(prefix: String) throws {
    let text = prefix + "工會不瞭解情況。"
    let (r, _) = try #require(scoreArticle("+1 了解情况", text: text))
    let f = try #require(r.fired[0].first, "no hit")
    let l = EvidenceText.locate(Article(id: "x", title: "", text: text), f.hits[0][0])
    let shift = prefix.unicodeScalars.count
    #expect(l.start == 3 + shift && l.end == 7 + shift)
    #expect(l.text == "瞭解情況")
  }

  /// Rules written in either script meet traditional text on a phrase.
  @Test(arguments: ["乾隆年间", "乾隆年間", "乾佑县", "了解", "借口"])
  func ruleInEitherScript(keyword: String) throws {
    let text = "乾隆年間，乾佑縣的工會不瞭解藉口。"
    let (r, _) = try #require(scoreArticle("+1 \(keyword)", text: text))
    #expect(!r.fired[0].isEmpty, "\(keyword) did not match")
  }

  /// Regex literals are folded with phrases too: `/乾隆(年间|皇帝)/` keeps
  /// 乾 as the text does, and a traditional regex meets simplified text.
  @Test(arguments: [
    ("/乾隆(年间|皇帝)/", "乾隆年間的事"), ("/乾隆(年間|皇帝)/", "乾隆年间的事"), ("/(不|没)瞭解/", "他不了解"),
    ("/乾坤.?大挪移/", "乾坤大挪移"),
  ])
  func regexLiteralsInEitherScript(rule: String, text: String) throws {
    let (r, _) = try #require(scoreArticle("+1 \(rule)", text: text))
    #expect(!r.fired[0].isEmpty, "\(rule) did not match \(text)")
  }

  // MARK: Against a brute-force reference

  /// The naive reference: at each position, every phrase of the table is
  /// tried and the longest whose key is there wins; else the character.
  static func naive(_ s: [UInt32]) -> [UInt32] {
    var out: [UInt32] = []
    var i = 0
    while i < s.count {
      var best: (key: [UInt32], value: [UInt32])? = nil
      for e in TraditionalChinese.phraseEntries
      where e.key.count <= s.count - i && Array(s[i..<(i + e.key.count)]) == e.key
        && e.key.count > (best?.key.count ?? 0)
      {
        best = e
      }
      if let b = best {
        out += b.value
        i += b.key.count
      } else {
        out.append(TraditionalChinese.simplified(s[i]))
        i += 1
      }
    }
    return out
  }

  /// Random strings made of pieces of keys, whole keys, simplified sides
  /// and single characters of the table: the normaliser's output and its
  /// per-scalar origins agree with the naive reference, and converting the
  /// output again changes nothing.
  @Test func agreesWithBruteForceOnRandomStrings() {
    let entries = TraditionalChinese.phraseEntries
    let alphabet = Array(Set(entries.flatMap { $0.key + $0.value })).sorted() + [0x5DE5, 0x4F1A, 0x4E86]
    var rng = SeededRandom(seed: 0x7ad_0001)
    var phrasesSeen = 0
    for iteration in 0..<1500 {
      var s: [UInt32] = []
      for _ in 0..<Int.random(in: 0...6, using: &rng) {
        let e = entries.randomElement(using: &rng)!
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: s += e.key
        case 1: s += e.key.prefix(Int.random(in: 1...e.key.count, using: &rng))
        case 2: s += e.key.suffix(Int.random(in: 1...e.key.count, using: &rng))
        case 3: s += e.value
        default: s.append(alphabet.randomElement(using: &rng)!)
        }
      }
      let expected = Self.naive(s)
      let text = Self.string(s)
      let n = Normalizer.normalize(text)
      let got = Array(n.string.unicodeScalars.map(\.value))
      if got != expected {
        Issue.record("iteration \(iteration): \(text) → \(Self.string(got)), expected \(Self.string(expected))")
        return
      }
      if got != s.map(TraditionalChinese.simplified) { phrasesSeen += 1 }
      // Converting the output again changes nothing.
      if Normalizer.normalizedString(n.string) != n.string {
        Issue.record("iteration \(iteration): not idempotent: \(text) → \(n.string)")
        return
      }
      // Scalar k of the output comes from scalar k of the input.
      let original = Array(text.utf8)
      var j = 0
      var o = 0
      for (k, scalar) in s.enumerated() {
        let len = String(Unicode.Scalar(scalar)!).utf8.count
        let outLen = String(Unicode.Scalar(got[k])!).utf8.count
        let r = n.originalRange(o, o + outLen)
        if r != j..<(j + len) {
          Issue.record("iteration \(iteration): scalar \(k) of \(text) maps to \(r), not \(j..<(j + len))")
          return
        }
        j += len
        o += outLen
      }
      #expect(o == n.bytes.count && j == original.count)
    }
    // The strings exercise phrases, not just characters.
    #expect(phrasesSeen > 500)
  }

  static func string(_ scalars: [UInt32]) -> String {
    String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
  }

  static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard needle.count <= hay.count else { return nil }
    return (0...(hay.count - needle.count)).first { Array(hay[$0..<($0 + needle.count)]) == needle }
  }
}
