// The HTML report of `diff`, checked without a browser: on a hand-made
// edit of the shipped rules over Corpus/ (the `骑手` rule reweighted from
// +1 to +4, the culture-sports threshold raised from 4 to 8) the page
// is well formed (HTMLChecker), loads nothing, lists the same rule changes,
// figures and articles as the text report, marks the blamed rule's hits,
// and equals a golden file under a fixed clock. Hits that differ between
// the sides are shown before and after; two record files give a page that
// says what it cannot know; hostile text is escaped.

import Foundation
import Testing

@testable import RuleTag

enum DiffHTMLFixture {
  static let clock = Date(timeIntervalSince1970: 1_800_000_000)

  /// The shipped rules (`Rules`) and the edited copy (`new`, in a
  /// temporary folder), compared on Corpus/.
  static let corpus: (diff: TagDiff, old: CompiledRules, new: CompiledRules, evidence: [String: DiffArticleEvidence])? =
    {
      let root = PackagePaths.root.path
      let dir = makeTemporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let copy = dir.appendingPathComponent("new")
      do {
        try FileManager.default.copyItem(at: PackagePaths.rules, to: copy)
        try edit(
          copy.appendingPathComponent("new-employment.rules"), "  +1  骑手  not-before 之家", "  +4  骑手  not-before 之家")
        try edit(
          copy.appendingPathComponent("culture-sports.rules"), "\"文体活动\" threshold 4", "\"文体活动\" threshold 8")
      } catch { return nil }
      guard case .success(let old) = CompiledRules.load(path: "Rules", directory: root),
        case .success(let new) = CompiledRules.load(path: "new", directory: dir.path)
      else { return nil }
      let diff = TagDiffScan.run(
        old: old, new: new, reader: InputReader(paths: ["Corpus"], directory: root), threads: 1)
      let evidence = DiffHTMLEvidence.collect(
        diff, all: true, old: old, new: new, reader: InputReader(paths: ["Corpus"], directory: root))
      return (diff, old, new, evidence)
    }()

  static func edit(_ file: URL, _ from: String, _ to: String) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    guard text.contains(from) else { throw CocoaError(.fileReadCorruptFile) }
    try text.replacingOccurrences(of: from, with: to).write(to: file, atomically: true, encoding: .utf8)
  }

  static func context(all: Bool) -> DiffHTMLContext {
    DiffHTMLContext(
      old: "Rules", new: "new", input: ["Corpus"], all: all, generated: clock, generator: "ruletag (tests)",
      command: ["ruletag", "diff", "--rules", "Rules", "--rules", "new"] + (all ? ["--all"] : [])
        + ["--html", "diff.html"])
  }

  /// The page of the corpus fixture, with or without `--all`.
  static func page(all: Bool) -> String? {
    guard let f = corpus else { return nil }
    return DiffHTML.page(f.diff, old: f.old, new: f.new, evidence: f.evidence, context: context(all: all))
  }

  /// The changed articles' blocks: id, classes and body, in page order.
  static func articleBlocks(_ html: String) -> [(id: String, classes: [String], body: String)] {
    HTMLChecker.matches(#"<article class="(a [^"]*)" id="a\d+" data-id="([^"]*)">(.*?)</article>"#, in: html).map {
      (HTMLChecker.unescape($0[1]), $0[0].split(separator: " ").map(String.init), $0[2])
    }
  }

  /// A diff of two small rule texts on JSONL `input`, with its page.
  static func small(old: String, new: String, input: String, all: Bool = true) throws -> String {
    let o = try #require(compileRules(old, file: "old.rules"))
    let n = try #require(compileRules(new, file: "new.rules"))
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try input.write(to: dir.appendingPathComponent("in.jsonl"), atomically: true, encoding: .utf8)
    let diff = TagDiffScan.run(
      old: o, new: n, reader: InputReader(paths: ["in.jsonl"], directory: dir.path), threads: 1)
    let ev = DiffHTMLEvidence.collect(
      diff, all: all, old: o, new: n, reader: InputReader(paths: ["in.jsonl"], directory: dir.path))
    let context = DiffHTMLContext(
      old: "old.rules", new: "new.rules", input: ["in.jsonl"], all: all, generated: clock, generator: "t")
    return DiffHTML.page(diff, old: o, new: n, evidence: ev, context: context)
  }
}

