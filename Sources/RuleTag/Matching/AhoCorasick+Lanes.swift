// Reporting every occurrence with four chains of lookups over one haystack.

extension AhoCorasick {
  /// Scratch space of `findAll` for the hits of its later lanes; reuse one
  /// per thread.
  public struct LaneHits: Sendable {
    var lane1: [PatternHit] = []
    var lane2: [PatternHit] = []
    var lane3: [PatternHit] = []
    public init() {}
  }

  /// Appends every occurrence as (pattern, end) to `hits`, in the order
  /// of `forEachMatch`.
  ///
  /// A single scan is one chain of dependent loads (byte → class → next
  /// state), so it runs at the latency of the table, which for the shipped
  /// rules does not fit in L2. A haystack of at least `splitAt` bytes is
  /// therefore cut in four quarters scanned in one loop: four independent
  /// chains whose loads overlap. Each later lane starts
  /// `maxPatternLength - 1` bytes before its quarter: a state depends only
  /// on that many bytes before it, so from the quarter on, the lane is in
  /// exactly the state a single scan would be in. A lane reports only
  /// occurrences that end in its own quarter, and the lanes' hits are
  /// joined in order, so the order (by end, then the state's output order)
  /// is the single scan's. Two lanes made `tag` 1.09x faster, four another
  /// 1.10x (DESIGN.md). The lanes read the 16-bit `compact` table where
  /// there is one.
  public func findAll(
    in haystack: UnsafeBufferPointer<UInt8>, into hits: inout [PatternHit], lanes: inout LaneHits,
    splitAt: Int = 512
  ) {
    let overlap = Swift.max(0, maxPatternLength - 1)
    let n = haystack.count
    guard n >= Swift.max(splitAt, 8 * overlap + 4), haystack.baseAddress != nil else {
      forEachMatch(in: haystack) { p, e in hits.append(PatternHit(pattern: p, end: Int32(e))) }
      return
    }
    var second: [PatternHit] = []
    var third: [PatternHit] = []
    var fourth: [PatternHit] = []
    swap(&second, &lanes.lane1)
    swap(&third, &lanes.lane2)
    swap(&fourth, &lanes.lane3)
    second.removeAll(keepingCapacity: true)
    third.removeAll(keepingCapacity: true)
    fourth.removeAll(keepingCapacity: true)
    if compact.isEmpty {
      table.withUnsafeBufferPointer { t in
        scanLanes(
          haystack, t.baseAddress!, shift: 0, first: firstMatchState, step: UInt32(width),
          &hits, &second, &third, &fourth)
      }
    } else {
      compact.withUnsafeBufferPointer { t in
        let step = compactWidth / 8
        scanLanes(
          haystack, t.baseAddress!, shift: 3, first: UInt16(Int(firstMatchState) / width * step),
          step: UInt16(step), &hits, &second, &third, &fourth)
      }
    }
    hits.append(contentsOf: second)
    hits.append(contentsOf: third)
    hits.append(contentsOf: fourth)
    swap(&second, &lanes.lane1)
    swap(&third, &lanes.lane2)
    swap(&fourth, &lanes.lane3)
  }

  /// The four-lane loop of `findAll` over a table `tp` whose entries are
  /// row offsets shifted right by `shift`: state `s` is match state
  /// `(s - first) / step` when `s >= first`.
  @inline(__always)
  private func scanLanes<T: FixedWidthInteger & UnsignedInteger>(
    _ haystack: UnsafeBufferPointer<UInt8>, _ tp: UnsafePointer<T>, shift: Int, first: T, step: T,
    _ hits: inout [PatternHit], _ second: inout [PatternHit], _ third: inout [PatternHit],
    _ fourth: inout [PatternHit]
  ) {
    let overlap = Swift.max(0, maxPatternLength - 1)
    let n = haystack.count
    let base = haystack.baseAddress!
    let q = n / 4
    // Lane k scans from k·q − overlap (lane 0 from 0) and reports ends
    // after k·q; lane 3 runs to the end of the haystack.
    classes.withUnsafeBufferPointer { cls in
      outputStart.withUnsafeBufferPointer { os in
        outputs.withUnsafeBufferPointer { outs in
          let cp = cls.baseAddress!
          let p1 = base + (q - overlap)
          let p2 = base + (2 * q - overlap)
          let p3 = base + (3 * q - overlap)
          var s0: T = 0
          var s1: T = 0
          var s2: T = 0
          var s3: T = 0
          @inline(__always) func next(_ s: T, _ byte: UInt8) -> T {
            tp[(Int(s) &<< shift) &+ Int(cp[Int(byte)])]
          }
          @inline(__always) func report(_ s: T, _ end: Int, _ out: inout [PatternHit]) {
            let k = Int((s &- first) / step)
            for j in Int(os[k])..<Int(os[k &+ 1]) { out.append(PatternHit(pattern: outs[j], end: Int32(end))) }
          }
          var i = 0
          while i < q {
            s0 = next(s0, base[i])
            s1 = next(s1, p1[i])
            s2 = next(s2, p2[i])
            s3 = next(s3, p3[i])
            if _slowPath(s0 >= first) { report(s0, i &+ 1, &hits) }
            if _slowPath(s1 >= first) && i >= overlap { report(s1, q &- overlap &+ i &+ 1, &second) }
            if _slowPath(s2 >= first) && i >= overlap { report(s2, 2 &* q &- overlap &+ i &+ 1, &third) }
            if _slowPath(s3 >= first) && i >= overlap { report(s3, 3 &* q &- overlap &+ i &+ 1, &fourth) }
            i &+= 1
          }
          // The rest of lanes 1-3, one after the other: lane k's byte j
          // is haystack byte k·q − overlap + j.
          @inline(__always) func finish(
            _ s: inout T, _ p: UnsafePointer<UInt8>, lane k: Int, to length: Int, _ out: inout [PatternHit]
          ) {
            let shift = k &* q &- overlap
            var j = i
            while j < length {
              s = next(s, p[j])
              if _slowPath(s >= first) { report(s, shift &+ j &+ 1, &out) }
              j &+= 1
            }
          }
          finish(&s1, p1, lane: 1, to: q + overlap, &second)
          finish(&s2, p2, lane: 2, to: q + overlap, &third)
          finish(&s3, p3, lane: 3, to: n - 3 * q + overlap, &fourth)
        }
      }
    }
  }
}
