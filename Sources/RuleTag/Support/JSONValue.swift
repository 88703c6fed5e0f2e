// Parsed JSON values and syntax errors, shared by the reader and its callers.
//
// The reader hands out raw byte ranges for the large fields; `JSONValue`
// is only built for the small ones (ids, labels, evidence).

/// A parsed JSON value (used for the small fields: ids, labels, evidence).
public enum JSONValue: Equatable, Sendable {
  case string(String)
  case number(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The value as an id string: strings as they are, numbers as written.
  public var idString: String? {
    switch self {
    case .string(let s): return s
    case .number(let n): return n
    default: return nil
    }
  }
}

/// A JSON syntax error at a byte offset of the input.
public struct JSONError: Error, Equatable, Sendable {
  public var message: String
  public var offset: Int
}
