// The package's built binaries, and running a program to completion.
//
// A binary is looked for where this `swift test` run built it: beside the
// test bundle (whatever the scratch path), a few folders up from it on
// platforms that put the tests in a bundle folder, then under .build of the
// package. RULETAG_BIN names the `ruletag` to use instead; the other
// binaries are then looked for beside it.

import Foundation

/// The binaries of this package that the tests run.
public enum BuiltBinary {
  /// The built `ruletag`.
  public static let ruletag: String? = path("ruletag")
  /// The built `ruletag-bench`.
  public static let bench: String? = path("ruletag-bench")

  /// The first executable file called `name` where the build puts it.
  static func path(_ name: String) -> String? {
    var candidates: [String] = []
    if let bin = ProcessInfo.processInfo.environment["RULETAG_BIN"] {
      let url = URL(fileURLWithPath: bin)
      candidates.append(
        name == "ruletag" ? url.path : url.deletingLastPathComponent().appendingPathComponent(name).path)
    }
    var dirs: [URL] = []
    if let e = Bundle.main.executableURL { dirs.append(e.deletingLastPathComponent()) }
    dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
    dirs.append(Bundle.main.bundleURL)
    if let a = CommandLine.arguments.first { dirs.append(URL(fileURLWithPath: a).deletingLastPathComponent()) }
    for b in Bundle.allBundles { dirs.append(b.bundleURL.deletingLastPathComponent()) }
    for d in dirs {
      var u = d
      for _ in 0..<4 {
        candidates.append(u.appendingPathComponent(name).path)
        u = u.deletingLastPathComponent()
      }
    }
    candidates += [".build/debug/", ".build/release/"].map { PackagePaths.root.appendingPathComponent($0 + name).path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !$0.hasSuffix("/") }
  }

  /// Why `name` cannot be run, for messages.
  public static func missing(_ name: String) -> String {
    "no built `\(name)` found beside the test bundle or under .build (set RULETAG_BIN to the `ruletag` to use)"
  }
}

/// What a finished program did.
public struct ProgramRun: Sendable {
  public var status: Int32
  public var out: Data
  public var err: String
  public var outString: String { String(decoding: out, as: UTF8.self) }
}

/// Runs `exe args` to completion: standard input from the file `stdin`
/// (else none), standard output collected (or sent to `stdout`), standard
/// error collected through a file so only one pipe has to be drained.
///
/// Status 127 and the reason when it cannot start.
public func runProgram(
  _ exe: String, _ args: [String], stdin: String? = nil, stdout: FileHandle? = nil, in directory: URL? = nil,
  environment: [String: String]? = nil
) -> ProgramRun {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: exe)
  p.arguments = args
  if let environment { p.environment = environment }
  if let directory { p.currentDirectoryURL = directory }
  let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-stderr-\(UUID().uuidString)")
    .path
  _ = FileManager.default.createFile(atPath: errPath, contents: nil)
  defer { try? FileManager.default.removeItem(atPath: errPath) }
  let pipe = Pipe()
  p.standardOutput = stdout ?? pipe
  p.standardError = FileHandle(forWritingAtPath: errPath)
  p.standardInput = stdin.flatMap { FileHandle(forReadingAtPath: $0) } ?? FileHandle.nullDevice
  do { try p.run() } catch { return ProgramRun(status: 127, out: Data(), err: "cannot start \(exe): \(error)") }
  let out = stdout == nil ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
  p.waitUntilExit()
  let err = FileManager.default.contents(atPath: errPath) ?? Data()
  return ProgramRun(status: p.terminationStatus, out: out, err: String(decoding: err, as: UTF8.self))
}
