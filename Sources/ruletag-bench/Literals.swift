// ruletag-bench literals [--rules Rules]
//
// Prints the literals the rules compile into their automaton (normalised
// keywords, regex atoms, not-inside words), one per line, in the keyword
// file format of the shared benchmark: the peers can then count the same
// literal set that `tag` matches. `LITERALS <n>` on stderr.

import Foundation
import RuleTag
import RuleTagCLI

enum LiteralsBench {
  static let spec = benchSpec(
    "literals", "Print the literals the rules compile into, one per line.", positional: "",
    flags: [FlagSpec(name: "rules", value: "path", help: "rule file or folder (default: Rules)")],
    example: "ruletag-bench literals --rules Rules > lit.txt")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    let path = f.value("rules") ?? "Rules"
    guard case .success(let rules) = CompiledRules.load(path: path) else { fail("rules at \(path) do not compile") }
    for p in rules.patterns {
      // A literal holding a line break would split into two keyword lines.
      if p.contains(where: { $0.isNewline }) { fail("literal with a line break: \(p.debugDescription)") }
      io.write(p + "\n")
    }
    io.flush()
    note("LITERALS \(rules.patterns.count)")
    return 0
  }
}
