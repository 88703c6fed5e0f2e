// The JSONL record of `tag`: `{"id","source","title",("text",)"tags",
// "scores","evidence", …passed-through fields}`, one line per article.
// The id keeps its JSON type (`17` stays a number, `"17"` a string), and the
// title (and with `--with-text` the text) is the decoded field that
// evidence offsets count characters in.
//
// Evidence objects are written straight from the article's bytes (no
// Strings): `EvidenceText.locateBytes` gives the field, the character
// offsets and the byte ranges of the hit and its sentence, and the fixed
// runs between values come encoded once per run (`EncodedNames`).

extension TagReport {
  static func jsonlRecord(
    _ a: Article, _ r: ArticleResult, topics: [Int], tags: [Int], rules: CompiledRules, options: TagReportOptions
  ) -> TagOutput {
    var w = JSONWriter()
    // Records run about twice the article's size (evidence sentences).
    w.bytes.reserveCapacity(2 * (a.title.count + a.text.count) + 1024)
    w.beginObject()
    writeID(&w, a.id, isNumber: a.idIsNumber)
    w.key("source"); w.string(a.source)
    w.key("title"); a.title.withUnsafeBufferPointer { w.string(bytes: $0) }
    if options.withText { w.key("text"); a.text.withUnsafeBufferPointer { w.string(bytes: $0) } }
    w.key("tags"); w.beginArray()
    for t in tags { w.raw(options.names.topicIDs[t]) }
    w.endArray()
    w.key("scores"); w.beginObject()
    for t in topics { w.key(encoded: options.names.topicIDs[t]); w.number(r.scores[t]) }
    w.endObject()
    w.key("evidence"); w.beginObject()
    let explained = options.explain ? topics.filter { !r.fired[$0].isEmpty } : tags
    if !explained.isEmpty {
      let chars = EvidenceText.ArticleIndex(a)
      for t in explained {
        w.key(encoded: options.names.topicIDs[t])
        writeEvidence(&w, a, r.fired[t], options.names, chars: chars)
      }
    }
    w.endObject()
    for (k, v) in a.extra {
      w.key(Article.outputName(forInputField: k))
      v.withUnsafeBufferPointer { w.raw($0) }
    }
    w.endObject()
    w.bytes.append(0x0A)
    return TagOutput(bytes: w.bytes, error: nil, tagCount: tags.count, row: nil)
  }

  /// The evidence array of one topic: an object per span of every counted
  /// hit of its fired rules.
  static func writeEvidence(
    _ w: inout JSONWriter, _ a: Article, _ fired: [FiredRule], _ names: EncodedNames, chars: EvidenceText.ArticleIndex
  ) {
    let runs = EncodedNames.evidenceRuns
    w.beginArray()
    a.title.withUnsafeBufferPointer { title in
      a.text.withUnsafeBufferPointer { text in
        for f in fired {
          let head = names.evidenceHeads[f.rule]
          for hit in f.hits {
            for span in hit {
              let loc = EvidenceText.locateBytes(
                title: title, text: text, span, titleChars: chars.title, textChars: chars.text)
              let p = loc.inTitle ? title : text
              // Members: rule, rule_id, weight, text, field, start, end, sentence.
              w.beginObject(members: head)
              w.members(thenKey: runs.text); w.string(bytes: UnsafeBufferPointer(rebasing: p[loc.text]))
              w.members(thenKey: loc.inTitle ? runs.inTitle : runs.inText); w.int(loc.start)
              w.members(thenKey: runs.end); w.int(loc.end)
              w.members(thenKey: runs.sentence); w.string(bytes: UnsafeBufferPointer(rebasing: p[loc.sentence]))
              w.endObject()
            }
          }
        }
      }
    }
    w.endArray()
  }

  /// `{"id","source","error"}` for a record that could not be read.
  static func jsonlError(_ e: InputError) -> TagOutput {
    var w = JSONWriter()
    w.beginObject()
    if let id = e.id { writeID(&w, id, isNumber: e.idIsNumber) }
    w.key("source"); w.string(e.source)
    w.key("error"); w.string(e.message)
    w.endObject()
    w.bytes.append(0x0A)
    return TagOutput(bytes: w.bytes, error: e.message, tagCount: 0, row: nil)
  }

  /// `"id":` and the id: its digits for an input number (checked against
  /// the JSON grammar when the line was read), else a string.
  static func writeID(_ w: inout JSONWriter, _ id: String, isNumber: Bool) {
    w.key("id")
    if isNumber { w.raw(Array(id.utf8)) } else { w.string(id) }
  }
}
