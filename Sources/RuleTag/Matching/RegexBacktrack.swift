// The fast path for short texts: a backtracker that remembers where it has
// been (RE2's BitState), linear like the Pike VM and cheaper per step.
//
// It tries the pattern at each start position depth-first, preferred
// branch first, as ICU does, so the first match it reaches is ICU's. A
// state is (instruction, mask, position), and its future does not depend
// on how it was reached: once a state has been explored without reaching
// `match`, it never will. So each state is visited at most once per search
// (a bit per state), and a search costs at most states × text length
// steps, whatever the pattern. The bits take (pairs × (text length + 1))
// bits, so `matches` takes this path only when that product is small
// (`maxStates`), and the Pike VM otherwise. Lookarounds are answered by the
// VM's memoised sub-searches.

extension ByteRegex {
  /// Largest pairs × (text length + 1) run by the backtracker.
  static let maxStates = 1 << 16

  /// Int32 words the backtracker needs after `layout.ints`: the visited
  /// bits and a stack of (pc << 8 | mask, position) pairs, one per state.
  static func backtrackWords(states: Int) -> Int { states / 32 + 1 + 2 * states + 4 }
}

extension ByteRegex.Machine {
  /// The leftmost-first match at or after `from` (possibly empty), as
  /// (start, end); like `search`, by backtracking.
  mutating func backtrack(from: Int) -> (Int, Int)? {
    let n = text.count
    let info = programs[0]
    let width = n + 1
    let visited = ints + re.layout.ints
    let stack = visited + ((info.pairs * width) / 32 + 1)
    // Forget the states of earlier searches from `from` on.
    var w = (from * info.pairs) / 32
    let lastWord = (info.pairs * width) / 32
    while w <= lastWord {
      visited[w] = 0
      w += 1
    }
    var p = re.nextStart(text, from: from)
    while p < n {
      if let end = run(from: p, info, visited, stack) { return (p, end) }
      p = re.nextStart(text, from: p + UTF8Bytes.decode(text, at: p).length)
    }
    return nil
  }

  /// The end of the first match starting at `start` in priority order, or
  /// nil.
  ///
  /// States are indexed position-major: pos × pairs + key.
  mutating func run(
    from start: Int, _ info: ByteRegex.ProgramInfo, _ visited: UnsafeMutablePointer<Int32>,
    _ stack: UnsafeMutablePointer<Int32>
  ) -> Int? {
    var top = 0
    stack[0] = Int32(info.entry) << 8
    stack[1] = Int32(start)
    top = 2
    while top > 0 {
      top -= 2
      var pc = Int(stack[top] >> 8)
      var mask = Int(stack[top] & 0xFF)
      var pos = Int(stack[top + 1])
      // Follow one path until it fails; push the alternatives on the way.
      while true {
        let state = pos * info.pairs + ((pc - info.entry) << info.shift | mask)
        let bit = Int32(1) << Int32(state & 31)
        if visited[state >> 5] & bit != 0 { break }
        visited[state >> 5] |= bit
        steps += 1
        let inst = code[pc]
        var next = pc + 1
        switch inst.op {
        case .char, .cls, .any:
          if pos >= text.count { next = -1; break }
          let (c, len) = UTF8Bytes.decode(text, at: pos)
          if !takes(inst, c) { next = -1; break }
          pos += len
          mask = 0
        case .match:
          return pos
        case .split:
          stack[top] = inst.b << 8 | Int32(mask)
          stack[top + 1] = Int32(pos)
          top += 2
          next = Int(inst.a)
        case .jmp:
          next = Int(inst.a)
        case .look:
          if !holds(Int(inst.a), at: pos) { next = -1 }
        case .mark:
          mask |= 1 << Int(inst.bit)
        case .loopEnd:
          let b = 1 << Int(inst.bit)
          if mask & b != 0 {
            mask &= ~b
            next = Int(inst.b)
          } else {
            next = Int(inst.a)
          }
        }
        if next < 0 { break }
        pc = next
      }
    }
    return nil
  }
}
