// Scanning many articles on all cores, output in input order.
//
// Records are read in batches of bounded size; within a batch, threads
// take chunks of records in turn, and every thread scans with its own
// `ArticleScanner` over the shared, immutable `CompiledRules`. Results come
// back in input order, so the output of `--threads N` is byte-identical to
// `--threads 1`. Memory is bounded by the batch size, not the input size.

import Dispatch
import Foundation

/// Per-thread scratch: a scanner and whatever the caller keeps with it.
final class ScannerBox: @unchecked Sendable {
  // Each box is used by exactly one thread at a time (one per slice).
  var scanner: ArticleScanner
  init(_ s: ArticleScanner) { scanner = s }
}

/// Runs a per-record job over batches of records on several threads.
public struct BatchScanner: @unchecked Sendable {
  // Shared with the pipeline's scanning thread; each scanner box is used by
  // one batch at a time (`run` waits for a batch before the next starts).
  public let rules: CompiledRules
  public let threads: Int
  /// Upper bound on the raw bytes of one batch.
  public var batchBytes = 2 << 20
  /// Upper bound on the records of one batch.
  public var batchRecords = 4096
  let boxes: [ScannerBox]

  public init(rules: CompiledRules, threads: Int) {
    self.rules = rules
    self.threads = max(1, threads)
    boxes = (0..<max(1, threads)).map { _ in ScannerBox(ArticleScanner(rules: rules)) }
  }

  /// Reads every record from `reader`, calls `job` on each (in parallel),
  /// and hands the results to `sink` in input order, batch by batch.
  ///
  /// With more than one thread, batches are pipelined: while batch N is
  /// scanned on the worker threads, this thread reads batch N+1 and hands
  /// batch N-1 to `sink`. Reading and writing (one thread's work) then
  /// overlap scanning instead of leaving the workers idle. At most two
  /// batches are held at once, so memory stays bounded.
  /// `until` is asked before each record is read: once it says true, no
  /// more input is read, and the records already read are scanned and
  /// handed to `sink` as usual (an interrupted run loses nothing it read).
  public func run<T>(
    _ reader: InputReader, until stop: () -> Bool = { false },
    job: @escaping @Sendable (inout ArticleScanner, InputRecord) -> T, sink: ([T]) -> Void
  ) {
    var batch: [InputRecord] = []
    var bytes = 0
    var inFlight: (DispatchGroup, ResultBox<T>)? = nil
    func collect() {
      guard let pending = inFlight else { return }
      pending.0.wait()
      inFlight = nil
      sink(pending.1.value)
    }
    func flush() {
      if batch.isEmpty { return }
      if threads <= 1 {
        sink(process(batch, job: job))
      } else {
        // The previous batch must be done before its scanners are reused;
        // its results go to `sink` while this batch is scanned.
        let previous = inFlight
        previous?.0.wait()
        let group = DispatchGroup()
        let box = ResultBox<T>()
        let records = SendableBox(batch)
        let me = self
        group.enter()
        DispatchQueue.global().async {
          box.value = me.process(records.value, job: job)
          group.leave()
        }
        inFlight = (group, box)
        if let done = previous { sink(done.1.value) }
      }
      batch.removeAll(keepingCapacity: true)
      bytes = 0
    }
    while !stop(), let r = reader.next() {
      bytes += r.bytes.count
      batch.append(r)
      if bytes >= batchBytes || batch.count >= batchRecords { flush() }
    }
    flush()
    collect()
  }

  /// Runs `job` over `records` and returns the results in order.
  public func process<T>(_ records: [InputRecord], job: @escaping @Sendable (inout ArticleScanner, InputRecord) -> T) -> [T] {
    let n = records.count
    let workers = min(threads, n)
    if workers <= 1 {
      let box = boxes[0]
      return records.map { job(&box.scanner, $0) }
    }
    let results = ResultSlots<T>(count: n)
    // Workers take chunks of records in turn, so one that got slower
    // articles (or lost its core for a while) does not hold up the batch.
    // Chunks shrink as the batch runs out, so the workers finish it close
    // together instead of one waiting for the other's last large chunk.
    let next = ChunkCounter(count: n, workers: workers, largest: 32)
    let boxes = self.boxes
    let shared = SendableBox(records)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      let box = boxes[w]
      while let chunk = next.take() {
        for i in chunk {
          results.set(i, job(&box.scanner, shared.value[i]))
        }
      }
    }
    return results.values()
  }
}

/// A shared counter handing out chunks of a batch: each chunk is a share
/// of what is left (at most `largest`, at least 1 record), so chunks are
/// large while there is much to do and single records at the end.
final class ChunkCounter: @unchecked Sendable {
  private var value = 0
  private let count: Int
  private let divisor: Int
  private let largest: Int
  private let lock = NSLock()
  init(count: Int, workers: Int, largest: Int) {
    self.count = count
    // An eighth of the rest per worker: a chunk is then small next to what
    // the other workers still have to do.
    divisor = max(1, workers) * 8
    self.largest = max(1, largest)
  }
  /// The next chunk, or nil when the batch is all handed out.
  func take() -> Range<Int>? {
    lock.lock()
    defer { lock.unlock() }
    let left = count - value
    if left <= 0 { return nil }
    let size = min(largest, max(1, left / divisor))
    let from = value
    value += size
    return from..<(from + size)
  }
}

/// Write-once result slots filled by several threads (each index by one).
///
/// The slots are one allocated buffer written through its pointer. An
/// array property would not do: `withUnsafeMutableBufferPointer` moves the
/// array out of the property for the length of the closure, so two threads
/// in it at once race on the property itself (a heap corruption seen with
/// chunked batches).
final class ResultSlots<T>: @unchecked Sendable {
  let count: Int
  let slots: UnsafeMutablePointer<T?>
  init(count: Int) {
    self.count = count
    slots = UnsafeMutablePointer<T?>.allocate(capacity: max(count, 1))
    slots.initialize(repeating: nil, count: count)
  }
  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }
  func set(_ i: Int, _ v: T) {
    precondition(i >= 0 && i < count)
    slots[i] = v
  }
  func values() -> [T] { (0..<count).map { slots[$0]! } }
}

/// The results of one batch, written by the thread that scanned it and
/// read after its group is done.
final class ResultBox<T>: @unchecked Sendable {
  var value: [T] = []
}

/// Read-only data handed to worker threads.
final class SendableBox<T>: @unchecked Sendable {
  let value: T
  init(_ v: T) { value = v }
}
