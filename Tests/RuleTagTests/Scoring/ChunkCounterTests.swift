// The chunks `BatchScanner` hands to its workers: every record of a batch
// exactly once, in order, in chunks that shrink as the batch runs out.

import Dispatch
import Foundation
import Synchronization
import Testing

@testable import RuleTag

@Suite struct ChunkCounterTests {
  @Test(arguments: [
    (0, 2), (1, 2), (5, 2), (31, 2), (480, 2), (4096, 2), (4096, 3), (100, 8), (7, 16),
  ])
  func chunksCoverTheBatchOnceAndShrink(_ n: Int, _ workers: Int) {
    let counter = ChunkCounter(count: n, workers: workers, largest: 32)
    var chunks: [Range<Int>] = []
    while let c = counter.take() { chunks.append(c) }
    // Contiguous from 0 to n, nothing skipped or handed out twice.
    #expect(chunks.first?.lowerBound ?? 0 == 0)
    #expect(chunks.last?.upperBound ?? 0 == n)
    for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
    // Never empty, never over the largest size, never growing.
    #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= 32 })
    for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(b.count <= a.count) }
    // The last chunks are single records once the rest is small.
    if n >= workers * 8 { #expect(chunks.last?.count == 1) }
    // Once handed out, the counter stays empty.
    #expect(counter.take() == nil)
  }

  /// Taken from several threads at once, the chunks still cover the batch
  /// exactly once.
  @Test func concurrentTakersShareTheBatch() {
    let n = 20_000
    let counter = ChunkCounter(count: n, workers: 4, largest: 32)
    let taken = Taken()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      var mine: [Range<Int>] = []
      while let c = counter.take() { mine.append(c) }
      taken.add(mine)
    }
    var seen = [Int](repeating: 0, count: n)
    for c in taken.all { for i in c { seen[i] += 1 } }
    #expect(seen.allSatisfy { $0 == 1 })
  }
}

/// Chunks gathered from several threads.
final class Taken: Sendable {
  private let chunks = Mutex<[Range<Int>]>([])
  func add(_ xs: [Range<Int>]) { chunks.withLock { $0 += xs } }
  var all: [Range<Int>] { chunks.withLock { $0 } }
}
