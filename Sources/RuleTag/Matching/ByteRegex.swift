// A regex engine over UTF-8 bytes for the subset of ICU syntax that rule
// regexes use, linear in the text.
//
// Rule regexes are short (`\d+(余|多)?(条|项|件)`,
// `(开展|举办)了?[^,。;!?]{0,20}(志愿服务|志愿者)`, lookarounds of a few
// words). Handing each sentence to NSRegularExpression costs a String, an
// NSString, UTF-16 copies and an offset map back to bytes, and ICU
// backtracks: `(a+)+b` or `(外|外卖)*骑手` take exponential time on the
// wrong text. `ByteRegex` runs the same patterns on the normalised bytes
// where they lie, returns byte offsets directly, and does so in one pass
// per search (`RegexVM.swift`, a Pike VM).
//
// It must give exactly what NSRegularExpression (ICU, case-insensitive)
// gives, so it compiles only what it can match the same way
// (`RegexParser.swift` lists it) and says no (`compile` returns nil) to the
// rest, which then stays with ICU under a work bound (`BoundedICU.swift`).
// Case-insensitivity: ASCII letters of the pattern match both cases. A
// sentence holding a cased letter outside ASCII (`ß`, `K` KELVIN SIGN,
// Greek…) could match an ASCII letter through Unicode case folding, so a
// pattern with letters hands such a sentence to ICU (`Outcome.fallback`).
//
// Matching is ICU's: at each position from left to right the first match
// in backtracking priority order; the search resumes at its end, or one
// character on after an empty match.
//
// The same parsed tree gives the literal atoms (`LiteralAtoms.swift`) that
// gate the regex in the scanner.

import Foundation

public struct ByteRegex: Sendable {
  /// Every program, one after the other; jumps are absolute.
  let code: [Inst]
  /// Where each program starts: 0 is the pattern, the others lookarounds.
  let entries: [Int32]
  /// Mask bits of each program (loops with a nullable body).
  let bits: [Int]
  let classes: [ScalarSet]
  let looks: [Look]
  /// Scalars of the BMP that can start a match, as a bitmap.
  let first: [UInt64]
  /// A scalar outside the BMP can start a match.
  let firstBeyondBMP: Bool
  /// The pattern holds an ASCII letter: sentences with cased letters
  /// outside ASCII go to ICU.
  let caseSensitiveText: Bool
  /// Literal sets that every match holds one string of each
  /// (`LiteralAtoms.groups`).
  public let atoms: [[String]]
  /// Where the VM keeps each program's threads in `Scratch`.
  let layout: Layout

  /// Compiles an (already folded) ICU pattern, or nil when it uses
  /// anything outside the subset of `RegexParser.swift`.
  public static func compile(_ pattern: String) -> ByteRegex? {
    guard let (node, sets, hasLetter) = parse(pattern) else { return nil }
    var b = ProgramBuilder()
    b.classes = sets
    guard b.program(node) != nil else { return nil }
    // Lay the programs end to end.
    var code: [Inst] = []
    var entries: [Int32] = []
    for program in b.programs {
      let offset = Int32(code.count)
      entries.append(offset)
      for var inst in program {
        switch inst.op {
        case .split, .loopEnd:
          inst.a += offset
          inst.b += offset
        case .jmp:
          inst.a += offset
        default: break
        }
        code.append(inst)
      }
    }
    // One class at least, so that the VM always has a class pointer.
    if b.classes.isEmpty { b.classes.append(ScalarSet()) }
    var first = FirstScalars()
    node.firstScalars(into: &first, sets: sets)
    return ByteRegex(
      code: code, entries: entries, bits: b.programBits, classes: b.classes, looks: b.looks, first: first.bits,
      firstBeyondBMP: first.beyondBMP, caseSensitiveText: hasLetter, atoms: LiteralAtoms.groups(node),
      layout: Layout(entries: entries, bits: b.programBits, codeCount: code.count))
  }

  /// The syntax tree of `pattern`, its classes and whether it holds an
  /// ASCII letter; nil when the byte engine cannot run it.
  static func parse(_ pattern: String) -> (Node, [ScalarSet], Bool)? {
    var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
    guard let parsed = parser.parse() else { return nil }
    return (parsed.node, parsed.sets, parser.hasLetter)
  }

  public enum Outcome: Equatable {
    case matched
    /// ICU must decide (a cased letter outside ASCII).
    case fallback
  }

  /// Appends the non-empty matches in `text` (a whole sentence: lookarounds
  /// see nothing outside it) as offsets into `text`, or returns `.fallback`
  /// having appended nothing.
  public func matches(
    in text: UnsafeBufferPointer<UInt8>, into out: inout [Range<Int>], scratch: inout Scratch
  ) -> Outcome {
    matches(in: text, into: &out, scratch: &scratch, path: .auto)
  }

