// Articles and the input records they come from.
//
// An input record is one article's raw bytes and where they came from
// (`file:line`). Parsing a record gives an `Article` or an `InputError`
// that names the place: every record yields exactly one of the two, so the
// counts of a run always reconcile.

/// One article to tag.
public struct Article: Sendable {
  public var id: String
  /// Whether the input gave `id` as a JSON number (`"id": 17`): records
  /// then write it as one.
  public var idIsNumber = false
  /// Raw UTF-8 headline (may be empty).
  public var title: [UInt8]
  /// Raw UTF-8 body.
  public var text: [UInt8]
  /// `file:line` (or `file` for a .txt article).
  public var source: String
  /// The encoding the article was converted from (`GB18030`), nil for UTF-8.
  public var convertedFrom: String? = nil
  /// Gold labels, when the record has a `labels` field.
  public var labels: [String]?
  /// Gold evidence sentences by topic, when present.
  public var labelEvidence: [(String, String)] = []
  /// Other top-level JSON fields, raw, under their input names and in
  /// input order (a repeated key once, with its last value).
  ///
  /// A tag record
  /// writes each under `Article.outputName(forInputField:)`.
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
  /// Whether the input gave `id` as a JSON number.
  public var idIsNumber = false

  /// The message, such as `invalid JSON at corpus.jsonl:17: expected , or } (column 45)`.
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
  /// The id of a .txt article found in a folder (its path below the
  /// folder, without the extension); nil: the file name without it.
  public var textID: String?

  public var source: String { line > 0 ? "\(file):\(line)" : file }

  public init(kind: Kind, file: String, line: Int, bytes: [UInt8], textID: String? = nil) {
    self.kind = kind
    self.file = file
    self.line = line
    self.bytes = bytes
    self.textID = textID
  }

  /// Parses the record into an article, decoding its bytes as `encoding`
  /// says (TextEncoding.swift): UTF-8 first and GB18030 when the bytes look
  /// like it (`auto`), UTF-8 only, or GB18030 always.
  public func parse(encoding: InputEncoding = .auto) -> Result<Article, InputError> {
    if case .unreadable = kind { return parseUTF8() }
    switch encoding {
    case .gb18030, .gbk:
      guard let utf8 = TextEncoding.fromGB18030(bytes) else {
        return .failure(InputError(source: source, message: "invalid GB18030 at \(source)"))
      }
      return converted(utf8)
    case .utf8, .auto:
      // Valid UTF-8 parses at once; only a record that fails is looked at again.
      let result = parseUTF8()
      guard case .failure(var e) = result,
        bytes.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) != nil,
        let utf8 = TextEncoding.likelyGB18030(bytes)
      else { return result }
      if encoding == .utf8 {
        e.message += "; it looks like GBK/GB18030 (--encoding gbk converts it)"
        return .failure(e)
      }
      return converted(utf8)
    }
  }

  /// The record parsed from `utf8`, its bytes converted from GB18030.
  func converted(_ utf8: [UInt8]) -> Result<Article, InputError> {
    var r = self
    r.bytes = utf8
    return r.parseUTF8().map { a in
      var a = a
      a.convertedFrom = "GB18030"
      return a
    }
  }

  /// Parses the record's bytes as UTF-8.
  func parseUTF8() -> Result<Article, InputError> {
    switch kind {
    case .unreadable(let why):
      return .failure(InputError(source: source, message: "cannot read \(file): \(why)"))
    case .text:
      return bytes.withUnsafeBufferPointer { p in
        if let bad = UTF8Bytes.firstInvalidOffset(p) {
          return .failure(InputError(source: source, message: "invalid UTF-8 in \(file) at byte \(bad)"))
        }
        let start = UTF8Bytes.isBOM(p, at: 0) ? 3 : 0
        var nl = start
        while nl < p.count && p[nl] != 0x0A { nl += 1 }
        var titleEnd = nl
        if titleEnd > start && p[titleEnd - 1] == 0x0D { titleEnd -= 1 }
        let title = Array(p[start..<titleEnd])
        let text = nl < p.count ? Array(p[(nl + 1)...]) : []
        // Nothing but whitespace (of any kind) and control characters.
        if UTF8Bytes.isBlank(UnsafeBufferPointer(rebasing: p[start...]), orControls: true) {
          return .failure(InputError(source: source, message: "empty article in \(file)"))
        }
        var a = Article(id: textID ?? Article.idFromPath(file), title: "", text: "", source: source)
        a.title = title
        a.text = text
        return .success(a)
      }
    case .json:
      return bytes.withUnsafeBufferPointer { p in parseJSON(p) }
    }
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
