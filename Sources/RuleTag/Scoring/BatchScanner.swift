// Scanning many articles on all cores, output in input order.
//
// Records are read in batches of bounded size; each batch is split into
// contiguous slices, one per thread, and every thread scans its slice with
// its own `ArticleScanner` over the shared, immutable `CompiledRules`. Results come
// back in input order, so the output of `--threads N` is byte-identical to
// `--threads 1`. Memory is bounded by the batch size, not the input size.

import Dispatch

/// Per-thread scratch: a scanner and whatever the caller keeps with it.
final class ScannerBox: @unchecked Sendable {
  // Each box is used by exactly one thread at a time (one per slice).
  var scanner: ArticleScanner
  init(_ s: ArticleScanner) { scanner = s }
}

/// Runs a per-record job over batches of records on several threads.
public struct BatchScanner {
  public let rules: CompiledRules
  public let threads: Int
  /// Upper bound on the raw bytes of one batch.
  public var batchBytes = 4 << 20
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
  public func run<T>(
    _ reader: InputReader, job: @escaping @Sendable (inout ArticleScanner, InputRecord) -> T, sink: ([T]) -> Void
  ) {
    var batch: [InputRecord] = []
    var bytes = 0
    func flush() {
      if batch.isEmpty { return }
      sink(process(batch, job: job))
      batch.removeAll(keepingCapacity: true)
      bytes = 0
    }
    while let r = reader.next() {
      bytes += r.bytes.count
      batch.append(r)
      if bytes >= batchBytes || batch.count >= batchRecords { flush() }
    }
    flush()
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
    // Contiguous slices sized by bytes, so threads finish together.
    let total = records.reduce(0) { $0 + $1.bytes.count + 64 }
    var cuts = [0]
    var acc = 0
    for (i, r) in records.enumerated() {
      acc += r.bytes.count + 64
      if cuts.count < workers && acc >= total * cuts.count / workers { cuts.append(i + 1) }
    }
    while cuts.count < workers { cuts.append(n) }
    cuts.append(n)
    let slices = cuts
    let boxes = self.boxes
    let shared = SendableBox(records)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      let box = boxes[w]
      for i in slices[w]..<slices[w + 1] {
        results.set(i, job(&box.scanner, shared.value[i]))
      }
    }
    return results.values()
  }
}

/// Write-once result slots filled by several threads (each index by one).
final class ResultSlots<T>: @unchecked Sendable {
  var slots: [T?]
  init(count: Int) { slots = [T?](repeating: nil, count: count) }
  func set(_ i: Int, _ v: T) {
    slots.withUnsafeMutableBufferPointer { $0[i] = v }
  }
  func values() -> [T] { slots.map { $0! } }
}

/// Read-only data handed to worker threads.
final class SendableBox<T>: @unchecked Sendable {
  let value: T
  init(_ v: T) { value = v }
}
