// A small backtracking regex engine over UTF-8 bytes, for the subset of ICU
// syntax that rule regexes use.
//
// Rule regexes are short and bounded (`\d+(余|多)?(条|项|件)`,
// `(开展|举办)了?[^,。;!?]{0,20}(志愿服务|志愿者)`, lookarounds of a few
// words). Handing each sentence to NSRegularExpression costs a String, an
// NSString, UTF-16 copies and an offset map back to bytes: tens of
// thousands of instructions a call, most of the scoring stage. `ByteRegex`
// runs the same patterns on the normalised bytes where they lie and
// returns byte offsets directly.
//
// It must give exactly what NSRegularExpression (ICU, case-insensitive)
// gives, so it compiles only what it can match the same way and says no
// (`compile` returns nil) to the rest, which then stays with ICU:
// - literals, `.`, classes `[…]`/`[^…]` with ranges and `\d \s`,
//   `\d \D \s \S`, escaped punctuation and `\t \n \r \f \uXXXX \x{…}`;
// - groups `(…)` `(?:…)`, alternation, greedy and lazy `? * + {n} {n,}
//   {n,m}` over a piece that cannot match empty;
// - lookahead `(?=…)` `(?!…)` and lookbehind `(?<=…)` `(?<!…)` of bounded
//   length.
// Anchors, word boundaries, back-references, `\w`, `\p{…}`, flags,
// possessive and atomic forms, and any pattern with a cased letter outside
// ASCII are ICU's. Case-insensitivity: ASCII letters of the pattern match
// both cases. A sentence holding a cased letter outside ASCII (`ß`, `K`
// KELVIN SIGN, Greek…) could match an ASCII letter through Unicode case
// folding, so a pattern with letters hands such a sentence to ICU
// (`Outcome.fallback`); so does a search that exceeds its step budget.
//
// Matching is ICU's: at each position from left to right the first match
// in backtracking priority order; the search resumes at its end, or one
// character on after an empty match. Programs are Pike/Thompson-style
// instruction lists (`split` prefers its first branch) run by a
// backtracking loop with an explicit stack; a lookaround runs its own
// program as one atomic step.

import Foundation

public struct ByteRegex: Sendable {
  enum Op: UInt8 {
    /// Bytes `lits[a..<a+b]`; ASCII letters compare without case.
    case lit
    /// One scalar in `classes[a]`.
    case cls
    /// One scalar that is not a line terminator.
    case any
    /// Try `a`, and on failure `b`.
    case split
    case jmp
    /// Lookaround `looks[a]`.
    case look
    case match
  }

  struct Inst {
    var op: Op
    var a: Int32
    var b: Int32
  }

  struct Look {
    var program: Int
    var ahead: Bool
    var negate: Bool
    /// Length bounds in scalars (lookbehind).
    var minLength: Int
    var maxLength: Int
  }

  /// A set of scalars, closed over ASCII case.
  struct ScalarSet {
    var ascii: (UInt64, UInt64) = (0, 0)
    /// Sorted, disjoint ranges of scalars ≥ 0x80.
    var ranges: [ClosedRange<UInt32>] = []
    /// `\d` beyond ASCII: Unicode decimal digits (Nd).
    var digits = false
    /// `\s` beyond ASCII: Unicode White_Space.
    var spaces = false
    var negated = false

    @inline(__always)
    static func inRanges(_ c: UInt32, _ ranges: [ClosedRange<UInt32>]) -> Bool {
      var lo = 0
      var hi = ranges.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if ranges[mid].upperBound < c { lo = mid + 1 } else { hi = mid }
      }
      return lo < ranges.count && ranges[lo].contains(c)
    }

