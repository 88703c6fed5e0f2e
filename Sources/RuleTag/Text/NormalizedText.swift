// Normalised text and the map from its bytes back to the original's: what
// `Normalizer` produces, and the writer it produces it with.

/// Normalised text with a map back to the original bytes.
///
/// The map is kept as segments, not per byte. Most normalised characters
/// sit at a fixed distance from their original and have its length (copied
/// Han characters, lowercased ASCII, a single space kept): a run of those
/// is one *shifted* segment, whatever its length. A character that changed
/// length (full-width `，` → `,`, a traditional character with a shorter
/// simplified form, a whitespace run that became one byte) is one *fixed*
/// segment of its own. Writing three `Int32` per byte was most of the
/// normaliser's stores; segments come about once per clause.
public struct NormalizedText: Sendable {
  /// The normalised UTF-8 bytes that matching runs on.
  public var bytes: [UInt8] = []
  /// Origin segments in order of `start` (see `OriginSegment`).
  var segments: [OriginSegment] = []

  public init() {}

  /// Removes all content, keeping capacity.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    segments.removeAll(keepingCapacity: true)
  }

  /// Appends one byte that came from `origin` (a separator between two
  /// normalised pieces).
  public mutating func append(byte: UInt8, origin: Range<Int>) {
    var w = OriginWriter(taking: &segments)
    w.note(length: 1, at: Int32(bytes.count), Int32(origin.lowerBound), Int32(origin.upperBound))
    swap(&w.segments, &segments)
    bytes.append(byte)
  }

  /// The segment holding normalised byte `j`.
  @inline(__always)
  func segment(_ j: Int) -> OriginSegment {
    var lo = 0
    var hi = segments.count
    let v = Int32(truncatingIfNeeded: j)
    // Last segment with start <= j.
    while hi - lo > 1 {
      let mid = (lo &+ hi) >> 1
      if segments[mid].start <= v { lo = mid } else { hi = mid }
    }
    return segments[lo]
  }

  /// Start of the normalised character holding byte `j`.
  @inline(__always)
  func characterStart(_ j: Int) -> Int {
    var k = j
    while k > 0 && bytes[k] & 0xC0 == 0x80 { k -= 1 }
    return k
  }

  /// The original byte offset where the scalar that produced normalised
  /// byte `j` starts.
  public func originStart(at j: Int) -> Int {
    let g = segment(j)
    if g.isShifted { return characterStart(j) + Int(g.a) }
    return Int(g.a)
  }

  /// The original byte offset where the scalar (or whitespace run) that
  /// produced normalised byte `j` ends.
  public func originEnd(at j: Int) -> Int {
    let g = segment(j)
    if g.isShifted {
      let c = characterStart(j)
      return c + UTF8Bytes.sequenceLength(bytes[c]) + Int(g.a)
    }
    return Int(g.b)
  }

  /// `originStart(at:)` of every byte (for tests and inspection).
  public var originStart: [Int32] { bytes.indices.map { Int32(originStart(at: $0)) } }
  /// `originEnd(at:)` of every byte (for tests and inspection).
  public var originEnd: [Int32] { bytes.indices.map { Int32(originEnd(at: $0)) } }

  /// The original byte range of the normalised byte range `start..<end`.
  public func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
    guard start < end, end <= bytes.count else {
      let p = start < bytes.count ? originStart(at: start) : (bytes.isEmpty ? 0 : originEnd(at: bytes.count - 1))
      return p..<p
    }
    return originStart(at: start)..<originEnd(at: end - 1)
  }

  /// The normalised text as a String (for display and regexes).
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Where normalised bytes `start…` (up to the next segment) came from.
///
/// Shifted (`b == Int32.min`): each character is the original character at
/// its own offset + `a`, of the same length. Fixed: every byte came from
/// the original range `a..<b`.
struct OriginSegment: Sendable, Equatable {
  var start: Int32
  var a: Int32
  var b: Int32
  var isShifted: Bool { b == Int32.min }
}

/// Builds origin segments as characters are written.
struct OriginWriter {
  var segments: [OriginSegment]
  /// Shift of the open shifted segment (valid when `open`).
  var shift: Int32 = 0
  var open = false

  /// Moves `segments` into the writer (leaving it empty, so that appending
  /// does not copy the list); give them back with `swap` when done.
  init(taking segments: inout [OriginSegment]) {
    self.segments = []
    swap(&self.segments, &segments)
    if let last = self.segments.last, last.isShifted {
      open = true
      shift = last.a
    }
  }

  /// A character of `length` bytes written at normalised offset `n`, from
  /// the original range `from..<to`.
  @inline(__always)
  mutating func note(length: Int32, at n: Int32, _ from: Int32, _ to: Int32) {
    if to &- from == length {
      if open && from &- n == shift { return }
      shift = from &- n
      open = true
      segments.append(OriginSegment(start: n, a: shift, b: Int32.min))
    } else {
      open = false
      segments.append(OriginSegment(start: n, a: from, b: to))
    }
  }
}
