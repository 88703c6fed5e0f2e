// Counting occurrences without reporting them: the work of the counting
// benchmark, where the peers only count too. Two haystacks are scanned at
// once so that four independent chains of table lookups overlap.

extension AhoCorasick {
  /// Counts occurrences in two haystacks with four chains of lookups: each
  /// haystack is cut in two halves, and the second half starts
  /// `maxPatternLength - 1` bytes early.
  ///
  /// From the root, the automaton finds
  /// exactly the occurrences that start at or after where it started, so
  /// the second half sees every occurrence that ends in it; the ones that
  /// lie wholly in the early start are counted twice and subtracted (a
  /// short scan). Same counts as `count(in:)` on each haystack.
  @inlinable
  public func countSplit(in a: UnsafeBufferPointer<UInt8>, and b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    let overlap = Swift.max(0, maxPatternLength - 1)
    guard a.count >= 4 * overlap + 64, b.count >= 4 * overlap + 64, let pa = a.baseAddress, let pb = b.baseAddress
    else {
      return count(in: a, and: b)
    }
    let sa = a.count / 2
    let sb = b.count / 2
    // Lanes: a[0..<sa], a[sa-overlap..<n], b[0..<sb], b[sb-overlap..<m].
    let l0 = UnsafeBufferPointer(start: pa, count: sa)
    let l1 = UnsafeBufferPointer(start: pa + (sa - overlap), count: a.count - sa + overlap)
    let l2 = UnsafeBufferPointer(start: pb, count: sb)
    let l3 = UnsafeBufferPointer(start: pb + (sb - overlap), count: b.count - sb + overlap)
    let (c0, c1, c2, c3) = count4(l0, l1, l2, l3)
    let dupA = count(in: UnsafeBufferPointer(start: pa + (sa - overlap), count: overlap))
    let dupB = count(in: UnsafeBufferPointer(start: pb + (sb - overlap), count: overlap))
    return (c0 + c1 - dupA, c2 + c3 - dupB)
  }

  /// Counts occurrences in four haystacks, interleaved.
  @inlinable
  public func count4(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ c: UnsafeBufferPointer<UInt8>,
    _ d: UnsafeBufferPointer<UInt8>
  ) -> (Int, Int, Int, Int) {
    guard let p0 = a.baseAddress, let p1 = b.baseAddress, let p2 = c.baseAddress, let p3 = d.baseAddress else {
      return (count(in: a), count(in: b), count(in: c), count(in: d))
    }
    return table.withUnsafeBufferPointer { t in
      classes.withUnsafeBufferPointer { cls in
        let tp = t.baseAddress!
        let cp = cls.baseAddress!
        var s0: UInt32 = 0, s1: UInt32 = 0, s2: UInt32 = 0, s3: UInt32 = 0
        var t0: UInt32 = 0, t1: UInt32 = 0, t2: UInt32 = 0, t3: UInt32 = 0
        let common = Swift.min(Swift.min(a.count, b.count), Swift.min(c.count, d.count))
        var i = 0
        while i < common {
          s0 = tp[Int(s0) &+ Int(cp[Int(p0[i])])]
          s1 = tp[Int(s1) &+ Int(cp[Int(p1[i])])]
          s2 = tp[Int(s2) &+ Int(cp[Int(p2[i])])]
          s3 = tp[Int(s3) &+ Int(cp[Int(p3[i])])]
          t0 &+= tp[Int(s0)]
          t1 &+= tp[Int(s1)]
          t2 &+= tp[Int(s2)]
          t3 &+= tp[Int(s3)]
          i &+= 1
        }
        // The rest of each lane, two lanes at a time where possible.
        @inline(__always)
        func finish(
          _ p: UnsafePointer<UInt8>, _ n: Int, _ s: inout UInt32, _ tot: inout UInt32,
          _ q: UnsafePointer<UInt8>, _ m: Int, _ r: inout UInt32, _ tot2: inout UInt32
        ) {
          var j = common
          let both = Swift.min(n, m)
          while j < both {
            s = tp[Int(s) &+ Int(cp[Int(p[j])])]
            r = tp[Int(r) &+ Int(cp[Int(q[j])])]
            tot &+= tp[Int(s)]
            tot2 &+= tp[Int(r)]
            j &+= 1
          }
          var k = j
          while k < n {
            s = tp[Int(s) &+ Int(cp[Int(p[k])])]
            tot &+= tp[Int(s)]
            k &+= 1
          }
          k = j
          while k < m {
            r = tp[Int(r) &+ Int(cp[Int(q[k])])]
            tot2 &+= tp[Int(r)]
            k &+= 1
          }
        }
        finish(p0, a.count, &s0, &t0, p1, b.count, &s1, &t1)
        finish(p2, c.count, &s2, &t2, p3, d.count, &s3, &t3)
        return (Int(t0), Int(t1), Int(t2), Int(t3))
      }
    }
  }
}
