// NSRegularExpression with a work bound, for the patterns and sentences
// the byte engine hands to ICU.
//
// ICU backtracks, and some patterns (`(\w+)+$`, nested loops) take time
// exponential in the text. With `.reportProgress`, `enumerateMatches`
// calls its block every so many steps of ICU's matcher (about every ten
// thousand; Foundation on Linux does this too) with a nil result, and the
// block may stop the search. A regex gets a budget of such reports on one
// article, in proportion to the article's length with a floor (a linear
// search reports about once per 10 KB); past that the search stops and the
// scanner reports the article as an error naming the rule, rather than
// hanging on it.

import Foundation

public enum BoundedICU {
  /// Progress reports one regex may use on an article of `bytes` bytes:
  /// some twenty times what a linear search needs, and a fraction of a
  /// second of work on a short article.
  public static func budget(forBytes bytes: Int) -> Int { 20 + bytes / 500 }

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
