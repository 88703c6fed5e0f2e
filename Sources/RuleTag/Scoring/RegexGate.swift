// Rule regexes, gated by their literals.
//
// A regex runs only on an article where the automaton found one of its
// atoms (`LiteralAtoms`), and there only on the sentences that hold an atom
// of each of its atom sets: a regex match never crosses a sentence end (the
// language's rule), so every other sentence is skipped. A regex without
// atoms runs on every sentence. Each regex runs at most once per article,
// when the first rule needs its matches; `ByteRegex` takes the sentences
// it can, NSRegularExpression the rest.

import Foundation

extension ArticleScanner {
  /// Runs every open regex on the sentences where it can match.
  mutating func runRegexes() {
    for r in gates.opened { runRegex(r, onlyIn: nil) }
  }

  /// Sets `gates.sentences` to the sentences where regex `r` can match:
  /// those that hold an atom of each of its atom sets (all sentences for a
  /// regex without atoms), in order.
  ///
  /// Runs nothing.
  mutating func gatedSentences(_ r: Int32) {
    ensureSentences()
    gates.sentences.removeAll(keepingCapacity: true)
    let ends = gates.atomEnds[Int(r)]
    if ends.isEmpty {
      for k in 0..<sentences.ends.count { gates.sentences.append(Int32(k)) }
      return
    }
    // Atoms come in order of their ends, so sentence by sentence.
    let groups = gates.atomGroups[Int(r)]
    let n = rules.regexes[Int(r)].groupCount
    let full: UInt32 = n >= 32 ? ~0 : (1 << UInt32(n)) - 1
    var current = -1
    var mask: UInt32 = 0
    for (i, e) in ends.enumerated() {
      let k = sentenceOf(byte: Int(e) - 1)
      if k != current {
        current = k
        mask = 0
      }
      if mask == full { continue }
      mask |= 1 << UInt32(groups[i])
      if mask == full { gates.sentences.append(Int32(k)) }
    }
  }

  /// Runs open regex `r` (once per article) on the sentences where it can
  /// match, or only on those of them in `onlyIn` (ascending): a caller
  /// that knows its rule cannot fire elsewhere saves the other runs.
  mutating func runRegex(_ r: Int32, onlyIn: [Int32]?) {
    if gates.ran[Int(r)] || !gates.open[Int(r)] { return }
    gates.ran[Int(r)] = true
    gatedSentences(r)
    if let only = onlyIn {
      var j = 0
      gates.sentences.removeAll { k in
        while j < only.count && only[j] < k { j += 1 }
        return j == only.count || only[j] != k
      }
    }
    let regex = rules.regexes[Int(r)]
    var budget = BoundedICU.budget(forBytes: doc.bytes.count)
    for k32 in gates.sentences {
      let k = Int(k32)
      let start = k == 0 ? 0 : Int(sentences.ends[k - 1])
      let end = min(Int(sentences.ends[k]), doc.bytes.count)
      if start >= end { continue }
      if let engine = regex.engine {
        gates.byteMatches.removeAll(keepingCapacity: true)
        let outcome = doc.bytes.withUnsafeBufferPointer { p in
          engine.matches(
            in: UnsafeBufferPointer(rebasing: p[start..<end]), into: &gates.byteMatches, scratch: &gates.scratch)
        }
        if outcome == .matched {
          for m in gates.byteMatches {
            gates.hits[Int(r)].append(Span(Int32(start + m.lowerBound), Int32(start + m.upperBound)))
          }
          continue
        }
      }
      if !runICU(regex.regex, r, start, end, budget: &budget) {
        gates.stopped.append(Int(regex.rule))
        return
      }
    }
  }

  /// Runs `regex` through NSRegularExpression on the sentence
  /// `start..<end` (patterns outside `ByteRegex`'s subset, and sentences
  /// it hands back).
  ///
  /// Returns false when ICU used up `budget` and was
  /// stopped.
  mutating func runICU(_ regex: NSRegularExpression, _ r: Int32, _ start: Int, _ end: Int, budget: inout Int) -> Bool {
    let text = doc.bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
    }
    let length = text.utf16.count
    guard let matches = BoundedICU.matches(regex, in: text, budget: &budget) else { return false }
    if matches.isEmpty { return true }
    // UTF-16 offsets of this sentence → byte offsets of the document.
    var map = [Int32](repeating: Int32(end), count: length + 1)
    doc.bytes.withUnsafeBufferPointer { p in
      var i = start
      var u = 0
      while i < end {
        let (sc, len) = UTF8Bytes.decode(p, at: i)
        map[u] = Int32(i)
        if sc > 0xFFFF {
          map[u + 1] = Int32(i)
          u += 2
        } else {
          u += 1
        }
        i += len
      }
    }
    for m in matches where m.length > 0 {
      gates.hits[Int(r)].append(Span(map[m.location], map[m.location + m.length]))
    }
    return true
  }
}
