// Parses rule files into a `RuleSet`, collecting every diagnostic.
//
// Parsing never stops at the first mistake: a bad line is reported and
// skipped, and the next line is parsed, so `ruletag check` shows all errors
// of all files at once.

import Foundation

/// Reads rule files (and what they include) into a `RuleSet`.
public struct RuleParser {
  var set = RuleSet()
  var includeStack: [String] = []
  var seenFiles: Set<String> = []
  /// Where relative paths are opened from (nil: the working directory);
  /// files are named as given.
  var directory: String? = nil
  /// Topic id → (index in set.topics).
  var topicIndex: [String: Int] = [:]

  public init() {}

  /// Loads rules from a file or a folder (every `*.rules` below it,
  /// sorted); a relative `path` is opened from `directory` when one is given.
  public static func load(path: String, directory: String? = nil) -> RuleSet {
    var p = RuleParser()
    p.directory = directory
    let files = RuleParser.ruleFiles(at: path, in: directory)
    if files.isEmpty {
      p.set.diagnostics.append(.noRules(path))
      return p.set
    }
    for f in files { p.parseFile(f, includedFrom: nil) }
    p.finish()
    return p.set
  }

  /// Parses rule text given in memory (for tests and tools).
  public static func parse(_ text: String, file: String = "<rules>") -> RuleSet {
    var p = RuleParser()
    p.parseText(text, file: file)
    p.finish()
    return p.set
  }

  /// The rule files at `path`: the file itself, or the sorted `*.rules`
  /// files below a folder (named from `path` as given, looked for from
  /// `directory`).
  static func ruleFiles(at path: String, in directory: String?) -> [String] {
    var isDir: ObjCBool = false
    let opened = FilePaths.resolve(path, in: directory)
    guard FileManager.default.fileExists(atPath: opened, isDirectory: &isDir) else { return [] }
    if !isDir.boolValue { return [path] }
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    let all = (FileManager.default.enumerator(atPath: opened)?.allObjects as? [String]) ?? []
    return all.filter { $0.hasSuffix(".rules") }.sorted().map { base + "/" + $0 }
  }

  mutating func parseFile(_ path: String, includedFrom: (SourceSpan, String)?) {
    let opened = FilePaths.resolve(path, in: directory)
    let canonical = URL(fileURLWithPath: opened).standardizedFileURL.path
    if includeStack.contains(canonical) {
      if let (span, line) = includedFrom { set.diagnostics.append(.includeCycle(path, at: span, line: line)) }
      return
    }
    if seenFiles.contains(canonical) { return }
    guard let data = FileManager.default.contents(atPath: opened) else {
      if let (span, line) = includedFrom {
        set.diagnostics.append(.includeNotFound(path, at: span, line: line))
      } else {
        set.diagnostics.append(.noRules(path))
      }
      return
    }
    seenFiles.insert(canonical)
    includeStack.append(canonical)
    parseText(String(decoding: data, as: UTF8.self), file: path)
    includeStack.removeLast()
  }

