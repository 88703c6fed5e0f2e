// Where the tests' files are: the package root (found from this file's
// #filePath, as the test data is not a resource of any target), its Rules
// and Corpus, and the labelled devset, which is not part of the package.
//
// The devset is looked for in `shared/devset` beside the package root (the
// project's labelled articles, kept out of the repository). A test that
// reads it is enabled only when it is there: `@Test(Devset.required)`; a
// test that reads it besides the corpus uses `Devset.articlesIfPresent`
// and may ask `Devset.isPresent` for what it can expect.

import Foundation
import Testing

/// The package and its folders.
public enum PackagePaths {
  /// The package root: the folder above Tests/.
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// The shipped rules.
  public static let rules = root.appendingPathComponent("Rules")
  /// The shipped labelled corpus folder, and its one file.
  public static let corpus = root.appendingPathComponent("Corpus")
  public static let corpusFile = corpus.appendingPathComponent("corpus.jsonl")

  /// Tests/`target`.
  public static func tests(_ target: String) -> URL {
    root.appendingPathComponent("Tests").appendingPathComponent(target)
  }

  /// `url`'s path from the package root, for messages.
  public static func relative(_ url: URL) -> String {
    let base = root.path + "/"
    return url.path.hasPrefix(base) ? String(url.path.dropFirst(base.count)) : url.path
  }
}

/// The labelled devset beside the package root.
public enum Devset {
  /// Its articles (JSONL with labels).
  public static let articles: URL = PackagePaths.root.deletingLastPathComponent()
    .appendingPathComponent("shared/devset/articles.jsonl")

  /// Whether the devset is there.
  public static var isPresent: Bool { FileManager.default.fileExists(atPath: articles.path) }

  /// Its articles' path when it is there, else nothing.
  public static var articlesIfPresent: [String] { isPresent ? [articles.path] : [] }

  /// Enables a test only when the devset is there, and says so when not.
  public static var required: ConditionTrait {
    .enabled(if: isPresent, "needs the labelled devset (shared/devset beside the package root), which is not here")
  }
}