  /// Which search runs: chosen by size, or one of them (for tests).
  enum Path { case auto, pike, backtrack }

  func matches(
    in text: UnsafeBufferPointer<UInt8>, into out: inout [Range<Int>], scratch: inout Scratch, path: Path
  ) -> Outcome {
    if caseSensitiveText && Self.hasCasedNonASCII(text) { return .fallback }
    let n = text.count
    var p = nextStart(text, from: 0)
    if p >= n { return .matched }
    // Room for the threads and one answer per lookaround and position.
    let stampCount = layout.stamps + looks.count * (n + 1)
    // Short texts go to the backtracker (`RegexBacktrack.swift`), long ones
    // to the Pike VM: both linear, the first cheaper per step.
    let states = layout.programs[0].pairs * (n + 1)
    let backtrack = path == .backtrack || (path == .auto && states <= Self.maxStates)
    let ints = layout.ints + (backtrack ? Self.backtrackWords(states: states) : 0)
    if scratch.ints.count < ints { scratch.ints = [Int32](repeating: 0, count: ints) }
    if scratch.stamps.count < stampCount || scratch.counter > 0xC000_0000 {
      scratch.stamps = [UInt32](repeating: 0, count: max(stampCount, scratch.stamps.count))
      scratch.counter = 0
    }
    let counter = scratch.counter
    let (steps, last) = withPointers(&scratch) { code, classes, programs, ints, stamps in
      var m = Machine(
        self, text, code: code, classes: classes, programs: programs, ints: ints, stamps: stamps, counter: counter)
      while p < n {
        guard let (start, end) = backtrack ? m.backtrack(from: p) : m.search(from: p) else { break }
        if end > start {
          out.append(start..<end)
          p = end
        } else {
          if start >= n { break }
          p = start + UTF8Bytes.decode(text, at: start).length
        }
      }
      return (m.steps, m.counter)
    }
    scratch.steps += steps
    scratch.counter = last
    return .matched
  }

  public func matches(in text: UnsafeBufferPointer<UInt8>, into out: inout [Range<Int>]) -> Outcome {
    var scratch = Scratch()
    return matches(in: text, into: &out, scratch: &scratch)
  }

  /// Runs `body` with pointers to the program, the classes, the layout and
  /// the scratch buffers.
  func withPointers<R>(
    _ scratch: inout Scratch,
    _ body: (
      UnsafePointer<Inst>, UnsafePointer<ScalarSet>, UnsafePointer<ProgramInfo>, UnsafeMutablePointer<Int32>,
      UnsafeMutablePointer<UInt32>
    ) -> R
  ) -> R {
    code.withUnsafeBufferPointer { code in
      classes.withUnsafeBufferPointer { classes in
        layout.programs.withUnsafeBufferPointer { programs in
          scratch.ints.withUnsafeMutableBufferPointer { ints in
            scratch.stamps.withUnsafeMutableBufferPointer { stamps in
              body(
                code.baseAddress!, classes.baseAddress!, programs.baseAddress!, ints.baseAddress!, stamps.baseAddress!)
            }
          }
        }
      }
    }
  }

  /// Whether a non-empty match can start at `p` (`p` < text.count).
  @inline(__always)
  func canStart(_ text: UnsafeBufferPointer<UInt8>, at p: Int) -> Bool {
    if p >= text.count { return false }
    let c = UTF8Bytes.decode(text, at: p).scalar
    return c < 0x10000
      ? first.withUnsafeBufferPointer { (($0[Int(c >> 6)] >> UInt64(c & 63)) & 1) == 1 } : firstBeyondBMP
  }

  /// The first position at or after `p` where a non-empty match can
  /// start, or text.count.
  func nextStart(_ text: UnsafeBufferPointer<UInt8>, from p: Int) -> Int {
    var p = p
    let n = text.count
    while p < n {
      let (c, len) = UTF8Bytes.decode(text, at: p)
      let can =
        c < 0x10000 ? first.withUnsafeBufferPointer { (($0[Int(c >> 6)] >> UInt64(c & 63)) & 1) == 1 } : firstBeyondBMP
      if can { return p }
      p += len
    }
    return n
  }

  /// Where program `k` ends in `code`.
  func programEnd(_ k: Int) -> Int { k + 1 < entries.count ? Int(entries[k + 1]) : code.count }

  /// Whether `text` holds a scalar outside ASCII that has case (or changes
  /// under case folding).
  ///
  /// CJK blocks are known to have none.
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
}
