// Literal atoms of a regular expression: strings of which every match must
// contain at least one.
//
// The automaton finds atoms; a regex runs on an article only when one of
// its atoms occurred there (yara's prefilter, in small). The atoms come
// from the syntax tree that `ByteRegex` parsed and matches with, so they
// say what the engine will match. A pattern the byte engine refuses has no
// tree and so no atoms: it runs on every sentence (`check` warns, RT102).
// The analysis is conservative: whatever it does not understand counts as
// "matches anything", so a regex is never skipped wrongly.
//
// Each node yields a `Cover`: either `exact` (the node matches exactly one
// of a few literal strings) or `required` (every match contains one of
// these strings) or nothing. A sequence concatenates adjacent exact pieces
// (cross product, kept small) and picks the best required set; an
// alternation unions its branches' sets.

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

  /// Every set of literals that each match of `pattern` must hold one of
  /// (at most `limit`, strongest first); empty when none is known or the
  /// byte engine refuses the pattern.
  static func groups(_ pattern: String, limit: Int = 8) -> [[String]] {
    guard let (node, _, _) = ByteRegex.parse(pattern) else { return [] }
    return groups(node, limit: limit)
  }

  /// The atom sets of a parsed pattern.
  ///
  /// A sentence can only hold a match
  /// if it holds an atom of every set, so the scanner runs the regex only
  /// there.
  static func groups(_ node: ByteRegex.Node, limit: Int = 8) -> [[String]] {
    let c = cover(node)
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

  static func cover(_ node: ByteRegex.Node) -> Cover {
    switch node {
    case .empty:
      return Cover(exact: [""], required: [""], all: [[""]])
    case .char(let c):
      // The tree's scalars are the engine's: what the text must hold.
      let s = Unicode.Scalar(c).map { String($0) } ?? ""
      return Cover(exact: [s], required: [s])
    case .set, .any, .look:
      return Cover()
    case .repeated(let x, let min, _, _):
      if min == 0 { return Cover() }
      let piece = cover(x)
      let r = piece.required ?? piece.exact
      return Cover(exact: nil, required: r, all: piece.all + (r.map { [$0] } ?? []))
    case .alt(let branches):
      var exact: [String]? = []
      var required: [String]? = []
      for b in branches.map(cover) {
        if let e = b.exact, exact != nil { exact! += e } else { exact = nil }
        if let r = b.required ?? b.exact, required != nil { required! += r } else { required = nil }
      }
      if let e = exact, e.count > 64 { exact = nil }
      return Cover(exact: exact, required: required, all: required.map { [$0] } ?? [])
    case .concat(let items):
      return sequence(items.map(cover))
    }
  }

  static func sequence(_ pieces: [Cover]) -> Cover {
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
    for piece in pieces {
      if let e = piece.exact, let r = run, r.count * e.count <= 64 {
        run = r.flatMap { a in e.map { a + $0 } }
      } else {
        allExact = false
        closeRun()
        best = LiteralAtoms.best(best, piece.required)
        all += piece.all
        if let r = piece.required { all.append(r) }
        run = piece.exact ?? [""]
      }
    }
    if allExact, let r = run { return Cover(exact: r, required: r, all: [r]) }
    closeRun()
    return Cover(exact: nil, required: best, all: all)
  }
}
