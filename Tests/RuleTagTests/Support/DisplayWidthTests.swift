import Testing

@testable import RuleTag

@Suite struct DisplayWidthTests {
  struct Row: CustomTestStringConvertible, Sendable {
    var text: String
    var width: Int
    var testDescription: String { "\(text.debugDescription) → \(width)" }
  }

  @Test(arguments: [
    Row(text: "", width: 0),
    Row(text: "abc", width: 3),
    Row(text: "工会", width: 4),
    Row(text: "ＡＢ", width: 4),  // full-width forms
    Row(text: "。、", width: 4),  // CJK punctuation
    Row(text: "e\u{301}", width: 1),  // combining acute takes no column
    Row(text: "a\u{200B}b", width: 2),  // zero-width space
    Row(text: "😀", width: 2),
    Row(text: "한", width: 2),
    Row(text: "\t", width: 0),  // control characters
    Row(text: "é", width: 1),
    Row(text: "𠀀", width: 2),  // CJK extension B
  ])
  func width(_ row: Row) {
    #expect(DisplayWidth.of(row.text) == row.width)
  }

  @Test func truncateCountsColumnsNotCharacters() {
    #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
    #expect(DisplayWidth.truncate("abcd", to: 3) == "ab…")
    // 工会服务: 8 columns; to 5 → two Han (4 columns) + …
    #expect(DisplayWidth.truncate("工会服务", to: 5) == "工会…")
    #expect(DisplayWidth.truncate("工会服务", to: 4) == "工…")
    #expect(DisplayWidth.of(DisplayWidth.truncate("工会服务工会服务", to: 7)) <= 7)
  }

  @Test func padUsesDisplayWidth() {
    #expect(DisplayWidth.pad("工会", to: 6) == "工会  ")
    #expect(DisplayWidth.pad("工会", to: 6, right: true) == "  工会")
    #expect(DisplayWidth.pad("工会服务", to: 2) == "工会服务")
    #expect(DisplayWidth.of(DisplayWidth.pad("a工", to: 10)) == 10)
  }
}
