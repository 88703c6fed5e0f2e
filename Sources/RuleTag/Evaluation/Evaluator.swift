// Runs rules over a labelled corpus and explains every mistake.
//
// A labelled corpus is JSONL (a file or a folder of *.jsonl files): one
// article a line with `id`, `title`, `text`, `labels` and optionally
// `evidence` (topic → the sentence that carries it). Problems with the
// corpus itself (unknown label ids, articles without `labels`, duplicated
// ids, unreadable lines) are collected as issues and reported, never
// silently dropped.

import Foundation

/// One labelled article with what the rules made of it.
public struct EvaluatedArticle: Sendable {
  public var article: Article
  public var gold: Set<String>
  public var result: ArticleResult
  public var predicted: Set<String>
}

/// A false positive or false negative, explained.
public struct Mistake: Sendable {
  public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
  public var kind: Kind
  public var topic: String
  public var id: String
  public var title: String
  public var score: Double
  public var threshold: Double
  /// For each fired rule: its location, contribution and the marked sentences.
  public var rules: [(location: String, score: Double, evidence: [String])]
  /// For a false negative: the gold evidence sentence, if the corpus has one.
  public var goldEvidence: String?
  /// The article itself, and for each entry of `rules` its counted hits as
  /// spans of the article (what `evidence` marks): reports that lay the
  /// hits out themselves (HTML) start from these.
  public var article: Article? = nil
  public var spans: [[[EvidenceSpan]]] = []
}

/// The outcome of an evaluation.
public struct EvaluationReport: Sendable {
  public var metrics: MetricsTable
  public var mistakes: [Mistake]
  /// Problems with the corpus (unknown labels, missing labels, duplicate ids, bad lines).
  public var issues: [String]
  public var articleCount: Int
  public var corpus: String
  /// Every evaluated article with its gold and predicted topics, in corpus
  /// order (`articleCount` of them).
  public var articles: [EvaluatedArticle] = []
  /// Every rule's record (`eval --by-rule`), when asked for.
  public var ruleAnalysis: RuleAnalysis? = nil
}

public enum Evaluator {
  /// Evaluates `rules` on the corpus at `path` (opened from `directory`
  /// when it is relative and one is given); `byRule` adds every rule's
  /// record (`RuleAnalysis`).
  public static func evaluate(
    rules: CompiledRules, corpus path: String, threads: Int = 1, directory: String? = nil, byRule: Bool = false
  ) -> EvaluationReport {
    let reader = InputReader(paths: [path], directory: directory)
    let batch = BatchScanner(rules: rules, threads: threads)
    var evaluated: [EvaluatedArticle] = []
    var issues: [String] = []
    var seen: [String: String] = [:]
    let known = Set(rules.topics.map(\.id))
    let valid = known.union(Topics.ids)
    var unruled: [String: Int] = [:]
    batch.run(
      reader,
      job: { scanner, record -> Result<EvaluatedArticle, InputError> in
        switch record.parse() {
        case .failure(let e): return .failure(e)
        case .success(let a):
          let r = a.title.withUnsafeBufferPointer { t in
            a.text.withUnsafeBufferPointer { scanner.scan(title: t, text: $0) }
          }
          let predicted = Set(scanner.rules.topics.indices.filter { r.tagged[$0] }.map { scanner.rules.topics[$0].id })
          return .success(EvaluatedArticle(article: a, gold: Set(a.labels ?? []), result: r, predicted: predicted))
        }
      },
      sink: { results in
        for r in results {
          switch r {
          case .failure(let e): issues.append("skipped \(e.source): \(e.message)")
          case .success(let e):
            if e.article.labels == nil {
              issues.append("skipped \(e.article.source): article `\(e.article.id)` has no `labels` field")
              continue
            }
            if let first = seen[e.article.id] {
              issues.append(
                "duplicate id `\(e.article.id)` at \(e.article.source) (first at \(first)); both are evaluated")
            } else {
              seen[e.article.id] = e.article.source
            }
            for l in e.gold.sorted() where !known.contains(l) {
              if valid.contains(l) {
                unruled[l, default: 0] += 1
                continue
              }
              issues.append(
                "unknown label `\(l)` in `\(e.article.id)` at \(e.article.source)"
                  + (EditDistance.nearest(l, in: Array(valid)).map { "; did you mean `\($0)`?" } ?? "")
                  + "; it is left out of the table")
            }
            evaluated.append(e)
          }
        }
      })
    for (l, n) in unruled.sorted(by: { Topics.order($0.key) < Topics.order($1.key) }) {
      issues.append(
        "\(counted(n, "label")) of `\(l)`, a topic these rules do not define, left out of the table")
    }
    if evaluated.isEmpty && issues.isEmpty { issues.append("no articles found at \(path)") }
    let ids = rules.topics.map(\.id)
    let metrics = MetricsTable(
      topicIDs: ids, gold: evaluated.map { $0.gold.intersection(known) }, predicted: evaluated.map(\.predicted))
    var mistakes: [Mistake] = []
    for (t, topic) in rules.topics.enumerated() {
      for e in evaluated {
        let g = e.gold.contains(topic.id)
        let p = e.predicted.contains(topic.id)
        if g == p { continue }
        let fired = e.result.fired[t].map { f in
          (
            location: rules.rules[f.rule].location, score: f.score,
            evidence: f.hits.map { h in h.map { EvidenceText.marked(e.article, $0) }.joined(separator: " … ") }
          )
        }
        mistakes.append(
          Mistake(
            kind: p ? .falsePositive : .falseNegative, topic: topic.id, id: e.article.id, title: e.article.titleString,
            score: e.result.scores[t], threshold: topic.threshold, rules: fired,
            goldEvidence: e.article.labelEvidence.first { $0.0 == topic.id }?.1, article: e.article,
            spans: e.result.fired[t].map(\.hits)))
      }
    }
    return EvaluationReport(
      metrics: metrics, mistakes: mistakes, issues: issues, articleCount: evaluated.count, corpus: path,
      articles: evaluated, ruleAnalysis: byRule ? RuleAnalysis(rules: rules, articles: evaluated) : nil)
  }
}
