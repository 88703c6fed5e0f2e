// When standard output cannot be written, `ruletag tag` must say so and
// exit 3 instead of finishing with a summary that counts records it lost.
// The built binary runs with its standard output on /dev/full (every write
// fails with ENOSPC).

import Foundation
import RuleTagTestSupport
import Testing

@Suite struct OutputFailureTests {
  @Test func fullDiskIsAnErrorNotASilentLoss() throws {
    guard let exe = BuiltBinary.ruletag else {
      Issue.record("\(BuiltBinary.missing("ruletag"))")
      return
    }
    guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
      // Not Linux, or no /dev/full: nothing to run against.
      print("OutputFailureTests: skipped, /dev/full cannot be opened here")
      return
    }
    let r = runProgram(
      exe, ["tag", "--rules", PackagePaths.rules.path, "--format", "jsonl", PackagePaths.corpusFile.path], stdout: full)
    let message = r.err
    #expect(r.status == 3)
    #expect(message.contains("error: cannot write to standard output: No space left on device"), "\(message)")
    #expect(!message.contains("summary:"), "no summary may claim records that were not written: \(message)")
  }
}
