// Scanning many articles on all cores, output in input order.
//
// Records are read in batches of bounded size; within a batch, threads
// take chunks of records in turn, and every thread scans with its own
// `ArticleScanner` over the shared, immutable `CompiledRules`. Results come
// back in input order, so the output of `--threads N` is byte-identical to
// `--threads 1`. Memory is bounded by the batch size, not the input size:
// a batch is at most `batchBytes` of input and, when the caller says how
// large a result is, holds about `batchOutputBytes` of results at most
// (with ten times the rules, a JSONL record is some 16 times its article).
//
// The compiler checks the sharing: everything that crosses threads is
// `Sendable`, and each piece of shared state has one primitive from the
// Synchronization library (each worker's scanner and its results a
// `Mutex`, the chunk counter an `Atomic`), so there is no unchecked
// conformance to keep honest by hand. No lock is ever contended: a worker
// locks only its own scanner and results, and the thread that merges the
// results does so after the workers are done. (That also keeps
// ThreadSanitizer's view exact: a contended `Mutex` waits in the kernel,
// where the sanitizer cannot see the hand-over.)

import Dispatch
import Synchronization

/// Runs a per-record job over batches of records on several threads.
public struct BatchScanner: Sendable {
  public let rules: CompiledRules
  public let threads: Int
  /// Upper bound on the raw bytes of one batch.
  public var batchBytes = 2 << 20
  /// Upper bound on the records of one batch.
  public var batchRecords = 4096
  /// What the results of one batch should hold at most, in the units of
  /// `run`'s `size` (bytes of output for `tag`); used only with `size`.
  public var batchOutputBytes = 8 << 20
  /// Upper bound on the raw bytes of the first batch when `run` is given
  /// `size` (of the first two with more than one thread: the second is
  /// read while the first is scanned); its results give the ratio of
  /// result to input that sizes the batches after it.
  public var firstBatchBytes = 64 << 10
  /// One scanner per thread, kept from batch to batch (their scratch has
  /// grown to the articles' size by then).
  let scanners: [ScannerSlot]

  public init(rules: CompiledRules, threads: Int) {
    self.rules = rules
    self.threads = max(1, threads)
    scanners = (0..<max(1, threads)).map { _ in ScannerSlot(ArticleScanner(rules: rules)) }
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
  ///
  /// `size`, when given, says how large a result is (a record's bytes of
  /// output): each batch then takes as much input as the last batch
  /// handed to `sink` needed for `batchOutputBytes` of results, so that
  /// output many times larger than its input (ten times the rules, or
  /// `--explain`) does not grow the memory the batches hold.
  public func run<T: Sendable>(
    _ reader: InputReader, until stop: () -> Bool = { false },
    job: @escaping @Sendable (inout ArticleScanner, InputRecord) -> T, size: ((T) -> Int)? = nil,
    sink: ([T]) -> Void
  ) {
    var batch: [InputRecord] = []
    var bytes = 0
    var limit = size == nil ? batchBytes : min(batchBytes, firstBatchBytes)
    var inFlight: (group: DispatchGroup, results: BatchResults<T>, bytes: Int)? = nil
    // Hands a batch's results to `sink`, after sizing the next batches by them.
    func deliver(_ results: [T], input: Int) {
      if let size {
        var output = 0
        for r in results { output += size(r) }
        limit = output == 0 ? batchBytes : min(batchBytes, max(1, batchOutputBytes * input / output))
      }
      sink(results)
    }
    func flush() {
      if batch.isEmpty { return }
      if threads <= 1 {
        deliver(process(batch, job: job), input: bytes)
      } else {
        // The previous batch must be done before its scanners are reused;
        // its results go to `sink` while this batch is scanned.
        let previous = inFlight
        previous?.group.wait()
        let group = DispatchGroup()
        let results = BatchResults<T>()
        let records = batch
        let me = self
        group.enter()
        DispatchQueue.global().async {
          results.set(me.process(records, job: job))
          group.leave()
        }
        inFlight = (group, results, bytes)
        if let done = previous { deliver(done.results.take(), input: done.bytes) }
      }
      batch.removeAll(keepingCapacity: true)
      bytes = 0
    }
    while !stop(), let r = reader.next() {
      bytes += r.bytes.count
      batch.append(r)
      if bytes >= limit || batch.count >= batchRecords { flush() }
    }
    flush()
    if let pending = inFlight {
      pending.group.wait()
      deliver(pending.results.take(), input: pending.bytes)
    }
  }

  /// Runs `job` over `records` and returns the results in order.
  public func process<T: Sendable>(
    _ records: [InputRecord], job: @escaping @Sendable (inout ArticleScanner, InputRecord) -> T
  ) -> [T] {
    let n = records.count
    let workers = min(threads, n)
    if workers <= 1 {
      return scanners[0].scanner.withLock { scanner in records.map { job(&scanner, $0) } }
    }
    let results = (0..<workers).map { _ in WorkerResults<T>() }
    // Workers take chunks of records in turn, so one that got slower
    // articles (or lost its core for a while) does not hold up the batch.
    // Chunks shrink as the batch runs out, so the workers finish it close
    // together instead of one waiting for the other's last large chunk.
    let next = ChunkCounter(count: n, workers: workers, largest: 32)
    let scanners = self.scanners
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var done: [(start: Int, values: [T])] = []
      scanners[w].scanner.withLock { scanner in
        while let chunk = next.take() {
          done.append((chunk.lowerBound, chunk.map { job(&scanner, records[$0]) }))
        }
      }
      results[w].set(done)
    }
    // Every worker's chunks, back in input order.
    var chunks = results.flatMap { $0.take() }
    chunks.sort { $0.start < $1.start }
    var out: [T] = []
    out.reserveCapacity(n)
    for c in chunks { out += c.values }
    return out
  }
}

