// The corpus that `lint` and `suggest` learn from: every article of one or
// more corpora (JSONL files or folders, read as `eval` reads them), kept in
// memory with its labels, its normalised text and what a rule set made of
// it. The corpora these commands serve are hand-labelled sets of a few
// hundred articles, so holding them whole is cheap and lets the analyses
// scan the same articles with several rule sets.

/// One article with its normalised text and the scores of a rule set.
public struct TuningArticle: Sendable {
  public var article: Article
  /// Gold labels; nil when the record has no `labels` field.
  public var labels: Set<String>?
  /// The normalised `title + "\n" + text` that matching sees.
  public var normalized: [UInt8]
  /// What the rule set made of the article.
  public var result: ArticleResult
}

/// The articles of a set of corpora, and what went wrong reading them.
public struct TuningCorpus: Sendable {
  public var articles: [Article]
  /// Records that could not be read and duplicate ids, as `eval` words them.
  public var issues: [String]

  public init(articles: [Article], issues: [String] = []) {
    self.articles = articles
    self.issues = issues
  }

  /// Reads every article at `paths` (files, folders or `-`), relative
  /// paths opened from `directory`.
  public static func read(paths: [String], directory: String? = nil) -> TuningCorpus {
    let reader = InputReader(paths: paths, directory: directory)
    var articles: [Article] = []
    var issues: [String] = []
    var seen: [String: String] = [:]
    while let record = reader.next() {
      switch record.parse() {
      case .failure(let e): issues.append("skipped \(e.source): \(e.message)")
      case .success(let a):
        if let first = seen[a.id] {
          issues.append("duplicate id `\(a.id)` at \(a.source) (first at \(first)); both are used")
        } else {
          seen[a.id] = a.source
        }
        articles.append(a)
      }
    }
    return TuningCorpus(articles: articles, issues: issues)
  }

  /// Scans every article with `rules`, keeping its normalised text.
  public func scanned(with rules: CompiledRules) -> [TuningArticle] {
    var scanner = ArticleScanner(rules: rules)
    return articles.map { a in
      let r = a.title.withUnsafeBufferPointer { t in
        a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0) }
      }
      return TuningArticle(article: a, labels: a.labels.map(Set.init), normalized: scanner.doc.bytes, result: r)
    }
  }
}
