// Literal atoms of a regular expression: strings of which every match must
// contain at least one.
//
// The automaton finds atoms; a regex runs on an article only when one of
// its atoms occurred there (yara's prefilter, in small). The analysis is
// conservative: whatever it does not understand counts as "matches
// anything", so a regex is never skipped wrongly; at worst it gets no atoms
// and runs on every article (and `check` warns, RT102).
//
// Each piece of the pattern yields a `Cover`: either `exact` (the piece
// matches exactly one of a few literal strings) or `required` (every match
// contains one of these strings) or nothing. A sequence concatenates
// adjacent exact pieces (cross product, kept small) and picks the best
// required set; an alternation unions its branches' sets.

enum LiteralAtoms {
  struct Cover {
    /// The piece matches exactly one of these strings (nil: not exact).
    var exact: [String]? = nil
    /// Every match contains one of these strings (nil: nothing known).
    var required: [String]? = nil
    /// Sets that every match holds one string of, each of them (a
    /// conjunction; `required` is the best of these).
    var all: [[String]] = []
  }

  /// Every set of literals that each match must hold one of (at most
  /// `limit`, strongest first); empty when none is known. A sentence can
  /// only hold a match if it holds an atom of every set, so the scanner
  /// runs the regex only there.
  static func groups(_ pattern: String, limit: Int = 8) -> [[String]] {
    var p = Parser(scalars: Array(pattern.unicodeScalars))
    guard let c = p.alternation(), p.i == p.scalars.count else { return [] }
    var sets = c.all
    if let r = c.required ?? c.exact { sets.append(r) }
    var seen = Set<[String]>()
    var out: [[String]] = []
    for set in sets {
      let s = Array(Set(set)).sorted()
      guard !s.isEmpty, s.allSatisfy({ $0.utf8.count >= 2 }), seen.insert(s).inserted else { continue }
      out.append(s)
    }
    out.sort { (quality($0), -$0.count) > (quality($1), -$1.count) }
    return Array(out.prefix(limit))
  }

  /// Smallest byte length in a set: the weakest atom.
  static func quality(_ set: [String]) -> Int { set.map { $0.utf8.count }.min() ?? 0 }

  static func best(_ a: [String]?, _ b: [String]?) -> [String]? {
    guard let a else { return b }
    guard let b else { return a }
    let qa = quality(a)
    let qb = quality(b)
    if qa != qb { return qa > qb ? a : b }
    return a.count <= b.count ? a : b
  }

  struct Parser {
    let scalars: [Unicode.Scalar]
    var i = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    mutating func alternation() -> Cover? {
      var branches = [sequence()]
      while peek == "|" {
        i += 1
        branches.append(sequence())
      }
      if branches.count == 1 { return branches[0] }
      var exact: [String]? = []
      var required: [String]? = []
      for b in branches {
        if let e = b.exact, exact != nil { exact! += e } else { exact = nil }
        if let r = b.required ?? b.exact, required != nil { required! += r } else { required = nil }
      }
      if let e = exact, e.count > 64 { exact = nil }
      return Cover(exact: exact, required: required, all: required.map { [$0] } ?? [])
    }

    mutating func sequence() -> Cover {
      var run: [String]? = [""]  // exact strings of the current run of exact pieces
      var best: [String]? = nil
      var all: [[String]] = []
      func closeRun() {
        if let r = run, !(r.count == 1 && r[0].isEmpty) {
          best = LiteralAtoms.best(best, r)
          all.append(r)
        }
      }
      var allExact = true
      while let c = peek, c != "|", c != ")" {
        var piece = atom()
        // Quantifiers.
        if let q = peek, q == "*" || q == "?" || q == "+" || q == "{" {
          let min = quantifier()
          if min == 0 {
            piece = Cover(exact: nil, required: nil)
          } else {
            let r = piece.required ?? piece.exact
            piece = Cover(exact: nil, required: r, all: piece.all + (r.map { [$0] } ?? []))
          }
        }
        if let e = piece.exact, let r = run, r.count * e.count <= 64 {
          run = r.flatMap { a in e.map { a + $0 } }
        } else {
          allExact = false
          closeRun()
          best = LiteralAtoms.best(best, piece.required)
          all += piece.all
          if let r = piece.required { all.append(r) }
          run = piece.exact ?? [""]
          if piece.exact == nil { run = [""] }
        }
      }
      if allExact, let r = run { return Cover(exact: r, required: r, all: [r]) }
      closeRun()
      return Cover(exact: nil, required: best, all: all)
    }

    /// Parses a quantifier; returns its minimum count.
    mutating func quantifier() -> Int {
      guard let q = peek else { return 1 }
      i += 1
      var min = 1
      switch q {
      case "*", "?": min = 0
      case "+": min = 1
      default:
        var digits = ""
        while let d = peek, d != "}" {
          if d == "," { break }
          digits.unicodeScalars.append(d)
          i += 1
        }
        while let d = peek, d != "}" { _ = d; i += 1 }
        if peek == "}" { i += 1 }
        min = Int(digits) ?? 0
      }
      if peek == "?" || peek == "+" { i += 1 }  // lazy / possessive
      return min
    }

    mutating func atom() -> Cover {
      guard let c = peek else { return Cover() }
      i += 1
      switch c {
      case "(":
        // Skip group flags: (?: (?i) (?= …
        var lookaround = false
        if peek == "?" {
          i += 1
          if let f = peek, f == "=" || f == "!" || f == "<" { lookaround = true }
          while let f = peek, f != ":" && f != ")" && !lookaround { i += 1 }
          if peek == ":" { i += 1 }
        }
        let inner = alternation() ?? Cover()
        if peek == ")" { i += 1 }
        return lookaround ? Cover() : inner
      case "[":
        // A character class: skip to its end.
        if peek == "^" { i += 1 }
        if peek == "]" { i += 1 }
        while let d = peek, d != "]" {
          i += d == "\\" ? 2 : 1
        }
        i += 1
        return Cover()
      case "\\":
        guard let e = peek else { return Cover() }
        i += 1
        if e.properties.isAlphabetic || ("0"..."9").contains(e) {
          if e == "u" || e == "x" { return Cover() }
          return Cover()  // \d \w \s \b \p …: not a literal
        }
        return literal(e)
      case ".", "^", "$":
        return c == "." ? Cover() : Cover(exact: [""], required: nil)
      default:
        return literal(c)
      }
    }

    func literal(_ c: Unicode.Scalar) -> Cover {
      let folded = Normalizer.fold(c.value).flatMap { Unicode.Scalar($0) } ?? c
      return Cover(exact: [String(folded)], required: [String(folded)])
    }
  }
}
