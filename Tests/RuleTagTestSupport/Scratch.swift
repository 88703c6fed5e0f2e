// Small things many tests need: a seeded random generator and temporary
// folders.

import Foundation

/// SplitMix64: a small, seeded, reproducible random generator.
///
/// A failing
/// random case prints its seed so it can be replayed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  public var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A new temporary folder; the caller removes it (`defer`).
public func makeTemporaryDirectory() -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-tests-\(UUID().uuidString)")
  // A test cannot go on without its scratch folder.
  do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
    fatalError("cannot create \(dir.path): \(error)")
  }
  return dir
}

/// A temporary folder removed at the end of `body`.
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) rethrows -> T {
  let dir = makeTemporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  return try body(dir)
}
