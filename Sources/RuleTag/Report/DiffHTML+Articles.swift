// The diff page's articles: each listed article with its tags added and
// removed and, per changed topic, the score against the threshold, the
// verdict, the rules to blame with their contributions, and their counted
// hits marked in the sentences (once when both sides counted the same
// hits, else before and after). The filters are radio buttons before the
// list: `#f-t3:checked ~ .alist` hides the other topics' articles and
// topic changes, `#v-fixed:checked ~ .alist` the other verdicts', and both
// together the articles with no topic change that has both.

import Foundation

extension DiffPage {
  /// The CSS of the filters, and the diff page's own styles.
  func css() -> String {
    let picks =
      ["f-all", "v-all"] + changedTopics.map { "f-t\($0)" } + Self.verdicts.map { "v-" + $0.1 }
    var css = DiffStyle.sheet
    for p in picks {
      css += "#\(p):checked~.filters label[for=\(p)]{background:var(--pick);color:#fff;border-color:var(--pick)}\n"
      css += "#\(p):focus-visible~.filters label[for=\(p)]{outline:2px solid var(--pick);outline-offset:2px}\n"
    }
    for k in changedTopics {
      css += "#f-t\(k):checked~.alist .a:not(.t\(k)),#f-t\(k):checked~.alist .tc:not(.t\(k)){display:none}\n"
      for (_, v) in Self.verdicts {
        css += "#f-t\(k):checked~#v-\(v):checked~.alist .a:not(.t\(k)-\(v)){display:none}\n"
      }
    }
    for (_, v) in Self.verdicts {
      css += "#v-\(v):checked~.alist .a:not(.v-\(v)),#v-\(v):checked~.alist .tc:not(.v-\(v)){display:none}\n"
    }
    return css
  }

  /// The section of changed articles with its filters.
  func articles() -> String {
    var h = "<section id=\"articles\">\n<h2>Changed articles</h2>\n"
    guard !listed.isEmpty else {
      let why = diff.scoreOnlyCount > 0 ? " (scores changed: <code>--all</code> lists those articles)" : ""
      return h + "<p class=\"none\">No article's tags changed\(why).</p>\n</section>\n"
    }
    h += "<p class=\"note\">\(counted(listed.count, "article"))"
    h += context.all ? ", with those whose scores alone changed. " : " whose tags changed. "
    h += "Under each changed topic, the rules to blame with their contribution to the score before → after "
    h += "and their counted hits <mark>marked</mark> in the sentence.</p>\n"
    h += "<input class=\"pick\" type=\"radio\" name=\"topic\" id=\"f-all\" checked>\n"
    for k in changedTopics { h += "<input class=\"pick\" type=\"radio\" name=\"topic\" id=\"f-t\(k)\">\n" }
    h += "<input class=\"pick\" type=\"radio\" name=\"verdict\" id=\"v-all\" checked>\n"
    for (_, v) in Self.verdicts { h += "<input class=\"pick\" type=\"radio\" name=\"verdict\" id=\"v-\(v)\">\n" }
    h += "<div class=\"filters\" role=\"group\" aria-label=\"filter by topic\"><span class=\"fl\">Topic</span> "
    h += "<label for=\"f-all\">all <b>\(listed.count)</b></label>\n"
    for k in changedTopics {
      let id = diff.topicOrder[k]
      let n = listed.filter { $0.topics.contains { $0.topic == id } }.count
      h += "<label for=\"f-t\(k)\">\(esc(id)) <b>\(n)</b></label>\n"
    }
    h += "</div>\n<div class=\"filters\" role=\"group\" aria-label=\"filter by verdict\">"
    h += "<span class=\"fl\">Verdict</span> <label for=\"v-all\">any</label>\n"
    for (v, c) in Self.verdicts {
      let n = listed.filter { $0.topics.contains { $0.verdict == v } }.count
      h += "<label for=\"v-\(c)\">\(v.rawValue) <b>\(n)</b></label>\n"
    }
    h += "</div>\n"
    if diff.labelledCount == 0 {
      h += "<p class=\"note\">The input has no labels: no change has a verdict.</p>\n"
    }
    h += "<div class=\"alist\">\n"
    for (k, c) in listed.enumerated() { h += article(c, number: k + 1) }
    return h + "</div>\n</section>\n"
  }

