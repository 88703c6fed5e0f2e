// `ruletag explain` laid out: the normalised text with every hit marked,
// the hits numbered with their rule and what became of them, each topic's
// score as a sum against its threshold, and the near misses; as text for
// people or one JSON object for tools. `Explanation` computes the trace;
// this file only lays it out.

import Foundation

/// An article's trace, ready to print.
public struct ExplanationReport: Sendable {
  public var article: Article
  public var explanation: Explanation
  public var rules: CompiledRules
  /// Untagged topics at most this many points below their threshold are
  /// near misses.
  public var margin: Double
  /// Whether the text report lists `incomplete` hits too (terms of rules
  /// whose expression did not match); JSON always has them.
  public var allHits: Bool

  public init(article: Article, explanation: Explanation, rules: CompiledRules, margin: Double, allHits: Bool = false) {
    self.article = article
    self.explanation = explanation
    self.rules = rules
    self.margin = margin
    self.allHits = allHits
  }

  /// The text of a normalised byte range.
  func text(_ start: Int, _ end: Int) -> String {
    let b = explanation.text.utf8
    let from = b.index(b.startIndex, offsetBy: start)
    let to = b.index(b.startIndex, offsetBy: end)
    return String(explanation.text[from..<to])
  }

  /// A counted hit as text: its spans joined by `…`.
  func hitText(_ h: [Span]) -> String { h.map { text(Int($0.start), Int($0.end)) }.joined(separator: "…") }

  /// The gold labels, nil when the article has no `labels`.
  var gold: Set<String>? { article.labels.map(Set.init) }

  /// How a topic's tag compares with the labels: TP, FP, FN or nothing.
  func verdict(_ t: TopicTrace) -> String? {
    guard let gold else { return nil }
    switch (t.tagged, gold.contains(rules.topics[t.topic].id)) {
    case (true, true): return "TP"
    case (true, false): return "FP"
    case (false, true): return "FN"
    case (false, false): return nil
    }
  }

  /// Untagged topics with a positive score within `margin` of their
  /// threshold, closest first.
  public var nearTopics: [TopicTrace] {
    explanation.topics.filter { t in
      let th = rules.topics[t.topic].threshold
      return !t.tagged && t.score > 0 && th - t.score <= margin
    }.sorted {
      (rules.topics[$0.topic].threshold - $0.score, $0.topic) < (rules.topics[$1.topic].threshold - $1.score, $1.topic)
    }
  }

  /// The near misses among rules that could change the outcome: positive
  /// rules of untagged topics and negative rules of tagged ones.
  public var nearRules: [NearRule] {
    explanation.nearRules.filter { n in
      let rule = rules.rules[n.rule]
      return (rule.weight > 0) != explanation.topics[rule.topic].tagged
    }
  }

  /// The hits the text report marks: all but the `incomplete` ones unless
  /// `allHits`.
  var shownHits: [TracedHit] {
    allHits ? explanation.hits : explanation.hits.filter { $0.suppression != .incomplete }
  }

  /// Runs of overlapping shown hits, each marked once in the text.
  func regions() -> [[TracedHit]] {
    let hits = shownHits
    var out: [[TracedHit]] = []
    var k = 0
    while k < hits.count {
      var end = hits[k].end
      var j = k + 1
      while j < hits.count && hits[j].start < end {
        end = max(end, hits[j].end)
        j += 1
      }
      out.append(Array(hits[k..<j]))
      k = j
    }
    return out
  }

  // MARK: text

  /// The text report.
  public func rendered() -> String {
    var out = "article \(article.id) (\(article.source))\n"
    if let labels = article.labels {
      out += "labels: " + (labels.isEmpty ? "none" : labels.joined(separator: ", ")) + "\n"
    }
    let regions = regions()
    out += "\ntext, normalised (【counted】, 〔suppressed only〕, [region number]):\n"
    var marked = markedText(regions)
    while marked.hasSuffix("\n") { marked.removeLast() }
    out += marked + "\n"
    out += "\nhits by region:\n"
    if regions.isEmpty { out += "  none\n" }
    let w0 = explanation.hits.map { h in h.suppression.map { DisplayWidth.of($0.description) } ?? 7 }.max() ?? 7
    for (n, region) in regions.enumerated() {
      let start = region.map(\.start).min()!
      let end = region.map(\.end).max()!
      out += "  [\(n + 1)] \(text(start, end))\n"
      for h in region {
        let rule = rules.rules[h.rule]
        let what = h.suppression?.description ?? "counted"
        out +=
          "      " + DisplayWidth.pad(what, to: w0)
          + "  \(text(h.start, h.end))  \(rules.topics[rule.topic].id)  \(rule.location)\n"
      }
    }
    let hidden = explanation.hits.count - shownHits.count
    if hidden > 0 {
      out +=
        "  (\(counted(hidden, "incomplete hit")) not shown: terms of rules whose expression did not match; --all-hits)\n"
    }
    out += "\nscores:\n"
    let w = rules.topics.map { $0.id.count }.max() ?? 0
    var zero: [String] = []
    for t in explanation.topics {
      let topic = rules.topics[t.topic]
      let v = verdict(t)
      if t.rules.isEmpty && v == nil {
        zero.append(topic.id)
        continue
      }
      var line = "  " + topic.id.padding(toLength: w, withPad: " ", startingAt: 0) + " "
      for r in t.rules {
        let rule = rules.rules[r.rule]
        var texts: [String] = []
        for h in r.hits where !texts.contains(hitText(h)) { texts.append(hitText(h)) }
        line += " \(signed(rule.weight)) \(texts.joined(separator: "/")) ×\(r.count) (\(rule.location))"
      }
      let cmp = t.tagged ? "≥" : "<"
      line += "  = \(JSONWriter.format(t.score)) \(cmp) \(JSONWriter.format(topic.threshold))"
      line += t.tagged ? " tagged" : " not tagged"
      if let v { line += " (\(v))" }
      out += line + "\n"
    }
    if !zero.isEmpty { out += "  0 for " + zero.joined(separator: ", ") + "\n" }
    out += "\nnear misses:\n"
    let near = nearTopics
    let nearRules = nearRules
    if near.isEmpty && nearRules.isEmpty { out += "  none\n" }
    for t in near {
      let th = rules.topics[t.topic].threshold
      out +=
        "  \(rules.topics[t.topic].id): \(JSONWriter.format(t.score)) < \(JSONWriter.format(th)), "
        + "\(JSONWriter.format(th - t.score)) short\n"
    }
    for n in nearRules {
      let rule = rules.rules[n.rule]
      out += "  \(rule.location) (\(rules.topics[rule.topic].id), \(signed(rule.weight))): \(n.reason)\n"
    }
    return out
  }