    func contains(_ c: UInt32) -> Bool {
      var hit: Bool
      if c < 0x80 {
        hit = c < 64 ? (ascii.0 >> UInt64(c)) & 1 == 1 : (ascii.1 >> UInt64(c - 64)) & 1 == 1
      } else {
        hit = false
        hit = ScalarSet.inRanges(c, ranges)
        if !hit && (digits || spaces) && !ByteRegex.isPlainCJK(c), let u = Unicode.Scalar(c) {
          hit = (digits && u.properties.generalCategory == .decimalNumber) || (spaces && u.properties.isWhitespace)
        }
      }
      return hit != negated
    }
  }

  /// Whether `c` is in CJK blocks that hold no decimal digit (Nd), no
  /// White_Space and nothing cased (checked against Unicode by a test): the
  /// common case of `\d` and `\s` tests needs no Unicode lookup.
  @inline(__always)
  static func isPlainCJK(_ c: UInt32) -> Bool {
    (c >= 0x3001 && c < 0xA600) || (c >= 0xF900 && c < 0xFB00)
  }

  let programs: [[Inst]]
  let lits: [UInt8]
  let classes: [ScalarSet]
  let looks: [Look]
  /// Scalars of the BMP that can start a match, as a bitmap.
  let first: [UInt64]
  /// A scalar outside the BMP can start a match.
  let firstBeyondBMP: Bool
  /// The pattern holds an ASCII letter: sentences with cased letters
  /// outside ASCII go to ICU.
  let caseSensitiveText: Bool

  /// Steps one search may take before the sentence goes to ICU.
  static let stepBudget = 200_000

  /// Compiles an (already folded) ICU pattern, or nil when it uses
  /// anything outside the subset above.
  public static func compile(_ pattern: String) -> ByteRegex? {
    var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
    guard let parsed = parser.parse() else { return nil }
    var b = ProgramBuilder()
    guard b.build(parsed) else { return nil }
    var first = FirstScalars()
    parsed.node.firstScalars(into: &first, sets: parsed.sets)
    return ByteRegex(
      programs: b.programs, lits: b.lits, classes: b.classes, looks: b.looks, first: first.bits,
      firstBeyondBMP: first.beyondBMP, caseSensitiveText: parser.hasLetter)
  }

  public enum Outcome: Equatable {
    case matched
    /// ICU must decide (a cased letter outside ASCII, or the step budget).
    case fallback
  }

  /// Appends the non-empty matches in `text` (a whole sentence: lookarounds
  /// see nothing outside it) as offsets into `text`, or returns `.fallback`
  /// having appended nothing.
  /// `stack` is scratch space (kept between calls to save allocations).
  public func matches(
    in text: UnsafeBufferPointer<UInt8>, into out: inout [Range<Int>], stack: inout [Int]
  ) -> Outcome {
    if caseSensitiveText && Self.hasCasedNonASCII(text) { return .fallback }
    let n = text.count
    let mark = out.count
    var p = 0
    while p < n {
      // Skip to a scalar that can start a match.
      let b = text[p]
      var c: UInt32
      var len: Int
      if b < 0x80 {
        c = UInt32(b)
        len = 1
      } else if b >= 0xE0 && b < 0xF0 && p + 2 < n {
        c = (UInt32(b) & 0x0F) << 12 | (UInt32(text[p + 1]) & 0x3F) << 6 | (UInt32(text[p + 2]) & 0x3F)
        len = 3
      } else {
        (c, len) = UTF8Bytes.decode(text, at: p)
      }
      let can =
        c < 0x10000 ? first.withUnsafeBufferPointer { (($0[Int(c >> 6)] >> UInt64(c & 63)) & 1) == 1 } : firstBeyondBMP
      if !can {
        p += len
        continue
      }
      var budget = Self.stepBudget
      let end = run(0, text, from: p, mustEnd: -1, stack: &stack, budget: &budget)
      if end == -2 {
        out.removeSubrange(mark...)
        return .fallback
      }
      if end > p {
        out.append(p..<end)
        p = end
      } else {
        p += len
      }
    }
    return .matched
  }

  public func matches(in text: UnsafeBufferPointer<UInt8>, into out: inout [Range<Int>]) -> Outcome {
    var stack: [Int] = []
    return matches(in: text, into: &out, stack: &stack)
  }

  /// The scalars that can start a match (the BMP as a bitmap).
  struct FirstScalars {
    var bits = [UInt64](repeating: 0, count: 1024)
    var beyondBMP = false

    mutating func insert(_ c: UInt32) {
      if c < 0x10000 { bits[Int(c >> 6)] |= 1 << UInt64(c & 63) } else { beyondBMP = true }
    }

    mutating func insert(_ r: ClosedRange<UInt32>) {
      if r.upperBound >= 0x10000 { beyondBMP = true }
      if r.lowerBound >= 0x10000 { return }
      let hi = min(r.upperBound, 0xFFFF)
      var c = r.lowerBound
      while c <= hi {
        if c & 63 == 0 && c + 63 <= hi {
          bits[Int(c >> 6)] = ~0
          c += 64
        } else {
          insert(c)
          c += 1
        }
      }
    }
  }

  /// Whether `text` holds a scalar outside ASCII that has case (or changes
  /// under case folding). CJK blocks are known to have none.
  static func hasCasedNonASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = text.count
    while i < n {
      let b = text[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let (c, len) = UTF8Bytes.decode(text, at: i)
      i += len
      if isKnownUncased(c) { continue }
      if let s = Unicode.Scalar(c), s.properties.isCased || s.properties.changesWhenCaseFolded { return true }
    }
    return false
  }

  /// Ranges without cased scalars (checked against Unicode by a test):
  /// general punctuation, CJK symbols, kana, CJK ideographs, CJK
  /// compatibility and the full-width punctuation and digits.
  @inline(__always)
  static func isKnownUncased(_ c: UInt32) -> Bool {
    (c >= 0x2000 && c < 0x2070) || (c >= 0x3000 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00)
      || (c >= 0xFF01 && c < 0xFF21) || (c >= 0xFF3B && c < 0xFF41) || (c >= 0xFF5B && c < 0xFFF0)
  }

  /// Runs program `prog` at `pos`; returns the end of its first match, -1
  /// for none, -2 when the budget ran out. With `mustEnd` ≥ 0 only a match
  /// ending there counts (lookbehind).
  func run(
    _ prog: Int, _ text: UnsafeBufferPointer<UInt8>, from start: Int, mustEnd: Int, stack: inout [Int],
    budget: inout Int
  ) -> Int {
    let base = stack.count
    let n = text.count
    var pc = 0
    var pos = start
    return programs[prog].withUnsafeBufferPointer { code in
      while true {
        budget -= 1
        if budget < 0 {
          stack.removeSubrange(base...)
          return -2
        }
        let inst = code[pc]
        var ok = true
        switch inst.op {
        case .lit:
          let a = Int(inst.a)
          let len = Int(inst.b)
          if pos + len > n {
            ok = false
          } else {
            for k in 0..<len {
              var t = text[pos + k]
              if t >= 0x41 && t <= 0x5A { t |= 0x20 }
              if t != lits[a + k] {
                ok = false
                break
              }
            }
            if ok {
              pos += len
              pc += 1
            }
          }
        case .cls:
          if pos >= n {
            ok = false
          } else {
            let (c, len) = UTF8Bytes.decode(text, at: pos)
            if classes[Int(inst.a)].contains(c) {
              pos += len
              pc += 1
            } else {
              ok = false
            }
          }
        case .any:
          if pos >= n {
            ok = false
          } else {
            let (c, len) = UTF8Bytes.decode(text, at: pos)
            if (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029 {
              ok = false
            } else {
              pos += len
              pc += 1
            }
          }
        case .split:
          stack.append(Int(inst.b))
          stack.append(pos)
          pc = Int(inst.a)
        case .jmp:
          pc = Int(inst.a)
        case .look:
          let look = looks[Int(inst.a)]
          var found = false
          if look.ahead {
            let r = run(look.program, text, from: pos, mustEnd: -1, stack: &stack, budget: &budget)
            if r == -2 {
              stack.removeSubrange(base...)
              return -2
            }
            found = r >= 0
          } else {
            // Each start from minLength to maxLength scalars back.
            var q = pos
            var back = 0
            while back < look.minLength && q > 0 {
              q -= 1
              while q > 0 && text[q] & 0xC0 == 0x80 { q -= 1 }
              back += 1
            }
            if back == look.minLength {
              while true {
                let r = run(look.program, text, from: q, mustEnd: pos, stack: &stack, budget: &budget)
                if r == -2 {
                  stack.removeSubrange(base...)
                  return -2
                }
                if r >= 0 {
                  found = true
                  break
                }
                if back == look.maxLength || q == 0 { break }
                q -= 1
                while q > 0 && text[q] & 0xC0 == 0x80 { q -= 1 }
                back += 1
              }
            }
          }
          if found != look.negate {
            pc += 1
          } else {
            ok = false
          }
        case .match:
          if mustEnd < 0 || pos == mustEnd {
            stack.removeSubrange(base...)
            return pos
          }
          ok = false
        }
        if !ok {
          if stack.count == base { return -1 }
          pos = stack.removeLast()
          pc = stack.removeLast()
        }
      }
    }
  }
}

