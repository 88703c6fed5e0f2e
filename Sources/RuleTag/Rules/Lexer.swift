// Splits one rule-file line into tokens with 1-based scalar columns.

/// One token of a rule line.
struct LexToken: Equatable {
  enum Kind: Equatable {
    case word
    case string
    case regex
    case punct  // , | ( ) =
  }
  var kind: Kind
  /// The token's value: a word as written, a string or regex without its
  /// delimiters and with escapes resolved.
  var text: String
  var column: Int
  var length: Int
  /// Whether whitespace came right before this token.
  var spaceBefore: Bool
}

/// A lexing error: message, column, length.
struct LexError: Error {
  var message: String
  var column: Int
  var length: Int
  var hint: String?
}

enum Lexer {
  static let puncts: Set<Unicode.Scalar> = [",", "|", "(", ")", "=", "，", "｜", "（", "）", "＝"]

  /// Tokens of `line` (comments removed).
  static func tokens(_ line: String) -> Result<[LexToken], LexError> {
    let s = Array(line.unicodeScalars)
    var out: [LexToken] = []
    var i = 0
    var space = true
    while i < s.count {
      let c = s[i]
      if c == " " || c == "\t" || c == "\u{3000}" || c == "\r" {
        i += 1
        space = true
        continue
      }
      if c == "#" && space { break }
      let start = i
      if puncts.contains(c) {
        let ascii: String
        switch c {
        case "，": ascii = ","
        case "｜": ascii = "|"
        case "（": ascii = "("
        case "）": ascii = ")"
        case "＝": ascii = "="
        default: ascii = String(c)
        }
        out.append(LexToken(kind: .punct, text: ascii, column: i + 1, length: 1, spaceBefore: space))
        i += 1
      } else if c == "\"" || c == "“" {
        let close: Unicode.Scalar = c == "\"" ? "\"" : "”"
        i += 1
        guard let text = delimited(s, &i, close: close, keepEscapes: false) else {
          return .failure(
            LexError(
              message: "unterminated string", column: start + 1, length: s.count - start,
              hint: "close it with `\(close)`"))
        }
        out.append(
          LexToken(kind: .string, text: text, column: start + 1, length: i - start, spaceBefore: space))
      } else if c == "/" {
        i += 1
        guard let text = delimited(s, &i, close: "/", keepEscapes: true) else {
          return .failure(
            LexError(
              message: "unterminated regex", column: start + 1, length: s.count - start,
              hint: "close it with `/`; write a slash inside as `\\/`"))
        }
        out.append(LexToken(kind: .regex, text: text, column: start + 1, length: i - start, spaceBefore: space))
      } else {
        var text = String.UnicodeScalarView()
        while i < s.count {
          let d = s[i]
          if d == " " || d == "\t" || d == "\u{3000}" || d == "\r" || puncts.contains(d) || d == "\"" || d == "“" {
            break
          }
          if d == "/" && !text.isEmpty { break }
          text.append(d)
          i += 1
        }
        out.append(LexToken(kind: .word, text: String(text), column: start + 1, length: i - start, spaceBefore: space))
      }
      space = false
    }
    return .success(out)
  }

  /// The text of a delimited token, from `i` (just past the opening
  /// delimiter) to `close`, leaving `i` just past it; nil when the line
  /// ends first.
  ///
  /// In a string `\x` stands for `x`. A regex keeps its escapes as written
  /// (the regex parser reads them), except `\/`, which stands for `/`.
  static func delimited(_ s: [Unicode.Scalar], _ i: inout Int, close: Unicode.Scalar, keepEscapes: Bool) -> String? {
    var text = String.UnicodeScalarView()
    while i < s.count {
      if s[i] == "\\" && i + 1 < s.count {
        if keepEscapes && s[i + 1] != close { text.append(s[i]) }
        text.append(s[i + 1])
        i += 2
        continue
      }
      if s[i] == close {
        i += 1
        return String(text)
      }
      text.append(s[i])
      i += 1
    }
    return nil
  }
}