  /// One changed article.
  func article(_ c: ArticleDiff, number: Int) -> String {
    let ev = evidence[DiffHTMLEvidence.key(id: c.id, source: c.source)]
    var classes = ["a"]
    for t in c.topics {
      let a = anchor(t.topic)
      let v = Self.verdictClass(t.verdict)
      for x in [a, v, a + "-" + v.dropFirst(2)] where !classes.contains(x) { classes.append(x) }
    }
    if !c.tagChanged { classes.append("so") }
    var h = "<article class=\"\(classes.joined(separator: " "))\" id=\"a\(number)\" data-id=\"\(esc(c.id))\">\n"
    h += "<header><code class=\"aid\">\(esc(c.id))</code>"
    if let a = ev?.article, !a.title.isEmpty {
      h += " <span class=\"atitle\" lang=\"zh-Hans\">\(HTMLText.escape(bytes: a.title))</span>"
    }
    for t in c.added { h += " <span class=\"tg add\">+\(esc(t))</span>" }
    for t in c.removed { h += " <span class=\"tg rem\">−\(esc(t))</span>" }
    if !c.tagChanged { h += " <span class=\"tg so\">scores only</span>" }
    h += "</header>\n<p class=\"where\"><code>\(esc(c.source))</code>"
    if let labels = ev?.article.labels {
      h += " · labelled "
      h += labels.isEmpty ? "with nothing" : labels.map { "<code>\(esc($0))</code>" }.joined(separator: ", ")
    }
    h += "</p>\n"
    for t in c.topics { h += topicChange(t, ev) }
    return h + "</article>\n"
  }

  /// One changed topic of an article: the score line, the verdict, the
  /// blamed rules.
  func topicChange(_ t: TopicChange, _ ev: DiffArticleEvidence?) -> String {
    let v = Self.verdictClass(t.verdict)
    var h = "<div class=\"tc \(anchor(t.topic)) \(v)\">\n<p class=\"score\"><b class=\"tid\">\(esc(t.topic))</b> "
    h += "score <b>\(esc(TagDiff.arrow(JSONWriter.format(t.oldScore), JSONWriter.format(t.newScore))))</b>"
    switch (t.oldThreshold, t.newThreshold) {
    case (let a?, let b?):
      h += " against threshold \(esc(TagDiff.arrow(JSONWriter.format(a), JSONWriter.format(b))))"
      h += " (\(Self.side(t.oldScore, a)) before, \(Self.side(t.newScore, b)) after)"
    case (nil, let b?): h += " against threshold \(JSONWriter.format(b))"
    case (let a?, nil): h += " against threshold \(JSONWriter.format(a))"
    case (nil, nil): h += " (threshold not known)"
    }
    h += ": "
    if t.tagChanged {
      h += t.isTagged ? "<span class=\"tg add\">now tagged</span>" : "<span class=\"tg rem\">no longer tagged</span>"
    } else {
      h += t.isTagged ? "tagged before and after" : "untagged before and after"
    }
    if let verdict = t.verdict { h += " <span class=\"vd \(v)\">\(verdict.rawValue)</span>" }
    h += "</p>\n"
    if !t.blameKnown {
      h += "<p class=\"none\">The records list no evidence for this topic: run <code>tag</code> with "
      h += "<code>--explain</code> to see the rules.</p>\n"
    } else if t.blame.isEmpty {
      h += "<p class=\"none\">No rule to blame.</p>\n"
    } else {
      h += "<ol class=\"rules\">\n"
      for b in t.blame { h += blamed(b, topic: t.topic, ev) }
      h += "</ol>\n"
    }
    if let ev { h += unblamed(t, ev) }
    return h + "</div>\n"
  }