// MARK: Parsing

extension ByteRegex {
  indirect enum Node {
    case empty
    /// One scalar (ASCII letters lowercased).
    case char(UInt32)
    case set(Int)
    case any
    case concat([Node])
    case alt([Node])
    case repeated(Node, min: Int, max: Int?, greedy: Bool)
    case look(Node, ahead: Bool, negate: Bool)

    /// Whether the node can match the empty string.
    var nullable: Bool {
      switch self {
      case .empty, .look: return true
      case .char, .set, .any: return false
      case .concat(let xs): return xs.allSatisfy(\.nullable)
      case .alt(let xs): return xs.contains(where: \.nullable)
      case .repeated(let x, let min, _, _): return min == 0 || x.nullable
      }
    }

    /// Bounds of the match length in scalars (max nil: unbounded).
    var lengthBounds: (min: Int, max: Int?) {
      switch self {
      case .empty, .look: return (0, 0)
      case .char, .set, .any: return (1, 1)
      case .concat(let xs):
        var lo = 0
        var hi: Int? = 0
        for x in xs {
          let b = x.lengthBounds
          lo += b.min
          hi = hi.flatMap { h in b.max.map { h + $0 } }
        }
        return (lo, hi)
      case .alt(let xs):
        let bs = xs.map(\.lengthBounds)
        let lo = bs.map(\.min).min() ?? 0
        let hi: Int? = bs.contains { $0.max == nil } ? nil : bs.map { $0.max! }.max() ?? 0
        return (lo, hi)
      case .repeated(let x, let min, let max, _):
        let b = x.lengthBounds
        return (b.min * min, max.flatMap { m in b.max.map { $0 * m } })
      }
    }

    /// Adds the scalars a non-empty match can start with.
    func firstScalars(into first: inout FirstScalars, sets: [ScalarSet]) {
      switch self {
      case .empty, .look: return
      case .char(let c):
        first.insert(c)
        if c >= 0x61 && c <= 0x7A { first.insert(c - 0x20) }
      case .any:
        first.insert(0...0x10FFFF)
      case .set(let i):
        let s = sets[i]
        // The set's members before negation.
        var members = FirstScalars()
        for c in UInt32(0)..<0x80 where s.contains(c) != s.negated { members.insert(c) }
        for r in s.ranges { members.insert(r) }
        if (s.digits || s.spaces) && !s.negated {
          // Any scalar outside ASCII but the plain CJK blocks (a superset
          // of the set's members there; a negated set leaves them out, so
          // its complement is a superset too).
          members.insert(0x80...0x3000)
          members.insert(0xA600...0xF8FF)
          members.insert(0xFB00...0x10FFFF)
        }
        if s.negated {
          // Everything else, beyond the BMP included.
          for w in 0..<1024 { first.bits[w] |= ~members.bits[w] }
          first.beyondBMP = true
        } else {
          for w in 0..<1024 { first.bits[w] |= members.bits[w] }
          first.beyondBMP = first.beyondBMP || members.beyondBMP
        }
      case .concat(let xs):
        for x in xs {
          x.firstScalars(into: &first, sets: sets)
          if !x.nullable { return }
        }
      case .alt(let xs):
        for x in xs { x.firstScalars(into: &first, sets: sets) }
      case .repeated(let x, _, _, _):
        x.firstScalars(into: &first, sets: sets)
      }
    }
  }

