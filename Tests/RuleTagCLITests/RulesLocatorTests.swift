// Where rules come from: --rules, RULETAG_RULES, ./Rules, then the rules
// built into the binary; and the error that names every place looked at.

import Foundation
import RuleTag
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct RulesLocatorTests {
  /// The embedded rules are the package's Rules/ folder, file for file and
  /// byte for byte (the build plugin regenerates them from it).
  @Test func embeddedRulesEqualTheRulesFolder() throws {
    let root = PackagePaths.rules.path
    let onDisk = ((FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []).sorted().filter {
      var isDir: ObjCBool = false
      return !$0.split(separator: "/").contains { $0.hasPrefix(".") }
        && FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDir) && !isDir.boolValue
    }
    #expect(EmbeddedRules.files.map(\.path) == onDisk)
    for f in EmbeddedRules.files {
      let disk = try #require(FileManager.default.contents(atPath: root + "/" + f.path))
      #expect(f.bytes == Array(disk), "\(f.path) differs from Rules/\(f.path)")
    }
    #expect(EmbeddedRules.files.filter { $0.path.hasSuffix(".rules") }.count >= 10)
  }

  /// The first place given or present wins: flag, environment, ./Rules,
  /// built-in.
  @Test func lookupOrder() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let envRules = dir.appendingPathComponent("env.rules")
    try "topic a \"a\" threshold 1\n  +1 x\n".write(to: envRules, atomically: true, encoding: .utf8)
    func locate(_ flag: String?, _ env: [String: String]) -> Result<RulesLocator.Source, RulesLocator.NotFound> {
      RulesLocator.locate(flag, io: CommandIO(capture: true, directory: dir.path, environment: env))
    }
    let env = ["RULETAG_RULES": envRules.path]
    #expect(locate(nil, [:]) == .success(.embedded))
    #expect(locate(nil, ["RULETAG_RULES": ""]) == .success(.embedded))
    #expect(locate(nil, env) == .success(.path(envRules.path)))
    #expect(locate("env.rules", [:]) == .success(.path("env.rules")))
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("Rules"), withIntermediateDirectories: true)
    try "topic b \"b\" threshold 1\n  +1 y\n".write(
      to: dir.appendingPathComponent("Rules/b.rules"), atomically: true, encoding: .utf8)
    #expect(locate(nil, [:]) == .success(.path("Rules")))
    #expect(locate(nil, env) == .success(.path(envRules.path)))
    #expect(locate("env.rules", ["RULETAG_RULES": "/nowhere"]) == .success(.path("env.rules")))
  }

  /// A missing --rules or RULETAG_RULES, or a folder without rule files, is
  /// an error naming each place looked at by its absolute path, and no
  /// made-up `file:1:1` location.
  @Test func notFoundNamesEveryPlace() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cases: [([String], [String: String], String)] = [
      (["--rules", "missing"], [:], "  --rules missing (\(dir.path)/missing): no such file or folder\n"),
      (
        [], ["RULETAG_RULES": "gone/x.rules"],
        "  RULETAG_RULES=gone/x.rules (\(dir.path)/gone/x.rules): no such file or folder\n"
      ),
      (["--rules", "empty"], [:], "  --rules empty (\(dir.path)/empty): a folder without *.rules files\n"),
    ]
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
    for command in ["tag", "check", "eval"] {
      for (args, env, place) in cases {
        let io = CommandIO(capture: true, directory: dir.path, environment: env)
        let code = RuleTagCLI.run([command] + args, io: io)
        #expect(code == ExitCode.usage)
        #expect(
          io.errString
            == "error: no rules found; looked at:\n" + place
            + "give a rule file or folder with --rules or RULETAG_RULES, or run where ./Rules is\n",
          "\(command) \(args)")
        #expect(!io.errString.contains(":1:1"))
        #expect(io.outString.isEmpty)
      }
    }
  }

  /// `ruletag tag FILE` from a folder without Rules and without
  /// RULETAG_RULES tags with the built-in rules, exactly as `--rules Rules`
  /// does in the package.
  @Test func tagFromAnywhereUsesTheBuiltInRules() throws {
    let exe = try #require(BuiltBinary.ruletag, "\(BuiltBinary.missing("ruletag"))")
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in.jsonl")
    try FileManager.default.copyItem(at: PackagePaths.corpusFile, to: input)
    var env = ProcessInfo.processInfo.environment
    env["RULETAG_RULES"] = nil
    let anywhere = runProgram(exe, ["tag", "--format", "jsonl", "--explain", input.path], in: dir, environment: env)
    let package = runProgram(
      exe, ["tag", "--rules", "Rules", "--format", "jsonl", "--explain", input.path], in: PackagePaths.root,
      environment: env)
    #expect(anywhere.status == 0, "\(anywhere.err)")
    #expect(anywhere.outString.contains(#""rule":"Rules/"#))
    #expect(anywhere.out == package.out)
    let check = runProgram(exe, ["check"], in: dir, environment: env)
    #expect(check.status == 0)
    let files = EmbeddedRules.files.filter { $0.path.hasSuffix(".rules") }.count
    #expect(check.err.hasPrefix("checked \(files) files (the rules built into ruletag): "), "\(check.err)")
  }
}

extension RulesLocatorTests {
  /// `--rules -` reads one rule file from standard input, named `<stdin>`
  /// in diagnostics and evidence; tag refuses it when the articles would
  /// come from standard input too.
  @Test func rulesFromStandardInput() throws {
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "{\"id\":\"a\",\"text\":\"骑手\"}\n".write(
      to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
    func run(_ args: [String], rules: String) throws -> CommandIO {
      let file = dir.appendingPathComponent("rules-\(UUID().uuidString)")
      try rules.write(to: file, atomically: true, encoding: .utf8)
      let fd = open(file.path, O_RDONLY)
      defer { close(fd) }
      let io = CommandIO(capture: true, directory: dir.path)
      io.standardInput = fd
      _ = RuleTagCLI.run(args, io: io)
      return io
    }
    let tag = try run(
      ["tag", "--rules", "-", "--format", "jsonl", "in.jsonl"], rules: "topic a \"a\" threshold 1\n  +1 骑手\n")
    #expect(
      tag.outString.contains(#""tags":["a"]"#) && tag.outString.contains(#""rule":"<stdin>:2""#), "\(tag.outString)")
    let check = try run(["check", "--rules", "-", "--format", "short"], rules: "topic a \"a\" threshold 1\n  +x 骑手\n")
    #expect(check.outString.contains("<stdin>:2:3: error"), "\(check.outString)")
    let both = try run(["tag", "--rules", "-"], rules: "")
    #expect(both.errString == "error: standard input can hold the rules (--rules -) or the articles, not both\n")
  }
}
