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
  /// The defines visible at the current line of the current file (name →
  /// index into `set.defines`; see Defines.swift).
  var scope: [String: Int] = [:]
  /// Names the current file used before any visible define had them.
  var pending: [PendingName] = []
  /// What each file read passes on to a file that includes it.
  var exports: [String: [String: Int]] = [:]
  /// Defines used by some rule.
  var usedDefines: Set<Int> = []
  /// Rule files held in memory by name (`load(files:)`); nil: files on disk.
  var memory: [String: [UInt8]]? = nil

  public init() {}

  /// Loads rules from a file or a folder (every `*.rules` below it,
  /// sorted); a relative `path` is opened from `directory` when one is given.
  public static func load(path: String, directory: String? = nil) -> RuleSet {
    var p = RuleParser()
    p.directory = directory
    p.set.root = (path, RuleIdentity.rootName(path, directory: directory))
    let files = RuleParser.ruleFiles(at: path, in: directory)
    if files.isEmpty {
      p.set.diagnostics.append(.noRules(path))
      return p.set
    }
    for f in files { p.parseFile(f, includedFrom: nil) }
    // A set that defines nothing would tag nothing and exit 0. (When other
    // errors are reported, those say why no topic was read.)
    if p.set.topics.isEmpty && p.set.errors.isEmpty { p.set.diagnostics.append(.noTopics(files[0])) }
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
    // A symbolic link to a folder is read as the folder.
    let folder = URL(fileURLWithPath: opened).resolvingSymlinksInPath().path
    let all = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
    return all.filter { $0.hasSuffix(".rules") }.sorted().map { base + "/" + $0 }
  }

  /// Reads one file (once, however often it is included); returns the
  /// names it passes on.
  @discardableResult
  mutating func parseFile(_ path: String, includedFrom: (SourceSpan, String)?) -> [String: Int] {
    let opened = FilePaths.resolve(path, in: directory)
    let canonical = URL(fileURLWithPath: opened).standardizedFileURL.path
    if includeStack.contains(canonical) {
      if let (span, line) = includedFrom { set.diagnostics.append(.includeCycle(path, at: span, line: line)) }
      return [:]
    }
    if seenFiles.contains(canonical) { return exports[canonical] ?? [:] }
    guard let data = memory.map({ $0[path].map { Data($0) } }) ?? FileManager.default.contents(atPath: opened) else {
      if let (span, line) = includedFrom {
        set.diagnostics.append(.includeNotFound(path, at: span, line: line))
      } else {
        set.diagnostics.append(.noRules(path))
      }
      return [:]
    }
    seenFiles.insert(canonical)
    includeStack.append(canonical)
    let names = parseText(String(decoding: data, as: UTF8.self), file: path)
    includeStack.removeLast()
    exports[canonical] = names
    return names
  }

  /// Parses one file's text in a scope of its own; returns the names
  /// visible at its end.
  @discardableResult
  mutating func parseText(_ text: String, file: String) -> [String: Int] {
    let outer = (scope, pending)
    scope = [:]
    pending = []
    defer { (scope, pending) = outer }
    parseLines(text, file: file)
    resolvePending()
    return scope
  }

  mutating func parseLines(_ text: String, file: String) {
    set.files.append(file)
    var current: Int? = nil
    // After a topic line with an error, its rules are skipped quietly: the
    // topic line's own diagnostic says what is wrong.
    var skipping = false
    var lineNo = 0
    for line in RuleParser.lines(of: text) {
      lineNo += 1
      if let (path, column, length) = RuleParser.includePath(line) {
        include(path, file: file, at: span(file, lineNo, column, length), line: line)
        continue
      }
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
      if first.kind == .word && first.text == "define" {
        parseDefine(toks, file: file, line: lineNo, text: line)
        continue
      }
      if first.kind == .word && first.text == "include" {
        set.diagnostics.append(
          .syntax("`include` takes one path", at: firstSpan, line: line, hint: "write `include common.rules`"))
        continue
      }
      if first.kind == .word, let c = first.text.unicodeScalars.first, c == "+" || c == "-" {
        guard let t = current else {
          if !skipping { set.diagnostics.append(.ruleOutsideTopic(at: firstSpan, line: line)) }
          continue
        }
        var rp = RuleLineParser(tokens: toks, file: file, line: lineNo, text: line, topic: set.topics[t])
        rp.scope = DefineScope(defines: set.defines, visible: scope)
        if let rule = rp.parseRule() {
          set.topics[t].rules.append(rule)
        }
        set.diagnostics.append(contentsOf: rp.diagnostics)
        usedDefines.formUnion(rp.referenced)
        for u in rp.unresolved { pending.append(PendingName(name: u.name, span: u.span, lineText: line)) }
        continue
      }
      set.diagnostics.append(
        .syntax(
          "expected a rule, `topic`, `define` or `include`", at: firstSpan, line: line,
          hint: "a rule starts with a signed weight: `+3 外卖小哥, 快递员`"))
    }
  }

  /// The lines of a rule file: split at LF, with a CR before it (CRLF
  /// files) and a byte-order mark at the start of the file removed, so a
  /// file reads the same whichever editor saved it.
  ///
  /// Splitting works on the
  /// scalars: `String.split` on a `Character` would see `\r\n` as one
  /// character and never split a CRLF file.
  static func lines(of text: String) -> [String] {
    var out: [String] = []
    var scalars = Substring(text).unicodeScalars
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var start = scalars.startIndex
    var i = start
    while i < scalars.endIndex {
      if scalars[i] == "\n" {
        var end = i
        if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
        out.append(String(scalars[start..<end]))
        start = scalars.index(after: i)
      }
      i = scalars.index(after: i)
    }
    var end = scalars.endIndex
    if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
    out.append(String(scalars[start..<end]))
    return out
  }

  /// For an `include` line, the path with its 1-based column and length in
  /// scalars.
  ///
  /// The path is the rest of the line (up to a ` #` comment), or a
  /// quoted string; it is not lexed as rule tokens, so `include sub/x.rules`
  /// reads `sub/x.rules` rather than a word and a regex.
  static func includePath(_ line: String) -> (String, Int, Int)? {
    let s = Array(line.unicodeScalars)
    func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }
    var i = 0
    while i < s.count, isSpace(s[i]) { i += 1 }
    let keyword = Array("include".unicodeScalars)
    guard s.count > i + keyword.count, Array(s[i..<(i + keyword.count)]) == keyword, isSpace(s[i + keyword.count])
    else { return nil }
    i += keyword.count
    while i < s.count, isSpace(s[i]) { i += 1 }
    let start = i
    if i < s.count, s[i] == "\"" || s[i] == "“" {
      let close: Unicode.Scalar = s[i] == "\"" ? "\"" : "”"
      guard let j = s[(i + 1)...].firstIndex(of: close) else { return nil }
      let rest = s[(j + 1)...]
      guard rest.allSatisfy(isSpace) || rest.drop(while: isSpace).first == "#" else { return nil }
      return (String(String.UnicodeScalarView(s[(i + 1)..<j])), start + 1, j + 1 - start)
    }
    var end = i
    while i < s.count {
      if s[i] == "#" && isSpace(s[i - 1]) { break }
      if !isSpace(s[i]) { end = i + 1 }
      i += 1
    }
    guard end > start, !s[start..<end].contains(where: isSpace) else { return nil }
    return (String(String.UnicodeScalarView(s[start..<end])), start + 1, end - start)
  }

  /// Reads the rule file or folder an `include` names, relative to `file`.
  mutating func include(_ path: String, file: String, at where_: SourceSpan, line: String) {
    let dir = (file as NSString).deletingLastPathComponent
    let target = path.hasPrefix("/") ? path : (dir.isEmpty ? path : dir + "/" + path)
    let files =
      memory.map { RuleParser.ruleFiles(at: target, in: $0) } ?? RuleParser.ruleFiles(at: target, in: directory)
    if files.isEmpty {
      set.diagnostics.append(.includeNotFound(path, at: where_, line: line))
    }
    for f in files { importNames(parseFile(f, includedFrom: (where_, line)), at: where_, line: line) }
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
    var ignored = HitContext.ignoredByDefault
    var ifLead: [String] = []
    var unlessLead: [String] = []
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
      } else if t.kind == .word && (t.text == "if-lead" || t.text == "unless-lead") {
        var vp = RuleLineParser(tokens: toks, file: file, line: line, text: text, topic: nil)
        vp.scope = DefineScope(defines: set.defines, visible: scope)
        vp.pos = k + 1
        let values = try? vp.parseValues(option: t.text)
        usedDefines.formUnion(vp.referenced)
        for u in vp.unresolved { pending.append(PendingName(name: u.name, span: u.span, lineText: text)) }
        guard let values, vp.unresolved.isEmpty else {
          set.diagnostics.append(contentsOf: vp.diagnostics)
          return nil
        }
        if t.text == "if-lead" { ifLead += values } else { unlessLead += values }
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
      id: id, name: name, threshold: threshold, ignored: ignored, ifLead: ifLead, unlessLead: unlessLead,
      span: span(file, line, 1, text.unicodeScalars.count), lineText: text)
  }

  /// Whole-set checks once every file is read.
  mutating func finish() {
    reportUnusedDefines()
    assignIdentities()
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
