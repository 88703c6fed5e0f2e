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

extension ByteRegex {
  /// Scratch space for matching, kept between calls to save allocations.
  public struct Scratch {
    var lists: [ThreadList] = []
    var seen: [[UInt32]] = []
    var stamps: [UInt32] = []
    var stack: [Int32] = []
    var memo: [UInt32] = []
    var memoStamp: UInt32 = 0
    /// Instructions visited and threads moved, summed over calls: the
    /// work done, for tests that bound it.
    public internal(set) var steps = 0

    public init() {}
  }

  struct ThreadList {
    var pcs: [Int32] = []
    var starts: [Int32] = []
    var count = 0

    mutating func append(_ pc: Int32, _ start: Int32) {
      if count == pcs.count {
        pcs.append(pc)
        starts.append(start)
      } else {
        pcs[count] = pc
        starts[count] = start
      }
      count += 1
    }
  }

  /// One matching call: the regex, the text and the scratch space.
  struct Machine {
    let re: ByteRegex
    let text: UnsafeBufferPointer<UInt8>
    var s: Scratch

    init(_ re: ByteRegex, _ text: UnsafeBufferPointer<UInt8>, _ scratch: inout Scratch) {
      self.re = re
      self.text = text
      s = Scratch()
      swap(&s, &scratch)
      let programs = re.entries.count
      while s.lists.count < 2 * programs { s.lists.append(ThreadList()) }
      while s.seen.count < programs {
        s.seen.append([])
        s.stamps.append(0)
      }
      for k in 0..<programs {
        let size = (re.programEnd(k) - Int(re.entries[k])) << re.bits[k]
        if s.seen[k].count < size { s.seen[k] = [UInt32](repeating: 0, count: size) }
      }
      // Lookaround answers: one slot per (lookaround, position).
      let slots = re.looks.count * (text.count + 1)
      if s.memo.count < slots { s.memo = [UInt32](repeating: 0, count: slots) }
      s.memoStamp &+= 2
      if s.memoStamp < 2 {
        for i in s.memo.indices { s.memo[i] = 0 }
        s.memoStamp = 2
      }
    }

    /// Gives the scratch space back.
    mutating func finish(into scratch: inout Scratch) { swap(&s, &scratch) }

    /// Starts a new thread list for program `k`.
    mutating func clearList(_ k: Int, _ l: Int) {
      s.lists[l].count = 0
      s.stamps[k] &+= 1
      if s.stamps[k] == 0 {
        for i in s.seen[k].indices { s.seen[k][i] = 0 }
        s.stamps[k] = 1
      }
    }

    /// Adds the thread (`pc`, `start`) at `pos` to list `l` of program `k`,
    /// following every non-consuming instruction. Returns whether a thread
    /// reached `match`.
    @discardableResult
    mutating func add(_ k: Int, _ l: Int, _ pc: Int32, start: Int32, at pos: Int) -> Bool {
      let entry = Int(re.entries[k])
      let shift = re.bits[k]
      let stamp = s.stamps[k]
      let base = s.stack.count
      var matched = false
      s.stack.append(pc << 8)
      while s.stack.count > base {
        // pc and mask share one entry: pc << 8 | mask.
        let top = s.stack.removeLast()
        let pc = Int(top >> 8)
        let mask = Int(top & 0xFF)
        let key = (pc - entry) << shift | mask
        if s.seen[k][key] == stamp { continue }
        s.seen[k][key] = stamp
        s.steps += 1
        let inst = re.code[pc]
        switch inst.op {
        case .char, .cls, .any:
          s.lists[l].append(Int32(pc), start)
        case .match:
          s.lists[l].append(Int32(pc), start)
          matched = true
        case .split:
          s.stack.append(inst.b << 8 | Int32(mask))
          s.stack.append(inst.a << 8 | Int32(mask))
        case .jmp:
          s.stack.append(inst.a << 8 | Int32(mask))
        case .look:
          if holds(Int(inst.a), at: pos) { s.stack.append(Int32(pc + 1) << 8 | Int32(mask)) }
        case .mark:
          s.stack.append(Int32(pc + 1) << 8 | Int32(mask | 1 << Int(inst.bit)))
        case .loopEnd:
          let bit = 1 << Int(inst.bit)
          if mask & bit != 0 {
            s.stack.append(inst.b << 8 | Int32(mask & ~bit))
          } else {
            s.stack.append(inst.a << 8 | Int32(mask))
          }
        }
      }
      return matched
    }

