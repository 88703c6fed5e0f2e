// `ruletag eval` of the shipped corpus with the shipped rules, as CI runs
// it: the per-topic gates of the command pass, and the summary's micro
// line stays above the floor under the measured figures (0.99 / 0.99).

import Foundation
import RuleTagTestSupport
import Testing

@testable import RuleTagCLI

@Suite struct ShippedCorpusGateTests {
  /// The gate flags pass on the shipped corpus, and fail when set above
  /// what a topic reaches (so the pass is not a gate that cannot fail).
  @Test func evalOfTheShippedCorpusPassesItsGates() throws {
    let base = ["eval", "--rules", PackagePaths.rules.path, "--corpus", PackagePaths.corpus.path, "--summary"]
    let gated = CLIGolden.run(base + ["--min-precision", "0.8", "--min-recall", "0.8"])
    #expect(gated.code == 0, "\(gated.out)\(gated.err)")
    let micro = try #require(gated.out.split(separator: "\n").first { $0.contains("micro avg") })
    let figures = micro.split(separator: " ").compactMap { Double($0) }
    #expect(figures.count >= 3, "\(micro)")
    #expect(figures[0] >= 0.96 && figures[1] >= 0.96, "micro P/R below the floor: \(micro)")
    let strict = CLIGolden.run(base + ["--min-precision", "1.0", "--min-recall", "1.0"])
    #expect(strict.code == 1, "a gate above every topic's figures must fail: \(strict.out)")
  }
}
