// One automaton for every literal of every rule.
//
// `AhoCorasick` compiles byte strings into a deterministic automaton over
// UTF-8 bytes and reports every occurrence of every pattern, overlapping
// ones included (工会 inside 总工会 is reported for both).
//
// Layout (see DESIGN.md): bytes are first mapped to classes (bytes that
// occur in no pattern share one class), and the transition table is one
// flat `[UInt32]` of rows, one row per state. Column 0 of a row holds the
// number of patterns that end in that state; columns 1… hold the next
// state for each class, premultiplied by the row width so that the next
// lookup is one add. States that end a pattern are numbered last, so one
// comparison (`s >= firstMatchState`) tells the loop that a match ended.

/// A compiled multi-pattern byte matcher.
public struct AhoCorasick: Sendable {
  /// Byte → column (1-based; column 0 is the output count).
  @usableFromInline let classes: [UInt8]
  /// Row width: number of classes + 1.
  @usableFromInline let width: Int
  /// Flat transition table; entries are premultiplied row offsets.
  @usableFromInline let table: [UInt32]
  /// Premultiplied id of the first state that ends a pattern.
  @usableFromInline let firstMatchState: UInt32
  /// For match state k (counted from firstMatchState), its outputs are
  /// `outputs[outputStart[k]..<outputStart[k+1]]`.
  @usableFromInline let outputStart: [Int32]
  @usableFromInline let outputs: [Int32]
  /// Length in bytes of each pattern.
  public let patternLengths: [Int32]
  /// Length of the longest pattern (0 when there is none).
  public let maxPatternLength: Int
  /// The transition table again in 16-bit entries, for `findAll`.
  ///
  /// Empty when it does not fit. Rows are `compactWidth` entries (the row width
  /// rounded up to a multiple of 8; column 0 is unused) and an entry holds its target row's
  /// offset divided by 8, so the next lookup is a shift and an add. Half
  /// the size of `table`, so more of it stays in cache.
  let compact: [UInt16]
  /// Row width of `compact`.
  let compactWidth: Int

  /// Number of states.
  public var stateCount: Int { table.count / width }
  /// Number of byte classes (bytes in no pattern share one).
  public var classCount: Int { width - 1 }
  /// Number of patterns.
  public var patternCount: Int { patternLengths.count }
  /// Bytes used by the transition table.
  public var tableBytes: Int { table.count * 4 }

  /// Compiles `patterns`.
  ///
  /// Empty patterns never match.
  ///
  /// - Complexity: O(total pattern bytes × classes).
  public init(patterns: [[UInt8]]) {
    // 1. Byte classes: each byte used by some pattern gets its own class.
    var used = [Bool](repeating: false, count: 256)
    for p in patterns { for b in p { used[Int(b)] = true } }
    var classes = [UInt8](repeating: 1, count: 256)
    var next = 2
    for b in 0..<256 where used[b] {
      classes[b] = UInt8(next)
      next += 1
    }
    let width = next
    // 2. Trie. Children are kept in a dictionary keyed by state * 256 + byte.
    var children: [Int: Int32] = [:]
    var depthOrder: [Int32] = [0]
    var own: [[Int32]] = [[]]
    for (pid, p) in patterns.enumerated() where !p.isEmpty {
      var s: Int32 = 0
      for b in p {
        let key = Int(s) << 8 | Int(b)
        if let c = children[key] {
          s = c
        } else {
          let c = Int32(own.count)
          own.append([])
          children[key] = c
          s = c
        }
      }
      own[Int(s)].append(Int32(pid))
    }
    let n = own.count
    // Child lists per state, for the breadth-first pass.
    var childList = [[(UInt8, Int32)]](repeating: [], count: n)
    for (key, c) in children { childList[key >> 8].append((UInt8(key & 0xFF), c)) }
    // 3. Breadth-first: failure links, full DFA rows (in unpermuted state ids).
    var fail = [Int32](repeating: 0, count: n)
    var dfa = [Int32](repeating: 0, count: n * width)
    var outs = own
    var queue: [Int32] = []
    queue.reserveCapacity(n)
    for (b, c) in childList[0] {
      dfa[Int(classes[Int(b)])] = c
      queue.append(c)
    }
    var head = 0
    while head < queue.count {
      let s = Int(queue[head])
      head += 1
      depthOrder.append(Int32(s))
      let f = Int(fail[s])
      // Inherit the failure state's row, then override with own children.
      for col in 1..<width { dfa[s * width + col] = dfa[f * width + col] }
      if !outs[f].isEmpty { outs[s].append(contentsOf: outs[f]) }
      for (b, c) in childList[s] {
        let col = Int(classes[Int(b)])
        fail[Int(c)] = dfa[f * width + col]
        dfa[s * width + col] = c
        queue.append(c)
      }
    }
    // A child's failure link is its parent's failure state's transition on
    // the same byte: that row is complete, because breadth-first order
    // visits every shallower state first.
    // 4. Renumber: non-match states first (root stays 0), match states last.
    var order: [Int32] = []
    order.reserveCapacity(n)
    var matchStates: [Int32] = []
    for s in depthOrder {
      if outs[Int(s)].isEmpty { order.append(s) } else { matchStates.append(s) }
    }
    let firstMatch = order.count
    order.append(contentsOf: matchStates)
    var newID = [Int32](repeating: 0, count: n)
    for (k, s) in order.enumerated() { newID[Int(s)] = Int32(k) }
    // The 16-bit copy is filled alongside when every row offset / 8 fits
    // in 16 bits.
    let cw = (width + 7) & ~7
    let step = cw / 8
    let fits = n * step <= Int(UInt16.max)
    var table = [UInt32](repeating: 0, count: n * width)
    var compact = [UInt16](repeating: 0, count: fits ? n * cw : 0)
    var outputStart: [Int32] = [0]
    var outputs: [Int32] = []
    for (k, s) in order.enumerated() {
      let row = k * width
      table[row] = UInt32(outs[Int(s)].count)
      for col in 1..<width {
        let target = Int(newID[Int(dfa[Int(s) * width + col])])
        table[row + col] = UInt32(target * width)
        if fits { compact[k * cw + col] = UInt16(target * step) }
      }
      if k >= firstMatch {
        outputs.append(contentsOf: outs[Int(s)])
        outputStart.append(Int32(outputs.count))
      }
    }
    self.compact = compact
    self.compactWidth = cw
    self.classes = classes
    self.width = width
    self.table = table
    self.firstMatchState = UInt32(firstMatch * width)
    self.outputStart = outputStart
    self.outputs = outputs
    self.patternLengths = patterns.map { Int32($0.count) }
    self.maxPatternLength = patterns.map(\.count).max() ?? 0
  }

