// The keyword table of `ruletag-bench tag`: for each keyword list, the
// automaton's size, its compile time and its scan speed over the corpus,
// with the counts checked against the naive matcher on 20 articles.

import Foundation
import RuleTag
import RuleTagCLI

/// Compile time and scan speed per keyword list (`keywords`: paths with
/// commas between them); 1 when a check fails.
func keywordScaling(_ keywords: String?, corpus: String, lines: Int, runs: Int, mb: Double) -> Int32 {
  var failures: [String] = []
  func mbs(_ s: Double) -> String { String(format: "%.1f", mb / s) }
  if let kws = keywords {
    print("| keywords | states | table KB | compile ms (median) | scan s | scan MB/s | matches | time vs previous |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    var prev: Double? = nil
    for path in kws.split(separator: ",").map(String.init) {
      let (patterns, _) = loadKeywords(path)
      var ct: [Double] = []
      var c: Counter? = nil
      for _ in 0..<max(3, runs) {
        let t0 = now()
        c = Counter(patterns: patterns)
        ct.append(now() - t0)
      }
      var st: [Double] = []
      var total = 0
      for _ in 0..<runs {
        let t0 = now()
        total = countCorpus(corpus, c!) { _, _ in }.matches
        st.append(now() - t0)
      }
      _ = checkSample(corpus, patterns, c!, every: max(1, lines / 20), limit: 20)
      let s = median(st)
      let step = prev.map { String(format: "%.2fx", s / $0) } ?? "-"
      prev = s
      print(
        "| \(patterns.count) | \(c!.ac.stateCount) | \(c!.ac.tableBytes / 1024) | \(String(format: "%.1f", median(ct) * 1000)) | \(String(format: "%.3f", s)) | \(mbs(s)) | \(total) | \(step) |"
      )
      if median(ct) >= 1 { failures.append("compiling \(patterns.count) keywords took \(median(ct)) s") }
    }
  }
  fflush(nil)
  if !failures.isEmpty {
    for f in failures { note("FAILED: " + f) }
    return 1
  }
  return 0
}
