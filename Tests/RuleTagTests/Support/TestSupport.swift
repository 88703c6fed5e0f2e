// Shared helpers for the RuleTag tests: a seeded random generator, rule
// compilation in one call, golden-file comparison with a line diff, and the
// location of test data (found from #filePath, as the package excludes it
// from the target's resources).

import Foundation
import Testing

@testable import RuleTag

/// SplitMix64: a small, seeded, reproducible random generator. A failing
/// random case prints its seed so it can be replayed.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

enum TestPaths {
  /// Tests/RuleTagTests
  static let testsRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  static let data = testsRoot.appendingPathComponent("Data")
  static let golden = testsRoot.appendingPathComponent("Golden")
  /// RULETAG_UPDATE_GOLDEN=1 rewrites golden files (and fails, so that
  /// someone reviews the new recording).
  static var updateGolden: Bool { ProcessInfo.processInfo.environment["RULETAG_UPDATE_GOLDEN"] == "1" }
}

/// A temporary folder removed at the end of `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) rethrows -> T {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-tests-\(UUID().uuidString)")
  try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  return try body(dir)
}

/// A new temporary folder; the caller removes it (`defer`).
func makeTemporaryDirectory() -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-tests-\(UUID().uuidString)")
  try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

/// Parses and compiles rule text; records an issue and returns nil on errors.
func compileRules(
  _ text: String, file: String = "t.rules", sourceLocation: SourceLocation = #_sourceLocation
) -> CompiledRules? {
  let set = RuleParser.parse(text, file: file)
  switch CompiledRules.compile(set) {
  case .success(let c): return c
  case .failure(let f):
    Issue.record(
      "rules did not compile:\n\(f.diagnostics.map { $0.rendered() }.joined())", sourceLocation: sourceLocation)
    return nil
  }
}

/// All diagnostics (errors and warnings) of parsing plus compiling, sorted
/// the way `ruletag check` sorts them.
func allDiagnostics(_ set: RuleSet) -> [Diagnostic] {
  let ds: [Diagnostic]
  switch CompiledRules.compile(set) {
  case .success(let c): ds = set.diagnostics + c.diagnostics
  case .failure(let f): ds = f.diagnostics
  }
  return ds.sorted { ($0.span.file, $0.span.line, $0.span.column) < ($1.span.file, $1.span.line, $1.span.column) }
}

/// Compares two multi-line strings; on a difference records one issue with
/// a line diff (`-` expected, `+` actual).
func expectEqualLines(
  _ actual: String, _ expected: String, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual != expected else { return }
  Issue.record("\(what) differs:\n\(lineDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
}

/// A minimal line diff (LCS based), enough to read a golden mismatch.
func lineDiff(expected: String, actual: String) -> String {
  let a = expected.components(separatedBy: "\n")
  let b = actual.components(separatedBy: "\n")
  let n = a.count, m = b.count
  var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
  for i in stride(from: n - 1, through: 0, by: -1) {
    for j in stride(from: m - 1, through: 0, by: -1) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
    }
  }
  var out: [String] = []
  var i = 0, j = 0
  while i < n || j < m {
    if i < n, j < m, a[i] == b[j] {
      out.append("  " + a[i]); i += 1; j += 1
    } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
      out.append("+ " + b[j].debugDescription.dropFirst().dropLast()); j += 1
    } else {
      out.append("- " + a[i].debugDescription.dropFirst().dropLast()); i += 1
    }
  }
  return out.joined(separator: "\n")
}

/// Compares `actual` with the golden file at `url`. With
/// RULETAG_UPDATE_GOLDEN=1 the file is (re)written and the test fails, so a
/// new recording is always reviewed.
func expectGolden(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
  let existing = try? String(contentsOf: url, encoding: .utf8)
  if TestPaths.updateGolden {
    if existing != actual {
      try! actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("recorded golden file \(url.path); review it and rerun without RULETAG_UPDATE_GOLDEN", sourceLocation: sourceLocation)
    }
    return
  }
  guard let existing else {
    Issue.record(
      "missing golden file \(url.path); run with RULETAG_UPDATE_GOLDEN=1 to record it", sourceLocation: sourceLocation)
    return
  }
  expectEqualLines(actual, existing, url.lastPathComponent, sourceLocation: sourceLocation)
}

extension String {
  /// The UTF-8 bytes as an array.
  var bytes: [UInt8] { Array(utf8) }
}
