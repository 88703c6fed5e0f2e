// The syntax tree of a rule regex, shared by the byte engine (compiled to
// a program, `RegexProgram.swift`) and by the literal prefilter
// (`LiteralAtoms.swift`): one parser (`RegexParser.swift`) reads the
// pattern once, so the matcher and the atoms cannot disagree about what it
// says.
//
// Characters in the tree are scalars as the engine compares them: ASCII
// letters lowercased (the engine folds ASCII case in the text), everything
// else as written. Classes are `ScalarSet`s, closed over ASCII case.

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
        first.insert(sets[i])
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
        hit = ScalarSet.inRanges(c, ranges)
        if !hit && (digits || spaces) && !ByteRegex.isPlainCJK(c), let u = Unicode.Scalar(c) {
          hit = (digits && u.properties.generalCategory == .decimalNumber) || (spaces && u.properties.isWhitespace)
        }
      }
      return hit != negated
    }
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

    /// Adds a superset of the members of `s`.
    mutating func insert(_ s: ScalarSet) {
      // The set's members before negation.
      var members = FirstScalars()
      for c in UInt32(0)..<0x80 where s.contains(c) != s.negated { members.insert(c) }
      for r in s.ranges { members.insert(r) }
      if (s.digits || s.spaces) && !s.negated {
        // Any scalar outside ASCII but the plain CJK blocks (a superset of
        // the set's members there; a negated set leaves them out, so its
        // complement is a superset too).
        members.insert(0x80...0x3000)
        members.insert(0xA600...0xF8FF)
        members.insert(0xFB00...0x10FFFF)
      }
      if s.negated {
        // Everything else, beyond the BMP included.
        for w in 0..<1024 { bits[w] |= ~members.bits[w] }
        beyondBMP = true
      } else {
        for w in 0..<1024 { bits[w] |= members.bits[w] }
        beyondBMP = beyondBMP || members.beyondBMP
      }
    }
  }

  /// Whether `c` is in CJK blocks that hold no decimal digit (Nd), no
  /// White_Space and nothing cased (checked against Unicode by a test): the
  /// common case of `\d` and `\s` tests needs no Unicode lookup.
  @inline(__always)
  static func isPlainCJK(_ c: UInt32) -> Bool {
    (c >= 0x3001 && c < 0xA600) || (c >= 0xF900 && c < 0xFB00)
  }

  /// Ranges without cased scalars (checked against Unicode by a test):
  /// general punctuation, CJK symbols, kana, CJK ideographs, CJK
  /// compatibility and the full-width punctuation and digits.
  @inline(__always)
  static func isKnownUncased(_ c: UInt32) -> Bool {
    (c >= 0x2000 && c < 0x2070) || (c >= 0x3000 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00)
      || (c >= 0xFF01 && c < 0xFF21) || (c >= 0xFF3B && c < 0xFF41) || (c >= 0xFF5B && c < 0xFFF0)
  }
}
