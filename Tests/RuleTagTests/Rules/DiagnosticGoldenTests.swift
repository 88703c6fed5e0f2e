// Golden diagnostics, yara-x style: Golden/diagnostics/<CODE>_<name>.rules
// holds rules with a mistake, <CODE>_<name>.out the rendered diagnostics of
// parsing and compiling them (all of them, errors and warnings, sorted as
// `ruletag check` sorts them). Every code RT001–RT022 and RT101–RT107 has
// at least one case, and each case must produce the code in its name.
// Files that cases include live in Golden/diagnostics/shared/.
//
// A case whose first line is `#! load PATH` loads PATH (relative to the
// golden folder) instead of the file itself (RT015: nothing to load).
//
// RULETAG_UPDATE_GOLDEN=1 rewrites the .out files; a new recording fails
// the test so someone reviews it.

import Foundation
import Testing

@testable import RuleTag

@Suite struct DiagnosticGoldenTests {
  static let folder = TestPaths.golden.appendingPathComponent("diagnostics")

  static var caseNames: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.map { String($0.dropLast(6)) }.sorted()
  }

  static let allCodes = (1...22).map { String(format: "RT%03d", $0) } + (101...107).map { "RT\($0)" }

  /// Loads a case and returns its diagnostics with paths made relative.
  static func diagnostics(of name: String) throws -> [Diagnostic] {
    let file = folder.appendingPathComponent(name + ".rules")
    let text = try String(contentsOf: file, encoding: .utf8)
    var path = file.path
    if let first = text.split(separator: "\n").first, first.hasPrefix("#! load ") {
      path = folder.appendingPathComponent(String(first.dropFirst(8))).path
    }
    return allDiagnostics(RuleParser.load(path: path))
  }

  static func relative(_ s: String) -> String {
    s.replacingOccurrences(of: folder.path + "/", with: "")
  }

  @Test func everyCodeHasACase() {
    let covered = Set(Self.caseNames.map { String($0.prefix(5)) })
    #expect(
      Set(Self.allCodes).subtracting(covered).isEmpty,
      "codes without a golden case: \(Set(Self.allCodes).subtracting(covered).sorted())")
  }

  @Test(arguments: caseNames)
  func golden(_ name: String) throws {
    let ds = try Self.diagnostics(of: name)
    let code = String(name.prefix(5))
    #expect(ds.contains { $0.code == code }, "\(name) should report \(code); got \(ds.map(\.code))")
    // Severity follows the code: RT0xx errors, RT1xx warnings.
    for d in ds {
      #expect(d.isError == d.code.hasPrefix("RT0"), "\(d.code) has severity \(d.severity)")
    }
    let rendered = Self.relative(ds.map { $0.rendered() }.joined(separator: "\n"))
    expectGolden(rendered, at: Self.folder.appendingPathComponent(name + ".out"))
  }

  /// Under every snippet, the markers cover exactly the span's characters,
  /// counting two columns for each CJK character.
  @Test(arguments: caseNames)
  func caretsLineUp(_ name: String) throws {
    for d in try Self.diagnostics(of: name) {
      var snippets: [(SourceSpan, String)] = [(d.span, d.lineText)]
      if let n = d.note { snippets.append((n.span, n.lineText)) }
      let lines = d.rendered().components(separatedBy: "\n")
      for (span, text) in snippets where !text.isEmpty {
        // Find "N | text" followed by the marker line.
        guard let i = lines.firstIndex(where: { $0.hasSuffix(" | " + text) && $0.contains("\(span.line) | ") }),
          i + 1 < lines.count
        else {
          Issue.record("\(name): no snippet for \(span) in\n\(d.rendered())")
          continue
        }
        let bar = lines[i].range(of: " | ")!
        let gutter = lines[i].distance(from: lines[i].startIndex, to: bar.upperBound)
        let markerLine = Array(lines[i + 1])
        let markers = markerLine.dropFirst(gutter)
        let indent = markers.prefix { $0 == " " }.count
        let width = markers.dropFirst(indent).prefix { $0 == "^" || $0 == "-" }.count
        // The characters under columns indent..<indent+width.
        var col = 0
        var under: [Unicode.Scalar] = []
        for s in text.unicodeScalars {
          let w = DisplayWidth.of(s.value)
          if col >= indent && col + w <= indent + width && w > 0 { under.append(s) }
          col += w
        }
        let scalars = Array(text.unicodeScalars)
        let start = span.column - 1
        if start >= scalars.count {
          // Past the end of the line ("expected … here"): one marker after the text.
          #expect(indent == DisplayWidth.of(text) && width == 1, "\(name) \(span)")
        } else {
          let expected = Array(scalars[start..<min(scalars.count, start + max(1, span.length))])
          #expect(
            under == expected,
            "\(name) \(span): markers cover \(String(String.UnicodeScalarView(under))) not \(String(String.UnicodeScalarView(expected)))"
          )
        }
      }
    }
  }

  /// The README's example, written out by hand.
  ///
  /// Columns count Unicode
  /// scalars (`cpa` is the 26th), while the caret is indented by display
  /// width: 29 columns, as 骑手 and 之家 take two each.
  /// (The README itself shows `:4:20`, which matches neither count.)
  @Test func readmeExample() {
    let line = "  +2  骑手  not-before 之家  cpa 2"
    let set = RuleParser.parse(
      "topic new-employment \"n\" threshold 2\n" + line + "\n", file: "Rules/new-employment.rules")
    let d = set.diagnostics.first { $0.code == "RT005" }
    let expected = [
      "error[RT005]: unknown option `cpa`",
      " --> Rules/new-employment.rules:2:26",
      "  |",
      "2 | " + line,
      "  | " + String(repeating: " ", count: 29) + "^^^",
      "  = hint: did you mean `cap`?",
      "",
    ].joined(separator: "\n")
    expectEqualLines(d?.rendered() ?? "<none>", expected, "rendered")
    #expect(d?.oneLine() == "Rules/new-employment.rules:2:26: error: unknown option `cpa` [RT005]")
    #expect(
      d?.json()
        == #"{"file":"Rules/new-employment.rules","line":2,"column":26,"length":3,"severity":"error","code":"RT005","name":"unknown-option","message":"unknown option `cpa`","hint":"did you mean `cap`?"}"#
    )
  }

  /// Parsing goes on after a mistake: every bad line is reported.
  @Test func collectsEveryError() {
    let set = RuleParser.parse(
      "topic new-employment \"n\" threshold 1\n  +x a\n  +2 b cpa 1\n  +2 foo(b)\n  +2 c\n", file: "f.rules")
    #expect(set.errors.map(\.code) == ["RT003", "RT005", "RT006"])
    #expect(set.errors.map(\.span.line) == [2, 3, 4])
    #expect(set.topics[0].rules.count == 1)
  }
}