  /// The rules that fired on the topic with the same contribution on both
  /// sides (not to blame), folded: what the score is made of besides the
  /// change.
  func unblamed(_ t: TopicChange, _ ev: DiffArticleEvidence) -> String {
    let blamed = Set(t.blame.map(\.identity))
    let fired = (ev.new[t.topic] ?? [:]).filter { !blamed.contains($0.key) && ev.old[t.topic]?[$0.key] != nil }
    guard !fired.isEmpty else { return "" }
    let rows = fired.map { id, hits in (id, hits, located[id]) }
      .sorted { TagBlame.locationOrder($0.2?.location ?? $0.0) < TagBlame.locationOrder($1.2?.location ?? $1.0) }
    var h = "<details class=\"same\"><summary>\(counted(rows.count, "other rule")) fired as before</summary>\n"
    h += "<ol class=\"rules\">\n"
    for (id, hits, rule) in rows {
      let w = rule.map { $0.weight * Double(hits.count) }
      h += "<li><span class=\"kd\">same</span> "
      h += "<span class=\"w \((w ?? 0) < 0 ? "neg" : "pos")\">\(esc(TagDiff.signed(w)))</span> "
      h += "<code class=\"loc\">\(esc(rule?.location ?? id))</code>"
      if let line = lines[id] { h += " <code class=\"src\" lang=\"zh-Hans\">\(esc(line))</code>" }
      h += "\n" + self.hits(hits, ev.article, label: nil) + "</li>\n"
    }
    return h + "</ol>\n</details>\n"
  }

  /// `≥ threshold` or `< threshold`, escaped.
  static func side(_ score: Double, _ threshold: Double) -> String { score >= threshold ? "≥" : "&lt;" }

  /// One blamed rule, with its hits.
  func blamed(_ b: Blame, topic: String, _ ev: DiffArticleEvidence?) -> String {
    var h = "<li><span class=\"kd\">\(esc(b.kind.rawValue))</span> "
    switch b.kind {
    case .threshold:
      h += "threshold <b>\(esc(TagDiff.arrow(JSONWriter.format(b.old ?? 0), JSONWriter.format(b.new ?? 0))))</b> "
      h += "<code class=\"loc\">\(esc(b.location))</code></li>\n"
      return h
    case .reweighted, .edited:
      let w = TagDiff.arrow(TagDiff.signed(b.oldWeight), TagDiff.signed(b.newWeight))
      h += "<span class=\"w \((b.newWeight ?? 0) < 0 ? "neg" : "pos")\">\(esc(w))</span> "
    case .removed, .noLongerFires:
      h += "<span class=\"w \((b.oldWeight ?? 0) < 0 ? "neg" : "pos")\">\(esc(TagDiff.signed(b.oldWeight)))</span> "
    default:
      let w = b.newWeight ?? b.oldWeight
      h += "<span class=\"w \((w ?? 0) < 0 ? "neg" : "pos")\">\(esc(TagDiff.signed(w)))</span> "
    }
    h += "<code class=\"loc\">\(esc(b.location))\(b.kind == .removed ? " (before)" : "")</code>"
    if b.identity != b.location { h += " <code class=\"rid\">\(esc(b.identity))</code>" }
    if let o = b.old, let n = b.new {
      h += " <span class=\"contrib\">contributes <b>\(JSONWriter.format(o)) → \(JSONWriter.format(n))</b></span>"
    }
    let line = b.lineText.isEmpty ? lines[b.identity] ?? "" : b.lineText.trimmingCharacters(in: .whitespaces)
    if !line.isEmpty { h += " <code class=\"src\" lang=\"zh-Hans\">\(esc(line))</code>" }
    h += "\n"
    if let ev {
      let before = ev.old[topic]?[b.identity] ?? []
      let after = ev.new[topic]?[b.identity] ?? []
      if before == after {
        h += hits(before, ev.article, label: nil)
      } else {
        h += hits(before, ev.article, label: "before")
        h += hits(after, ev.article, label: "after")
      }
    }
    return h + "</li>\n"
  }