  /// Calls `body(pattern, end)` for every occurrence of every pattern in
  /// `haystack`, in order of `end` (exclusive end offset).
  @inlinable
  public func forEachMatch(in haystack: UnsafeBufferPointer<UInt8>, _ body: (Int32, Int) -> Void) {
    guard let base = haystack.baseAddress else { return }
    table.withUnsafeBufferPointer { t in
      classes.withUnsafeBufferPointer { cls in
        let tp = t.baseAddress!
        let cp = cls.baseAddress!
        let first = firstMatchState
        var s: UInt32 = 0
        for i in 0..<haystack.count {
          s = tp[Int(s) &+ Int(cp[Int(base[i])])]
          if s >= first {
            let k = Int(s - first) / width
            let a = Int(outputStart[k])
            let b = Int(outputStart[k + 1])
            for j in a..<b { body(outputs[j], i + 1) }
          }
        }
      }
    }
  }

  /// Appends every occurrence as (pattern, end) to `hits`.
  public func findAll(in haystack: UnsafeBufferPointer<UInt8>, into hits: inout [PatternHit]) {
    var scratch = LaneHits()
    findAll(in: haystack, into: &hits, lanes: &scratch)
  }

  /// Number of pattern occurrences in `haystack` (the peers' benchmark work).
  @inlinable
  public func count(in haystack: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = haystack.baseAddress else { return 0 }
    return table.withUnsafeBufferPointer { t in
      classes.withUnsafeBufferPointer { cls in
        let tp = t.baseAddress!
        let cp = cls.baseAddress!
        var s: UInt32 = 0
        var total: UInt32 = 0
        for i in 0..<haystack.count {
          s = tp[Int(s) &+ Int(cp[Int(base[i])])]
          total &+= tp[Int(s)]
        }
        return Int(total)
      }
    }
  }

  /// Counts occurrences in two haystacks at once: two independent chains of
  /// table lookups hide each other's latency (see DESIGN.md).
  @inlinable
  public func count(in a: UnsafeBufferPointer<UInt8>, and b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    guard let pa = a.baseAddress, let pb = b.baseAddress else { return (count(in: a), count(in: b)) }
    return table.withUnsafeBufferPointer { t in
      classes.withUnsafeBufferPointer { cls in
        let tp = t.baseAddress!
        let cp = cls.baseAddress!
        var s1: UInt32 = 0
        var s2: UInt32 = 0
        var t1: UInt32 = 0
        var t2: UInt32 = 0
        let common = min(a.count, b.count)
        var i = 0
        while i < common {
          s1 = tp[Int(s1) &+ Int(cp[Int(pa[i])])]
          s2 = tp[Int(s2) &+ Int(cp[Int(pb[i])])]
          t1 &+= tp[Int(s1)]
          t2 &+= tp[Int(s2)]
          i &+= 1
        }
        while i < a.count {
          s1 = tp[Int(s1) &+ Int(cp[Int(pa[i])])]
          t1 &+= tp[Int(s1)]
          i &+= 1
        }
        var j = common
        while j < b.count {
          s2 = tp[Int(s2) &+ Int(cp[Int(pb[j])])]
          t2 &+= tp[Int(s2)]
          j &+= 1
        }
        return (Int(t1), Int(t2))
      }
    }
  }
}

/// One occurrence of a pattern: its id and exclusive end offset.
public struct PatternHit: Equatable, Sendable {
  public var pattern: Int32
  public var end: Int32
  public init(pattern: Int32, end: Int32) {
    self.pattern = pattern
    self.end = end
  }
}
