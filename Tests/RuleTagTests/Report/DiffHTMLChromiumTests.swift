// The diff page rendered by headless Chromium (the eval report's harness,
// `Chromium`): screenshots at 1280 px and at phone width (390 px, in an
// iframe) have the requested size and are not blank, nothing but the
// scrolling tables is wider than the window, and the CSS filters show the
// articles and topic changes their buttons say. Skipped, saying so, when
// Chromium is not installed; RULETAG_SCREENSHOTS=DIR keeps the PNGs.

import Foundation
import Testing

@testable import RuleTag

@Suite(Chromium.required) struct DiffHTMLChromiumTests {
  @Test func screenshotsAreWrittenAndNotBlank() throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try html.write(to: dir.appendingPathComponent("diff.html"), atomically: true, encoding: .utf8)
    let phone = dir.appendingPathComponent("phone.html")
    try """
    <!DOCTYPE html><html><body style="margin:0"><iframe src="diff.html" \
    style="display:block;width:390px;height:6400px;border:0"></iframe></body></html>
    """.write(to: phone, atomically: true, encoding: .utf8)
    let blank = dir.appendingPathComponent("blank.html")
    try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
    var kept: [URL] = []
    // Tall enough for the whole page: on a phone it is about 6000 px long.
    for (name, url, width, height) in [
      ("diff-1280", dir.appendingPathComponent("diff.html"), 1280, 3200), ("diff-390", phone, 500, 6400),
    ] {
      let png = dir.appendingPathComponent(name + ".png")
      let empty = dir.appendingPathComponent(name + "-blank.png")
      let shot = try #require(Chromium.screenshot(url, width: width, height: height, to: png, in: dir))
      let none = try #require(Chromium.screenshot(blank, width: width, height: height, to: empty, in: dir))
      let size = try #require(Chromium.pngSize(shot), "\(name).png is not a PNG")
      #expect(size.width == width && size.height == height, "\(name): \(size)")
      #expect(shot.count > 8 * none.count, "\(name): \(shot.count) bytes against a blank page's \(none.count)")
      kept.append(png)
    }
    HTMLChromiumTests.keep(kept)
  }

  @Test(arguments: [390, 1280])
  func nothingOverflowsTheWindow(_ width: Int) throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(Chromium.overflow(of: html, width: width, in: dir) == "width \(width) scroll \(width) over 0")
  }

  /// What `html` shows: each visible article's id with its visible topic
  /// changes' classes, in page order.
  static func visible(_ html: String, in dir: URL) -> [String]? {
    Chromium.measure(
      html, width: 1280,
      """
      const shown = e => e.getClientRects().length > 0;
      return [...d.querySelectorAll("article.a")].filter(shown)
        .map(a => a.dataset.id + ":" + [...a.querySelectorAll(".tc")].filter(shown)
          .map(t => t.className.replace("tc ", "")).join(",")).join("|");
      """, in: dir
    ).map { $0.isEmpty ? [] : $0.split(separator: "|").map(String.init) }
  }

  @Test func filtersShowTheirArticles() throws {
    let html = try #require(DiffHTMLFixture.page(all: true))
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func picked(_ topic: String?, _ verdict: String?) -> String {
      var h = html
      if let topic {
        h = h.replacingOccurrences(of: "id=\"f-all\" checked>", with: "id=\"f-all\">")
          .replacingOccurrences(of: "id=\"f-\(topic)\">", with: "id=\"f-\(topic)\" checked>")
      }
      if let verdict {
        h = h.replacingOccurrences(of: "id=\"v-all\" checked>", with: "id=\"v-all\">")
          .replacingOccurrences(of: "id=\"v-\(verdict)\">", with: "id=\"v-\(verdict)\" checked>")
      }
      return h
    }
    // t7 is new-employment (score-only changes), t0 culture-sports.
    let all = [
      "s0-01:t7 v-none", "s1-03:t0 v-fixed", "s1-08:t0 v-broke", "s2-04:t0 v-broke", "s3-01:t7 v-none",
      "s3-05:t0 v-broke", "s3-06:t0 v-broke",
    ]
    #expect(Self.visible(html, in: dir) == all)
    #expect(Self.visible(picked("t7", nil), in: dir) == ["s0-01:t7 v-none", "s3-01:t7 v-none"])
    #expect(
      Self.visible(picked(nil, "broke"), in: dir) == [
        "s1-08:t0 v-broke", "s2-04:t0 v-broke", "s3-05:t0 v-broke", "s3-06:t0 v-broke",
      ])
    #expect(Self.visible(picked(nil, "fixed"), in: dir) == ["s1-03:t0 v-fixed"])
    #expect(Self.visible(picked(nil, "still"), in: dir) == [])
    #expect(Self.visible(picked("t0", "fixed"), in: dir) == ["s1-03:t0 v-fixed"])
    #expect(Self.visible(picked("t7", "broke"), in: dir) == [])
  }

  /// An article with two changed topics of different verdicts: a topic
  /// filter shows only that topic's change, and the pair of filters the
  /// article only when one change has both.
  @Test func filtersHideTheOtherTopicChanges() throws {
    let html = try DiffHTMLFixture.small(
      old: "topic a \"a\" threshold 2\n  +1  骑手\ntopic b \"b\" threshold 2\n  +2  律师\n",
      new: "topic a \"a\" threshold 2\n  +2  骑手\ntopic b \"b\" threshold 2\n  +1  律师\n",
      input: "{\"id\":\"x\",\"text\":\"骑手和律师。\",\"labels\":[\"a\",\"b\"]}\n")
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func picked(_ topic: String, _ verdict: String?) -> String {
      var h = html.replacingOccurrences(of: "id=\"f-all\" checked>", with: "id=\"f-all\">")
        .replacingOccurrences(of: "id=\"f-\(topic)\">", with: "id=\"f-\(topic)\" checked>")
      if let verdict {
        h = h.replacingOccurrences(of: "id=\"v-all\" checked>", with: "id=\"v-all\">")
          .replacingOccurrences(of: "id=\"v-\(verdict)\">", with: "id=\"v-\(verdict)\" checked>")
      }
      return h
    }
    #expect(Self.visible(html, in: dir) == ["x:t0 v-fixed,t1 v-broke"])
    #expect(Self.visible(picked("t0", nil), in: dir) == ["x:t0 v-fixed"])
    #expect(Self.visible(picked("t1", nil), in: dir) == ["x:t1 v-broke"])
    #expect(Self.visible(picked("t1", "broke"), in: dir) == ["x:t1 v-broke"])
    #expect(Self.visible(picked("t0", "broke"), in: dir) == [])
  }
}
