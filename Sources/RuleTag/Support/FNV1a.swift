// FNV-1a, the one byte hash the project uses where a short, stable
// fingerprint is wanted (rule identities, report fingerprints, n-gram
// keys): not a cryptographic hash. Constants from the FNV reference
// (Fowler, Noll, Vo; IETF draft-eastlake-fnv).

public enum FNV1a {
  public static let basis32: UInt32 = 0x811c_9dc5
  public static let prime32: UInt32 = 0x0100_0193
  public static let basis64: UInt64 = 0xcbf2_9ce4_8422_2325
  public static let prime64: UInt64 = 0x0000_0100_0000_01b3

  /// The 32-bit hash of `bytes`.
  public static func hash32<S: Sequence<UInt8>>(_ bytes: S) -> UInt32 {
    var h = basis32
    for b in bytes { h = (h ^ UInt32(b)) &* prime32 }
    return h
  }

  /// One 64-bit step: `h` with byte `b` added.
  @inline(__always)
  public static func step64(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* prime64 }

  /// `v` as lowercase hex digits, zero-padded to its full width.
  public static func hex<T: FixedWidthInteger & UnsignedInteger>(_ v: T) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: T.bitWidth / 4 - s.count) + s
  }

  /// A running 64-bit hash of bytes added in turn.
  public struct Digest {
    public var state = FNV1a.basis64
    public init() {}

    public mutating func add(_ s: String) { add(s.utf8) }

    public mutating func add<S: Sequence<UInt8>>(_ bytes: S) {
      for b in bytes { state = FNV1a.step64(state, b) }
    }

    /// The hash as 16 hex digits.
    public var hex: String { FNV1a.hex(state) }
  }
}