@Suite struct DiffHTMLTests {
  @Test(arguments: [false, true])
  func corpusPageIsWellFormed(_ all: Bool) throws {
    let html = try #require(DiffHTMLFixture.page(all: all))
    #expect(HTMLChecker.problems(html) == [])
  }

  @Test func corpusPageLoadsNothing() throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    for bad in ["http:", "https:", "src=", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "//"] {
      #expect(!html.contains(bad), "the page contains \(bad)")
    }
    let ids = Set(HTMLChecker.matches(#" id="([^"]*)""#, in: html).map { $0[0] })
    let hrefs = HTMLChecker.matches(#" href="([^"]*)""#, in: html).map { $0[0] }
    #expect(hrefs.count == 5)
    for h in hrefs {
      #expect(h.hasPrefix("#") && ids.contains(String(h.dropFirst())), "link \(h) goes nowhere in the page")
    }
  }

  /// The edit changes tags (a fix and four breaks) and scores only (two
  /// articles): the page lists what the text report lists.
  @Test(arguments: [false, true])
  func articlesAreTheTextReports(_ all: Bool) throws {
    let f = try #require(DiffHTMLFixture.corpus)
    let html = try #require(DiffHTMLFixture.page(all: all))
    #expect(f.diff.tagChanges.count == 5 && f.diff.scoreOnlyCount == 2)
    let text = f.diff.rendered(all: all, oldName: "Rules", newName: "new").split(separator: "\n")
      .filter { !$0.hasPrefix(" ") && !$0.hasPrefix("*") && $0.contains("  ") && !$0.hasPrefix("rule changes") }
      .map { String($0.split(separator: " ")[0]) }
    let blocks = DiffHTMLFixture.articleBlocks(html)
    #expect(blocks.map(\.id) == text)
    #expect(blocks.map(\.id) == (all ? f.diff.changes : f.diff.tagChanges).map(\.id))
    for (b, c) in zip(blocks, all ? f.diff.changes : f.diff.tagChanges) {
      let verdicts = Set(c.topics.map { DiffPage.verdictClass($0.verdict) })
      #expect(Set(b.classes.filter { $0.hasPrefix("v-") }) == verdicts, "\(c.id)")
      #expect(b.classes.contains("so") == !c.tagChanged, "\(c.id)")
      for t in c.added { #expect(b.body.contains("<span class=\"tg add\">+\(t)</span>"), "\(c.id)") }
      for t in c.topics {
        #expect(
          b.body.contains(
            "<b class=\"tid\">\(t.topic)</b> score <b>\(TagDiff.arrow(JSONWriter.format(t.oldScore), JSONWriter.format(t.newScore)))</b>"
          ), "\(c.id) \(t.topic)")
      }
    }
    if !all { #expect(html.contains("2 articles with changed scores only are counted but not listed")) }
    let verdicts = HTMLChecker.matches(#"<span class="vd v-[a-z]+">([a-z ]+)</span>"#, in: html).map { $0[0] }
    #expect(verdicts.sorted() == ["broke", "broke", "broke", "broke", "fixed"])
  }

  @Test func ruleChangesAndFiguresAreTheTextReports() throws {
    let f = try #require(DiffHTMLFixture.corpus)
    let html = try #require(DiffHTMLFixture.page(all: false))
    let rows = HTMLChecker.matches(
      #"<tr class="rc [a-z-]+" data-kind="([a-z-]+)"><td class="l"><span class="kd">[^<]*</span></td><td class="l"><code>([^<]*)</code></td><td>([^<]*)</td><td class="l"><code class="loc">([^<]*)</code>"#,
      in: html)
    #expect(
      rows.map { $0.map(HTMLChecker.unescape) } == [
        ["threshold", "culture-sports", "threshold 4 → 8", "new/culture-sports.rules:21"],
        ["reweighted", f.diff.rules!.changes[1].identity, "+1 → +4", "new/new-employment.rules:43"],
      ])
    // Every row of the text report's table, cell by cell.
    let (o, n) = try #require(f.diff.metrics)
    let cells = HTMLChecker.matches(
      #"<tr data-topic="([^"]*)"[^>]*><th scope="row" class="l">[^<]*</th><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>"#,
      in: html)
    let expected = (zip(o.topics, n.topics).map { ($0.id, $0, $1) } + [("micro avg", o.micro, n.micro)]).map {
      [
        $0.0, TagDiff.change($0.1.precision, $0.2.precision), TagDiff.change($0.1.recall, $0.2.recall),
        TagDiff.change($0.1.f1, $0.2.f1),
      ]
    }
    #expect(
      cells.map {
        [$0[0]]
          + $0[1...].map {
            HTMLChecker.unescape(
              $0.replacingOccurrences(
                of: #" <span class="dl [a-z]+">[^<]*</span>"#, with: "", options: .regularExpression))
          }
      } == expected)
    #expect(html.contains("0.86 → 1.00 <span class=\"dl up\">+0.14</span>"))
    #expect(html.contains("1.00 → 0.33 <span class=\"dl down\">−0.67</span>"))
    // Bars only for the two rows that moved.
    #expect(
      HTMLChecker.matches(#"<article class="card" id="(mc-[a-z0-9]+)">"#, in: html).map { $0[0] } == [
        "mc-t0", "mc-micro",
      ])
  }

  /// The reweighted rule's counted hit is the `骑手` of the sentence, marked
  /// once (the hits are the same on both sides); the threshold's blame has
  /// no sentence, and the rules behind the score are folded under it.
  @Test func blamedHitsAreMarked() throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    let blocks = DiffHTMLFixture.articleBlocks(html)
    let s0 = try #require(blocks.first { $0.id == "s0-01" })
    #expect(s0.body.contains("<span class=\"kd\">reweighted</span> <span class=\"w pos\">+1 → +4</span>"))
    #expect(s0.body.contains("contributes <b>1 → 4</b>"))
    #expect(
      HTMLChecker.matches("<mark>([^<]*)</mark>", in: s0.body.components(separatedBy: "<details")[0]).map { $0[0] } == [
        "骑手"
      ])
    #expect(!s0.body.contains("class=\"ev before\""))
    let s103 = try #require(blocks.first { $0.id == "s1-03" })
    #expect(s103.body.contains("<span class=\"kd\">threshold</span> threshold <b>4 → 8</b>"))
    #expect(s103.body.contains("<details class=\"same\"><summary>2 other rules fired as before</summary>"))
    #expect(s103.body.contains("<code class=\"loc\">new/culture-sports.rules:25</code>"))
    #expect(s103.body.contains("<mark>文体活动</mark>"))
  }

  @Test func corpusPageGolden() throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    expectGolden(html, at: PackagePaths.tests("RuleTagTests").appendingPathComponent("Golden/html/diff-corpus.html"))
  }

