// A small checker for the HTML the report writes: it does not parse all of
// HTML, only the subset the report may use, and rejects anything outside
// it. Tags must have a known name and double-quoted attributes; every
// element that is not void (or a self-closed SVG shape) must be closed in
// order; text may hold `&` only as one of the report's character
// references; `<style>` holds raw text up to `</style>`.

import Foundation

enum HTMLChecker {
  /// Elements with no end tag.
  static let void: Set<String> = ["meta", "input", "br"]
  /// Every element the report may write.
  static let known: Set<String> = [
    "html", "head", "meta", "title", "style", "body", "div", "header", "main", "footer", "section", "article", "nav",
    "h1", "h2", "h3", "p", "span", "b", "small", "code", "time", "dl", "dt", "dd", "details", "summary", "ul", "ol",
    "li", "a", "mark", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "input", "label", "q", "br",
    "svg", "rect", "text", "g",
  ]
  static let references: Set<String> = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]

  /// The problems found, empty when `html` is well formed.
  static func problems(_ html: String) -> [String] {
    var out: [String] = []
    var stack: [String] = []
    let s = Array(html.unicodeScalars)
    var i = 0
    let prefix = "<!DOCTYPE html>\n"
    if !html.hasPrefix(prefix) { out.append("does not start with \(prefix.debugDescription)") }
    i = prefix.unicodeScalars.count
    func text(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(s[a..<b])) }
    while i < s.count {
      if s[i] == "&" {
        let end = s[i...].firstIndex(of: ";").map { $0 + 1 } ?? s.count
        let ref = text(i, min(end, i + 8))
        if !references.contains(ref) { out.append("bare & at \(i): \(text(i, min(s.count, i + 12)).debugDescription)") }
        i += 1
        continue
      }
      if s[i] == ">" { out.append("bare > at \(i)") }
      guard s[i] == "<" else {
        i += 1
        continue
      }
      guard let close = s[i...].firstIndex(of: ">") else {
        out.append("unterminated tag at \(i)")
        break
      }
      let tag = text(i + 1, close)
      i = close + 1
      if tag.hasPrefix("/") {
        let name = String(tag.dropFirst())
        if stack.last == name {
          stack.removeLast()
        } else {
          out.append("</\(name)> at \(i) closes <\(stack.last ?? "nothing")>")
        }
        continue
      }
      guard let (name, selfClosed) = parseTag(tag) else {
        out.append("malformed tag <\(tag)>")
        continue
      }
      if !known.contains(name) { out.append("unexpected element <\(name)>") }
      if name == "style" {
        guard let end = html.range(of: "</style>") else {
          out.append("unclosed <style>")
          break
        }
        i = html.unicodeScalars.distance(from: html.unicodeScalars.startIndex, to: end.upperBound)
        continue
      }
      if !void.contains(name) && !selfClosed { stack.append(name) }
    }
    if !stack.isEmpty { out.append("unclosed: \(stack.joined(separator: " "))") }
    return out
  }

  /// `name attr="v" …` with an optional final `/`: the name and whether it
  /// closed itself; nil when it is not of that form.
  static func parseTag(_ tag: String) -> (String, Bool)? {
    var t = Substring(tag)
    var selfClosed = false
    if t.hasSuffix("/") {
      selfClosed = true
      t = t.dropLast()
    }
    let name = t.prefix { $0.isLetter || $0.isNumber }
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII }) else { return nil }
    var rest = t.dropFirst(name.count)
    while !rest.isEmpty {
      guard rest.first == " " else { return nil }
      rest = rest.drop { $0 == " " }
      if rest.isEmpty { break }
      let attr = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
      guard !attr.isEmpty else { return nil }
      rest = rest.dropFirst(attr.count)
      if rest.hasPrefix("=\"") {
        rest = rest.dropFirst(2)
        guard let q = rest.firstIndex(of: "\"") else { return nil }
        if rest[..<q].contains("<") { return nil }
        rest = rest[rest.index(after: q)...]
      }
    }
    return (String(name), selfClosed)
  }

  /// The text of `s` with the report's character references decoded.
  static func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// Every match of `pattern` in `s`: the captured groups of each.
  static func matches(_ pattern: String, in s: String) -> [[String]] {
    guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
    let ns = s as NSString
    return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
      (1..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
    }
  }
}
