// `ruletag diff`'s report: text for people, JSONL for tools.
//
// Text: the rule changes, P/R/F1 before → after when the input has
// labels, then each article whose tags changed with, per changed topic,
// the score against the threshold, the verdict and the rules to blame.
// Articles whose scores changed but not their tags are counted, and
// listed with `all`. JSONL: one object per line, each with a `type`
// (`rule-change`, `metrics`, `article`, `only-old`, `only-new`,
// `summary`), always valid JSON.

import Foundation

extension TagDiff {
  /// A weight with its sign: `+3`, `-2`.
  static func signed(_ w: Double?) -> String {
    guard let w else { return "?" }
    return (w > 0 ? "+" : "") + JSONWriter.format(w)
  }

  static func arrow(_ a: String, _ b: String) -> String { a == b ? a : "\(a) → \(b)" }

  /// One rule change, as the header lists it.
  static func describe(_ c: RuleChange) -> String {
    switch c.kind {
    case .added: return "added       \(signed(c.new))"
    case .removed: return "removed     \(signed(c.old))"
    case .reweighted: return "reweighted  \(signed(c.old)) → \(signed(c.new))"
    case .edited: return "edited      \(arrow(signed(c.old), signed(c.new)))"
    case .threshold:
      return "threshold   \(JSONWriter.format(c.old ?? 0)) → \(JSONWriter.format(c.new ?? 0))"
    case .contexts: return "contexts"
    case .topicAdded: return "topic added, threshold \(JSONWriter.format(c.new ?? 0))"
    case .topicRemoved: return "topic removed"
    }
  }

  /// One blamed rule under a topic change.
  static func describe(_ b: Blame) -> String {
    // Records written before rules had identities name them by location only.
    let id = b.identity == b.location ? "" : "  \(b.identity)"
    let contribution = b.old.map { "  (contributes \(JSONWriter.format($0)) → \(JSONWriter.format(b.new ?? 0)))" } ?? ""
    switch b.kind {
    case .threshold:
      return "threshold \(JSONWriter.format(b.old ?? 0)) → \(JSONWriter.format(b.new ?? 0))  \(b.location)"
    case .reweighted, .edited:
      return
        "\(b.kind.rawValue) \(signed(b.oldWeight)) → \(signed(b.newWeight))  \(b.location)\(id)\(contribution)"
    case .added, .nowFires, .unchanged, .contexts:
      return "\(b.kind.rawValue) \(signed(b.newWeight ?? b.oldWeight))  \(b.location)\(id)\(contribution)"
    case .removed, .noLongerFires:
      let before = b.kind == .removed ? " (before)" : ""
      return "\(b.kind.rawValue) \(signed(b.oldWeight))  \(b.location)\(before)\(id)\(contribution)"
    }
  }

  static func describe(_ t: TopicChange) -> String {
    let threshold: String
    switch (t.oldThreshold, t.newThreshold) {
    case (let a?, let b?): threshold = ", threshold " + arrow(JSONWriter.format(a), JSONWriter.format(b))
    case (nil, let b?): threshold = ", threshold \(JSONWriter.format(b))"
    case (let a?, nil): threshold = ", threshold \(JSONWriter.format(a))"
    case (nil, nil): threshold = ""
    }
    let tag = t.tagChanged ? (t.isTagged ? "  +tag" : "  -tag") : ""
    let verdict = t.verdict.map { "  \($0.rawValue)" } ?? ""
    return
      "\(t.topic)  \(JSONWriter.format(t.oldScore)) → \(JSONWriter.format(t.newScore))\(threshold)\(tag)\(verdict)"
  }

  static func percent(_ v: Double?, digits: Int = 2) -> String {
    v.map { String(format: "%.\(digits)f", $0) } ?? "-"
  }

  /// `0.90 → 0.82`, or one value when it did not change; a change too
  /// small for two decimals gets three (`0.993 → 0.985`).
  static func change(_ a: Double?, _ b: Double?) -> String {
    let digits = a != b && percent(a) == percent(b) ? 3 : 2
    return arrow(percent(a, digits: digits), percent(b, digits: digits))
  }

