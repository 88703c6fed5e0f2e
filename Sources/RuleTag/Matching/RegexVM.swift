// The Pike VM: a Thompson NFA simulation that keeps every live thread in
// priority order, so one left-to-right pass over the text finds the match a
// backtracking engine (ICU) would find, in time linear in the text.
//
// A thread is (instruction, start of its match). The threads at one text
// position form a list, highest priority first. Adding a thread follows
// its `split`s, `jmp`s, marks and lookarounds depth-first, preferred branch
// first, and keeps only the first thread to reach each (instruction, mask)
// pair: a later one has the same future and lower priority, so the
// backtracker would only reach it after the first failed. Each list thus
// holds at most program size × 2^bits threads, and each scalar of the text
// moves every thread once.
//
// A search adds a new thread at pc 0 at every position where a match can
// start (lowest priority: later starts lose to earlier ones) until some
// thread reaches `match`. That match is recorded and every thread of lower
// priority dropped; the threads of higher priority run on and may replace
// it. The search ends when no thread is left.
//
// A lookaround is a yes/no question about one position: a sub-search with
// the lookaround's own program (anchored at the position for lookahead;
// started from each point of its bounded window and required to end at the
// position for lookbehind), answered once per position and remembered.
// Bounded lookarounds cost their length times their size; an unbounded
// lookahead can read to the end of the text.
//
// All state lives in two flat buffers of `Scratch`, laid out per regex
// (`Layout`): per program two thread lists and a table of stamps, one
// stamp per (instruction, mask), equal to the list's stamp when the pair
// is already in the list. Stamps come from one counter that only grows, so
// nothing is cleared between lists, calls or regexes.

extension ByteRegex {
  /// Scratch space for matching, kept between calls to save allocations.
  public struct Scratch: Sendable {
    var ints: [Int32] = []
    var stamps: [UInt32] = []
    /// The last stamp handed out.
    var counter: UInt32 = 0
    /// Instructions visited and threads moved, summed over calls: the
    /// work done, for tests that bound it.
    public internal(set) var steps = 0

    public init() {}
  }

  /// Where a program's state lies in the scratch buffers.
  struct ProgramInfo {
    /// First instruction in `code`.
    var entry: Int
    /// Mask bits: keys are (pc - entry) << shift | mask.
    var shift: Int
    /// (instruction, mask) pairs: the capacity of a list.
    var pairs: Int
    /// Lists 0 and 1 in `ints`, each `count, pcs[pairs], starts[pairs]`.
    var listBase: Int
    /// The seen table in `stamps`; `stamps[k]` is program k's list stamp.
    var seenBase: Int
  }

  /// The scratch buffers' layout for one regex.
  struct Layout {
    var programs: [ProgramInfo] = []
    var stackBase = 0
    var ints = 0
    /// Stamps before the lookaround answers.
    var stamps = 0

    init(entries: [Int32], bits: [Int], codeCount: Int) {
      let count = entries.count
      var ints = 0
      var stamps = count
      var stack = 16
      for k in 0..<count {
        let end = k + 1 < count ? Int(entries[k + 1]) : codeCount
        let n = (end - Int(entries[k])) << bits[k]
        programs.append(ProgramInfo(entry: Int(entries[k]), shift: bits[k], pairs: n, listBase: ints, seenBase: stamps))
        ints += 2 * (1 + 2 * n)
        stamps += n
        stack += 2 * n + 2
      }
      stackBase = ints
      self.ints = ints + stack
      self.stamps = stamps
    }
  }

  /// One matching call: the regex, the text and the scratch buffers.
  struct Machine {
    let re: ByteRegex
    let text: UnsafeBufferPointer<UInt8>
    let code: UnsafePointer<Inst>
    let classes: UnsafePointer<ScalarSet>
    let programs: UnsafePointer<ProgramInfo>
    let ints: UnsafeMutablePointer<Int32>
    let stamps: UnsafeMutablePointer<UInt32>
    var counter: UInt32
    var steps = 0
    var sp: Int
    /// Lookaround answers of this call: `memoStamp` (no) or `memoStamp + 1`
    /// (yes) at `memoBase + look × (text.count + 1) + position`.
    let memoStamp: UInt32
    let memoBase: Int

