// Scans the same input with two rule sets in one pass and compares the
// outcomes article by article (`TagDiff`).
//
// `BatchScanner` runs the new rules on its worker threads; each job takes
// an old-rules scanner from a small pool, so every article is read,
// parsed and normalised once per rule set without a second pass over the
// input (standard input can be read only once).

import Synchronization

/// Old-rules scanners shared by the worker threads.
final class ScannerPool: Sendable {
  let rules: CompiledRules
  let free = Mutex<[ArticleScanner]>([])

  init(rules: CompiledRules) { self.rules = rules }

  func with<T>(_ body: (inout ArticleScanner) -> T) -> T {
    var s = free.withLock { $0.popLast() } ?? ArticleScanner(rules: rules)
    let out = body(&s)
    free.withLock { $0.append(s) }
    return out
  }
}

public enum TagDiffScan {
  /// Compares `old` with `new` on every article of `reader`.
  ///
  /// `until` stops reading early (an interrupted run); input errors are
  /// recorded in the result's `errors`.
  public static func run(
    old: CompiledRules, new: CompiledRules, reader: InputReader, threads: Int, until stop: () -> Bool = { false }
  ) -> TagDiff {
    var diff = TagDiff(
      rules: RuleSetDiff.compare(old: old, new: new),
      topicOrder: RuleSetDiff.orderedUnion(new.topics.map(\.id), old.topics.map(\.id)))
    let pool = ScannerPool(rules: old)
    BatchScanner(rules: new, threads: threads).run(
      reader, until: stop,
      job: { scanner, record -> Result<(ArticleOutcome, ArticleOutcome), InputError> in
        switch record.parse() {
        case .failure(let e): return .failure(e)
        case .success(let a):
          let n = a.title.withUnsafeBufferPointer { t in
            a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0) }
          }
          let o = pool.with { s in
            a.title.withUnsafeBufferPointer { t in a.text.withUnsafeBufferPointer { s.scan(title: t, text: $0) } }
          }
          if let e = stopped(a, o, rules: old) ?? stopped(a, n, rules: new) { return .failure(e) }
          return .success(
            (ArticleOutcome.scanned(a, o, rules: old), ArticleOutcome.scanned(a, n, rules: new)))
        }
      },
      sink: { results in
        for r in results {
          switch r {
          case .failure(let e): diff.errors.append("\(e.source): \(e.message)")
          case .success(let (o, n)): diff.add(old: o, new: n)
          }
        }
      })
    return diff
  }

  /// The error of an article whose scores are incomplete: ICU was stopped
  /// on a regex (`BoundedICU`).
  static func stopped(_ a: Article, _ r: ArticleResult, rules: CompiledRules) -> InputError? {
    guard !r.stoppedRules.isEmpty else { return nil }
    let names = r.stoppedRules.map { rules.rules[$0].location }.joined(separator: ", ")
    return InputError(
      source: a.source, message: "regex of rule \(names) stopped: NSRegularExpression took too long on this article",
      id: a.id)
  }
}