  mutating func parseText(_ text: String, file: String) {
    set.files.append(file)
    var current: Int? = nil
    // After a topic line with an error, its rules are skipped quietly: the
    // topic line's own diagnostic says what is wrong.
    var skipping = false
    var lineNo = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNo += 1
      var line = String(raw)
      if line.hasSuffix("\r") { line.removeLast() }
      if lineNo == 1 && line.hasPrefix("\u{FEFF}") { line.removeFirst() }
      let toks: [LexToken]
      switch Lexer.tokens(line) {
      case .failure(let e):
        set.diagnostics.append(
          .syntax(e.message, at: span(file, lineNo, e.column, e.length), line: line, hint: e.hint))
        continue
      case .success(let t): toks = t
      }
      guard let first = toks.first else { continue }
      let firstSpan = span(file, lineNo, first.column, first.length)
      if first.kind == .word && first.text == "topic" {
        if let t = parseTopic(toks, file: file, line: lineNo, text: line) {
          if let old = topicIndex[t.id] {
            let o = set.topics[old]
            set.diagnostics.append(
              .duplicateTopic(
                t.id, at: span(file, lineNo, toks[1].column, toks[1].length), line: line,
                first: .init(message: "first defined here", span: o.span, lineText: o.lineText)))
            current = nil
            skipping = true
          } else {
            topicIndex[t.id] = set.topics.count
            current = set.topics.count
            skipping = false
            set.topics.append(t)
          }
        } else {
          current = nil
          skipping = true
        }
        continue
      }
      if first.kind == .word && first.text == "include" {
        guard toks.count == 2, toks[1].kind == .word || toks[1].kind == .string else {
          set.diagnostics.append(
            .syntax(
              "`include` takes one path", at: firstSpan, line: line, hint: "write `include common.rules`"))
          continue
        }
        let dir = (file as NSString).deletingLastPathComponent
        let target = toks[1].text.hasPrefix("/") ? toks[1].text : (dir.isEmpty ? toks[1].text : dir + "/" + toks[1].text)
        let files = RuleParser.ruleFiles(at: target, in: directory)
        let where_ = (span(file, lineNo, toks[1].column, toks[1].length), line)
        if files.isEmpty {
          set.diagnostics.append(.includeNotFound(toks[1].text, at: where_.0, line: line))
        }
        for f in files { parseFile(f, includedFrom: where_) }
        continue
      }
      if first.kind == .word, let c = first.text.unicodeScalars.first, c == "+" || c == "-" {
        guard let t = current else {
          if !skipping { set.diagnostics.append(.ruleOutsideTopic(at: firstSpan, line: line)) }
          continue
        }
        var rp = RuleLineParser(tokens: toks, file: file, line: lineNo, text: line, topic: set.topics[t])
        if let rule = rp.parseRule() {
          set.topics[t].rules.append(rule)
        }
        set.diagnostics.append(contentsOf: rp.diagnostics)
        continue
      }
      set.diagnostics.append(
        .syntax(
          "expected a rule, `topic` or `include`", at: firstSpan, line: line,
          hint: "a rule starts with a signed weight: `+3 外卖小哥, 快递员`"))
    }
  }

  mutating func parseTopic(_ toks: [LexToken], file: String, line: Int, text: String) -> TopicDecl? {
    let lineSpan = span(file, line, toks[0].column, toks[0].length)
    guard toks.count >= 2, toks[1].kind == .word else {
      set.diagnostics.append(.badTopicHeader("`topic` needs an id", at: lineSpan, line: text))
      return nil
    }
    let id = toks[1].text
    let idSpan = span(file, line, toks[1].column, toks[1].length)
    var name = id
    var k = 2
    if k < toks.count, toks[k].kind == .string {
      name = toks[k].text
      k += 1
    } else {
      let s = k < toks.count ? span(file, line, toks[k].column, toks[k].length) : idSpan
      set.diagnostics.append(.badTopicHeader("topic `\(id)` needs a quoted display name", at: s, line: text))
      return nil
    }
    var threshold: Double? = nil
    var ignored: HitContext = [.list, .slogan]
    while k < toks.count {
      let t = toks[k]
      let s = span(file, line, t.column, t.length)
      if t.kind == .word && t.text == "threshold" {
        guard k + 1 < toks.count, let v = Double(toks[k + 1].text), v > 0 else {
          set.diagnostics.append(.badTopicHeader("`threshold` needs a positive number", at: s, line: text))
          return nil
        }
        threshold = v
        k += 2
      } else if t.kind == .word && (t.text == "ignore-in" || t.text == "counts-in") {
        var vp = RuleLineParser(tokens: toks, file: file, line: line, text: text, topic: nil)
        vp.pos = k + 1
        guard let ctx = vp.parseContexts(option: t.text) else {
          set.diagnostics.append(contentsOf: vp.diagnostics)
          return nil
        }
        if t.text == "ignore-in" { ignored.formUnion(ctx) } else { ignored.subtract(ctx) }
        k = vp.pos
      } else {
        set.diagnostics.append(
          .badTopicHeader("unexpected `\(t.text)` in topic line", at: s, line: text))
        return nil
      }
    }
    guard let threshold else {
      set.diagnostics.append(.badTopicHeader("topic `\(id)` needs a threshold", at: idSpan, line: text))
      return nil
    }
    if !Topics.ids.contains(id) {
      set.diagnostics.append(
        .unknownTopic(id, suggestion: EditDistance.nearest(id, in: Topics.ids), at: idSpan, line: text))
    }
    return TopicDecl(
      id: id, name: name, threshold: threshold, ignored: ignored, span: span(file, line, 1, text.unicodeScalars.count),
      lineText: text)
  }

  /// Whole-set checks once every file is read.
  mutating func finish() {
    for t in set.topics {
      let header = SourceSpan(file: t.span.file, line: t.span.line, column: 1, length: 5)
      if t.rules.isEmpty {
        set.diagnostics.append(.emptyTopic(t.id, at: header, line: t.lineText))
        continue
      }
      let best = t.rules.reduce(0.0) { $0 + ($1.weight > 0 ? $1.weight * Double($1.cap) : 0) }
      if best < t.threshold {
        set.diagnostics.append(
          .unreachableThreshold(
            t.id, max: JSONWriter.format(best), threshold: JSONWriter.format(t.threshold), at: header,
            line: t.lineText))
      }
      // Duplicate keywords among the plain keyword lists of the topic.
      var seen: [String: (SourceSpan, String)] = [:]
      for r in t.rules {
        for (k, s) in RuleParser.listedKeywords(r.expr) {
          if let first = seen[k] {
            set.diagnostics.append(
              .duplicateKeyword(
                k, topic: t.id, at: s, line: r.lineText,
                first: .init(message: "first defined here", span: first.0, lineText: first.1)))
          } else {
            seen[k] = (s, r.lineText)
          }
        }
      }
    }
    set.diagnostics.sort { a, b in
      (a.span.file, a.span.line, a.span.column) < (b.span.file, b.span.line, b.span.column)
    }
  }

  /// Keywords that stand alone in a rule's top-level list.
  static func listedKeywords(_ e: RuleExpr) -> [(String, SourceSpan)] {
    switch e {
    case .keyword(let k, let s): return [(k, s)]
    case .any(let xs): return xs.flatMap { listedKeywords($0) }
    default: return []
    }
  }

  func span(_ file: String, _ line: Int, _ column: Int, _ length: Int) -> SourceSpan {
    SourceSpan(file: file, line: line, column: column, length: length)
  }
}
