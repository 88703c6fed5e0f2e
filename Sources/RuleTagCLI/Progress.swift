// Progress of a long `tag` run on stderr: articles, MB/s, errors so far and
// the time left, on one line redrawn a few times a second.
//
// Shown only when stderr is a terminal (and stdout is not one taking
// records as they come), after the run has taken
// `CommandIO.progressAfter` seconds (2 by default), and never with
// `--quiet`; the line is cleared when the run ends or before a message is
// printed. The line itself is a pure function of the counts, the time and
// the width (`ProgressLine.render`), which the tests call.

import Foundation
import RuleTag

/// The text of the progress line.
public enum ProgressLine {
  /// `12,345 articles · 45.6 MB/s · 3 errors · 0:12 left`, cut to `width`
  /// columns; the time left only when the input's size is known.
  public static func render(
    articles: Int, errors: Int, bytes: Int, totalBytes: Int?, seconds: Double, width: Int?
  ) -> String {
    var parts = ["\(grouped(articles)) \(articles == 1 ? "article" : "articles")"]
    let rate = seconds > 0 ? Double(bytes) / seconds : 0
    parts.append(String(format: "%.1f MB/s", rate / 1e6))
    parts.append(counted(errors, "error"))
    if let total = totalBytes, total > 0, rate > 0 {
      let left = max(0, Double(total - bytes) / rate)
      parts.append(String(format: "%d%%", min(100, bytes * 100 / total)))
      parts.append(clock(left) + " left")
    }
    let line = parts.joined(separator: " · ")
    guard let width, width > 1 else { return line }
    return DisplayWidth.truncate(line, to: width - 1)
  }

  /// `n` with thousands separated by commas.
  static func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return out
  }

  /// Seconds as `m:ss`, or `h:mm:ss` from an hour.
  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
    return String(format: "%d:%02d", s / 60, s % 60)
  }
}

/// Draws the progress line of one run.
final class ProgressMeter {
  let io: CommandIO
  let enabled: Bool
  let start = DispatchTime.now().uptimeNanoseconds
  var lastDraw: UInt64 = 0
  var shown = false
  let totalBytes: () -> Int?
  var total: Int?? = nil

  /// A meter for a run; `streaming` says that records go to standard
  /// output as they are made (JSONL, CSV), where on the same terminal they
  /// would run through the line, so it is then not drawn.
  init(io: CommandIO, quiet: Bool, streaming: Bool, totalBytes: @escaping () -> Int?) {
    self.io = io
    enabled = io.errIsTerminal && !quiet && !(streaming && io.isTerminal)
    self.totalBytes = totalBytes
  }

  var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

  /// Redraws the line, at most four times a second, once the run is old enough.
  func update(articles: Int, errors: Int, bytes: Int) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let elapsed = seconds
    guard elapsed >= io.progressAfter, !shown || now - lastDraw >= 250_000_000 else { return }
    if total == nil { total = .some(totalBytes()) }
    lastDraw = now
    let line = ProgressLine.render(
      articles: articles, errors: errors, bytes: bytes, totalBytes: total ?? nil, seconds: elapsed,
      width: io.errColumns)
    io.errorNow("\r\u{1B}[K" + line)
    shown = true
  }

  /// Clears the line, before a message or at the end.
  func clear() {
    guard shown else { return }
    io.errorNow("\r\u{1B}[K")
    shown = false
  }
}