  /// The text report; `all` lists the articles whose scores alone changed.
  public func rendered(all: Bool, oldName: String, newName: String) -> String {
    var s = ""
    if let rules {
      s += rules.isEmpty ? "no rule changes (\(oldName) → \(newName))\n" : "rule changes (\(oldName) → \(newName)):\n"
      for c in rules.changes {
        let text = c.lineText.trimmingCharacters(in: .whitespaces)
        s += "  \(c.identity)  \(Self.describe(c))  \(c.location)\(c.newLocation == nil ? " (before)" : "")"
        s += text.isEmpty ? "\n" : "  \(text)\n"
      }
    }
    if let (o, n) = metrics {
      if !s.isEmpty { s += "\n" }
      s += "P/R/F1 on \(counted(labelledCount, "labelled article")), before → after:\n"
      let rows = zip(o.topics, n.topics).map { ($0.id, $0, $1) } + [("micro avg", o.micro, n.micro)]
      let w = max(5, rows.map { $0.0.count }.max() ?? 5)
      func cell(_ a: Double?, _ b: Double?) -> String {
        Self.change(a, b).padding(toLength: 16, withPad: " ", startingAt: 0)
      }
      s += "  " + "topic".padding(toLength: w + 2, withPad: " ", startingAt: 0)
      s += "precision".padding(toLength: 16, withPad: " ", startingAt: 0)
      s += "recall".padding(toLength: 16, withPad: " ", startingAt: 0) + "F1\n"
      for (id, a, b) in rows {
        let mark = a == b ? " " : "*"
        let line =
          mark + " " + id.padding(toLength: w + 2, withPad: " ", startingAt: 0) + cell(a.precision, b.precision)
          + cell(a.recall, b.recall) + Self.change(a.f1, b.f1)
        s += line + "\n"
      }
    }
    let listed = all ? changes : tagChanges
    if !listed.isEmpty && !s.isEmpty { s += "\n" }
    for c in listed {
      let tags = c.added.map { "+\($0)" } + c.removed.map { "-\($0)" }
      s += "\(c.id)  \(tags.isEmpty ? "scores only" : tags.joined(separator: " "))\n"
      for t in c.topics {
        s += "    \(Self.describe(t))\n"
        for b in t.blame { s += "        \(Self.describe(b))\n" }
        if !t.blameKnown {
          s += "        (the records list no evidence for this topic: run `tag` with --explain to see the rules)\n"
        }
      }
    }
    for id in onlyOld { s += "\(id)  only in \(oldName)\n" }
    for id in onlyNew { s += "\(id)  only in \(newName)\n" }
    if !all && scoreOnlyCount > 0 {
      s += "\n\(counted(scoreOnlyCount, "article")) with changed scores only (--all lists them)\n"
    }
    return s
  }

  /// The summary line (for standard error).
  public var summary: String {
    var s = "summary: \(counted(compared, "article")) compared: \(tagChanges.count) with changed tags"
    if labelledCount > 0 {
      s +=
        " (\(verdictCount(.fixed)) fixed, \(verdictCount(.broke)) broke, \(verdictCount(.stillWrong, tagChangesOnly: false)) still wrong)"
    }
    s += ", \(scoreOnlyCount) with changed scores only"
    if let rules { s += "; \(counted(rules.changes.count, "rule change"))" }
    if !onlyOld.isEmpty || !onlyNew.isEmpty { s += "; \(onlyOld.count) only before, \(onlyNew.count) only after" }
    if !errors.isEmpty { s += "; \(counted(errors.count, "error"))" }
    if errorRecords > 0 { s += "; \(counted(errorRecords, "error record")) skipped" }
    return s + "\n"
  }

