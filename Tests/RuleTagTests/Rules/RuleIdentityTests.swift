// Rule identities: what keeps a rule's identity and what gives it a new
// one, rule locations named from the rules root, and the `id` option.

import Foundation
import Testing

@testable import RuleTag

@Suite struct RuleIdentityTests {
  static let base = """
    topic new-employment "n" threshold 4
      +2  骑手  not-before 之家|驿站  cap 2
      +3  外卖小哥, 快递小哥
      +1  sentence(工会, 骑手 | 快递员)
    """

  /// Identities of the rules of `text`, in file order.
  static func identities(_ text: String) -> [String] {
    RuleParser.parse(text).topics.flatMap { $0.rules.map(\.identity) }
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var edited: String
    /// Per rule of `base`: whether the edited text keeps its identity.
    var same: [Bool]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "comment and blank lines above", edited: "# tuned\n\n" + base, same: [true, true, true]),
    Case(
      name: "rules reordered",
      edited: """
        topic new-employment "n" threshold 4
          +1  sentence(工会, 骑手 | 快递员)
          +2  骑手  not-before 之家|驿站  cap 2
          +3  外卖小哥, 快递小哥
        """, same: [true, true, true]),
    Case(
      name: "reweighted, threshold changed",
      edited: base.replacingOccurrences(of: "+3  外卖", with: "-5  外卖").replacingOccurrences(
        of: "threshold 4", with: "threshold 9"), same: [true, true, true]),
    Case(
      name: "spacing, quotes, `|` for `,`, keyword order, traditional form",
      edited: """
        topic new-employment "n" threshold 4   # comment
        \t+2 骑手 cap 2 not-before 驿站 | 之家
          +3 快遞小哥 |"外卖小哥"
          +1 sentence( 工会 ,快递员|骑手 )
        """, same: [true, true, true]),
    Case(
      name: "keyword added", edited: base.replacingOccurrences(of: "快递小哥", with: "快递小哥, 网约车司机"),
      same: [true, false, true]),
    Case(
      name: "cap changed", edited: base.replacingOccurrences(of: "cap 2", with: "cap 3"), same: [false, true, true]),
    Case(
      name: "guard removed", edited: base.replacingOccurrences(of: "not-before 之家|驿站", with: "not-before 之家"),
      same: [false, true, true]),
    Case(
      name: "context option added", edited: base.replacingOccurrences(of: "快递小哥\n", with: "快递小哥  counts-in list\n"),
      same: [true, false, true]),
    Case(
      name: "argument order of sentence", edited: base.replacingOccurrences(of: "工会, 骑手 | 快递员", with: "骑手 | 快递员, 工会"),
      same: [true, true, false]),
    Case(
      name: "other topic",
      edited: base.replacingOccurrences(of: "new-employment", with: "worker-stations"), same: [false, false, false]),
  ]

  @Test(arguments: cases)
  func identityKeepsOrChanges(_ c: Case) {
    let before = Self.identities(Self.base)
    let after = Set(Self.identities(c.edited))
    #expect(before.count == 3 && after.count == 3)
    #expect(before.map { after.contains($0) } == c.same, "\(before) vs \(after.sorted())")
  }

  @Test func printableFormIsTopicAndEightHexDigits() {
    for id in Self.identities(Self.base) {
      let parts = id.split(separator: "/")
      #expect(parts.count == 2 && parts[0] == "new-employment", "\(id)")
      #expect(parts[1].count == 8 && parts[1].allSatisfy(\.isHexDigit), "\(id)")
    }
  }

  /// FNV-1a test vectors (the published values for "" and "a").
  @Test func fnv1aVectors() {
    #expect(RuleIdentity.fnv1a("") == 0x811c_9dc5)
    #expect(RuleIdentity.fnv1a("a") == 0xe40c_292c)
    #expect(RuleIdentity.fnv1a("foobar") == 0xbf9c_f968)
  }

  @Test func identicalRulesAreNumberedInFileOrder() {
    let ids = Self.identities(
      """
      topic new-employment "n" threshold 4
        +2  骑手
        +1  外卖小哥
        +3  骑手
        +1  骑手
      """)
    #expect(ids[2] == ids[0] + "-2" && ids[3] == ids[0] + "-3", "\(ids)")
    #expect(ids[1] != ids[0])
  }

  @Test func explicitIDStaysWhenTheTextChanges() {
    let a = Self.identities("topic new-employment \"n\" threshold 4\n  +2  骑手  id rider\n")
    let b = Self.identities("topic new-employment \"n\" threshold 4\n  +3  骑手, 外卖小哥  id rider  cap 2\n")
    #expect(a == ["new-employment/rider"] && b == a)
  }

  struct BadID: CustomTestStringConvertible, Sendable {
    var line: String
    var code: String
    var column: Int
    var testDescription: String { line }
  }

  static let badIDs: [BadID] = [
    BadID(line: "  +2  骑手  id rider\n  +1  外卖小哥  id rider", code: "RT030", column: 16),
    BadID(line: "  +2  骑手  id 骑手", code: "RT031", column: 14),
    BadID(line: "  +2  骑手  id 3f9a1c2e", code: "RT031", column: 14),
    BadID(line: "  +2  骑手  id 1st", code: "RT031", column: 14),
    BadID(line: "  +2  骑手  id", code: "RT031", column: 13),
    BadID(line: "  +2  骑手  id a  id b", code: "RT031", column: 17),
  ]

  @Test(arguments: badIDs)
  func badExplicitIDs(_ c: BadID) {
    let set = RuleParser.parse("topic new-employment \"n\" threshold 1\n" + c.line + "\n")
    let errors = set.errors
    #expect(errors.map(\.code) == [c.code], "\(errors.map { $0.rendered() })")
    #expect(errors.first?.span.column == c.column)
  }

  /// The same folder reached by three paths gives the same locations and
  /// identities, named from the folder.
  @Test func otherPathToTheRulesFolder() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("Rules/sub"), withIntermediateDirectories: true)
    try fm.createDirectory(at: dir.appendingPathComponent("other"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(
      at: dir.appendingPathComponent("other/link"), withDestinationURL: dir.appendingPathComponent("Rules"))
    try "include sub\ntopic legal-aid \"l\" threshold 1\n  +1 法律援助\n".write(
      to: dir.appendingPathComponent("Rules/a.rules"), atomically: true, encoding: .utf8)
    try "topic new-employment \"n\" threshold 1\n  +1 骑手\n".write(
      to: dir.appendingPathComponent("Rules/sub/b.rules"), atomically: true, encoding: .utf8)
    func describe(_ path: String, in directory: String?) throws -> [String] {
      let rules = try CompiledRules.load(path: path, directory: directory).get()
      return rules.rules.map { "\($0.location) \($0.identity)" } + rules.topics.map(\.location)
    }
    let plain = try describe("Rules", in: dir.path)
    #expect(plain.contains { $0.hasPrefix("Rules/a.rules:3 legal-aid/") }, "\(plain)")
    #expect(plain.contains { $0.hasPrefix("Rules/sub/b.rules:2 new-employment/") }, "\(plain)")
    #expect(try describe("./Rules/", in: dir.path) == plain)
    #expect(try describe(dir.appendingPathComponent("Rules").path, in: nil) == plain)
    #expect(try describe("other/../Rules", in: dir.path) == plain)
    #expect(try describe("other/link", in: dir.path) == plain)
  }
}
