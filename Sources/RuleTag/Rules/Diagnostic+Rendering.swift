// Rendering diagnostics for people (with the source line and a caret), for
// editors and CI (one line each) and for tools (JSON).

extension Diagnostic {
  /// The long form, for people.
  ///
  /// ```
  /// error[RT005]: unknown option `cap2`
  ///   --> Rules/x.rules:4:12
  ///    |
  ///  4 |   +2 骑手 cap2
  ///    |           ^^^^
  ///    = hint: did you mean `cap`?
  /// ```
  public func rendered() -> String {
    var out = "\(severity.rawValue)[\(code)]: \(message)\n"
    let gutter = String(span.line).count
    let pad = String(repeating: " ", count: gutter)
    out += "\(pad)--> \(span)\n"
    if !lineText.isEmpty {
      out += "\(pad) |\n"
      out += Diagnostic.snippet(lineText, span: span, gutter: gutter, marker: "^", label: nil)
    }
    if let note {
      out += "\(pad) = note: \(note.message)\n"
      out += "\(pad)--> \(note.span)\n"
      out += Diagnostic.snippet(note.lineText, span: note.span, gutter: gutter, marker: "-", label: nil)
    }
    if let hint { out += "\(pad) = hint: \(hint)\n" }
    return out
  }

  static func snippet(_ line: String, span: SourceSpan, gutter: Int, marker: Character, label: String?) -> String {
    let number = String(span.line)
    let lineNo = String(repeating: " ", count: max(0, gutter - number.count)) + number
    let pad = String(repeating: " ", count: max(gutter, number.count))
    let scalars = Array(line.unicodeScalars)
    let before = scalars.prefix(max(0, span.column - 1))
    let marked = scalars.dropFirst(max(0, span.column - 1)).prefix(max(1, span.length))
    let indent = before.reduce(0) { $0 + DisplayWidth.of($1.value) }
    let width = max(1, marked.reduce(0) { $0 + DisplayWidth.of($1.value) })
    var out = "\(lineNo) | \(line)\n"
    out += "\(pad) | " + String(repeating: " ", count: indent) + String(repeating: marker, count: width)
    if let label { out += " \(label)" }
    return out + "\n"
  }

  /// The one-line form: `file:line:col: error: message [RT005]`.
  public func oneLine() -> String {
    "\(span): \(severity.rawValue): \(message) [\(code)]"
  }

  /// A JSON object for tools.
  public func json() -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("file"); w.string(span.file)
    w.key("line"); w.int(span.line)
    w.key("column"); w.int(span.column)
    w.key("length"); w.int(span.length)
    w.key("severity"); w.string(severity.rawValue)
    w.key("code"); w.string(code)
    w.key("name"); w.string(name)
    w.key("message"); w.string(message)
    if let hint { w.key("hint"); w.string(hint) }
    w.endObject()
    return w.string
  }
}
