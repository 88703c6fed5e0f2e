// ByteRegex must give exactly what NSRegularExpression (case-insensitive)
// gives, on every pattern it accepts: checked on random patterns of its
// subset over random text, on the shipped rules' regexes over real
// sentences, and by a table of what it accepts and refuses.

import Foundation
import Testing

@testable import RuleTag

@Suite struct ByteRegexTests {
  /// Text alphabet: Han, ASCII of both cases, digits beyond ASCII (Arabic-
  /// Indic ١), separators, line terminators, cased letters outside ASCII
  /// (ß, KELVIN SIGN, Σ) and a scalar outside the BMP.
  static let alphabet: [String] = [
    "工", "会", "成", "立", "了", "志", "愿", "、", ",", "。", "a", "b", "A", "K", "s", "1", "9", "١", " ", "\n",
    "\u{0B}", "\u{85}", "\u{2028}", "\u{3000}", "\u{A0}", "ß", "\u{212A}", "Σ", "😀", "-", ".", "(",
  ]

  /// Pattern pieces that stand for one scalar of the alphabet.
  static let literals: [String] = [
    "工", "会", "成", "立", "了", "、", ",", "。", "a", "b", "A", "k", "s", "1", "\\.", "\\(", "\\-", "-", "\\u5de5",
    "\\x{4f1a}", "\\n", " ", "😀",
  ]
  static let classItems: [String] = ["工", "会", "a", "B", "0-9", "a-c", "一-龥", "\\d", "\\s", "、", ",", "。", "\\-", "😀"]

  static func randomClass(_ rng: inout SeededRandom) -> String {
    var s = Bool.random(using: &rng) ? "[^" : "["
    for _ in 0..<Int.random(in: 1...3, using: &rng) { s += classItems.randomElement(using: &rng)! }
    return s + "]"
  }

