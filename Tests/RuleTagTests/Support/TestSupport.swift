// Helpers of the RuleTag tests that need the library: rule compilation in
// one call, diagnostics sorted as `ruletag check` sorts them, and this
// target's data folders. What every test target shares (line diffs, golden
// files, the package root and the devset, seeded randomness, temporary
// folders) is in the RuleTagTestSupport target.

import Foundation
import Testing

@testable import RuleTag
@_exported import RuleTagTestSupport

enum TestPaths {
  /// The folder of this test target, Tests/RuleTagTests.
  static let testsRoot = PackagePaths.tests("RuleTagTests")
  static let data = testsRoot.appendingPathComponent("Data")
  static let golden = testsRoot.appendingPathComponent("Golden")
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

extension String {
  /// The UTF-8 bytes as an array.
  var bytes: [UInt8] { Array(utf8) }
}
