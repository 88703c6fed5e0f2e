// The syntax tree compiled to Thompson-style programs for the Pike VM
// (`RegexVM.swift`): program 0 is the pattern, the others its lookarounds.
//
// A program is a list of instructions. Consuming ones (`char`, `cls`,
// `any`) take one scalar; `split a, b` forks into `a` (preferred) and `b`,
// which is how greedy and lazy quantifiers and alternation order their
// choices. Counted loops `x{n,m}` are unrolled; `x*` over a piece that
// cannot match empty is `L: split body, end; body; jmp L`.
//
// A loop whose body can match empty follows ICU: an iteration that
// consumed nothing leaves the loop (continues after it) instead of
// iterating again. `mark k` at the start of each iteration records, in a
// bit of the thread's mask, that the iteration began at the current
// position; `loopEnd k` then goes back for another iteration when the bit
// is clear (input was consumed since) and leaves the loop when it is set.
// Consuming a scalar clears all bits. So a thread's future depends only on
// (instruction, mask), and the VM keeps one thread per such pair.

extension ByteRegex {
  enum Op: UInt8 {
    /// The scalar `a` (ASCII letters compare without case).
    case char
    /// One scalar in `classes[a]`.
    case cls
    /// One scalar that is not a line terminator.
    case any
    /// Fork: `a` first, then `b`.
    case split
    case jmp
    /// Lookaround `looks[a]` must hold here.
    case look
    /// Set bit `bit`: an iteration of that loop starts here.
    case mark
    /// End of an iteration of loop `bit`: to `a` when it consumed input,
    /// else out of the loop to `b`.
    case loopEnd
    case match
  }

  struct Inst {
    var op: Op
    var bit: UInt8 = 0
    var a: Int32 = 0
    var b: Int32 = 0
  }

  struct Look {
    var program: Int
    var ahead: Bool
    var negate: Bool
    /// Length bounds in scalars (for lookbehind; max nil: unbounded).
    var minLength: Int
    var maxLength: Int?
  }

  /// Lays out programs: 0 is the pattern, the others its lookarounds.
  struct ProgramBuilder {
    var programs: [[Inst]] = []
    /// Mask bits (loops with a nullable body) used by each program.
    var programBits: [Int] = []
    var classes: [ScalarSet] = []
    var looks: [Look] = []
    static let maxInstructions = 20_000
    /// A program keeps one thread per (instruction, mask): few bits.
    static let maxBits = 4

    /// Compiles `node` into a new program; returns its index.
    mutating func program(_ node: Node) -> Int? {
      let index = programs.count
      programs.append([])
      programBits.append(0)
      var code: [Inst] = []
      var used = 0
      guard emit(node, into: &code, bits: &used) else { return nil }
      code.append(Inst(op: .match))
      guard code.count <= Self.maxInstructions, used <= Self.maxBits else { return nil }
      programs[index] = code
      programBits[index] = used
      return index
    }

    mutating func emit(_ node: Node, into code: inout [Inst], bits: inout Int) -> Bool {
      if code.count > Self.maxInstructions { return false }
      switch node {
      case .empty:
        return true
      case .char(let c):
        code.append(Inst(op: .char, a: Int32(c)))
        return true
      case .set(let i):
        code.append(Inst(op: .cls, a: Int32(i)))
        return true
      case .any:
        code.append(Inst(op: .any))
        return true
      case .concat(let xs):
        for x in xs where !emit(x, into: &code, bits: &bits) { return false }
        return true
      case .alt(let xs):
        // split L1, next; L1: x1; jmp end; next: split L2, next2; …
        var jumps: [Int] = []
        for (k, x) in xs.enumerated() {
          if k < xs.count - 1 {
            let split = code.count
            code.append(Inst(op: .split, a: Int32(split + 1), b: -1))
            guard emit(x, into: &code, bits: &bits) else { return false }
            jumps.append(code.count)
            code.append(Inst(op: .jmp, a: -1))
            code[split].b = Int32(code.count)
          } else {
            guard emit(x, into: &code, bits: &bits) else { return false }
          }
        }
        for j in jumps { code[j].a = Int32(code.count) }
        return true
      case .repeated(let x, let min, let max, let greedy):
        if max == nil && x.nullable { return emitNullableLoop(x, plus: min > 0, into: &code, bits: &bits) }
        for _ in 0..<min where !emit(x, into: &code, bits: &bits) { return false }
        if let max {
          // Nested optionals: x(x(x)?)? — each split leaves for the end.
          var splits: [Int] = []
          for _ in min..<max {
            splits.append(code.count)
            code.append(Inst(op: .split))
            guard emit(x, into: &code, bits: &bits) else { return false }
          }
          let end = Int32(code.count)
          for s in splits { code[s] = fork(Int32(s + 1), end, greedy) }
        } else {
          // L: split body, end; body: x; jmp L
          let loop = code.count
          code.append(Inst(op: .split))
          guard emit(x, into: &code, bits: &bits) else { return false }
          code.append(Inst(op: .jmp, a: Int32(loop)))
          code[loop] = fork(Int32(loop + 1), Int32(code.count), greedy)
        }
        return true
      case .look(let x, let ahead, let negate):
        guard let p = program(x) else { return false }
        let b = x.lengthBounds
        looks.append(Look(program: p, ahead: ahead, negate: negate, minLength: b.min, maxLength: b.max))
        code.append(Inst(op: .look, a: Int32(looks.count - 1)))
        return true
      }
    }

    /// Greedy `x*` (S: split B, E; B: mark; x; loopEnd → S or E) or `x+`
    /// (B: mark; x; loopEnd → S or E; S: split B, E) over a nullable `x`.
    mutating func emitNullableLoop(_ x: Node, plus: Bool, into code: inout [Inst], bits: inout Int) -> Bool {
      let bit = UInt8(bits)
      bits += 1
      let split = plus ? -1 : code.count
      if !plus { code.append(Inst(op: .split)) }
      let body = code.count
      code.append(Inst(op: .mark, bit: bit))
      guard emit(x, into: &code, bits: &bits) else { return false }
      let end = code.count
      code.append(Inst(op: .loopEnd, bit: bit))
      let s = plus ? code.count : split
      if plus { code.append(Inst(op: .split)) }
      let out = Int32(code.count)
      code[s] = Inst(op: .split, a: Int32(body), b: out)
      code[end].a = Int32(s)
      code[end].b = out
      return true
    }

    func fork(_ body: Int32, _ out: Int32, _ greedy: Bool) -> Inst {
      greedy ? Inst(op: .split, a: body, b: out) : Inst(op: .split, a: out, b: body)
    }
  }
}
