// When standard output cannot be written, `ruletag tag` must say so and
// exit 3 instead of finishing with a summary that counts records it lost.
// The built binary runs with its standard output on /dev/full (every write
// fails with ENOSPC).

import Foundation
import Testing

@Suite struct OutputFailureTests {
  @Test func fullDiskIsAnErrorNotASilentLoss() throws {
    guard let exe = PySpark.binary else {
      Issue.record("no built `ruletag` binary found (set RULETAG_BIN)")
      return
    }
    guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
      // Not Linux, or no /dev/full: nothing to run against.
      print("OutputFailureTests: skipped, /dev/full cannot be opened here")
      return
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = [
      "tag", "--rules", PySpark.root.appendingPathComponent("Rules").path, "--format", "jsonl",
      PySpark.root.appendingPathComponent("Corpus/corpus.jsonl").path,
    ]
    let err = Pipe()
    p.standardOutput = full
    p.standardError = err
    try p.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 3)
    #expect(message.contains("error: cannot write to standard output: No space left on device"), "\(message)")
    #expect(!message.contains("summary:"), "no summary may claim records that were not written: \(message)")
  }
}
