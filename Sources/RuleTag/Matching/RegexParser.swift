// Recursive descent over the ICU syntax that rule regexes use, into the
// tree of `RegexSyntax.swift`. It returns nil for anything the byte engine
// cannot match exactly as ICU does; such a pattern runs through
// NSRegularExpression and gets no literal atoms.
//
// Accepted: literals, `.`, classes `[…]`/`[^…]` with ranges and `\d \s`,
// `\d \D \s \S`, escaped punctuation and `\t \n \r \f \uXXXX \xHH \x{…}`;
// groups `(…)` `(?:…)`, alternation; greedy and lazy `? * + {n} {n,}
// {n,m}` (`{…}` and lazy `*? +?` only over a piece that cannot match
// empty: ICU's counted and lazy loops treat empty iterations in their own
// way); lookahead `(?=…)` `(?!…)`, and lookbehind `(?<=…)` `(?<!…)` of
// bounded length.
// Refused: anchors, word boundaries, back-references, `\w`, `\p{…}`, flags,
// possessive and atomic forms, a quantifier on a lookaround, and any cased
// letter outside ASCII (ICU folds those by Unicode rules).

extension ByteRegex {
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
          // A quantified lookaround, and a piece that can match empty
          // under anything but greedy `?`, `*` or `+`, loop differently in
          // ICU: leave them to ICU. (Greedy `*` and `+` leave the loop
          // after an empty iteration, as ICU's loops do.)
          if case .look = piece { failed = true; break }
          if piece.nullable && (q == "{" || (!greedy && q != "?")) { failed = true; break }
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

}