  /// A list of counted hits, each as its marked sentences; `label` names
  /// the side when the sides differ.
  func hits(_ hits: [[EvidenceSpan]], _ a: Article, label: String?) -> String {
    var h = "<ul class=\"ev\(label.map { " " + $0 } ?? "")\">\n"
    if hits.isEmpty, let label {
      return h + "<li><span class=\"gl\">\(label)</span> <span class=\"gap\">no counted hit</span></li>\n</ul>\n"
    }
    for hit in hits {
      let parts = MarkedSentence.group(a, hit).map { s in
        (s.inTitle ? "<span class=\"field\">title</span> " : "") + s.html(a)
      }
      h += "<li>" + (label.map { "<span class=\"gl\">\($0)</span> " } ?? "")
      h += "<span lang=\"zh-Hans\">" + parts.joined(separator: " <span class=\"gap\">…</span> ") + "</span></li>\n"
    }
    return h + "</ul>\n"
  }
}

/// The diff page's styles, after the shared sheet.
enum DiffStyle {
  static let sheet = """
    .stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,9.5rem),1fr));gap:8px;margin:0}
    .stat{border:1px solid var(--line);border-radius:8px;padding:6px 10px;display:flex;flex-direction:column-reverse}
    .stat dd{margin:0;font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums}
    .stat dt{color:var(--muted);font-size:.88em}
    .stat.fixed dd{color:var(--f)}.stat.broke dd{color:var(--fp)}.stat.still dd{color:var(--fn)}
    .unknown{border-left:4px solid var(--fn);padding-left:8px}
    table.changes{width:100%}
    table.changes td.l,table.changes th.l{text-align:left}
    table.changes td.line{white-space:normal;min-width:14em}
    .kd{display:inline-block;font-size:.8em;font-weight:700;border-radius:4px;padding:0 6px;background:var(--soft);
    border:1px solid var(--line)}
    .rc.added .kd{color:var(--f)}
    .rc.removed .kd{color:var(--fp)}
    table.deltas td{white-space:nowrap}
    .dl{font-size:.82em;font-weight:700;margin-left:4px}
    .dl.up{color:var(--f)}.dl.down{color:var(--fp)}
    tr.moved th{color:var(--p)}
    svg.pair{max-height:9rem}
    .cards+.scroll{margin-top:12px}
    svg .bar.old{opacity:.35}
    .alist{margin-top:.8em}
    .a{border:1px solid var(--line);border-left:5px solid var(--p);border-radius:6px;padding:8px 12px;margin:10px 0;
    min-width:0}
    .a.so{border-left-color:var(--line)}
    .a>header{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
    .a .atitle{font-weight:600}
    .where{margin:.1em 0 .3em;color:var(--muted);font-size:.9em}
    .tg{font-size:.85em;font-weight:700;border-radius:4px;padding:0 6px;background:var(--soft)}
    .tg.add{color:var(--f)}.tg.rem{color:var(--fp)}.tg.so{color:var(--muted)}
    .tc{border-top:1px dashed var(--line);padding-top:4px;margin-top:4px}
    .tc .score{margin:.2em 0}
    .vd{font-size:.85em;font-weight:700;color:#fff;border-radius:4px;padding:0 6px;background:var(--muted)}
    .vd.v-fixed{background:var(--f)}.vd.v-broke{background:var(--fp)}.vd.v-still{background:var(--fn)}
    .rid{color:var(--muted);font-size:.8em}
    .contrib{color:var(--muted);font-size:.92em}
    .contrib b{color:var(--fg)}
    .ev.before mark{background:#f3d4d1;box-shadow:inset 0 -2px 0 var(--fp)}
    .ev.after mark{background:#cdeed8;box-shadow:inset 0 -2px 0 var(--f)}
    .ev.before,.ev.after{list-style:none;padding-left:.4em}
    @media print{.a,.tc{display:block!important;break-inside:avoid}}

    """
}
