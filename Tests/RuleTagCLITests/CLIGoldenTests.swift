// End-to-end golden tests of the `ruletag` command line, run in-process.
//
// Each folder under Golden/ is one case:
//   args             one argument per line (`\n` inside an argument is a
//                    line break); relative paths are taken from the case
//                    folder, which the command is given as its directory
//                    (`CommandIO.directory`; the process's working
//                    directory is left alone)
//   rules.rules, …   inputs the arguments refer to
//   expected.stdout  expected.stderr  exit
// Messages name paths as given, so the outputs do not depend on where the
// package is. RULETAG_UPDATE_GOLDEN=1 rewrites the expected files, and a new
// recording fails the test so someone reviews it. Failures print a line diff.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

enum CLIGolden {
  static let folder = PackagePaths.tests("RuleTagCLITests").appendingPathComponent("Golden")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0 + "/args").path) }
      .sorted()
  }

  /// Runs `args` in-process with captured output, relative paths taken
  /// from `directory`.
  static func run(_ args: [String], in directory: URL? = nil) -> (out: String, err: String, code: Int32) {
    let io = CommandIO(capture: true, directory: directory?.path)
    let code = RuleTagCLI.run(args, io: io)
    return (io.outString, io.errString, code)
  }
}

@Suite struct CLIGoldenTests {
  @Test func casesExist() {
    #expect(CLIGolden.cases.count >= 25)
  }

