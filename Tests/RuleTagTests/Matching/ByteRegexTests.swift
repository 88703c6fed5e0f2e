// ByteRegex must give exactly what NSRegularExpression (case-insensitive)
// gives, on every pattern it accepts: checked on the shipped rules' regexes
// over real sentences and by a table of what it accepts and refuses here,
// and on random patterns in RegexDifferentialTests.

import Foundation
import Testing

@testable import RuleTag

@Suite struct ByteRegexTests {
  /// ICU's non-empty matches as byte ranges, or nil when ICU worked well
  /// beyond one pass (more than `extra` progress reports past one per
  /// position): its backtracking then hits ICU's stack limit, and the
  /// attempt at that position fails silently.
  static func icuMatches(_ re: NSRegularExpression, _ text: String, extra: Int) -> [Range<Int>]? {
    var budget = text.utf16.count + extra
    guard BoundedICU.matches(re, in: text, budget: &budget) != nil else { return nil }
    return icuMatches(re, text)
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
      precondition(
        $0.range.location + $0.range.length < map.count, "\($0.range) in \(text.debugDescription) \(re.pattern)")
      return map[$0.range.location]..<map[$0.range.location + $0.range.length]
    }
  }

  /// The byte engine's matches, nil on a fallback to ICU.
  ///
  /// Both searches
  /// (the backtracker and the Pike VM) run and must agree.
  static func byteMatches(_ re: ByteRegex, _ text: String) -> [Range<Int>]? {
    var results: [[Range<Int>]?] = []
    for path in [ByteRegex.Path.backtrack, .pike] {
      var out: [Range<Int>] = []
      var scratch = ByteRegex.Scratch()
      let outcome = Array(text.utf8).withUnsafeBufferPointer {
        re.matches(in: $0, into: &out, scratch: &scratch, path: path)
      }
      results.append(outcome == .matched ? out : nil)
    }
    #expect(results[0] == results[1], "backtracker and Pike VM on \(text.debugDescription)")
    return results[0]
  }

  @Test func acceptsAndRefuses() throws {
    let accepted = [
      "\\d+(余|多)?(条|项|件)", "(比武|大赛)、[^、,。;]{0,10}(比武|大赛)", "培训[^,。;!?]{0,8}\\d+(余|多)?(人次|名)",
      "农民(?!工)", "(?<!已|未|没有)(成立|组建)了?", "(工会)(?:(?!志愿|队)[^,。;!?、]){0,8}(正式)?成立(?![了的]?\\d|周年)",
      "app", "a.b", "[a-z]+", "x{2,}?", "\\u5de5\\x{4F1A}", "\\s\\S\\D", "[-a]", "[a-]",
      "(a?)*", "(?:)+", "(.*)*x", "(a+)+", "(外|外卖)*骑手", "(|a)+", "(a*)??",
    ]
    for p in accepted { #expect(ByteRegex.compile(p) != nil, "\(p)") }
    let refused = [
      "^工会", "工会$", "\\bapp\\b", "(a)\\1", "\\w+", "\\p{Han}", "(?i)a", "a*+", "(?>a)", "(?<n>a)",
      "(?<=a+)b", "(a?)*?", "(a?){2}", "(a?){1,}", "(?=a)*", "σ", "[α-ω]", "[[a]]", "[a&&b]", "a{2", "\\Qa\\E", "[^]a]",
      "(?#c)a",
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
    let set = RuleParser.load(path: PackagePaths.rules.path)
    let compiled = try #require(try? CompiledRules.compile(set).get())
    #expect(compiled.regexes.count >= 8)
    // Real sentences: the corpus and, when it is there, the devset.
    let paths = [PackagePaths.corpusFile.path] + Devset.articlesIfPresent
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
    #expect(hits > (Devset.isPresent ? 50 : 20))
  }
}
