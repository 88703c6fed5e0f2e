// `ruletag-bench pairs` runs two commands in turns and reports the ratio
// of each pair. These tests check the order of the runs, the report's
// shape and that a failing command stops the run; no timing is asserted.

import Foundation
import RuleTagTestSupport
import Testing

@Suite struct BenchPairsTests {
  /// Runs `ruletag-bench pairs ARGS` in `dir`.
  func pairs(_ args: [String], in dir: URL) -> (status: Int32, out: String, err: String)? {
    Bench.run(["pairs"] + args, in: dir)
  }

  @Test func runsTheCommandsInTurnsAndReportsEachPair() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    guard
      let (status, text, note) = pairs(["--runs", "3", "--warmup", "1", "printf A >> log", "printf B >> log"], in: dir)
    else { return }
    #expect(status == 0, "\(note)")
    // One warm-up pair, then three timed pairs, always A before B.
    let log = try String(contentsOf: dir.appendingPathComponent("log"), encoding: .utf8)
    #expect(log == "ABABABAB")
    #expect(text.hasPrefix("# ruletag-bench pairs: 3 pairs in turns (A B A B …) after 1 warm-up pair\n"), "\(text)")
    #expect(text.contains("| A | `printf A >> log` |"), "\(text)")
    #expect(text.contains("| B | `printf B >> log` |"), "\(text)")
    #expect(text.contains("B / A, wall, pair by pair: median "), "\(text)")
    #expect(text.contains(" of 3 pairs.\n"), "\(text)")
    #expect(text.contains("B / A, CPU, pair by pair: median "), "\(text)")
  }

  @Test func aFailingCommandStopsTheRunAndIsNamed() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    guard let (status, text, note) = pairs(["--runs", "5", "--warmup", "0", "printf A >> log", "exit 3"], in: dir)
    else { return }
    #expect(status == 1)
    #expect(text.isEmpty, "no report from a failed run: \(text)")
    #expect(note.contains("`exit 3` exited with 3"), "\(note)")
    let log = try String(contentsOf: dir.appendingPathComponent("log"), encoding: .utf8)
    #expect(log == "A", "the run stops at the first failure")
  }

  @Test(arguments: [
    (["--runs", "0", "true", "true"], "--runs takes a number ≥ 1"),
    (["--warmup", "-1", "true", "true"], "--warmup takes a number ≥ 0"),
    (["true"], "usage: ruletag-bench pairs"),
  ])
  func badArgumentsAreRefused(args: [String], message: String) throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    guard let (status, text, note) = pairs(args, in: dir) else { return }
    #expect(status == 1)
    #expect(text.isEmpty)
    #expect(note.contains(message), "\(note)")
  }
}