/// A worker's scanner: locked by its worker for the length of a batch.
final class ScannerSlot: Sendable {
  let scanner: Mutex<ArticleScanner>
  init(_ s: ArticleScanner) { scanner = Mutex(s) }
}

/// The chunks one worker scanned in a batch, with their results; set by
/// the worker, taken by the thread that merges them once all are done.
final class WorkerResults<T: Sendable>: Sendable {
  private let chunks = Mutex<[(start: Int, values: [T])]>([])

  func set(_ c: [(start: Int, values: [T])]) { chunks.withLock { $0 = c } }

  func take() -> [(start: Int, values: [T])] {
    chunks.withLock { c in
      let out = c
      c = []
      return out
    }
  }
}

/// A shared counter handing out chunks of a batch: each chunk is a share
/// of what is left (at most `largest`, at least 1 record), so chunks are
/// large while there is much to do and single records at the end.
final class ChunkCounter: Sendable {
  /// The first record not handed out yet.
  private let next = Atomic<Int>(0)
  private let count: Int
  private let divisor: Int
  private let largest: Int

  init(count: Int, workers: Int, largest: Int) {
    self.count = count
    // An eighth of the rest per worker: a chunk is then small next to what
    // the other workers still have to do.
    divisor = max(1, workers) * 8
    self.largest = max(1, largest)
  }

  /// The next chunk, or nil when the batch is all handed out.
  func take() -> Range<Int>? {
    // The counter orders nothing but itself (records are read-only and
    // results go through each worker's own lock), so relaxed ordering will do.
    var from = next.load(ordering: .relaxed)
    while true {
      let left = count - from
      if left <= 0 { return nil }
      let size = min(largest, max(1, left / divisor))
      let (exchanged, original) = next.compareExchange(
        expected: from, desired: from + size, ordering: .relaxed)
      if exchanged { return from..<(from + size) }
      from = original
    }
  }
}

/// The results of a batch scanned in the background, handed from the
/// thread that scanned it to the one that waits for its group.
final class BatchResults<T: Sendable>: Sendable {
  private let value = Mutex<[T]>([])

  func set(_ v: [T]) { value.withLock { $0 = v } }

  func take() -> [T] {
    value.withLock { v in
      let out = v
      v = []
      return out
    }
  }
}
