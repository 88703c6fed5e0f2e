// The tokenizer: how ruletag defines "a keyword occurs here".
//
// Normalised text splits into tokens by character n-grams: a run of Han
// characters gives its overlapping bigrams (a lone character gives itself),
// a run of word characters (ASCII letters and digits, other alphabets) gives
// one whole-word token, and everything else separates tokens.
//
// A keyword occurs where its token sequence occurs. On Han text that is a
// plain substring match; on words it is word-bounded: `app` does not occur
// in `apple`. The automaton in Matching/ finds substrings on bytes and then
// checks word boundaries with `CharClass`; the tests check on random input
// that the two always agree.

/// One token of normalised text.
public struct Token: Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// Two adjacent Han characters.
    case bigram
    /// A Han character standing alone in its run.
    case unigram
    /// A run of word characters.
    case word
  }
  public var kind: Kind
  public var text: String
  /// Byte range in the normalised text.
  public var range: Range<Int>

  public var description: String { "\(text)@\(range.lowerBound)" }
}

/// Splits normalised text into tokens.
public enum Tokenizer {
  /// The tokens of normalised `bytes`.
  public static func tokens(_ bytes: [UInt8]) -> [Token] {
    var result: [Token] = []
    bytes.withUnsafeBufferPointer { p in
      // (scalar start, scalar end) of the current Han run.
      var han: [(Int, Int)] = []
      var wordStart = -1
      func flushHan() {
        if han.count == 1 {
          result.append(Token(kind: .unigram, text: text(p, han[0].0, han[0].1), range: han[0].0..<han[0].1))
        } else if han.count > 1 {
          for k in 0..<(han.count - 1) {
            let r = han[k].0..<han[k + 1].1
            result.append(Token(kind: .bigram, text: text(p, r.lowerBound, r.upperBound), range: r))
          }
        }
        han.removeAll()
      }
      func flushWord(_ end: Int) {
        if wordStart >= 0 {
          result.append(Token(kind: .word, text: text(p, wordStart, end), range: wordStart..<end))
          wordStart = -1
        }
      }
      var i = 0
      while i < p.count {
        let (s, len) = UTF8Bytes.decode(p, at: i)
        switch CharClass.of(s) {
        case .han:
          flushWord(i)
          han.append((i, i + len))
        case .word:
          flushHan()
          if wordStart < 0 { wordStart = i }
        case .other:
          flushHan()
          flushWord(i)
        }
        i += len
      }
      flushHan()
      flushWord(p.count)
    }
    return result
  }

  /// The tokens of raw `text`, after normalisation.
  public static func tokens(of text: String) -> (normalized: String, tokens: [Token]) {
    let n = Normalizer.normalize(text)
    return (n.string, tokens(n.bytes))
  }

  static func text(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
  }
}
