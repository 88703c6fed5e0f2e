// The HTML report rendered by headless Chromium: screenshots at 1280 px
// and at phone width are written, have the requested size and are not
// blank, and at 390 and 1280 px nothing but the scrolling tables is wider
// than the window.
//
// Runs when Chromium is installed (`chromium`, Debian's package, or
// RULETAG_CHROMIUM naming the binary) and says it was skipped when not;
// .ci/run tries to install it. RULETAG_SCREENSHOTS=DIR keeps the PNGs in
// DIR to look at.
//
// Chromium's headless window is never narrower than 500 CSS px (asked for
// 390, a page measures `innerWidth` 500), so the phone view is the report
// in an iframe 390 px wide, and its PNG is 500 px wide with the page in
// the left 390.

import Foundation
import Testing

@testable import RuleTag

enum Chromium {
  /// The Chromium binary, if there is one.
  static let path: String? = {
    let env = ProcessInfo.processInfo.environment
    if let p = env["RULETAG_CHROMIUM"], FileManager.default.isExecutableFile(atPath: p) { return p }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let c = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: c) { return c }
      }
    }
    return nil
  }()

  static var required: ConditionTrait {
    .enabled(if: path != nil, "needs headless Chromium (`apt-get install chromium`, or set RULETAG_CHROMIUM)")
  }

  /// Runs Chromium headless with `args`, a profile of its own in `dir`
  /// (parallel runs do not share one), and at most two minutes.
  static func run(_ args: [String], in dir: URL) -> ProgramRun {
    let profile = dir.appendingPathComponent("profile-\(UUID().uuidString)").path
    let flags =
      [
        "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
        "--user-data-dir=\(profile)",
      ]
      + args
    let timeout = "/usr/bin/timeout"
    if FileManager.default.isExecutableFile(atPath: timeout) {
      return runProgram(timeout, ["120", path ?? "chromium"] + flags)
    }
    return runProgram(path ?? "chromium", flags)
  }

  /// Width and height from a PNG's IHDR chunk; nil when `data` is not a PNG.
  static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let b = [UInt8](data.prefix(24))
    guard b.count == 24, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
      b[12..<16] == [0x49, 0x48, 0x44, 0x52]
    else { return nil }
    func be(_ i: Int) -> Int { b[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
  }

  /// A screenshot of `url` in a `width` × `height` window.
  static func screenshot(_ url: URL, width: Int, height: Int, to png: URL, in dir: URL) -> Data? {
    let r = run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", url.absoluteString], in: dir)
    guard r.status == 0 else {
      Issue.record("chromium failed (\(r.status)): \(r.err.suffix(500))")
      return nil
    }
    return FileManager.default.contents(atPath: png.path)
  }

  /// What the probe page measures of `html` shown `width` px wide: its
  /// scrolling width and the elements outside `.scroll` that reach past
  /// the window's right edge.
  static func overflow(of html: String, width: Int, in dir: URL) -> String? {
    measure(
      html, width: width,
      """
      const over = [...d.querySelectorAll("body *")]
        .filter(e => !e.closest(".scroll") && e.getBoundingClientRect().right > w.innerWidth + 0.5)
        .map(e => e.tagName.toLowerCase() + "." + e.className);
      return "width " + w.innerWidth + " scroll " + d.documentElement.scrollWidth + " over " + over.length
        + (over.length ? " " + over.slice(0, 5).join(" ") : "");
      """, in: dir)
  }

  /// The ids of the mistakes (`data-id`) that `html` shows, in page order.
  static func visibleMistakes(of html: String, in dir: URL) -> [String]? {
    measure(
      html, width: 1280,
      """
      return [...d.querySelectorAll("article.m")].filter(e => e.getClientRects().length > 0)
        .map(e => e.dataset.kind + " " + e.dataset.topic + " " + e.dataset.id).join("|");
      """, in: dir
    ).map { $0.isEmpty ? [] : $0.split(separator: "|").map(String.init) }
  }

  /// The text that the function `body` returns about `html` laid out
  /// `width` px wide.
  ///
  /// The page is in an iframe, as the window cannot be narrower than 500
  /// px; in `body`, `d` is its document and `w` its window. The probe's
  /// script is the test's; the report has none.
  static func measure(_ html: String, width: Int, _ body: String, in dir: URL) -> String? {
    let probe = """
      <!DOCTYPE html><html><body style="margin:0"><script>
      addEventListener("load", () => {
        const d = document.getElementById("f").contentDocument, w = d.defaultView;
        document.getElementById("r").textContent = (() => { \(body) })();
      });
      </script><pre id="r">not measured</pre>
      <iframe id="f" style="width:\(width)px;height:2000px;border:0" srcdoc="\(HTMLText.escape(html))"></iframe>
      </body></html>
      """
    let url = dir.appendingPathComponent("probe-\(width)-\(UUID().uuidString).html")
    do { try probe.write(to: url, atomically: true, encoding: .utf8) } catch { return nil }
    let r = run(["--dump-dom", "--window-size=\(max(width, 500) + 20),2100", url.absoluteString], in: dir)
    return HTMLChecker.matches(#"<pre id="r">([^<]*)</pre>"#, in: r.outString).first.map {
      HTMLChecker.unescape($0[0])
    }
  }
}

