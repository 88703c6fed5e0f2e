// ruletag-bench pairs [--runs N] [--warmup K] 'COMMAND A' 'COMMAND B'
//
// Runs two shell commands in turns, A B A B …: K warm-up pairs (default 1),
// then N timed pairs (default 10), with standard input, output and error on
// /dev/null. Prints each command's wall and CPU seconds (median, min, max)
// and the ratio B / A of each pair (median, min, max), of wall and of CPU
// time. On a machine whose
// speed drifts, both commands of a pair see the same drift; a ratio of two
// medians taken minutes apart does not. Exit 1 when a command fails.

import Foundation
import RuleTagCLI

#if canImport(Glibc)
  import Glibc
#endif

/// One finished run of a shell command: wall and CPU seconds.
struct Timed {
  var wall: Double
  var cpu: Double
}

/// Runs `/bin/sh -c command` with its standard streams on /dev/null;
/// nil (and a note) when it cannot start or does not exit with 0.
func runTimed(_ command: String) -> Timed? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let args: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (s: String) in strdup(s) }
  defer { for a in args { free(a) } }
  var argv = args + [nil]
  var pid: pid_t = 0
  let start = now()
  let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
  guard rc == 0 else {
    note("ruletag-bench: cannot start /bin/sh: \(String(cString: strerror(rc)))")
    return nil
  }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 {
    if errno != EINTR { note("ruletag-bench: wait4: \(String(cString: strerror(errno)))"); return nil }
  }
  let wall = now() - start
  // WIFEXITED and WEXITSTATUS, spelt out (the C macros are not imported).
  let exited = status & 0x7F == 0
  let code = (status >> 8) & 0xFF
  guard exited && code == 0 else {
    note("ruletag-bench: `\(command)` " + (exited ? "exited with \(code)" : "was killed by signal \(status & 0x7F)"))
    return nil
  }
  func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  return Timed(wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

enum PairsBench {
  static let spec = benchSpec(
    "pairs", "Time two shell commands in turns and report the ratio of each pair.",
    positional: "'COMMAND A' 'COMMAND B'",
    flags: [
      FlagSpec(name: "runs", value: "n", help: "timed pairs (default 10)"),
      FlagSpec(name: "warmup", value: "k", help: "untimed pairs first (default 1)"),
    ],
    example:
      "ruletag-bench pairs --runs 20 'ruletag-bench count c.jsonl kw.txt' 'rg -F -f kw.txt --count-matches c.jsonl'")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let flags = parsed else { return code }
    let pos = flags.positional
    guard pos.count == 2 else { fail("usage: ruletag-bench pairs [--runs N] [--warmup K] 'COMMAND A' 'COMMAND B'") }
    guard let runs = Int(flags.value("runs") ?? "10"), runs >= 1 else { fail("--runs takes a number ≥ 1") }
    guard let warmup = Int(flags.value("warmup") ?? "1"), warmup >= 0 else { fail("--warmup takes a number ≥ 0") }
    var a: [Timed] = []
    var b: [Timed] = []
    for k in 0..<(warmup + runs) {
      guard let ta = runTimed(pos[0]), let tb = runTimed(pos[1]) else { return 1 }
      if k >= warmup {
        a.append(ta)
        b.append(tb)
      }
    }
    let ratios = zip(a, b).map { $0.1.wall / $0.0.wall }
    func f(_ x: Double) -> String { String(format: "%.3f", x) }
    func row(_ name: String, _ cmd: String, _ t: [Timed]) -> String {
      let w = t.map(\.wall)
      return
        "| \(name) | `\(cmd.replacingOccurrences(of: "|", with: "\\|"))` | \(f(median(w))) | \(f(w.min()!)) | \(f(w.max()!)) | \(f(median(t.map(\.cpu)))) |\n"
    }
    io.write(
      "# ruletag-bench pairs: \(runs) pairs in turns (A B A B …) after \(warmup) warm-up pair\(warmup == 1 ? "" : "s")\n\n"
    )
    io.write("| | command | median wall s | min | max | median CPU s |\n|---|---|---:|---:|---:|---:|\n")
    io.write(row("A", pos[0], a))
    io.write(row("B", pos[1], b))
    let faster = ratios.filter { $0 > 1 }.count
    io.write(
      "\nB / A, wall, pair by pair: median \(f(median(ratios)))x, \(f(ratios.min()!))x-\(f(ratios.max()!))x; "
        + "A was faster in \(faster) of \(runs) pairs.\n")
    // On a loaded machine wall time includes waiting for a core; CPU time
    // (user + system of the command and its children) does not.
    let cpu = zip(a, b).map { $0.1.cpu / max($0.0.cpu, 1e-9) }
    io.write(
      "B / A, CPU, pair by pair: median \(f(median(cpu)))x, \(f(cpu.min()!))x-\(f(cpu.max()!))x.\n")
    return 0
  }
}