  /// A random pattern; `bounded` keeps it of bounded length (lookbehind).
  static func randomPattern(_ rng: inout SeededRandom, depth: Int, bounded: Bool) -> String {
    var out = ""
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
      var piece: String
      let kind = Int.random(in: 0..<(depth > 0 ? 10 : 6), using: &rng)
      switch kind {
      case 0, 1, 2: piece = literals.randomElement(using: &rng)!
      case 3: piece = randomClass(&rng)
      case 4: piece = [".", "\\d", "\\D", "\\s", "\\S"].randomElement(using: &rng)!
      case 5: piece = literals.randomElement(using: &rng)! + literals.randomElement(using: &rng)!
      case 6, 7:
        let open = ["(", "(?:"].randomElement(using: &rng)!
        let branches = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
          randomPattern(&rng, depth: depth - 1, bounded: bounded)
        }
        piece = open + branches.joined(separator: "|") + ")"
      default:
        let open = ["(?=", "(?!", "(?<=", "(?<!"].randomElement(using: &rng)!
        let branches = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
          randomPattern(&rng, depth: depth - 1, bounded: bounded || open.hasPrefix("(?<"))
        }
        out += open + branches.joined(separator: "|") + ")"
        continue
      }
      if Int.random(in: 0..<3, using: &rng) == 0 {
        var q = (bounded ? ["?", "{2}", "{0,3}", "{1,2}"] : ["?", "*", "+", "{2}", "{0,3}", "{1,}", "{1,2}"])
          .randomElement(using: &rng)!
        if Int.random(in: 0..<4, using: &rng) == 0 { q += "?" }
        piece += q
      }
      out += piece
    }
    return out
  }

  static func randomText(_ rng: inout SeededRandom) -> String {
    (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
  }

  /// ICU's non-empty matches as byte ranges.
  static func icuMatches(_ re: NSRegularExpression, _ text: String) -> [Range<Int>] {
    var map: [Int] = []  // UTF-16 offset → byte offset
    var b = 0
    for s in text.unicodeScalars {
      map.append(b)
      if s.value > 0xFFFF { map.append(b) }
      b += String(s).utf8.count
    }
    map.append(b)
    let ns = text.utf16.count
    return re.matches(in: text, range: NSRange(location: 0, length: ns)).filter { $0.range.length > 0 }.map {
      precondition($0.range.location + $0.range.length < map.count, "\($0.range) in \(text.debugDescription) \(re.pattern)")
      return map[$0.range.location]..<map[$0.range.location + $0.range.length]
    }
  }

  static func byteMatches(_ re: ByteRegex, _ text: String) -> [Range<Int>]? {
    var out: [Range<Int>] = []
    let outcome = Array(text.utf8).withUnsafeBufferPointer { re.matches(in: $0, into: &out) }
    return outcome == .matched ? out : nil
  }

  @Test func agreesWithICUOnRandomPatterns() throws {
    var rng = SeededRandom(seed: 0xB17E_5EED)
    var compared = 0
    var patterns = 0
    var fallbacks = 0
    for _ in 0..<1500 {
      let pattern = Self.randomPattern(&rng, depth: 2, bounded: false)
      guard let icu = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
      guard let mine = ByteRegex.compile(pattern) else { continue }
      patterns += 1
      for _ in 0..<30 {
        let text = Self.randomText(&rng)
        guard let got = Self.byteMatches(mine, text) else {
          fallbacks += 1
          continue
        }
        let want = Self.icuMatches(icu, text)
        #expect(got == want, "pattern \(pattern) text \(text.debugDescription)")
        if got != want { return }
        compared += 1
      }
    }
    // Enough patterns took the byte path for the comparison to mean something.
    #expect(patterns > 600)
    #expect(compared > 15_000)
    #expect(fallbacks > 0)  // texts with ß / K / Σ under a pattern with letters
  }

  @Test func acceptsAndRefuses() throws {
    let accepted = [
      "\\d+(余|多)?(条|项|件)", "(比武|大赛)、[^、,。;]{0,10}(比武|大赛)", "培训[^,。;!?]{0,8}\\d+(余|多)?(人次|名)",
      "农民(?!工)", "(?<!已|未|没有)(成立|组建)了?", "(工会)(?:(?!志愿|队)[^,。;!?、]){0,8}(正式)?成立(?![了的]?\\d|周年)",
      "app", "a.b", "[a-z]+", "x{2,}?", "\\u5de5\\x{4F1A}", "\\s\\S\\D", "[-a]", "[a-]",
    ]
    for p in accepted { #expect(ByteRegex.compile(p) != nil, "\(p)") }
    let refused = [
      "^工会", "工会$", "\\bapp\\b", "(a)\\1", "\\w+", "\\p{Han}", "(?i)a", "a*+", "(?>a)", "(?<n>a)",
      "(?<=a+)b", "(a?)*", "(?:)+", "σ", "[α-ω]", "[[a]]", "[a&&b]", "a{2", "\\Qa\\E", "[^]a]", "(?#c)a",
    ]
    for p in refused { #expect(ByteRegex.compile(p) == nil, "\(p)") }
    // A sentence with a cased letter outside ASCII goes back to ICU when the
    // pattern has letters; without letters the engine keeps it.
    #expect(Self.byteMatches(ByteRegex.compile("app\\d")!, "σapp3") == nil)
    #expect(Self.byteMatches(ByteRegex.compile("app\\d")!, "工app3") == [3..<7])
    #expect(Self.byteMatches(ByteRegex.compile("工会")!, "σ工会") == [2..<8])
  }

  @Test func knownUncasedRangesHaveNoCase() {
    var v: UInt32 = 0x80
    var checked = 0
    while v < 0x10000 {
      if ByteRegex.isKnownUncased(v), let s = Unicode.Scalar(v) {
        #expect(!(s.properties.isCased || s.properties.changesWhenCaseFolded), "U+\(String(v, radix: 16))")
        checked += 1
      }
      v += 1
    }
    #expect(checked > 20_000)
    for v in UInt32(0x80)..<0x10000 where ByteRegex.isPlainCJK(v) {
      let p = Unicode.Scalar(v)!.properties
      #expect(!(p.isCased || p.changesWhenCaseFolded || p.isWhitespace || p.generalCategory == .decimalNumber))
    }
  }

  @Test func shippedRegexesRunOnBytesAndAgreeOnRealSentences() throws {
    let rulesDir = TestPaths.testsRoot.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Rules")
    let set = RuleParser.load(path: rulesDir.path)
    let compiled = try #require(try? CompiledRules.compile(set).get())
    #expect(compiled.regexes.count >= 8)
    // Real sentences: the corpus and, when present, the devset.
    let root = rulesDir.deletingLastPathComponent()
    var paths = [root.appendingPathComponent("Corpus/corpus.jsonl").path]
    let devset = root.deletingLastPathComponent().appendingPathComponent("shared/devset/articles.jsonl").path
    if FileManager.default.fileExists(atPath: devset) { paths.append(devset) }
    var sentences: [String] = []
    for path in paths {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      for line in text.split(separator: "\n") {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
          let body = obj["text"] as? String
        else { continue }
        let norm = Normalizer.normalizedString(body)
        let bytes = Array(norm.utf8)
        var ends: [Int32] = []
        bytes.withUnsafeBufferPointer { Sentences.sentenceEnds($0, into: &ends) }
        var start = 0
        for e in ends {
          let end = min(Int(e), bytes.count)
          if start < end { sentences.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
          start = end
        }
      }
    }
    #expect(sentences.count > 500)
    var hits = 0
    for g in compiled.regexes {
      let folded = LiteralAtoms.foldLiterals(g.source)
      let mine = try #require(ByteRegex.compile(folded), "\(g.source) should run on bytes")
      for s in sentences {
        let want = Self.icuMatches(g.regex, s)
        #expect(Self.byteMatches(mine, s) == want, "\(g.source) on \(s)")
        hits += want.count
      }
    }
    #expect(hits > 50)
  }
}