    init(
      _ re: ByteRegex, _ text: UnsafeBufferPointer<UInt8>, code: UnsafePointer<Inst>,
      classes: UnsafePointer<ScalarSet>, programs: UnsafePointer<ProgramInfo>,
      ints: UnsafeMutablePointer<Int32>, stamps: UnsafeMutablePointer<UInt32>, counter: UInt32
    ) {
      self.re = re
      self.text = text
      self.code = code
      self.classes = classes
      self.programs = programs
      self.ints = ints
      self.stamps = stamps
      memoStamp = counter + 1
      self.counter = counter + 2
      memoBase = re.layout.stamps
      sp = re.layout.stackBase
    }

    /// Index in `ints` of list `l` (0 or 1) of program `k`.
    @inline(__always)
    func list(_ k: Int, _ l: Int) -> Int { programs[k].listBase + l * (1 + 2 * programs[k].pairs) }

    /// Empties list `l` of program `k` and gives the program a new stamp.
    @inline(__always)
    mutating func clearList(_ k: Int, _ l: Int) {
      ints[list(k, l)] = 0
      counter &+= 1
      stamps[k] = counter
    }

    /// Adds the thread (`pc`, `start`) at `pos` to list `l` of program `k`,
    /// following every non-consuming instruction.
    ///
    /// Returns whether a thread
    /// reached `match`.
    @discardableResult
    mutating func add(_ k: Int, _ l: Int, _ pc: Int32, start: Int32, at pos: Int) -> Bool {
      let info = programs[k]
      let entry = info.entry
      let shift = info.shift
      let stamp = stamps[k]
      let seen = stamps + info.seenBase
      let li = info.listBase + l * (1 + 2 * info.pairs)
      let pairs = info.pairs
      let base = sp
      var matched = false
      // pc and mask share one entry: pc << 8 | mask.
      ints[sp] = pc << 8
      sp += 1
      while sp > base {
        sp -= 1
        let top = ints[sp]
        let pc = Int(top >> 8)
        let mask = Int(top & 0xFF)
        let key = (pc - entry) << shift | mask
        if seen[key] == stamp { continue }
        seen[key] = stamp
        steps += 1
        let inst = code[pc]
        switch inst.op {
        case .char, .cls, .any, .match:
          let c = Int(ints[li])
          ints[li + 1 + c] = Int32(pc)
          ints[li + 1 + pairs + c] = start
          ints[li] = Int32(c + 1)
          if inst.op == .match { matched = true }
        case .split:
          ints[sp] = inst.b << 8 | Int32(mask)
          ints[sp + 1] = inst.a << 8 | Int32(mask)
          sp += 2
        case .jmp:
          ints[sp] = inst.a << 8 | Int32(mask)
          sp += 1
        case .look:
          if holds(Int(inst.a), at: pos) {
            ints[sp] = Int32(pc + 1) << 8 | Int32(mask)
            sp += 1
          }
        case .mark:
          ints[sp] = Int32(pc + 1) << 8 | Int32(mask | 1 << Int(inst.bit))
          sp += 1
        case .loopEnd:
          let bit = 1 << Int(inst.bit)
          ints[sp] = mask & bit != 0 ? inst.b << 8 | Int32(mask & ~bit) : inst.a << 8 | Int32(mask)
          sp += 1
        }
      }
      return matched
    }

