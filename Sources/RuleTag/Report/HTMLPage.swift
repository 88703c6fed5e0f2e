// The parts that every HTML page of ruletag shares (the `eval` report and
// the `diff` report): the document skeleton with the inline stylesheet,
// the footer, the date as shown, the command line as shown, the
// fingerprint digest and the escaping shorthand.

import Foundation

/// The skeleton of a self-contained report page.
enum HTMLPage {
  /// The document around `body`: the head with `title`, the shared
  /// stylesheet followed by `css`, the body in `.wrap`, and the footer.
  static func document(title: String, generator: String, css: String, body: String) -> String {
    var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    h += "<meta name=\"generator\" content=\"\(esc(generator))\">\n"
    h += "<title>\(esc(title))</title>\n"
    h += "<style>\n" + HTMLStyle.sheet + css + "</style>\n</head>\n<body>\n"
    h += "<div class=\"wrap\">\n"
    h += body
    h += "<footer><p>Made by \(esc(generator)). This file loads nothing and runs no script: "
    h += "the filters are radio buttons styled with CSS.</p></footer>\n"
    h += "</div>\n</body>\n</html>\n"
    return h
  }

  /// `date` as a `<time>` element: ISO 8601 in UTC, shown as
  /// `2027-01-15 08:00:00 UTC`.
  static func time(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    let when = f.string(from: date)
    return
      "<time datetime=\"\(when)\">\(when.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC"))</time>"
  }

  /// `w` as a shell would need it quoted, for the command line shown.
  static func shellWord(_ w: String) -> String {
    let plain =
      !w.isEmpty
      && w.unicodeScalars.allSatisfy { c in
        CharacterSet.alphanumerics.contains(c) || "-_./=:,+@%".unicodeScalars.contains(c)
      }
    return plain ? w : "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The command line as a `.meta` row, or "" when it is not known.
  static func commandRow(_ command: [String]) -> String {
    guard !command.isEmpty else { return "" }
    return "<div><dt>Command</dt><dd><code>\(esc(command.map(shellWord).joined(separator: " ")))</code></dd></div>\n"
  }

  /// The rule files of `rules`, in rule order, with their rule counts.
  static func ruleFiles(_ rules: CompiledRules) -> [(file: String, rules: Int)] {
    var files: [(file: String, rules: Int)] = []
    for r in rules.rules {
      let file = r.location.lastIndex(of: ":").map { String(r.location[..<$0]) } ?? r.location
      if let k = files.firstIndex(where: { $0.file == file }) { files[k].rules += 1 } else { files.append((file, 1)) }
    }
    return files
  }
}

/// Escapes for the page; a shorter name for the many places that need it.
@inline(__always)
func esc(_ s: String) -> String { HTMLText.escape(s) }
