// What every subcommand of ruletag-bench uses: failing with a message, notes
// on stderr, a monotonic clock, medians, and its command-line parsing (the
// `ruletag` parser, with its errors reported under this program's name).

import Foundation
import RuleTagCLI

#if canImport(Glibc)
  import Glibc
#endif

/// Prints `ruletag-bench: s` on stderr and exits with 1.
func fail(_ s: String) -> Never {
  FileHandle.standardError.write(Data(("ruletag-bench: " + s + "\n").utf8))
  exit(1)
}

/// A line on stderr.
func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// Seconds on the monotonic clock.
func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fileSize(_ path: String) -> Int {
  var st = stat()
  return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

/// A ruletag-bench subcommand's spec: the `ruletag` kind, under this
/// program's name.
func benchSpec(_ name: String, _ summary: String, positional: String, flags: [FlagSpec], example: String) -> CommandSpec
{
  CommandSpec(
    name: name, summary: summary, positional: positional, flags: flags, example: example, program: "ruletag-bench")
}