    /// Whether thread instruction `pc` takes scalar `c`.
    @inline(__always)
    func takes(_ inst: Inst, _ c: UInt32) -> Bool {
      switch inst.op {
      case .char:
        let folded = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
        return folded == UInt32(inst.a)
      case .cls:
        return re.classes[Int(inst.a)].contains(c)
      case .any:
        return !((c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029)
      default:
        return false
      }
    }

    /// Moves the threads of list `l` of program `k` over the scalar at
    /// `pos` into the other list. With `cut`, a thread at `match` drops
    /// every thread after it and its (start, end) is returned.
    mutating func step(_ k: Int, _ l: Int, at pos: Int, cut: Bool) -> (Int32, Int32)? {
      let other = l ^ 1
      clearList(k, other)
      var found: (Int32, Int32)? = nil
      let (c, len) = pos < text.count ? UTF8Bytes.decode(text, at: pos) : (UInt32.max, 0)
      var i = 0
      while i < s.lists[l].count {
        let pc = s.lists[l].pcs[i]
        let start = s.lists[l].starts[i]
        i += 1
        s.steps += 1
        let inst = re.code[Int(pc)]
        if inst.op == .match {
          if cut {
            found = (start, Int32(pos))
            break
          }
          continue
        }
        if len > 0 && takes(inst, c) { add(k, other, pc + 1, start: start, at: pos + len) }
      }
      return found
    }

    /// The leftmost-first match starting at or after `from` (possibly
    /// empty), as (start, end).
    mutating func search(from: Int) -> (Int, Int)? {
      let n = text.count
      var l = 0
      clearList(0, l)
      var found: (Int32, Int32)? = nil
      var p = from
      while true {
        if s.lists[l].count == 0 {
          if found != nil { break }
          p = re.nextStart(text, from: p)
          if p >= n { break }
        }
        if found == nil && re.canStart(text, at: p) { add(0, l, re.entries[0], start: Int32(p), at: p) }
        if let m = step(0, l, at: p, cut: true) { found = m }
        if p >= n { break }
        l ^= 1
        p += UTF8Bytes.decode(text, at: p).length
      }
      return found.map { (Int($0.0), Int($0.1)) }
    }

    /// Whether lookaround `i` holds at `pos` (remembered per position).
    mutating func holds(_ i: Int, at pos: Int) -> Bool {
      let slot = i * (text.count + 1) + pos
      let m = s.memo[slot]
      let look = re.looks[i]
      if m >= s.memoStamp { return (m == s.memoStamp + 1) != look.negate }
      let found = look.ahead ? matchesAhead(look.program, at: pos) : matchesBehind(look, at: pos)
      s.memo[slot] = s.memoStamp + (found ? 1 : 0)
      return found != look.negate
    }

    /// Whether program `k` matches some text starting at `pos`.
    mutating func matchesAhead(_ k: Int, at pos: Int) -> Bool {
      var l = 2 * k
      clearList(k, l)
      if add(k, l, re.entries[k], start: Int32(pos), at: pos) { return true }
      var p = pos
      while s.lists[l].count > 0 && p < text.count {
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
      var l = 2 * k
      clearList(k, l)
      var p = lo
      while true {
        if p <= hi { add(k, l, re.entries[k], start: Int32(p), at: p) }
        if p == pos { return listHasMatch(k, l) }
        let len = UTF8Bytes.decode(text, at: p).length
        _ = step(k, l, at: p, cut: false)
        l ^= 1
        p += len
        if s.lists[l].count == 0 && p > hi { return false }
      }
    }

    func previous(_ i: Int) -> Int {
      var q = i - 1
      while q > 0 && text[q] & 0xC0 == 0x80 { q -= 1 }
      return q
    }

    func listHasMatch(_ k: Int, _ l: Int) -> Bool {
      for i in 0..<s.lists[l].count where re.code[Int(s.lists[l].pcs[i])].op == .match { return true }
      return false
    }
  }
}