  /// The JSONL report: one object per line.
  public func jsonl(all: Bool) -> String {
    var out = ""
    func line(_ build: (inout JSONWriter) -> Void) {
      var w = JSONWriter()
      w.beginObject()
      build(&w)
      w.endObject()
      out += w.string + "\n"
    }
    func number(_ w: inout JSONWriter, _ k: String, _ v: Double?) {
      w.key(k)
      if let v { w.number(v) } else { w.null() }
    }
    func string(_ w: inout JSONWriter, _ k: String, _ v: String?) {
      w.key(k)
      if let v { w.string(v) } else { w.null() }
    }
    for c in rules?.changes ?? [] {
      line { w in
        w.key("type"); w.string("rule-change")
        w.key("kind"); w.string(c.kind.rawValue)
        w.key("topic"); w.string(c.topic)
        w.key("rule_id"); w.string(c.identity)
        number(&w, "old", c.old)
        number(&w, "new", c.new)
        string(&w, "old_location", c.oldLocation)
        string(&w, "new_location", c.newLocation)
        w.key("line"); w.string(c.lineText.trimmingCharacters(in: .whitespaces))
      }
    }
    if let (o, n) = metrics {
      for (a, b) in zip(o.topics, n.topics) + [(o.micro, n.micro)] {
        line { w in
          w.key("type"); w.string("metrics")
          w.key("topic"); w.string(a.id)
          for (k, m) in [("old", a), ("new", b)] {
            w.key(k); w.beginObject()
            w.key("tp"); w.int(m.tp)
            w.key("fp"); w.int(m.fp)
            w.key("fn"); w.int(m.fn)
            number(&w, "precision", m.precision)
            number(&w, "recall", m.recall)
            number(&w, "f1", m.f1)
            w.endObject()
          }
        }
      }
    }
    for c in all ? changes : tagChanges {
      line { w in
        w.key("type"); w.string("article")
        w.key("id"); w.string(c.id)
        w.key("source"); w.string(c.source)
        w.key("added"); w.beginArray(); for t in c.added { w.string(t) }; w.endArray()
        w.key("removed"); w.beginArray(); for t in c.removed { w.string(t) }; w.endArray()
        w.key("topics"); w.beginArray()
        for t in c.topics {
          w.beginObject()
          w.key("topic"); w.string(t.topic)
          w.key("old_score"); w.number(t.oldScore)
          w.key("new_score"); w.number(t.newScore)
          number(&w, "old_threshold", t.oldThreshold)
          number(&w, "new_threshold", t.newThreshold)
          w.key("was_tagged"); w.bool(t.wasTagged)
          w.key("is_tagged"); w.bool(t.isTagged)
          string(&w, "verdict", t.verdict?.rawValue)
          w.key("blame_known"); w.bool(t.blameKnown)
          w.key("blame"); w.beginArray()
          for b in t.blame {
            w.beginObject()
            w.key("kind"); w.string(b.kind.rawValue)
            w.key("rule_id"); w.string(b.identity)
            w.key("location"); w.string(b.location)
            number(&w, "old_weight", b.oldWeight)
            number(&w, "new_weight", b.newWeight)
            number(&w, "old", b.old)
            number(&w, "new", b.new)
            w.endObject()
          }
          w.endArray()
          w.endObject()
        }
        w.endArray()
      }
    }
    for id in onlyOld {
      line { w in
        w.key("type"); w.string("only-old"); w.key("id"); w.string(id)
      }
    }
    for id in onlyNew {
      line { w in
        w.key("type"); w.string("only-new"); w.key("id"); w.string(id)
      }
    }
    line { w in
      w.key("type"); w.string("summary")
      w.key("compared"); w.int(compared)
      w.key("tag_changes"); w.int(tagChanges.count)
      w.key("score_only"); w.int(scoreOnlyCount)
      w.key("labelled"); w.int(labelledCount)
      w.key("fixed"); w.int(verdictCount(.fixed))
      w.key("broke"); w.int(verdictCount(.broke))
      w.key("still_wrong"); w.int(verdictCount(.stillWrong, tagChangesOnly: false))
      w.key("rule_changes"); if let rules { w.int(rules.changes.count) } else { w.null() }
      w.key("only_old"); w.int(onlyOld.count)
      w.key("only_new"); w.int(onlyNew.count)
      w.key("errors"); w.beginArray(); for e in errors { w.string(e) }; w.endArray()
      w.key("error_records"); w.int(errorRecords)
    }
    return out
  }
}
