// How one JSONL line becomes an article, and how its other fields are named
// in the output.
//
// The line is checked whole first (UTF-8, then the JSON grammar of every
// field, passed through or not), so an article never carries a field that a
// JSON reader would refuse. A key given twice counts once, with its last
// value and at its first place, as JSON parsers keep it (Python's
// `json.loads`, JavaScript's `JSON.parse`). `id`, `title` and `text` make
// the article; `labels` and `evidence` are read for `eval` and, like every
// other field, passed through.
//
// A tag record has members of its own (`id`, `source`, `tags`, `scores`,
// `evidence`, and `error` in an error record). An input field with one of
// those names is passed through as `input.NAME`, and so is one whose name
// already starts with `input.` (`input.x` becomes `input.input.x`), so no
// input field can pass for ruletag's own and no two output names collide.
// Every other field keeps its name.

extension InputRecord {
  func parseJSON(_ p: UnsafeBufferPointer<UInt8>) -> Result<Article, InputError> {
    if let bad = UTF8Bytes.firstInvalidOffset(p) {
      return .failure(
        InputError(source: source, message: "invalid UTF-8 at \(source) (column \(column(p, bad)))"))
    }
    let fields: [(key: String, value: Range<Int>)]
    do {
      fields = InputRecord.lastOfEachKey(try JSONReader.objectFields(p))
    } catch {
      return .failure(
        InputError(
          source: source, message: "invalid JSON at \(source): \(error.message) (column \(column(p, error.offset)))"))
    }
    var id: String? = nil
    var idIsNumber = false
    var title: [UInt8] = []
    var text: [UInt8]? = nil
    var labels: [String]? = nil
    var evidence: [(String, String)] = []
    var extra: [(String, [UInt8])] = []
    do {
      for (k, r) in fields {
        switch k {
        case "id":
          let v = try JSONReader.value(p, r)
          guard let s = v.idString else {
            return .failure(InputError(source: source, message: "`id` at \(source) is not a string or number"))
          }
          id = s
          if case .number = v { idIsNumber = true } else { idIsNumber = false }
        case "title":
          // The value was checked whole: one that starts with `n` is `null`.
          if p[r.lowerBound] == UInt8(ascii: "n") { continue }
          guard p[r.lowerBound] == UInt8(ascii: "\"") else {
            return .failure(
              InputError(
                source: source, message: "`title` at \(source) is not a string", id: id, idIsNumber: idIsNumber))
          }
          try JSONReader.decodeCheckedString(p, r, into: &title)
        case "text":
          guard p[r.lowerBound] == UInt8(ascii: "\"") else {
            return .failure(
              InputError(source: source, message: "`text` at \(source) is not a string", id: id, idIsNumber: idIsNumber)
            )
          }
          var t: [UInt8] = []
          t.reserveCapacity(r.count)
          try JSONReader.decodeCheckedString(p, r, into: &t)
          text = t
        case "labels":
          guard case .array(let items) = try JSONReader.value(p, r) else {
            return .failure(
              InputError(source: source, message: "`labels` at \(source) is not a list", id: id, idIsNumber: idIsNumber)
            )
          }
          var ls: [String] = []
          for item in items {
            guard case .string(let s) = item else {
              return .failure(
                InputError(
                  source: source, message: "`labels` at \(source) holds a value that is not a string", id: id,
                  idIsNumber: idIsNumber))
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
          source: source, message: "invalid JSON at \(source): \(error.message) (column \(column(p, error.offset)))",
          id: id, idIsNumber: idIsNumber))
    }
    guard let text else {
      return .failure(
        InputError(source: source, message: "missing `text` field at \(source)", id: id, idIsNumber: idIsNumber))
    }
    var a = Article(id: id ?? source, title: "", text: "", source: source)
    a.idIsNumber = id != nil && idIsNumber
    a.title = title
    a.text = text
    a.labels = labels
    a.labelEvidence = evidence
    a.extra = extra
    return .success(a)
  }

  /// Each key once, at its first place, with its last value.
  static func lastOfEachKey(_ fields: [(key: String, value: Range<Int>)]) -> [(key: String, value: Range<Int>)] {
    let n = fields.count
    if n < 2 { return fields }
    if n <= 16 {
      // A line has a handful of fields, nearly always all different: a
      // scan for a repeat beats hashing, and needs no new array.
      var repeated = false
      for j in 1..<n where !repeated {
        for k in 0..<j where fields[k].key == fields[j].key {
          repeated = true
          break
        }
      }
      if !repeated { return fields }
    }
    var out: [(key: String, value: Range<Int>)] = []
    out.reserveCapacity(n)
    var place: [String: Int] = [:]
    for f in fields {
      if let k = place[f.key] {
        out[k].value = f.value
      } else {
        place[f.key] = out.count
        out.append(f)
      }
    }
    return out
  }
}

extension Article {
  /// The members a tag record writes itself.
  public static let recordMemberNames: Set<String> = ["id", "source", "tags", "scores", "evidence", "error"]

  /// The name under which input field `key` is passed through to a tag
  /// record: `input.` + key for one of `recordMemberNames` or a key that
  /// starts with `input.`, else the key itself.
  public static func outputName(forInputField key: String) -> String {
    recordMemberNames.contains(key) || key.hasPrefix("input.") ? "input." + key : key
  }
}
