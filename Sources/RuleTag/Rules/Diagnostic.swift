// Diagnostics: rule-file mistakes reported the way a compiler reports them.
//
// Every diagnostic has a stable code (`RT0xx` errors, `RT1xx` warnings), a
// kebab-case name, a lowercase message, the span it points at and a hint.
// They are built through the typed constructors in Diagnostic+Kinds.swift,
// so tests compare values, and rendered by Diagnostic+Rendering.swift.

/// A place in a rule file: 1-based line, 1-based column in Unicode scalars,
/// and a length in scalars.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var length: Int

  public init(file: String, line: Int, column: Int, length: Int) {
    self.file = file
    self.line = line
    self.column = column
    self.length = length
  }

  /// The location as `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }
  /// `file:line`, how evidence names a rule.
  public var fileLine: String { "\(file):\(line)" }
}

/// One finding about a rule file.
public struct Diagnostic: Hashable, Sendable {
  public enum Severity: String, Sendable { case error, warning }

  public var severity: Severity
  /// Stable code such as `RT104`.
  public var code: String
  /// Stable kebab-case name such as `duplicate-keyword`.
  public var name: String
  public var message: String
  public var span: SourceSpan
  /// The source line the span is on (without its line break).
  public var lineText: String
  public var hint: String?
  /// A second place that explains this one, such as "first defined here".
  public var note: Note?

  public struct Note: Hashable, Sendable {
    public var message: String
    public var span: SourceSpan
    public var lineText: String
  }

  public var isError: Bool { severity == .error }
}
