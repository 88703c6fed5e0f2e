// End-to-end golden tests of the `ruletag` command line, run in-process.
//
// Each folder under Golden/ is one case:
//   args             one argument per line (`\n` inside an argument is a
//                    line break); paths are relative to the case folder,
//                    which is the working directory while the case runs
//                    (`$CASE` also stands for its absolute path)
//   rules.rules, …   inputs the arguments refer to
//   expected.stdout  expected.stderr  exit
// The outputs are compared with `$CASE` put back in place of the path.
// RULETAG_UPDATE_GOLDEN=1 rewrites the expected files, and a new recording
// fails the test so someone reviews it. Failures print a line diff.

import Foundation
import RuleTag
import Testing

@testable import RuleTagCLI

enum CLIGolden {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static var update: Bool { ProcessInfo.processInfo.environment["RULETAG_UPDATE_GOLDEN"] == "1" }

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0 + "/args").path) }.sorted()
  }

  /// Runs `args` in-process with captured output.
  static func run(_ args: [String]) -> (out: String, err: String, code: Int32) {
    let io = CommandIO(capture: true)
    let code = RuleTagCLI.run(args, io: io)
    return (io.outString, io.errString, code)
  }
}

func lineDiff(expected: String, actual: String) -> String {
  let a = expected.components(separatedBy: "\n")
  let b = actual.components(separatedBy: "\n")
  var out: [String] = []
  let n = max(a.count, b.count)
  for i in 0..<n {
    let x = i < a.count ? a[i] : nil
    let y = i < b.count ? b[i] : nil
    if x == y { out.append("  " + (x ?? "")); continue }
    if let x { out.append("- " + x) }
    if let y { out.append("+ " + y) }
  }
  return out.joined(separator: "\n")
}

// Serialized: each case changes the process's working directory. No other
// test uses relative paths, so they are unaffected.
@Suite(.serialized) struct CLIGoldenTests {
  @Test func casesExist() {
    #expect(CLIGolden.cases.count >= 25)
  }

  @Test(arguments: CLIGolden.cases)
  func golden(_ name: String) throws {
    let dir = CLIGolden.folder.appendingPathComponent(name)
    let argsText = try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8)
    let args = argsText.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "$CASE", with: dir.path)
    }
    let previous = FileManager.default.currentDirectoryPath
    #expect(FileManager.default.changeCurrentDirectoryPath(dir.path))
    let (out, err, code) = CLIGolden.run(args)
    #expect(FileManager.default.changeCurrentDirectoryPath(previous))
    let actual: [(String, String)] = [
      ("expected.stdout", out.replacingOccurrences(of: dir.path, with: "$CASE")),
      ("expected.stderr", err.replacingOccurrences(of: dir.path, with: "$CASE")),
      ("exit", "\(code)\n"),
    ]
    for (file, value) in actual {
      let url = dir.appendingPathComponent(file)
      let existing = try? String(contentsOf: url, encoding: .utf8)
      if CLIGolden.update {
        if existing != value {
          try value.write(to: url, atomically: true, encoding: .utf8)
          Issue.record("recorded \(name)/\(file); review it and rerun without RULETAG_UPDATE_GOLDEN")
        }
        continue
      }
      guard let existing else {
        Issue.record("missing \(name)/\(file); run with RULETAG_UPDATE_GOLDEN=1 to record it")
        continue
      }
      if existing != value {
        Issue.record("\(name)/\(file) differs:\n\(lineDiff(expected: existing, actual: value))")
      }
    }
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
    #expect(summary == "summary: \(lines.count) articles read = \(lines.count - errors) tagged + \(errors) errors; 2 with at least one topic")
    #expect(errLines == errors)
    #expect(errors == 5)
  }

  /// `--threads 1` and `--threads 2` write byte-identical output, over
  /// several batches of a generated multi-thousand-line JSONL.
  @Test func threadsGiveIdenticalOutput() throws {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let pieces = [
      "外卖小哥", "快递小哥", "骑手之家", "骑手", "招聘会", "新就业形态", "工会", "维权", "法律援助", "律师", "、", "。", "，", "天气",
      "網約配送員", "\\n",
    ]
    var rng = SystemRandomNumberGeneratorSeeded(seed: 42)
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
      let one = CLIGolden.run(["tag", "--rules", rules, "--format", format, "--explain", "--threads", "1", input.path])
      let two = CLIGolden.run(["tag", "--rules", rules, "--format", format, "--explain", "--threads", "2", input.path])
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
      InputRecord(kind: .json, file: "x", line: i + 1, bytes: Array("{\"id\":\"\(i)\",\"text\":\"\(String(repeating: "骑手", count: i % 7))\"}".utf8))
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
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-batch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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
}

/// A tiny seeded generator (xorshift) for the generated input.
struct SystemRandomNumberGeneratorSeeded: RandomNumberGenerator {
  var s: UInt64
  init(seed: UInt64) { s = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
  mutating func next() -> UInt64 {
    s ^= s << 13
    s ^= s >> 7
    s ^= s << 17
    return s
  }
}
