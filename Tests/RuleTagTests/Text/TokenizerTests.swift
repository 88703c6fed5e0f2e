import Testing

@testable import RuleTag

@Suite struct TokenizerTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var id: String
    var input: String
    /// Tokens as `text` (Han) or `[text]` (word), with their byte start.
    var tokens: [String]
    var testDescription: String { id }
  }

  static func render(_ ts: [Token]) -> [String] {
    ts.map { t in
      switch t.kind {
      case .word: return "[\(t.text)]@\(t.range.lowerBound)"
      case .bigram: return "\(t.text)@\(t.range.lowerBound)"
      case .unigram: return "(\(t.text))@\(t.range.lowerBound)"
      }
    }
  }

  static let cases: [Case] = [
    Case(id: "han-bigrams", input: "外卖小哥", tokens: ["外卖@0", "卖小@3", "小哥@6"]),
    Case(id: "lone-unigram", input: "工", tokens: ["(工)@0"]),
    Case(id: "unigram-between-separators", input: "工，会。", tokens: ["(工)@0", "(会)@4"]),
    Case(id: "two-han-one-bigram", input: "工会", tokens: ["工会@0"]),
    Case(id: "word-run", input: "abc123", tokens: ["[abc123]@0"]),
    Case(id: "words-split-by-space", input: "app store", tokens: ["[app]@0", "[store]@4"]),
    Case(id: "words-split-by-punct", input: "a-b.c", tokens: ["[a]@0", "[b]@2", "[c]@4"]),
    Case(id: "han-word-han", input: "外卖app骑手", tokens: ["外卖@0", "[app]@6", "骑手@9"]),
    Case(id: "word-then-unigram", input: "5G网", tokens: ["[5g]@0", "(网)@2"]),
    Case(id: "fullwidth-folded-first", input: "ＡＰＰ外賣", tokens: ["[app]@0", "外卖@3"]),
    Case(id: "accented-word", input: "café", tokens: ["[café]@0"]),
    Case(id: "emoji-separates", input: "点赞😀点赞", tokens: ["点赞@0", "点赞@10"]),
    Case(id: "zero-is-han", input: "二〇二四", tokens: ["二〇@0", "〇二@3", "二四@6"]),
    Case(id: "broken-line-joined", input: "双\n向赋能", tokens: ["双向@0", "向赋@3", "赋能@6"]),
    Case(id: "only-separators", input: "，。！ ", tokens: []),
    Case(id: "empty", input: "", tokens: []),
  ]

  @Test(arguments: cases)
  func tokens(_ c: Case) {
    let (_, ts) = Tokenizer.tokens(of: c.input)
    #expect(Self.render(ts) == c.tokens)
  }

  @Test(arguments: cases)
  func tokenRangesHoldTheirText(_ c: Case) {
    let (normalized, ts) = Tokenizer.tokens(of: c.input)
    let bytes = Array(normalized.utf8)
    for t in ts {
      #expect(String(decoding: bytes[t.range], as: UTF8.self) == t.text)
    }
  }

  @Test func charClasses() {
    #expect(CharClass.of(UInt32(UInt8(ascii: "a"))) == .word)
    #expect(CharClass.of(UInt32(UInt8(ascii: "Z"))) == .word)
    #expect(CharClass.of(UInt32(UInt8(ascii: "0"))) == .word)
    #expect(CharClass.of(UInt32(UInt8(ascii: "_"))) == .other)
    #expect(CharClass.of(UInt32(UInt8(ascii: " "))) == .other)
    #expect(CharClass.of(0x5DE5) == .han)  // 工
    #expect(CharClass.of(0x3007) == .han)  // 〇
    #expect(CharClass.of(0x20000) == .han)  // 𠀀
    #expect(CharClass.of(0x3002) == .other)  // 。
    #expect(CharClass.of(0xE9) == .word)  // é
    #expect(CharClass.of(0x1F600) == .other)  // 😀
  }
}
