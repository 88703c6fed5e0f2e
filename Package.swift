// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ruletag",
  products: [
    .executable(name: "ruletag", targets: ["ruletag"]),
    .library(name: "RuleTag", targets: ["RuleTag"]),
  ],
  targets: [
    // Core library: every behaviour lives here (Text, Rules, Matching,
    // Scoring, Corpus, Evaluation, and Support beneath them all).
    .target(name: "RuleTag", exclude: ["Matching/DESIGN.md", "Text/Data"]),
    // Commands as functions `(args, io) -> exit code`, so tests run them in-process.
    .target(name: "RuleTagCLI", dependencies: ["RuleTag"]),
    // The binaries are glue.
    .executableTarget(name: "ruletag", dependencies: ["RuleTagCLI"]),
    .executableTarget(name: "ruletag-bench", dependencies: ["RuleTag", "RuleTagCLI"]),
    // Tests
    .testTarget(name: "RuleTagTests", dependencies: ["RuleTag"], exclude: ["Data", "Golden"]),
    .testTarget(
      name: "RuleTagCLITests", dependencies: ["RuleTagCLI", "RuleTag"], exclude: ["Golden"]),
  ]
)
