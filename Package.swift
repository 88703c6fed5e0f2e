// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ruletag",
  // Synchronization's Mutex and Atomic (BatchScanner) need macOS 15; Linux
  // has them with the toolchain.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "ruletag", targets: ["ruletag"]),
    .library(name: "RuleTag", targets: ["RuleTag"]),
  ],
  targets: [
    // Core library: every behaviour lives here (Text, Rules, Matching,
    // Scoring, Report, Corpus, Evaluation, and Support beneath them all).
    .target(name: "RuleTag", exclude: ["Matching/DESIGN.md", "Text/Data"]),
    // Commands as functions `(args, io) -> exit code`, so tests run them in-process.
    // The shipped Rules/ are embedded (EmbedRulesPlugin), the default when
    // no other rules are found.
    .target(name: "RuleTagCLI", dependencies: ["RuleTag"], plugins: ["EmbedRulesPlugin"]),
    .plugin(
      name: "EmbedRulesPlugin", capability: .buildTool(), dependencies: ["ruletag-embed-rules"],
      path: "Sources/EmbedRulesPlugin"),
    .executableTarget(name: "ruletag-embed-rules"),
    // The binaries are glue.
    .executableTarget(name: "ruletag", dependencies: ["RuleTagCLI"]),
    .executableTarget(
      name: "ruletag-bench", dependencies: ["RuleTag", "RuleTagCLI"], exclude: ["results.csv"]),
    // Tests, and what both test targets share (line diffs, golden files,
    // the package root and the devset, the built binaries).
    .target(name: "RuleTagTestSupport", path: "Tests/RuleTagTestSupport"),
    .testTarget(name: "RuleTagTests", dependencies: ["RuleTag", "RuleTagTestSupport"], exclude: ["Data", "Golden"]),
    .testTarget(
      name: "RuleTagCLITests", dependencies: ["RuleTagCLI", "RuleTag", "RuleTagTestSupport"], exclude: ["Golden"]),
  ]
)
