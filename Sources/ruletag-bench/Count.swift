// ruletag-bench count CORPUS KEYWORDS [--expect N] [--sample-every N]
//
// The work of the shared benchmark (README "The same work"): for every
// article, count every occurrence of every keyword (overlapping ones
// included) in title and text; `id<TAB>count` per article on stdout,
// `TOTAL <matches> ARTICLES <n>` on stderr. Exit 1 when the total differs
// from --expect, or when the naive byte-comparing matcher disagrees on any
// sampled article (every 1,000th by default; 1 checks all, 0 none).

import Foundation
import RuleTag
import RuleTagCLI

enum CountBench {
  static let spec = benchSpec(
    "count", "Count every occurrence of every keyword in each article, as the peers do.",
    positional: "CORPUS KEYWORDS",
    flags: [
      FlagSpec(name: "expect", value: "n", help: "exit 1 unless the total is n (commas allowed)"),
      FlagSpec(name: "sample-every", value: "n", help: "check every n-th article naively (default 1000; 0: none)"),
    ],
    example: "ruletag-bench count corpus200.jsonl kw2000.txt --expect 40508310 > /dev/null")

  static func run(_ args: [String], io: CommandIO) -> Int32 {
    let (parsed, code) = parseOrReport(spec, args, io: io)
    guard let f = parsed else { return code }
    let pos = f.positional
    guard pos.count == 2 else { fail("usage: ruletag-bench count CORPUS KEYWORDS [--expect N] [--sample-every N]") }
    let (patterns, changed) = loadKeywords(pos[1])
    if changed > 0 { note("note: the normaliser changed \(changed) keyword(s)") }
    let c = Counter(patterns: patterns)
    var line = [UInt8]()
    // Every `every`-th article is also counted by the naive matcher on the
    // decoded strings (the reference); any disagreement fails the run.
    let every = Int(f.value("sample-every") ?? "1000") ?? 1000
    let naive = NaiveMatcher(patterns: patterns)
    var checked = 0
    var mismatch: String? = nil
    let (total, n) = countCorpus(
      pos[0], c, sampleEvery: every,
      sample: { r, got in
        guard case .success(let a) = r.parse() else {
          mismatch = "cannot parse \(r.source)"
          return
        }
        let want = naive.count(in: a.title) + naive.count(in: a.text)
        if want != got { mismatch = "article \(a.id): automaton counts \(got), naive matcher \(want)" }
        checked += 1
      }
    ) { id, k in
      line.removeAll(keepingCapacity: true)
      line.append(contentsOf: id.utf8)
      line.append(0x09)
      line.append(contentsOf: String(k).utf8)
      line.append(0x0A)
      io.write(bytes: line)
    }
    io.flush()
    note("TOTAL \(total) ARTICLES \(n)")
    if let e = f.value("expect") {
      guard let want = Int(e.replacingOccurrences(of: ",", with: "")) else { fail("--expect needs a number") }
      if want != total { fail("TOTAL \(total) differs from the expected \(want)") }
    }
    if let m = mismatch { fail(m) }
    if every > 0 && checked == 0 && n > 0 { fail("no article was checked") }
    return 0
  }
}
