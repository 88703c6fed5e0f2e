// `ruletag diff`: which articles changed between two tag runs, and which
// rule lines changed them.

import Foundation
import RuleTag

enum DiffCommand {
  static let spec = CommandSpec(
    name: "diff",
    summary: "Show which articles changed between two `tag --format jsonl` runs, and the rule lines behind it.",
    positional: "BEFORE.jsonl AFTER.jsonl   (either one `-`: standard input)",
    flags: [],
    example:
      "ruletag tag Corpus/ --format jsonl --explain > before.jsonl\n# edit Rules/…\nruletag tag Corpus/ --format jsonl --explain > after.jsonl\nruletag diff before.jsonl after.jsonl"
  )

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    guard f.positional.count == 2 else {
      io.error("error: `ruletag diff` needs two files: BEFORE.jsonl AFTER.jsonl\n")
      return ExitCode.usage
    }
    guard f.positional[0] != "-" || f.positional[1] != "-" else {
      io.error("error: only one of BEFORE and AFTER can be `-` (standard input)\n")
      return ExitCode.usage
    }
    var sides: [[TaggedRecord]] = []
    for path in f.positional {
      let contents =
        path == "-"
        ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: io.path(path))
      guard let data = contents else {
        io.error("error: cannot read \(path)\n")
        return ExitCode.usage
      }
      sides.append(data.split(separator: UInt8(ascii: "\n")).compactMap { TaggedRecord.parse(Array($0)) })
    }
    let (changes, onlyBefore, onlyAfter) = TagDiff.compare(before: sides[0], after: sides[1])
    for c in changes {
      var parts: [String] = c.added.map { "+\($0)" } + c.removed.map { "-\($0)" }
      let scores = c.scoreChanges.map { "\($0.0) \(JSONWriter.format($0.1))→\(JSONWriter.format($0.2))" }
      if parts.isEmpty { parts = ["scores only"] }
      io.write("\(c.id)  \(parts.joined(separator: " "))  (\(scores.joined(separator: ", ")))\n")
      for r in c.rulesGained { io.write("    now fires:     \(r)\n") }
      for r in c.rulesLost { io.write("    no longer:     \(r)\n") }
    }
    for id in onlyBefore { io.write("\(id)  only in \(f.positional[0])\n") }
    for id in onlyAfter { io.write("\(id)  only in \(f.positional[1])\n") }
    let tagChanges = changes.filter { !$0.added.isEmpty || !$0.removed.isEmpty }.count
    io.error(
      "summary: \(counted(sides[1].count, "article")) compared: \(tagChanges) with changed tags, \(changes.count - tagChanges) with changed scores only; \(onlyBefore.count) only before, \(onlyAfter.count) only after\n"
    )
    return ExitCode.ok
  }
}
