// Hit collection: the automaton runs once over the normalised article, and
// each hit goes to what its pattern serves.
//
// A pattern can serve several leaves (the same keyword in two rules), guard
// words (`not-inside`) and regex atoms; `CompiledRules.uses` lists them.
// Leaf and guard hits are pushed on per-leaf (per-guard) chains in one node
// pool, newest first; a regex atom opens its regex's gate and records where
// it ended, for `RegexGate.swift`. Every rule reached is marked touched, so
// scoring looks at no other rule.

extension ArticleScanner {
  /// Runs the automaton and sorts every hit to its leaf chain, guard chain
  /// or regex gate.
  mutating func collectHits() {
    let rs = rules
    doc.bytes.withUnsafeBufferPointer { p in
      rs.automaton.findAll(in: p, into: &chains.hits, lanes: &chains.laneHits)
    }
    let hits = chains.hits
    // Leaf and guard uses go to `nodes`: reserve for all of them, then
    // write through pointers (no per-append checks on this hot loop).
    var bound = 0
    rs.simple.withUnsafeBufferPointer { su in
      for h in hits { bound += Int(su[Int(h.pattern)].useCount) }
    }
    var count = 0
    var heads = [Int32]()
    swap(&heads, &chains.leafHead)
    var guards = [Int32]()
    swap(&guards, &chains.guardHead)
    var nodeBuffer = [(span: Span, next: Int32)]()
    swap(&nodeBuffer, &chains.nodes)
    let base = nodeBuffer.count
    nodeBuffer.append(contentsOf: repeatElement((span: Span(0, 0), next: Int32(-1)), count: bound))
    let lengths = rs.automaton.patternLengths
    doc.bytes.withUnsafeBufferPointer { p in
      rs.useStart.withUnsafeBufferPointer { us in
        rs.uses.withUnsafeBufferPointer { uses in
          rs.leaves.withUnsafeBufferPointer { leaves in
            heads.withUnsafeMutableBufferPointer { lh in
              guards.withUnsafeMutableBufferPointer { gh in
                nodeBuffer.withUnsafeMutableBufferPointer { out in
                  rs.simple.withUnsafeBufferPointer { su in
                    // Hits come in order of end; chains are built newest first.
                    for h in hits {
                      // Most patterns: one plain leaf, from one record.
                      let f = su[Int(h.pattern)]
                      if f.leaf >= 0 {
                        let l = Int(f.leaf)
                        if lh[l] < 0 { chains.touchedLeaves.append(f.leaf) }
                        out[base + count] = (Span(h.end &- f.length, h.end), lh[l])
                        lh[l] = Int32(base + count)
                        count += 1
                        touched.touch(f.rule)
                        continue
                      }
                      let a = Int(us[Int(h.pattern)])
                      let b = Int(us[Int(h.pattern) + 1])
                      for k in a..<b {
                        switch uses[k] {
                        case .leaf(let l):
                          let leaf = leaves[Int(l)]
                          let start = Int(h.end - leaf.length)
                          if leaf.wordStart && start > 0 && precededByWord(p, start) { continue }
                          if leaf.wordEnd && Int(h.end) < p.count && followedByWord(p, Int(h.end)) { continue }
                          if lh[Int(l)] < 0 { chains.touchedLeaves.append(l) }
                          out[base + count] = (Span(Int32(start), h.end), lh[Int(l)])
                          lh[Int(l)] = Int32(base + count)
                          count += 1
                          touched.touch(leaf.rule)
                        case .atom(let r, let group):
                          if gates.openGate(r) { touched.touch(rs.regexes[Int(r)].rule) }
                          gates.atomEnds[Int(r)].append(h.end)
                          gates.atomGroups[Int(r)].append(group)
                        case .guardWord(let g):
                          if gh[Int(g)] < 0 { chains.touchedGuards.append(g) }
                          out[base + count] = (Span(h.end - lengths[Int(h.pattern)], h.end), gh[Int(g)])
                          gh[Int(g)] = Int32(base + count)
                          count += 1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    swap(&heads, &chains.leafHead)
    swap(&guards, &chains.guardHead)
    nodeBuffer.removeLast(bound - count)
    swap(&nodeBuffer, &chains.nodes)
    for r in rs.alwaysRegexes {
      if gates.openGate(r) { touched.touch(rs.regexes[Int(r)].rule) }
    }
  }

  // MARK: Word boundaries

  @inline(__always)
  func precededByWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let s = Sentences.scalarStart(p, i - 1)
    return CharClass.of(UTF8Bytes.decode(p, at: s).scalar) == .word
  }

  @inline(__always)
  func followedByWord(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    CharClass.of(UTF8Bytes.decode(p, at: i).scalar) == .word
  }
}