  /// Recursive descent over ICU syntax; nil on anything unsupported.
  struct PatternParser {
    let scalars: [Unicode.Scalar]
    var i = 0
    var sets: [ScalarSet] = []
    var hasLetter = false
    var failed = false

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    mutating func parse() -> (node: Node, sets: [ScalarSet])? {
      let n = alternation()
      guard !failed, i == scalars.count else { return nil }
      return (n, sets)
    }

    mutating func alternation() -> Node {
      var branches = [sequence()]
      while peek == "|" {
        i += 1
        branches.append(sequence())
      }
      return branches.count == 1 ? branches[0] : .alt(branches)
    }

    mutating func sequence() -> Node {
      var items: [Node] = []
      while !failed, let c = peek, c != "|", c != ")" {
        guard var piece = atom() else {
          failed = true
          break
        }
        if let q = peek, q == "*" || q == "+" || q == "?" || q == "{" {
          guard let (lo, hi) = quantifier() else {
            failed = true
            break
          }
          var greedy = true
          if peek == "?" {
            i += 1
            greedy = false
          } else if peek == "+" {
            failed = true  // possessive
            break
          }
          // A repeated piece that can match empty, or a quantified
          // lookaround, loops differently in ICU: leave it to ICU.
          if piece.nullable { failed = true; break }
          if let h = hi, h < lo { failed = true; break }
          piece = .repeated(piece, min: lo, max: hi, greedy: greedy)
        }
        items.append(piece)
      }
      if items.isEmpty { return .empty }
      return items.count == 1 ? items[0] : .concat(items)
    }