  @Test(arguments: CLIGolden.cases)
  func golden(_ name: String) throws {
    let dir = CLIGolden.folder.appendingPathComponent(name)
    let argsText = try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8)
    let args = argsText.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.replacingOccurrences(of: "\\n", with: "\n")
    }
    let (out, err, code) = CLIGolden.run(args, in: dir)
    expectGolden(out, at: dir.appendingPathComponent("expected.stdout"))
    expectGolden(err, at: dir.appendingPathComponent("expected.stderr"))
    expectGolden("\(code)\n", at: dir.appendingPathComponent("exit"))
  }

  /// Relative paths, a rule file's relative `include` and the files of an
  /// input folder are opened from the command's directory, and named as
  /// given.
  @Test func relativePathsStartAtTheCommandsDirectory() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
    try fm.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
    try "include common.rules\n".write(
      to: dir.appendingPathComponent("rules/main.rules"), atomically: true, encoding: .utf8)
    try "topic new-employment \"n\" threshold 1\n  +1 骑手, 骑手\n".write(
      to: dir.appendingPathComponent("rules/common.rules"), atomically: true, encoding: .utf8)
    try "{\"id\":\"a\",\"text\":\"骑手\"}\n{\"id\":\"b\",\"text\":\n".write(
      to: dir.appendingPathComponent("in/a.jsonl"), atomically: true, encoding: .utf8)
    let check = CLIGolden.run(["check", "--rules", "rules/main.rules", "--format", "short"], in: dir)
    #expect(check.out.hasPrefix("rules/common.rules:2:"), "\(check.out)")
    #expect(check.err.hasPrefix("checked 2 files"), "\(check.err)")
    let tag = CLIGolden.run(["tag", "--rules", "rules", "--format", "jsonl", "in"], in: dir)
    #expect(tag.code == 1)
    #expect(tag.out.contains(#""id":"a""#) && tag.out.contains(#""source":"in/a.jsonl:1""#), "\(tag.out)")
    #expect(tag.err.contains("at in/a.jsonl:2"), "\(tag.err)")
    let eval = CLIGolden.run(["eval", "--rules", "rules", "--corpus", "in/a.jsonl", "--summary"], in: dir)
    // The corpus is found from the directory, and has no labels.
    #expect(eval.code == 2 && eval.err.contains("no article in `in/a.jsonl` has `labels`"), "\(eval.err)")
    #expect(FileManager.default.currentDirectoryPath != dir.path)
  }

  /// Every record of a tag run is a result or an error, and the summary
  /// line on stderr reconciles the counts.
  @Test func summaryReconciles() throws {
    let dir = CLIGolden.folder.appendingPathComponent("tag_input_errors")
    let (out, err, code) = CLIGolden.run([
      "tag", "--rules", dir.path + "/rules.rules", "--format", "jsonl", dir.path + "/input.jsonl",
      dir.path + "/missing.jsonl", dir.path + "/article.txt",
    ])
    #expect(code == 1)
    let lines = out.split(separator: "\n")
    let errors = lines.filter { $0.contains(#""error":"#) }.count
    let errLines = err.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count
    let summary = try #require(err.split(separator: "\n").last)
    #expect(
      summary
        == "summary: \(lines.count) articles read = \(lines.count - errors) tagged + \(errors) errors; 2 with at least one topic"
    )
    #expect(errLines == errors)
    #expect(errors == 5)
  }

  /// The summary of a folder run counts the files left out, and why.
  @Test func summaryCountsSkippedFiles() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "{\"id\":\"a\",\"text\":\"骑手\"}\n".write(
      to: dir.appendingPathComponent("a.JSONL"), atomically: true, encoding: .utf8)
    for name in ["notes.md", "data.csv"] {
      try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let rules = CLIGolden.folder.appendingPathComponent("tag_jsonl/rules.rules").path
    let tag = CLIGolden.run(["tag", "--rules", rules, "--format", "jsonl", dir.path])
    #expect(tag.code == 0)
    #expect(tag.out.contains(#""id":"a""#), "\(tag.out)")
    #expect(
      tag.err
        == "summary: 1 article read = 1 tagged + 0 errors; 0 with at least one topic; 2 files skipped: not .txt or .jsonl\n"
    )
  }

  /// `--threads 1` and `--threads 2` write byte-identical output, over
  /// several batches of a generated multi-thousand-line JSONL.
  @Test func threadsGiveIdenticalOutput() throws {
    let tmp = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let pieces = [
      "外卖小哥", "快递小哥", "骑手之家", "骑手", "招聘会", "新就业形态", "工会", "维权", "法律援助", "律师", "、", "。", "，", "天气",
      "網約配送員", "\\n",
    ]
    var rng = SeededRandom(seed: 42)
    var jsonl = ""
    for i in 0..<6000 {
      let n = Int(rng.next() % 30)
      let text = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      if i % 997 == 5 {
        jsonl += "{\"id\":\"bad\(i)\",\"text\":\n"  // an error record now and then
      } else {
        jsonl += "{\"id\":\"a\(i)\",\"title\":\"第\(i)篇\",\"text\":\"\(text)\",\"k\":\(i)}\n"
      }
    }
    let input = tmp.appendingPathComponent("many.jsonl")
    try jsonl.write(to: input, atomically: true, encoding: .utf8)
    let rules = CLIGolden.folder.appendingPathComponent("tag_jsonl/rules.rules").path
    for format in ["jsonl", "csv"] {
      let explain = format == "jsonl" ? ["--explain", "--with-text"] : []
      let one = CLIGolden.run(["tag", "--rules", rules, "--format", format, "--threads", "1", input.path] + explain)
      let two = CLIGolden.run(["tag", "--rules", rules, "--format", format, "--threads", "2", input.path] + explain)
      #expect(one.code == 1 && two.code == 1)
      #expect(one.out.utf8.count > 100_000)
      #expect(one.out == two.out, "\(format) output differs between --threads 1 and 2")
      #expect(one.err == two.err)
      #expect(one.out.split(separator: "\n").count == 6000 + (format == "csv" ? 1 : 0))
    }
  }

  /// The BatchScanner itself: small batches, results in input order.
  @Test func batchScannerKeepsOrderAcrossBatches() throws {
    let set = RuleParser.parse("topic new-employment \"n\" threshold 1\n  +1 骑手 cap 100\n")
    let rules = try CompiledRules.compile(set).get()
    let records = (0..<500).map { i in
      InputRecord(
        kind: .json, file: "x", line: i + 1,
        bytes: Array("{\"id\":\"\(i)\",\"text\":\"\(String(repeating: "骑手", count: i % 7))\"}".utf8))
    }
    for threads in [1, 2, 3] {
      var batch = BatchScanner(rules: rules, threads: threads)
      batch.batchRecords = 37
      let results = batch.process(records) { scanner, r -> Int in
        guard case .success(let a) = r.parse() else { return -1 }
        return Int(scanner.scan(title: "", text: a.textString).scores[0])
      }
      #expect(results == (0..<500).map { $0 % 7 })
    }
    // `run` pipelines batches (scan one while the previous goes to the sink):
    // every record comes back once, in input order, batch after batch.
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("in.jsonl")
    try Data(records.map { String(decoding: $0.bytes, as: UTF8.self) + "\n" }.joined().utf8).write(to: file)
    for threads in [1, 2, 3] {
      var batch = BatchScanner(rules: rules, threads: threads)
      batch.batchRecords = 37
      var seen: [Int] = []
      var sinks = 0
      batch.run(InputReader(paths: [file.path])) { scanner, r -> Int in
        guard case .success(let a) = r.parse() else { return -1 }
        return Int(a.id)! * 10 + Int(scanner.scan(title: "", text: a.textString).scores[0])
      } sink: { outs in
        seen += outs
        sinks += 1
      }
      #expect(seen == (0..<500).map { $0 * 10 + $0 % 7 }, "threads \(threads)")
      #expect(sinks == 14, "threads \(threads)")
    }
  }

  /// Given the size of a result, `run` sizes batches by their results:
  /// once a batch has been handed on, no batch holds more than
  /// `batchOutputBytes` of results (records of equal size here, so that
  /// the bound is exact), and every record still comes back once, in order.
  @Test func batchScannerBoundsTheResultsABatchHolds() throws {
    let set = RuleParser.parse("topic new-employment \"n\" threshold 1\n  +1 骑手 cap 100\n")
    let rules = try CompiledRules.compile(set).get()
    let lines = (0..<500).map { i in "{\"id\":\"\(1000 + i)\",\"text\":\"骑手骑手\"}" }
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("in.jsonl")
    try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
    for threads in [1, 2, 3] {
      var batch = BatchScanner(rules: rules, threads: threads)
      batch.firstBatchBytes = 100
      batch.batchOutputBytes = 10_000
      var seen: [Int] = []
      var batches: [Int] = []
      batch.run(InputReader(paths: [file.path])) { scanner, r -> Int in
        guard case .success(let a) = r.parse() else { return -1 }
        return Int(a.id)! * 10 + Int(scanner.scan(title: "", text: a.textString).scores[0])
      } size: { _ in
        1000
      } sink: { outs in
        seen += outs
        batches.append(outs.count)
      }
      #expect(seen == (0..<500).map { (1000 + $0) * 10 + 2 }, "threads \(threads)")
      // The first batch (two with more threads) is read before any
      // result is known: 100 bytes, two records of 35 bytes and a third.
      let first = threads == 1 ? 1 : 2
      #expect(batches.prefix(first).allSatisfy { $0 == 3 }, "threads \(threads): \(batches)")
      // Then 10 records of 1,000 each: 10,000.
      #expect(batches.dropFirst(first).dropLast().allSatisfy { $0 == 10 }, "threads \(threads): \(batches)")
      #expect(batches.reduce(0, +) == 500)
    }
  }
}
