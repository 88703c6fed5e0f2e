import RuleTag
enum EvalCommand {
  static let spec = CommandSpec(name: "eval", summary: "Measure rules against a labelled corpus.", positional: "", flags: [], example: "ruletag eval")
  static func run(_ args: [String], io: CommandIO) -> Int32 { 0 }
}
