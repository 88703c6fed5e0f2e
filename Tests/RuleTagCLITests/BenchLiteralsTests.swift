// `ruletag-bench literals` prints the literal set the rules compile into,
// for the peers to count: keywords as normalised, the literals a regex is
// gated on (here its two alternatives, whole) and not-inside words, one per
// line, each once.

import Foundation
import Testing

/// Runs the built `ruletag-bench`.
enum Bench {
  /// The `ruletag-bench` built beside the `ruletag` these tests find.
  static let path: String? = PySpark.binary.map {
    URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("ruletag-bench").path
  }

  /// Runs `ruletag-bench ARGS` (in `dir` when given): exit status, stdout,
  /// stderr. Records an issue and returns nil when there is no binary.
  static func run(_ args: [String], in dir: URL? = nil) throws -> (status: Int32, out: String, err: String)? {
    guard let exe = path, FileManager.default.isExecutableFile(atPath: exe) else {
      Issue.record("no built `ruletag-bench` beside `ruletag` (set RULETAG_BIN)")
      return nil
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    if let dir { p.currentDirectoryURL = dir }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let note = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text, note)
  }
}

@Suite struct BenchLiteralsTests {
  @Test func printsTheNormalisedLiteralSetOnce() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-literals-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Traditional and full-width spellings, a repeated keyword, a regex
    // with two atom sets, and a not-inside word.
    let rules = """
      topic new-employment "n" threshold 1
        +1  外賣騎手, ＡＰＰ, 驿站  not-inside 快递驿站
        +2  /(快递|外卖)员/
        +1  驿站
      """
    try rules.write(to: dir.appendingPathComponent("t.rules"), atomically: true, encoding: .utf8)
    guard let (status, text, note) = try Bench.run(["literals", "--rules", dir.path]) else { return }
    #expect(status == 0, "\(note)")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(text.hasSuffix("\n"))
    #expect(Set(lines) == ["外卖骑手", "app", "驿站", "快递驿站", "快递员", "外卖员"], "\(lines)")
    #expect(lines.count == Set(lines).count, "each literal once: \(lines)")
    #expect(note.contains("LITERALS \(lines.count)"), "\(note)")
  }
}
