// ruletag-bench peer CORPUS --script py_rules.py [--rules R] [--modes full,kw] [--runs N] [--warmup K]
//
// `ruletag tag --format jsonl --threads 1` against the tagger a user would
// write instead (the benchmark kit's `peers/py_rules.py`), on the same
// corpus and rules, in pairs: for each mode, K warm-up pairs and N timed
// pairs (peer, ruletag, peer, ruletag, …; `pairs` does the timing). Before
// timing, each command runs once with its output kept, and the run fails
// unless both wrote one line per article of CORPUS. Prints, per mode, how
// many times faster ruletag is, pair by pair (median and range), in wall
// and in CPU time. The `ruletag` binary is the one beside this program.

import Foundation
import RuleTag
import RuleTagCLI

enum PeerBench {
  static let spec = benchSpec(
    "peer", "Time `ruletag tag --threads 1` against py_rules.py on the same corpus and rules, in pairs.",
    positional: "CORPUS",
    flags: [
      FlagSpec(
        name: "script", value: "path",
        help:
          "the peer: a Python script run as `python3 SCRIPT MODE RULES CORPUS` that writes one JSON line per article"
      ),
      FlagSpec(name: "rules", value: "path", help: "rule folder (default: Rules)"),
      FlagSpec(name: "modes", value: "a,b", help: "the peer's modes (default full,kw)"),
      FlagSpec(name: "runs", value: "n", help: "timed pairs per mode (default 5)"),
      FlagSpec(name: "warmup", value: "k", help: "untimed pairs first (default 1)"),
    ],
    example:
      "ruletag-bench peer real50.jsonl --script ../shared/bench/peers/py_rules.py --rules ../shared/bench/rules-2026-11-23"
  )

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let flags = parsed else { return code }
    guard flags.positional.count == 1, let script = flags.value("script") else {
      fail(
        "usage: ruletag-bench peer CORPUS --script py_rules.py [--rules R] [--modes full,kw] [--runs N] [--warmup K]")
    }
    let corpus = flags.positional[0]
    let rules = flags.value("rules") ?? "Rules"
    let modes = (flags.value("modes") ?? "full,kw").split(separator: ",").map(String.init)
    guard let runs = Int(flags.value("runs") ?? "5"), runs >= 1 else { fail("--runs takes a number ≥ 1") }
    guard let warmup = Int(flags.value("warmup") ?? "1"), warmup >= 0 else { fail("--warmup takes a number ≥ 0") }
    let ruletag = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("ruletag").path
    guard FileManager.default.isExecutableFile(atPath: ruletag) else { fail("no ruletag binary at \(ruletag)") }
    var lines = 0
    let reader = InputReader(paths: [corpus])
    while reader.next() != nil { lines += 1 }

    let tmp = NSTemporaryDirectory() + "ruletag-bench-peer-\(getpid())"
    try? FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let ours = "\(q(ruletag)) tag \(q(corpus)) --rules \(q(rules)) --format jsonl --threads 1"
    func f(_ x: Double) -> String { String(format: "%.2f", x) }
    var rows: [String] = []
    for mode in modes {
      let peer = "python3 \(q(script)) \(q(mode)) \(q(rules)) \(q(corpus))"
      // Both must account for every article before they are timed.
      for (name, cmd) in [("peer", peer), ("ruletag", ours)] {
        let out = tmp + "/\(name).jsonl"
        guard runTimed(cmd + " > " + q(out)) != nil else { return 1 }
        let got = outputLines(out)
        if got != lines { fail("`\(cmd)` wrote \(got) lines for \(lines) articles") }
      }
      var peerT: [Timed] = []
      var oursT: [Timed] = []
      for k in 0..<(warmup + runs) {
        guard let a = runTimed(peer), let b = runTimed(ours) else { return 1 }
        if k >= warmup {
          peerT.append(a)
          oursT.append(b)
        }
      }
      let wall = zip(peerT, oursT).map { $0.wall / $1.wall }
      let cpu = zip(peerT, oursT).map { $0.cpu / max($1.cpu, 1e-9) }
      rows.append(
        "| \(mode) | \(f(median(peerT.map(\.cpu)))) | \(f(median(oursT.map(\.cpu)))) | "
          + "**\(f(median(wall)))x** (\(f(wall.min()!))-\(f(wall.max()!))) | "
          + "**\(f(median(cpu)))x** (\(f(cpu.min()!))-\(f(cpu.max()!))) |")
    }
    io.write(
      "# ruletag-bench peer: \(corpus) (\(fileSize(corpus)) bytes, \(lines) articles), rules \(rules), "
        + "\(runs) pairs per mode after \(warmup) warm-up\n\n")
    io.write("`ruletag tag --format jsonl --threads 1` against `\(script) MODE`; both wrote one line per article.\n\n")
    io.write("| peer mode | peer median CPU s | ruletag median CPU s | ruletag faster, wall | ruletag faster, CPU |\n")
    io.write("|---|---:|---:|---:|---:|\n")
    for r in rows { io.write(r + "\n") }
    return 0
  }

  /// `s` quoted for /bin/sh.
  static func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Newline-terminated lines in the file at `path`.
  static func outputLines(_ path: String) -> Int {
    guard let d = FileManager.default.contents(atPath: path) else { return -1 }
    return d.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }
}