  /// A rule named with `id` whose text changed counts other words: its
  /// hits are shown before (`骑手`, counted once, in the headline) and after
  /// (`外卖员`).
  @Test func changedHitsAreShownBeforeAndAfter() throws {
    let html = try DiffHTMLFixture.small(
      old: "topic n \"n\" threshold 3\n  +1  骑手  id rider\n",
      new: "topic n \"n\" threshold 3\n  +5  外卖员  id rider\n",
      input: "{\"id\":\"x\",\"title\":\"骑手\",\"text\":\"外卖员和骑手。\",\"labels\":[\"n\"]}\n")
    #expect(HTMLChecker.problems(html) == [])
    let blocks = DiffHTMLFixture.articleBlocks(html)
    #expect(blocks.map(\.id) == ["x"], "\(html.components(separatedBy: "<main>").last ?? "")")
    let body = try #require(blocks.first).body
    #expect(body.contains("<span class=\"kd\">edited</span>"))
    let before = try #require(
      body.components(separatedBy: "<ul class=\"ev before\">").last?.components(separatedBy: "</ul>").first)
    let after = try #require(
      body.components(separatedBy: "<ul class=\"ev after\">").last?.components(separatedBy: "</ul>").first)
    #expect(HTMLChecker.matches("<mark>([^<]*)</mark>", in: before).map { $0[0] } == ["骑手"])
    #expect(before.contains("<span class=\"field\">title</span> <mark>骑手</mark>"))
    #expect(HTMLChecker.matches("<mark>([^<]*)</mark>", in: after).map { $0[0] } == ["外卖员"])
    #expect(body.contains("<span class=\"tg add\">+n</span>"))
    #expect(body.contains("<span class=\"vd v-fixed\">fixed</span>"))
  }

  /// Two record files: no rule sets, no text; the page says so, and
  /// escapes what the records hold.
  @Test func recordFilesSayWhatIsNotKnown() throws {
    func record(_ id: String, tags: [String], score: Int, rule: String?) -> ArticleOutcome? {
      let evidence = rule.map { ", \"evidence\": {\"t\": [{\"rule\": \"\($0)\", \"weight\": \(score)}]}" } ?? ""
      let line =
        "{\"id\": \"\(id)\", \"source\": \"<in>:1\", \"tags\": [\(tags.map { "\"\($0)\"" }.joined(separator: ","))], \"scores\": {\"t\": \(score)}\(evidence)}"
      guard case .success(let r) = TaggedRecord.parse(Array(line.utf8), lineNumber: 1) else { return nil }
      return r
    }
    let hostile = "<b>&\\u0027x"
    let old = try #require(record(hostile, tags: [], score: 0, rule: nil))
    let new = try #require(record(hostile, tags: ["t"], score: 4, rule: "r.rules:2"))
    let gone = try #require(record("gone", tags: [], score: 0, rule: nil))
    let diff = TagDiff.compare(old: [old, gone], new: [new])
    let html = DiffHTML.page(
      diff, old: nil, new: nil, evidence: [:],
      context: DiffHTMLContext(
        old: "a.jsonl", new: "b.jsonl", input: [], all: false, generated: DiffHTMLFixture.clock, generator: "t"))
    #expect(HTMLChecker.problems(html) == [])
    #expect(html.contains("the rules that made them are not known"))
    #expect(html.contains("Not known: the two files do not say which rules made them."))
    #expect(html.contains("No article has labels"))
    #expect(html.contains("the two files' records, paired by id: 1 article compared"))
    #expect(html.contains("data-id=\"&lt;b&gt;&amp;&#39;x\""))
    #expect(!html.contains("<b>&"))
    #expect(html.contains("<li><code>gone</code> only in <code>a.jsonl</code></li>"))
    #expect(html.contains("(threshold not known)"))
    #expect(
      html.contains(
        "<span class=\"kd\">now fires</span> <span class=\"w pos\">+4</span> <code class=\"loc\">r.rules:2</code>"))
  }

  /// The filters' CSS has one rule per topic with changes and verdict, and
  /// one per pair.
  @Test func filtersCoverEveryChangedTopic() throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    let topics = HTMLChecker.matches(#"<input class="pick" type="radio" name="topic" id="f-(t\d+)">"#, in: html).map {
      $0[0]
    }
    #expect(topics == ["t0", "t7"])
    for t in topics {
      #expect(html.contains("#f-\(t):checked~.alist .a:not(.\(t)),#f-\(t):checked~.alist .tc:not(.\(t)){display:none}"))
      for v in ["fixed", "broke", "still"] {
        #expect(html.contains("#f-\(t):checked~#v-\(v):checked~.alist .a:not(.\(t)-\(v))"))
      }
    }
    #expect(html.contains("<label for=\"v-fixed\">fixed <b>1</b></label>"))
    #expect(html.contains("<label for=\"v-broke\">broke <b>4</b></label>"))
  }

  /// The same edit on the labelled devset: the page is well formed and
  /// lists every change, each with its sentences.
  @Test(Devset.required) func devsetPageIsWellFormed() throws {
    let f = try #require(DiffHTMLFixture.corpus)
    let diff = TagDiffScan.run(
      old: f.old, new: f.new, reader: InputReader(paths: [Devset.articles.path]), threads: 2)
    let evidence = DiffHTMLEvidence.collect(
      diff, all: true, old: f.old, new: f.new, reader: InputReader(paths: [Devset.articles.path]))
    let html = DiffHTML.page(
      diff, old: f.old, new: f.new, evidence: evidence, context: DiffHTMLFixture.context(all: true))
    #expect(HTMLChecker.problems(html) == [])
    #expect(!diff.changes.isEmpty)
    #expect(evidence.count == diff.changes.count)
    #expect(DiffHTMLFixture.articleBlocks(html).map(\.id) == diff.changes.map(\.id))
  }
}
