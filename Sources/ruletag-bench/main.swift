// ruletag-bench: the matcher on the peers' work, and the speed of `tag`.
//
// One file per subcommand, each with its usage in its header:
//   count     Count.swift     the peers' keyword counting, checked against
//                             the naive matcher on a sample
//   tag       Tag.swift       the `tag` pipeline against `cat`, stage by
//                             stage, and the matcher's keyword scaling
//   literals  Literals.swift  the literal set the rules compile into
//   pairs     Pairs.swift     two shell commands timed in turns
//   peer      Peer.swift      `tag` against py_rules.py, in pairs
// Each is a function `(args, io) -> exit code` whose flags are parsed by the
// `ruletag` command line's parser (RuleTagCLI's `CommandSpec`). Exit 1 when
// a check fails, 2 for an unknown subcommand or option.
//
// See Sources/RuleTag/Matching/DESIGN.md for the numbers and how to read them.

import Foundation
import RuleTagCLI

let usage = """
  usage: ruletag-bench count CORPUS KEYWORDS [--expect N] [--sample-every N]
         ruletag-bench tag CORPUS [--rules Rules] [--runs N] [--keywords kw200.txt,kw2000.txt,kw10000.txt]
         ruletag-bench literals [--rules Rules]
         ruletag-bench pairs [--runs N] [--warmup K] 'COMMAND A' 'COMMAND B'
         ruletag-bench peer CORPUS --script py_rules.py [--rules R] [--modes full,kw] [--runs N] [--warmup K]
  """

let arguments = Array(CommandLine.arguments.dropFirst())
let rest = Array(arguments.dropFirst())
let io = CommandIO.standard()
let code: Int32
switch arguments.first {
case "count": code = CountBench.run(rest, io: io)
case "tag": code = TagBench.run(rest, io: io)
case "literals": code = LiteralsBench.run(rest, io: io)
case "pairs": code = PairsBench.run(rest, io: io)
case "peer": code = PeerBench.run(rest, io: io)
default:
  note(usage)
  code = 2
}
io.flush()
exit(code)
