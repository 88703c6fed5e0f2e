// NSRegularExpression with a work bound, for the patterns and sentences
// the byte engine hands to ICU.
//
// ICU backtracks, and some patterns (`(\w+)+$`, nested loops) take time
// exponential in the text. With `.reportProgress`, `enumerateMatches`
// calls its block with a nil result and the `.progress` flag at each start
// position ICU tries and every ten thousand or so steps of one attempt
// (Foundation on Linux does this too), and the block may stop the search.
// A regex gets a budget of such reports on one article: one per byte of
// the article (which covers every start position of every sentence) plus
// `extraReports` for the steps of the attempts. Past that the search stops
// and the scanner reports the article as an error naming the rule, rather
// than hanging on it.

import Foundation

public enum BoundedICU {
  /// Reports beyond one per start position: about a million steps of
  /// ICU's matcher, a fraction of a second.
  public static let extraReports = 100

  /// Progress reports one regex may use on an article of `bytes` bytes.
  public static func budget(forBytes bytes: Int) -> Int { bytes + extraReports }

  /// The matches of `regex` in `text` (its whole range), or nil when the
  /// search used up `budget` (which it decrements) and was stopped.
  public static func matches(_ regex: NSRegularExpression, in text: String, budget: inout Int) -> [NSRange]? {
    var ranges: [NSRange] = []
    var exceeded = false
    var left = budget
    let length = text.utf16.count
    regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: length)) {
      m, flags, stop in
      if let m {
        ranges.append(m.range)
      } else if flags.contains(.progress) {
        left -= 1
        if left < 0 {
          exceeded = true
          stop.pointee = true
        }
      }
    }
    budget = max(left, 0)
    return exceeded ? nil : ranges
  }
}