    mutating func quantifier() -> (Int, Int?)? {
      let q = peek!
      i += 1
      switch q {
      case "*": return (0, nil)
      case "+": return (1, nil)
      case "?": return (0, 1)
      default:
        guard let lo = number() else { return nil }
        var hi: Int? = lo
        if peek == "," {
          i += 1
          hi = peek == "}" ? nil : number()
          if hi == nil && peek != "}" { return nil }
        }
        guard peek == "}" else { return nil }
        i += 1
        if lo > 1000 || (hi ?? 0) > 1000 { return nil }
        return (lo, hi)
      }
    }

    mutating func number() -> Int? {
      var v = 0
      var any = false
      while let d = peek, d.value >= 0x30 && d.value <= 0x39 {
        v = v * 10 + Int(d.value - 0x30)
        if v > 100_000 { return nil }
        any = true
        i += 1
      }
      return any ? v : nil
    }

    mutating func atom() -> Node? {
      guard let c = peek else { return nil }
      i += 1
      switch c {
      case "(":
        var look: (ahead: Bool, negate: Bool)? = nil
        if peek == "?" {
          i += 1
          guard let f = peek else { return nil }
          i += 1
          switch f {
          case ":": break
          case "=": look = (true, false)
          case "!": look = (true, true)
          case "<":
            guard let g = peek, g == "=" || g == "!" else { return nil }  // named groups
            i += 1
            look = (false, g == "!")
          default: return nil  // flags, atomic groups, comments
          }
        }
        let inner = alternation()
        guard !failed, peek == ")" else { return nil }
        i += 1
        if let l = look {
          if !l.ahead && inner.lengthBounds.max == nil { return nil }
          return .look(inner, ahead: l.ahead, negate: l.negate)
        }
        return inner
      case "[":
        return classAtom()
      case ".":
        return .any
      case "\\":
        guard let e = peek else { return nil }
        i += 1
        switch e {
        case "d", "D", "s", "S":
          var s = ScalarSet()
          addEscapeClass(e, to: &s)
          if e == "D" || e == "S" { s.negated = true }
          sets.append(s)
          return .set(sets.count - 1)
        default:
          guard let v = escapedScalar(e) else { return nil }
          return char(v)
        }
      case "^", "$", "*", "+", "?", "{", "}", "]", ")":
        return nil
      default:
        return char(c.value)
      }
    }

    /// The scalar of a literal escape (after the backslash), or nil.
    mutating func escapedScalar(_ e: Unicode.Scalar) -> UInt32? {
      switch e {
      case "t": return 0x09
      case "n": return 0x0A
      case "r": return 0x0D
      case "f": return 0x0C
      case "u":
        guard i + 4 <= scalars.count else { return nil }
        let hex = String(String.UnicodeScalarView(scalars[i..<(i + 4)]))
        guard let v = UInt32(hex, radix: 16) else { return nil }
        i += 4
        return v
      case "x":
        if peek == "{" {
          guard let close = scalars[i...].firstIndex(of: "}") else { return nil }
          let hex = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
          guard hex.count >= 1 && hex.count <= 6, let v = UInt32(hex, radix: 16) else { return nil }
          i = close + 1
          return v
        }
        guard i + 2 <= scalars.count else { return nil }
        let hex = String(String.UnicodeScalarView(scalars[i..<(i + 2)]))
        guard let v = UInt32(hex, radix: 16) else { return nil }
        i += 2
        return v
      default:
        // Escaped punctuation is itself; letters and digits are classes,
        // back-references or anchors.
        if e.value < 0x80 && !(e.properties.isAlphabetic || (e.value >= 0x30 && e.value <= 0x39)) { return e.value }
        return nil
      }
    }

