// A run ended early loses nothing it read and never cuts a record: the
// built binary is fed a long JSONL stream through a pipe, interrupted by a
// real SIGINT or SIGTERM once output has started, and its output must be
// whole JSON records that the summary counts. A reader that closes the
// pipe (`| head -1`) ends the run quietly with exit 3, not by SIGPIPE.

import Foundation
import RuleTagTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether a large fuzz round was asked for (RULETAG_FUZZ).
let fuzzRequested = ProcessInfo.processInfo.environment["RULETAG_FUZZ"] != nil

@Suite struct InterruptionTests {
  /// `count` JSONL articles, long enough that the run is still reading when
  /// the test interrupts it.
  static func articles(_ count: Int) -> Data {
    var s = ""
    for i in 0..<count {
      s += "{\"id\":\"a\(i)\",\"title\":\"外卖骑手服务站启用\",\"text\":\""
      s += String(repeating: "区总工会为外卖骑手、快递员建起爱心驿站，提供饮水、充电和法律援助服务。", count: 20)
      s += "\"}\n"
    }
    return Data(s.utf8)
  }

  struct Run {
    var status: Int32
    var stdout: Data
    var stderr: String
  }

  /// Runs `tag` on a stream written to its stdin in a background thread;
  /// `after(stdout, process)` runs first and returns whether the rest of
  /// stdout is to be read (false: it closed stdout).
  static func runTag(
    _ exe: String, input: Data, threads: Int, after: (FileHandle, Process) -> Bool
  ) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = [
      "tag", "--rules", PackagePaths.rules.path, "--format", "jsonl", "--threads",
      String(threads),
    ]
    let inPipe = Pipe()
    let outPipe = Pipe()
    let errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    try p.run()
    let writer = Thread {
      // The writer may meet a closed pipe once the process has stopped reading.
      signal(SIGPIPE, SIG_IGN)
      inPipe.fileHandleForWriting.writeabilityHandler = nil
      let fd = inPipe.fileHandleForWriting.fileDescriptor
      input.withUnsafeBytes { b in
        var off = 0
        while off < b.count {
          let n = Glibc.write(fd, b.baseAddress! + off, min(1 << 16, b.count - off))
          if n <= 0 { break }
          off += n
        }
      }
      try? inPipe.fileHandleForWriting.close()
    }
    writer.start()
    let out = outPipe.fileHandleForReading
    let rest = after(out, p) ? out.readDataToEndOfFile() : Data()
    let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: rest, stderr: err)
  }

  @Test(arguments: [(SIGINT, 1), (SIGTERM, 1), (SIGINT, 2)])
  func interruptFinishesWholeRecords(_ sig: Int32, _ threads: Int) throws {
    try Self.checkInterruptedRun(sig, threads: threads, delay: 0)
  }

  /// Many interrupted runs, at random moments after the first output, with
  /// either signal and thread count (seeded): `RULETAG_FUZZ=N swift test
  /// --filter Fuzz` runs 40 of them.
  @Test(.enabled(if: fuzzRequested, "interrupted-run fuzzing runs only with RULETAG_FUZZ set"))
  func manyInterruptedRunsLoseNothingFuzz() throws {
    var rng = SeededRandom(seed: 40)
    for _ in 0..<40 {
      let sig = Bool.random(using: &rng) ? SIGINT : SIGTERM
      try Self.checkInterruptedRun(
        sig, threads: Int.random(in: 1...2, using: &rng), delay: UInt32.random(in: 0..<50_000, using: &rng))
    }
  }

  /// Runs `tag` on a long stream, sends `sig` `delay` microseconds after the
  /// first output, and checks that the output is whole records in order,
  /// counted by the summary, with the exit status 128 + `sig`.
  static func checkInterruptedRun(_ sig: Int32, threads: Int, delay: UInt32) throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let first = Mutex(Data())
    let run = try Self.runTag(exe, input: Self.articles(6_000), threads: threads) { out, p in
      let head = out.availableData  // blocks until the first records are out
      first.withLock { $0 = head }
      if delay > 0 { usleep(delay) }
      kill(p.processIdentifier, sig)
      return true
    }
    let all = first.withLock { $0 } + run.stdout
    #expect(run.status == 128 + sig, "exit status \(run.status); stderr: \(run.stderr)")
    #expect(all.last == 0x0A, "output ends with a whole line")
    let lines = all.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
    for (i, line) in lines.enumerated() {
      let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      #expect(object?["id"] as? String == "a\(i)", "record \(i + 1) is whole and in order")
      if object == nil { break }
    }
    let name = sig == SIGINT ? "SIGINT" : "SIGTERM"
    #expect(run.stderr.contains("interrupted by \(name)"), "\(run.stderr)")
    #expect(
      run.stderr.contains("summary: \(lines.count) articles read"),
      "the summary counts what was written: \(lines.count) lines; \(run.stderr)")
    #expect(lines.count < 6_000, "the run stopped before the end of its input")
  }

  @Test func closedPipeEndsQuietly() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let run = try Self.runTag(exe, input: Self.articles(6_000), threads: 1) { out, _ in
      _ = out.availableData
      try? out.close()
      return false
    }
    #expect(run.status == 3, "exit status \(run.status) (a death by SIGPIPE shows as a signal)")
    #expect(run.stderr.isEmpty, "a closed pipe is not an error to report: \(run.stderr)")
  }
}
