// Articles and the input records they come from.
//
// An input record is one article's raw bytes and where they came from
// (`file:line`). Parsing a record gives an `Article` or an `InputError`
// that names the place: every record yields exactly one of the two, so the
// counts of a run always reconcile.

/// One article to tag.
public struct Article: Sendable {
  public var id: String
  /// Raw UTF-8 headline (may be empty).
  public var title: [UInt8]
  /// Raw UTF-8 body.
  public var text: [UInt8]
  /// `file:line` (or `file` for a .txt article).
  public var source: String
  /// Gold labels, when the record has a `labels` field.
  public var labels: [String]?
  /// Gold evidence sentences by topic, when present.
  public var labelEvidence: [(String, String)] = []
  /// Other top-level JSON fields, raw, passed through to the output.
  public var extra: [(String, [UInt8])] = []

  public init(id: String, title: String, text: String, source: String = "-") {
    self.id = id
    self.title = Array(title.utf8)
    self.text = Array(text.utf8)
    self.source = source
  }

  public var titleString: String { String(decoding: title, as: UTF8.self) }
  public var textString: String { String(decoding: text, as: UTF8.self) }
}

/// A bad input, with the place it came from.
public struct InputError: Error, Sendable, Equatable {
  public var source: String
  public var message: String
  /// The article id, when it could be read.
  public var id: String?

  /// `invalid JSON at corpus.jsonl:17: expected `,` or `}` (column 45)`
  public var description: String { "\(message)" }
}

/// Raw bytes of one article and where they came from.
public struct InputRecord: Sendable {
  public enum Kind: Sendable {
    /// One JSON object (a line of a .jsonl file).
    case json
    /// A whole text file: first line the title, the rest the body.
    case text
    /// The input could not be read at all.
    case unreadable(String)
  }
  public var kind: Kind
  public var file: String
  /// 1-based line number for JSON records; 0 for whole files.
  public var line: Int
  public var bytes: [UInt8]

  public var source: String { line > 0 ? "\(file):\(line)" : file }

  public init(kind: Kind, file: String, line: Int, bytes: [UInt8]) {
    self.kind = kind
    self.file = file
    self.line = line
    self.bytes = bytes
  }

  /// Parses the record into an article.
  public func parse() -> Result<Article, InputError> {
    switch kind {
    case .unreadable(let why):
      return .failure(InputError(source: source, message: "cannot read \(file): \(why)"))
    case .text:
      return bytes.withUnsafeBufferPointer { p in
        if let bad = UTF8Bytes.firstInvalidOffset(p) {
          return .failure(InputError(source: source, message: "invalid UTF-8 in \(file) at byte \(bad)"))
        }
        var start = 0
        if p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { start = 3 }
        var nl = start
        while nl < p.count && p[nl] != 0x0A { nl += 1 }
        var titleEnd = nl
        if titleEnd > start && p[titleEnd - 1] == 0x0D { titleEnd -= 1 }
        let title = Array(p[start..<titleEnd])
        let text = nl < p.count ? Array(p[(nl + 1)...]) : []
        if title.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) && text.allSatisfy({ $0 <= 0x20 }) {
          return .failure(InputError(source: source, message: "empty article in \(file)"))
        }
        var a = Article(id: Article.idFromPath(file), title: "", text: "", source: source)
        a.title = title
        a.text = text
        return .success(a)
      }
    case .json:
      return bytes.withUnsafeBufferPointer { p in parseJSON(p) }
    }
  }

  func parseJSON(_ p: UnsafeBufferPointer<UInt8>) -> Result<Article, InputError> {
    if let bad = UTF8Bytes.firstInvalidOffset(p) {
      return .failure(
        InputError(source: source, message: "invalid UTF-8 at \(source) (column \(column(p, bad)))"))
    }
    let fields: [(key: String, value: Range<Int>)]
    do {
      fields = try JSONReader.objectFields(p)
    } catch {
      return .failure(
        InputError(source: source, message: "invalid JSON at \(source): \(error.message) (column \(column(p, error.offset)))"))
    }
    var id: String? = nil
    var title: [UInt8] = []
    var text: [UInt8]? = nil
    var labels: [String]? = nil
    var evidence: [(String, String)] = []
    var extra: [(String, [UInt8])] = []
    do {
      for (k, r) in fields {
        switch k {
        case "id":
          guard let s = try JSONReader.value(p, r).idString else {
            return .failure(InputError(source: source, message: "`id` at \(source) is not a string or number"))
          }
          id = s
        case "title":
          if case .null = try JSONReader.value(p, r) { continue }
          guard p[r.lowerBound] == UInt8(ascii: "\"") else {
            return .failure(InputError(source: source, message: "`title` at \(source) is not a string", id: id))
          }
          try JSONReader.decodeString(p, r, into: &title)
        case "text":
          guard p[r.lowerBound] == UInt8(ascii: "\"") else {
            return .failure(InputError(source: source, message: "`text` at \(source) is not a string", id: id))
          }
          var t: [UInt8] = []
          t.reserveCapacity(r.count)
          try JSONReader.decodeString(p, r, into: &t)
          text = t
        case "labels":
          guard case .array(let items) = try JSONReader.value(p, r) else {
            return .failure(InputError(source: source, message: "`labels` at \(source) is not a list", id: id))
          }
          var ls: [String] = []
          for item in items {
            guard case .string(let s) = item else {
              return .failure(
                InputError(source: source, message: "`labels` at \(source) holds a value that is not a string", id: id))
            }
            ls.append(s)
          }
          labels = ls
          extra.append((k, Array(p[r])))
        case "evidence":
          if case .object(let items) = try JSONReader.value(p, r) {
            for (t, v) in items {
              if case .string(let s) = v { evidence.append((t, s)) }
            }
          }
          extra.append((k, Array(p[r])))
        default:
          extra.append((k, Array(p[r])))
        }
      }
    } catch {
      return .failure(
        InputError(
          source: source, message: "invalid JSON at \(source): \(error.message) (column \(column(p, error.offset)))", id: id))
    }
    guard let text else {
      return .failure(InputError(source: source, message: "missing `text` field at \(source)", id: id))
    }
    var a = Article(id: id ?? source, title: "", text: "", source: source)
    a.title = title
    a.text = text
    a.labels = labels
    a.labelEvidence = evidence
    a.extra = extra
    return .success(a)
  }

  /// 1-based column (in characters) of byte `offset`.
  func column(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
    UTF8Bytes.scalarCount(p, upTo: offset) + 1
  }
}

extension Article {
  /// A .txt article's id: its file name without the extension.
  static func idFromPath(_ path: String) -> String {
    var name = Substring(path)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = name[..<dot] }
    return String(name)
  }
}
