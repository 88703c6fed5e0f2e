// Comparing text with what a test expects: a line diff (LCS based, enough
// to read a mismatch) and golden files. RULETAG_UPDATE_GOLDEN=1 rewrites a
// golden file that differs, and the test then fails, so that a new
// recording is always reviewed before it is committed.

import Foundation
import Testing

/// Whether golden files are being recorded (RULETAG_UPDATE_GOLDEN=1).
public var recordingGolden: Bool { ProcessInfo.processInfo.environment["RULETAG_UPDATE_GOLDEN"] == "1" }

/// Compares two multi-line strings; on a difference records one issue with
/// a line diff (`-` expected, `+` actual).
public func expectEqualLines(
  _ actual: String, _ expected: String, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual != expected else { return }
  Issue.record("\(what) differs:\n\(lineDiff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
}

/// A minimal line diff from the longest common subsequence of lines:
/// `  ` common, `- ` only expected, `+ ` only actual (changed lines are
/// shown escaped, so that invisible differences show).
public func lineDiff(expected: String, actual: String) -> String {
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

/// Compares `actual` with the golden file at `url`; with
/// RULETAG_UPDATE_GOLDEN=1 (re)writes it instead and fails.
public func expectGolden(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
  let name = PackagePaths.relative(url)
  let existing = try? String(contentsOf: url, encoding: .utf8)
  if recordingGolden {
    if existing != actual {
      do {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "recorded \(name); review it and rerun without RULETAG_UPDATE_GOLDEN", sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
      }
    }
    return
  }
  guard let existing else {
    Issue.record("missing \(name); run with RULETAG_UPDATE_GOLDEN=1 to record it", sourceLocation: sourceLocation)
    return
  }
  expectEqualLines(actual, existing, name, sourceLocation: sourceLocation)
}