    /// Whether thread instruction `inst` takes scalar `c`.
    @inline(__always)
    func takes(_ inst: Inst, _ c: UInt32) -> Bool {
      switch inst.op {
      case .char:
        let folded = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
        return folded == UInt32(inst.a)
      case .cls:
        return classes[Int(inst.a)].contains(c)
      case .any:
        return !((c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029)
      default:
        return false
      }
    }

    /// Moves the threads of list `l` of program `k` over the scalar at
    /// `pos` into the other list.
    ///
    /// With `cut`, a thread at `match` drops
    /// every thread after it and its (start, end) is returned.
    mutating func step(_ k: Int, _ l: Int, at pos: Int, cut: Bool) -> (Int32, Int32)? {
      clearList(k, l ^ 1)
      var found: (Int32, Int32)? = nil
      let (c, len) = pos < text.count ? UTF8Bytes.decode(text, at: pos) : (UInt32.max, 0)
      let li = list(k, l)
      let pairs = programs[k].pairs
      let count = Int(ints[li])
      steps += count
      for i in 0..<count {
        let pc = ints[li + 1 + i]
        let start = ints[li + 1 + pairs + i]
        let inst = code[Int(pc)]
        if inst.op == .match {
          if cut {
            found = (start, Int32(pos))
            break
          }
          continue
        }
        if len > 0 && takes(inst, c) { add(k, l ^ 1, pc + 1, start: start, at: pos + len) }
      }
      return found
    }

    @inline(__always)
    func isEmpty(_ k: Int, _ l: Int) -> Bool { ints[list(k, l)] == 0 }

    /// The leftmost-first match starting at or after `from` (possibly
    /// empty), as (start, end).
    mutating func search(from: Int) -> (Int, Int)? {
      let n = text.count
      var l = 0
      clearList(0, l)
      var found: (Int32, Int32)? = nil
      var p = from
      while true {
        if isEmpty(0, l) {
          if found != nil { break }
          p = re.nextStart(text, from: p)
          if p >= n { break }
        }
        if found == nil && re.canStart(text, at: p) { add(0, l, Int32(programs[0].entry), start: Int32(p), at: p) }
        if let m = step(0, l, at: p, cut: true) { found = m }
        if p >= n { break }
        l ^= 1
        p += UTF8Bytes.decode(text, at: p).length
      }
      return found.map { (Int($0.0), Int($0.1)) }
    }

    /// Whether lookaround `i` holds at `pos` (remembered per position).
    mutating func holds(_ i: Int, at pos: Int) -> Bool {
      let slot = memoBase + i * (text.count + 1) + pos
      let m = stamps[slot]
      let look = re.looks[i]
      if m == memoStamp || m == memoStamp + 1 { return (m == memoStamp + 1) != look.negate }
      let found = look.ahead ? matchesAhead(look.program, at: pos) : matchesBehind(look, at: pos)
      stamps[slot] = memoStamp + (found ? 1 : 0)
      return found != look.negate
    }

    /// Whether program `k` matches some text starting at `pos`.
    mutating func matchesAhead(_ k: Int, at pos: Int) -> Bool {
      var l = 0
      clearList(k, l)
      if add(k, l, Int32(programs[k].entry), start: Int32(pos), at: pos) { return true }
      var p = pos
      while !isEmpty(k, l) && p < text.count {
        let len = UTF8Bytes.decode(text, at: p).length
        _ = step(k, l, at: p, cut: false)
        l ^= 1
        p += len
        if listHasMatch(k, l) { return true }
      }
      return false
    }

    /// Whether the lookbehind's program matches some text ending at `pos`
    /// and starting within its length bounds before it.
    mutating func matchesBehind(_ look: Look, at pos: Int) -> Bool {
      // Byte offsets `minLength` and `maxLength` scalars back.
      var hi = pos
      var back = 0
      while back < look.minLength {
        if hi == 0 { return false }
        hi = previous(hi)
        back += 1
      }
      var lo = hi
      while back < (look.maxLength ?? Int.max) && lo > 0 {
        lo = previous(lo)
        back += 1
      }
      let k = look.program
      var l = 0
      clearList(k, l)
      var p = lo
      while true {
        if p <= hi { add(k, l, Int32(programs[k].entry), start: Int32(p), at: p) }
        if p == pos { return listHasMatch(k, l) }
        let len = UTF8Bytes.decode(text, at: p).length
        _ = step(k, l, at: p, cut: false)
        l ^= 1
        p += len
        if isEmpty(k, l) && p > hi { return false }
      }
    }

    func previous(_ i: Int) -> Int {
      var q = i - 1
      while q > 0 && text[q] & 0xC0 == 0x80 { q -= 1 }
      return q
    }

    func listHasMatch(_ k: Int, _ l: Int) -> Bool {
      let li = list(k, l)
      for i in 0..<Int(ints[li]) where code[Int(ints[li + 1 + i])].op == .match { return true }
      return false
    }
  }
}