@Suite(Chromium.required) struct HTMLChromiumTests {
  static func keep(_ files: [URL]) {
    guard let d = ProcessInfo.processInfo.environment["RULETAG_SCREENSHOTS"] else { return }
    let dest = URL(fileURLWithPath: d)
    try? FileManager.default.createDirectory(at: dest, withIntermediateDirectories: true)
    for f in files {
      let to = dest.appendingPathComponent(f.lastPathComponent)
      try? FileManager.default.removeItem(at: to)
      try? FileManager.default.copyItem(at: f, to: to)
    }
  }

  @Test func screenshotsAreWrittenAndNotBlank() throws {
    let html = try #require(HTMLFixture.corpus).html
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("report.html")
    try html.write(to: page, atomically: true, encoding: .utf8)
    let phone = dir.appendingPathComponent("phone.html")
    try """
    <!DOCTYPE html><html><body style="margin:0"><iframe src="report.html" \
    style="display:block;width:390px;height:2000px;border:0"></iframe></body></html>
    """.write(to: phone, atomically: true, encoding: .utf8)
    let blank = dir.appendingPathComponent("blank.html")
    try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
    var kept: [URL] = []
    for (name, url, width) in [("report-1280", page, 1280), ("report-390", phone, 500)] {
      let png = dir.appendingPathComponent(name + ".png")
      let empty = dir.appendingPathComponent(name + "-blank.png")
      let shot = try #require(Chromium.screenshot(url, width: width, height: 2000, to: png, in: dir))
      let none = try #require(Chromium.screenshot(blank, width: width, height: 2000, to: empty, in: dir))
      let size = try #require(Chromium.pngSize(shot), "\(name).png is not a PNG")
      #expect(size.width == width && size.height == 2000, "\(name): \(size)")
      #expect(Chromium.pngSize(none)?.width == width)
      // A blank page compresses to almost nothing; the report's text,
      // bars and tables do not.
      #expect(shot.count > 8 * none.count, "\(name): \(shot.count) bytes against a blank page's \(none.count)")
      kept.append(png)
    }
    Self.keep(kept)
  }

  @Test(arguments: [390, 1280])
  func nothingOverflowsTheWindow(_ width: Int) throws {
    let html = try #require(HTMLFixture.corpus).html
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = Chromium.overflow(of: html, width: width, in: dir)
    #expect(m == "width \(width) scroll \(width) over 0")
  }

  /// The probe sees overflow where there is some.
  @Test func theProbeSeesAWideElement() throws {
    let html = try #require(HTMLFixture.corpus).html.replacingOccurrences(
      of: "<main>", with: "<main><div class=\"wide\" style=\"width:900px\">wide</div>")
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = try #require(Chromium.overflow(of: html, width: 390, in: dir))
    let w = m.split(separator: " ")
    #expect(w.count >= 6 && w[1] == "390" && (Int(w[3]) ?? 0) >= 900 && m.contains("div.wide"), "\(m)")
  }

  /// The CSS filters show what their buttons say: each topic's button its
  /// mistakes, the kind buttons one kind, both together the intersection.
  @Test func filtersShowTheirMistakes() throws {
    let f = try #require(HTMLFixture.corpus)
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let all = f.report.mistakes.map { "\($0.kind.rawValue) \($0.topic) \($0.id)" }
    #expect(Chromium.visibleMistakes(of: f.html, in: dir) == all)
    func picked(_ topic: String?, _ kind: String?) -> String {
      var h = f.html
      if let topic {
        h = h.replacingOccurrences(of: "id=\"f-all\" checked>", with: "id=\"f-all\">")
          .replacingOccurrences(of: "id=\"f-\(topic)\">", with: "id=\"f-\(topic)\" checked>")
      }
      if let kind {
        h = h.replacingOccurrences(of: "id=\"k-all\" checked>", with: "id=\"k-all\">")
          .replacingOccurrences(of: "id=\"k-\(kind)\">", with: "id=\"k-\(kind)\" checked>")
      }
      return h
    }
    let ids = f.report.metrics.topics.map(\.id)
    let first = try #require(f.report.mistakes.first)
    let k = try #require(ids.firstIndex(of: first.topic))
    let ofTopic = all.filter { $0.split(separator: " ")[1] == first.topic }
    #expect(Chromium.visibleMistakes(of: picked("t\(k)", nil), in: dir) == ofTopic)
    #expect(Chromium.visibleMistakes(of: picked(nil, "fp"), in: dir) == all.filter { $0.hasPrefix("FP ") })
    #expect(Chromium.visibleMistakes(of: picked(nil, "fn"), in: dir) == all.filter { $0.hasPrefix("FN ") })
    let kind = first.kind == .falsePositive ? "fn" : "fp"
    #expect(
      Chromium.visibleMistakes(of: picked("t\(k)", kind), in: dir)
        == ofTopic.filter { !$0.hasPrefix(first.kind.rawValue) })
  }
}