  /// The normalised text with every shown hit marked: each region in 【】
  /// when one of its hits counted and in 〔〕 otherwise, followed by its
  /// number.
  func markedText(_ regions: [[TracedHit]]) -> String {
    var out = ""
    var at = 0
    for (n, region) in regions.enumerated() {
      let start = region.map(\.start).min()!
      let end = region.map(\.end).max()!
      let counted = region.contains { $0.suppression == nil }
      out += text(at, start) + (counted ? "【" : "〔") + text(start, end) + (counted ? "】" : "〕") + "[\(n + 1)]"
      at = end
    }
    return out + text(at, explanation.text.utf8.count)
  }

  // MARK: JSON

  /// The trace as one JSON object; offsets are characters into `text`.
  public func json() -> String {
    var w = JSONWriter()
    let chars = characterOffsets()
    w.beginObject()
    w.key("id"); w.string(article.id)
    w.key("source"); w.string(article.source)
    if let labels = article.labels {
      w.key("labels"); w.beginArray()
      for l in labels { w.string(l) }
      w.endArray()
    }
    w.key("text"); w.string(explanation.text)
    w.key("title_end"); w.int(chars[explanation.titleEnd])
    w.key("hits"); w.beginArray()
    for h in explanation.hits {
      let rule = rules.rules[h.rule]
      w.beginObject()
      w.key("rule"); w.string(rule.location)
      w.key("topic"); w.string(rules.topics[rule.topic].id)
      w.key("text"); w.string(text(h.start, h.end))
      w.key("start"); w.int(chars[h.start])
      w.key("end"); w.int(chars[h.end])
      w.key("counted"); w.bool(h.suppression == nil)
      w.key("suppressed")
      if let s = h.suppression {
        w.beginObject()
        w.key("reason"); w.string(s.kind)
        if let word = s.word { w.key("word"); w.string(word) }
        w.endObject()
      } else {
        w.null()
      }
      w.endObject()
    }
    w.endArray()
    w.key("topics"); w.beginArray()
    for t in explanation.topics {
      let topic = rules.topics[t.topic]
      w.beginObject()
      w.key("topic"); w.string(topic.id)
      w.key("score"); w.number(t.score)
      w.key("threshold"); w.number(topic.threshold)
      w.key("tagged"); w.bool(t.tagged)
      if gold != nil {
        w.key("verdict")
        if let v = verdict(t) { w.string(v) } else { w.null() }
      }
      w.key("rules"); w.beginArray()
      for r in t.rules {
        let rule = rules.rules[r.rule]
        w.beginObject()
        w.key("rule"); w.string(rule.location)
        w.key("weight"); w.number(rule.weight)
        w.key("count"); w.int(r.count)
        w.key("score"); w.number(r.score)
        w.key("hits"); w.beginArray()
        for h in r.hits { w.string(hitText(h)) }
        w.endArray()
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
    w.key("near_topics"); w.beginArray()
    for t in nearTopics {
      let th = rules.topics[t.topic].threshold
      w.beginObject()
      w.key("topic"); w.string(rules.topics[t.topic].id)
      w.key("score"); w.number(t.score)
      w.key("threshold"); w.number(th)
      w.key("short"); w.number(th - t.score)
      w.endObject()
    }
    w.endArray()
    w.key("near_rules"); w.beginArray()
    for n in nearRules {
      let rule = rules.rules[n.rule]
      w.beginObject()
      w.key("rule"); w.string(rule.location)
      w.key("topic"); w.string(rules.topics[rule.topic].id)
      w.key("reason"); w.string(n.reason)
      w.endObject()
    }
    w.endArray()
    w.endObject()
    return w.string + "\n"
  }

  /// The character offset of every byte offset of `text` (and of its end).
  func characterOffsets() -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(explanation.text.utf8.count + 1)
    var c = 0
    for b in explanation.text.utf8 {
      // A lead byte starts the next character; the others belong to it.
      if b & 0xC0 != 0x80 { c += 1 }
      out.append(c - 1)
    }
    out.append(c)
    return out
  }
}

/// A weight with its sign: `+2`, `-3`.
func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + JSONWriter.format(x) }

extension Suppression {
  /// The reason's name in JSON (`list`, `not-after`, `overlap` …).
  public var kind: String {
    switch self {
    case .context(let name): return name
    case .notAfter: return "not-after"
    case .notBefore: return "not-before"
    case .notInside: return "not-inside"
    case .overlap: return "overlap"
    case .cap: return "cap"
    case .incomplete: return "incomplete"
    case .negated: return "not"
    case .lead: return "lead"
    }
  }

  /// The guard word, for the guards.
  public var word: String? {
    switch self {
    case .notAfter(let w), .notBefore(let w), .notInside(let w): return w
    default: return nil
    }
  }
}