    mutating func char(_ v: UInt32) -> Node? {
      guard let s = Unicode.Scalar(v) else { return nil }
      if v < 0x80 {
        if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A {
          hasLetter = true
          return .char(v | 0x20)
        }
        return .char(v)
      }
      if s.properties.isCased || s.properties.changesWhenCaseFolded || s.properties.changesWhenCaseMapped {
        return nil
      }
      return .char(v)
    }

    func addEscapeClass(_ e: Unicode.Scalar, to s: inout ScalarSet) {
      if e == "d" || e == "D" {
        for d in 0x30...0x39 { s.ascii.0 |= 1 << UInt64(d) }
        s.digits = true
      } else {
        for w in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20] { s.ascii.0 |= 1 << UInt64(w) }
        s.spaces = true
      }
    }

    mutating func classAtom() -> Node? {
      var s = ScalarSet()
      if peek == "^" {
        i += 1
        s.negated = true
      }
      var ranges: [ClosedRange<UInt32>] = []
      var firstItem = true
      while true {
        guard let c = peek else { return nil }
        if c == "]" && !firstItem { break }
        if c == "]" { return nil }  // ICU reads `[]…]` differently
        firstItem = false
        i += 1
        var lo: UInt32
        switch c {
        case "[", "&", "^": return nil  // nested sets, set operations
        case "-":
          // A literal only at the start or end of the class.
          if peek != "]" && !(ranges.isEmpty && s.ascii == (0, 0) && !s.digits && !s.spaces) { return nil }
          lo = 0x2D
        case "\\":
          guard let e = peek else { return nil }
          i += 1
          if e == "d" || e == "s" {
            addEscapeClass(e, to: &s)
            continue
          }
          guard let v = escapedScalar(e) else { return nil }
          lo = v
        default:
          lo = c.value
        }
        var hi = lo
        if peek == "-", i + 1 < scalars.count, scalars[i + 1] != "]" {
          i += 1
          guard let d = peek else { return nil }
          i += 1
          switch d {
          case "\\":
            guard let e = peek else { return nil }
            i += 1
            guard let v = escapedScalar(e) else { return nil }
            hi = v
          case "[", "]", "&", "-", "^": return nil
          default: hi = d.value
          }
          if hi < lo { return nil }
        }
        ranges.append(lo...hi)
      }
      i += 1  // "]"
      for r in ranges {
        // ASCII part, closed over case.
        if r.lowerBound < 0x80 {
          for v in r.lowerBound...min(r.upperBound, 0x7F) {
            var vs = [v]
            let l = v | 0x20
            if l >= 0x61 && l <= 0x7A {
              hasLetter = true
              vs = [l, l - 0x20]
            }
            for x in vs { if x < 64 { s.ascii.0 |= 1 << UInt64(x) } else { s.ascii.1 |= 1 << UInt64(x - 64) } }
          }
        }
        if r.upperBound >= 0x80 {
          let lo = max(r.lowerBound, 0x80)
          // Cased scalars outside ASCII would need Unicode case closure.
          if r.upperBound - lo > 0x30000 { return nil }
          var v = lo
          while v <= r.upperBound {
            if !ByteRegex.isKnownUncased(v), let u = Unicode.Scalar(v),
              u.properties.isCased || u.properties.changesWhenCaseFolded || u.properties.changesWhenCaseMapped
            {
              return nil
            }
            v += 1
          }
          s.ranges.append(lo...r.upperBound)
        }
      }
      s.ranges.sort { $0.lowerBound < $1.lowerBound }
      var merged: [ClosedRange<UInt32>] = []
      for r in s.ranges {
        if let last = merged.last, r.lowerBound <= last.upperBound &+ 1 {
          merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
        } else {
          merged.append(r)
        }
      }
      s.ranges = merged
      sets.append(s)
      return .set(sets.count - 1)
    }
  }

  /// Lays out programs: 0 is the pattern, the others its lookarounds.
  struct ProgramBuilder {
    var programs: [[Inst]] = []
    var lits: [UInt8] = []
    var classes: [ScalarSet] = []
    var looks: [Look] = []
    static let maxInstructions = 20_000

    mutating func build(_ parsed: (node: Node, sets: [ScalarSet])) -> Bool {
      classes = parsed.sets
      return program(parsed.node) != nil
    }

    /// Compiles `node` into a new program; returns its index.
    mutating func program(_ node: Node) -> Int? {
      let index = programs.count
      programs.append([])
      var code: [Inst] = []
      guard emit(node, into: &code) else { return nil }
      code.append(Inst(op: .match, a: 0, b: 0))
      guard code.count <= Self.maxInstructions else { return nil }
      programs[index] = code
      return index
    }

    mutating func emit(_ node: Node, into code: inout [Inst]) -> Bool {
      if code.count > Self.maxInstructions { return false }
      switch node {
      case .empty:
        return true
      case .char(let c):
        var bytes: [UInt8] = []
        UTF8Bytes.append(c, to: &bytes)
        // Join with a literal just before it.
        if let last = code.last, last.op == .lit, Int(last.a) + Int(last.b) == lits.count, !isJumpTarget(code.count, code) {
          lits += bytes
          code[code.count - 1].b += Int32(bytes.count)
        } else {
          code.append(Inst(op: .lit, a: Int32(lits.count), b: Int32(bytes.count)))
          lits += bytes
        }
        return true
      case .set(let i):
        code.append(Inst(op: .cls, a: Int32(i), b: 0))
        return true
      case .any:
        code.append(Inst(op: .any, a: 0, b: 0))
        return true
      case .concat(let xs):
        for x in xs where !emit(x, into: &code) { return false }
        return true
      case .alt(let xs):
        // split L1, next; L1: x1; jmp end; next: split L2, next2; …
        var jumps: [Int] = []
        for (k, x) in xs.enumerated() {
          if k < xs.count - 1 {
            let split = code.count
            code.append(Inst(op: .split, a: Int32(split + 1), b: -1))
            guard emit(x, into: &code) else { return false }
            jumps.append(code.count)
            code.append(Inst(op: .jmp, a: -1, b: 0))
            code[split].b = Int32(code.count)
          } else {
            guard emit(x, into: &code) else { return false }
          }
        }
        for j in jumps { code[j].a = Int32(code.count) }
        return true
      case .repeated(let x, let min, let max, let greedy):
        for _ in 0..<min where !emit(x, into: &code) { return false }
        if let max {
          // Nested optionals: x(x(x)?)? — each split leaves for the end.
          var splits: [Int] = []
          for _ in min..<max {
            splits.append(code.count)
            code.append(Inst(op: .split, a: 0, b: 0))
            guard emit(x, into: &code) else { return false }
          }
          let end = Int32(code.count)
          for s in splits {
            code[s] = greedy ? Inst(op: .split, a: Int32(s + 1), b: end) : Inst(op: .split, a: end, b: Int32(s + 1))
          }
        } else {
          // L: split body, end; body: x; jmp L
          let loop = code.count
          code.append(Inst(op: .split, a: 0, b: 0))
          guard emit(x, into: &code) else { return false }
          code.append(Inst(op: .jmp, a: Int32(loop), b: 0))
          let end = Int32(code.count)
          code[loop] =
            greedy ? Inst(op: .split, a: Int32(loop + 1), b: end) : Inst(op: .split, a: end, b: Int32(loop + 1))
        }
        return true
      case .look(let x, let ahead, let negate):
        guard let p = program(x) else { return false }
        let b = x.lengthBounds
        looks.append(Look(program: p, ahead: ahead, negate: negate, minLength: b.min, maxLength: b.max ?? 0))
        code.append(Inst(op: .look, a: Int32(looks.count - 1), b: 0))
        return true
      }
    }

    /// Whether some instruction jumps to `target` (so a literal there must
    /// not be merged into the one before it).
    func isJumpTarget(_ target: Int, _ code: [Inst]) -> Bool {
      code.contains { ($0.op == .split && ($0.a == target || $0.b == target)) || ($0.op == .jmp && $0.a == target) }
    }
  }
}
