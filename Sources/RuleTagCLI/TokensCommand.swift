// `ruletag tokens`: what matching sees of a piece of text (the arguments,
// or standard input given as `-`).

import Foundation
import RuleTag

enum TokensCommand {
  static let spec = CommandSpec(
    name: "tokens", summary: "Show the normalised text and its tokens (Han bigrams, whole words).",
    positional: "TEXT ... | -", flags: [],
    example: "ruletag tokens '外賣小哥 ＡＰＰ 双\n向赋能'\necho '外賣小哥' | ruletag tokens -")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    guard !f.positional.isEmpty else {
      io.error("error: `ruletag tokens` needs some text\nrun `ruletag tokens --help` for usage\n")
      return ExitCode.usage
    }
    var text = f.positional.joined(separator: " ")
    if f.positional == ["-"] {
      let data = FileHandle(fileDescriptor: io.standardInput, closeOnDealloc: false).readDataToEndOfFile()
      guard let s = String(data: data, encoding: .utf8) else {
        io.error("error: standard input is not UTF-8\n")
        return ExitCode.usage
      }
      // The line end `echo` adds is not part of the text.
      text = s.hasSuffix("\n") ? String(s.dropLast()) : s
    }
    let (normalized, tokens) = Tokenizer.tokens(of: text)
    io.write("normalized: \(normalized.replacingOccurrences(of: "\n", with: "⏎"))\n")
    io.write("tokens: " + tokens.map { $0.kind == .word ? "[\($0.text)]" : $0.text }.joined(separator: " ") + "\n")
    return ExitCode.ok
  }
}
