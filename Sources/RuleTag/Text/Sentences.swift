// Sentences, clauses and the contexts a hit can stand in.
//
// The labelling rule (Rules/README.md) says words count only where a sentence of
// the article reports something: not in a list of nouns, not in a slogan,
// and (for topics that ask for it) not in a plan or exhortation. These
// services find, on normalised bytes, the sentence, the clause and the list
// item around a span, and say which of those contexts it stands in. They
// run only around hits, so their cost does not grow with the document.

/// Where a hit stands, beyond an ordinary reporting sentence.
public struct HitContext: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// An item of a `、`-separated enumeration.
  public static let list = HitContext(rawValue: 1)
  /// A slogan: 弘扬…精神, 争做…, a "…精神" phrase.
  public static let slogan = HitContext(rawValue: 2)
  /// A plan or exhortation: 要…, 将…, 下一步…, 力争…
  public static let plan = HitContext(rawValue: 4)

  /// The names used in rule files, in order.
  public static let names: [(String, HitContext)] = [("list", .list), ("slogan", .slogan), ("plan", .plan)]
}

/// Sentence and clause structure of normalised text.
public enum Sentences {
  // Normalised punctuation: 。 is E3 80 82, 、 is E3 80 81.

  /// Whether the byte at `i` ends a sentence (。 ! ? ; or a line break).
  @inline(__always)
  static func isSentenceEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = p[i]
    if b == 0x0A || b == 0x21 || b == 0x3F || b == 0x3B { return true }
    return b == 0x82 && i >= 2 && p[i - 1] == 0x80 && p[i - 2] == 0xE3
  }

  /// Whether the byte at `i` ends a clause (a sentence end, `,` or `:`).
  @inline(__always)
  static func isClauseEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = p[i]
    return b == 0x2C || b == 0x3A || isSentenceEnd(p, i)
  }

  /// The start of the scalar whose last byte is at `i`.
  @inline(__always)
  static func scalarStart(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    var j = i
    while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
    return j
  }

  /// The sentence around `range`: from after the previous sentence end to
  /// just after the next one (its end punctuation included).
  public static func sentence(around range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var a = range.lowerBound
    while a > 0 && !isSentenceEnd(p, a - 1) { a -= 1 }
    var b = range.upperBound
    while b < p.count && !isSentenceEnd(p, b) { b += 1 }
    if b < p.count && p[b] != 0x0A { b += 1 }
    while a < b && (p[a] == 0x20 || p[a] == 0x0A) { a += 1 }
    return a..<b
  }

  /// `sentence(around:in:)` through the document's `sentenceEnds`: two
  /// binary searches instead of two walks.
  static func sentence(around range: Range<Int>, in p: UnsafeBufferPointer<UInt8>, ends: [Int32]) -> Range<Int> {
    let k = sentenceIndex(of: range.lowerBound, ends: ends)
    var a = k == 0 ? 0 : Int(ends[k - 1])
    let k2 = sentenceIndex(of: range.upperBound, ends: ends)
    var b = min(Int(ends[k2]) - 1, p.count)
    if b < p.count && p[b] != 0x0A { b += 1 }
    while a < b && (p[a] == 0x20 || p[a] == 0x0A) { a += 1 }
    return a..<b
  }

  /// The clause around `range` (between `,` `:` and sentence ends).
  public static func clause(around range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var a = range.lowerBound
    while a > 0 && !isClauseEnd(p, a - 1) { a -= 1 }
    var b = range.upperBound
    while b < p.count && !isClauseEnd(p, b) { b += 1 }
    // A 。 is found at its last byte; the clause ends before its first.
    if b < p.count && p[b] == 0x82 { b -= 2 }
    return a..<b
  }

  /// Sorted offsets where sentences end (exclusive ends), for numbering
  /// the sentences of a whole document.
  public static func sentenceEnds(_ p: UnsafeBufferPointer<UInt8>, into ends: inout [Int32]) {
    ends.removeAll(keepingCapacity: true)
    for i in 0..<p.count where isSentenceEnd(p, i) { ends.append(Int32(i + 1)) }
    ends.append(Int32(p.count + 1))
  }

  /// The number of the sentence that holds offset `i`, given `sentenceEnds`.
  @inline(__always)
  public static func sentenceIndex(of i: Int, ends: [Int32]) -> Int {
    var lo = 0
    var hi = ends.count - 1
    let x = Int32(i)
    while lo < hi {
      let mid = (lo + hi) >> 1
      if ends[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The contexts `range` stands in.
  ///
  /// - list: the hit lies in an item of a `、` enumeration: a `、` stands
  ///   before it in its clause with at most `maxListItem` characters from
  ///   there to the hit's end and no 等 between (等 closes a list), or a `、`
  ///   follows it within `maxListItem` characters from the hit's start.
  /// - slogan: the hit is followed by 精神, or its clause calls on people
  ///   (弘扬, 争做, 践行, 传承, 倡导, 口号 …).
  /// - plan: a plan or exhortation marker (要, 将, 下一步, 力争, 计划, 拟 …)
  ///   stands before the hit in its sentence, or 拟于/将于/计划于 follows it
  ///   in its clause.
  public static func context(of range: Range<Int>, in p: UnsafeBufferPointer<UInt8>) -> HitContext {
    var result: HitContext = []
    let clause = clause(around: range, in: p)
    var a = range.lowerBound
    while a > clause.lowerBound && !isEnumComma(p, a - 1) { a -= 1 }
    if a > clause.lowerBound && scalars(p, a, range.upperBound) <= maxListItem
      && !contains(p, a..<range.lowerBound, any: dengList)
    {
      result.insert(.list)
    }
    var b = range.upperBound
    while b < clause.upperBound && !isEnumComma(p, b + 2) { b += 1 }
    if b < clause.upperBound && isListTail(p, range.upperBound, b) { result.insert(.list) }
    if starts(p, at: range.upperBound, with: jingshen) || contains(p, clause, any: sloganMarkers) {
      result.insert(.slogan)
    }
    let sentence = sentenceStart(before: range.lowerBound, in: p)
    if contains(p, sentence..<range.lowerBound, any: planMarkers, excluding: notPlanWords)
      || contains(p, range.upperBound..<clause.upperBound, any: planAfterMarkers)
    {
      result.insert(.plan)
    }
    return result
  }

  /// Longest list item, in characters, that still counts as an item.
  public static let maxListItem = 16
  /// Most characters between a hit and a following `、` for the hit to be
  /// part of that first item (`开展职工技能培训、…`, `劳模和职工创新工作室、…`).
  public static let maxListTail = 8

  /// Whether `p[a..<b]`, the text between a hit and the `、` after it, keeps
  /// the hit inside the first item: short, and without the prepositions and
  /// particles that make it the subject or verb of a clause whose object is
  /// the list (`志愿者为职工送上了奶茶、春联`).
  static func isListTail(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
    scalars(p, a, b) <= maxListTail && !contains(p, a..<b, any: clauseParticles)
  }

  static let clauseParticles: [[UInt8]] = ["为", "给", "向", "送", "了", "把", "将", "对", "是", "在"].map { Array($0.utf8) }

  /// Where the sentence holding offset `i` starts.
  static func sentenceStart(before i: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
    var a = i
    while a > 0 && !isSentenceEnd(p, a - 1) { a -= 1 }
    return a
  }

  /// Scalars in `p[a..<b]`.
  @inline(__always)
  static func scalars(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int {
    var c = 0
    var i = a
    while i < b {
      if p[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  /// Whether the bytes ending at `i` (inclusive) are 、 (E3 80 81).
  @inline(__always)
  static func isEnumComma(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    i >= 2 && i < p.count && p[i] == 0x81 && p[i - 1] == 0x80 && p[i - 2] == 0xE3
  }

  static let jingshen: [UInt8] = Array("精神".utf8)
  static let deng: [UInt8] = Array("等".utf8)
  static let dengList: [[UInt8]] = [deng]
  static let sloganMarkers: [[UInt8]] = ["弘扬", "争做", "争当", "践行", "传承", "口号", "倡导"].map { Array($0.utf8) }
  /// Plan markers. 将 counts only before a verb or adverb of the future
  /// (`将于`, `将开展`, `将进一步`): before a noun it is the 把 of a report
  /// (`工会将慰问金送到职工手中`).
  static let planMarkers: [[UInt8]] = (["要", "应当", "下一步", "力争", "计划", "拟", "鼓励", "号召", "倡议", "希望"]
    + [
      "于", "在", "继续", "进一步", "持续", "开展", "举办", "举行", "组织", "启动", "建设", "推出", "实施", "加强", "全面", "陆续",
      "逐步", "重点", "深化", "推进", "着力", "围绕", "以", "会", "把", "为", "与", "对", "向", "从", "不断", "积极", "努力",
      "扩大", "覆盖", "成立", "组建", "建立", "打造", "开通", "上线", "投入", "迎来", "新建", "提供", "发放", "达到", "实现",
      "有", "通过", "按照", "根据", "结合", "针对", "开设", "筹建", "全力", "统筹", "分批", "定期", "联合", "免费", "再",
      "授予", "评选", "命名", "颁发", "给予", "奖励", "表彰", "选派", "安排", "邀请", "招募", "招聘", "推荐",
    ].map { "将" + $0 }).map { Array($0.utf8) }
  /// Markers that make a plan when they follow the hit: `运动会拟于11月举行`.
  static let planAfterMarkers: [[UInt8]] = ["拟于", "将于", "计划于"].map { Array($0.utf8) }
  /// Words that hold a plan marker but do not plan: 重要, 将军, 需要 …
  static let notPlanWords: [[UInt8]] = [
    "重要", "主要", "需要", "只要", "必要", "要素", "摘要", "纲要", "将军", "将近", "将士", "要点", "首要", "要闻", "纪要",
  ].map { Array($0.utf8) }

  @inline(__always)
  static func starts(_ p: UnsafeBufferPointer<UInt8>, at i: Int, with w: [UInt8]) -> Bool {
    if i + w.count > p.count { return false }
    for k in 0..<w.count where p[i + k] != w[k] { return false }
    return true
  }

  static func contains(
    _ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, any words: [[UInt8]], excluding: [[UInt8]] = []
  ) -> Bool {
    var i = r.lowerBound
    while i < r.upperBound {
      for w in words where i + w.count <= r.upperBound && starts(p, at: i, with: w) {
        var excluded = false
        for x in excluding {
          // An excluded word overlapping this marker position.
          var j = max(r.lowerBound, i - x.count + 1)
          while j <= i {
            if starts(p, at: j, with: x) && j + x.count > i { excluded = true; break }
            j += 1
          }
          if excluded { break }
        }
        if !excluded { return true }
      }
      i += 1
    }
    return false
  }
}

/// The contexts of many hits in one document, computed once per clause.
///
/// `Sentences.context(of:in:)` walks the clause around every hit and looks
/// for markers in it: on a dense article that is O(hits × clause length).
/// This index finds clause ends and `、` positions in one pass over the
/// document, answers the clause of a hit by binary search and caches, per
/// clause, whether it holds a slogan marker and where the first plan
/// marker ends. Its answers equal `Sentences.context(of:in:)` exactly
/// (`tag` output was compared byte for byte with the per-hit walk on the
/// 20 MB bench corpus, 4,809 articles).
struct ClauseContexts {
  /// Offsets of clause-end bytes, ascending.
  var ends: [Int32] = []
  /// Offsets where a `、` (E3 80 81) starts, ascending.
  var commas: [Int32] = []
  /// Per clause (index into `ends` + 1 of the end before it): 0 unknown,
  /// 1 no slogan marker, 2 slogan marker.
  var slogan: [UInt8] = []
  /// Per clause: smallest end offset of a plan marker that is not part of
  /// an excluded word (Int32.max when none, Int32.min when not computed).
  var planEnd: [Int32] = []
  /// Per clause: `planAfterLast`, Int32.min when not computed.
  var planAfter: [Int32] = []
  /// Per clause: where its sentence starts.
  var sentenceStart: [Int32] = []
  /// The sentence whose plan markers are being scanned, how far, and the
  /// first marker end found there.
  var planSentence = -1
  var planScanned = 0
  var planFound = Int32.max
  var ready = false

  mutating func reset() { ready = false }

  /// Sentence ends in the form of `Sentences.sentenceEnds` (exclusive
  /// ends, then `count + 1`), found by the same pass as clause ends.
  var sentenceEnds: [Int32] = []

  mutating func build(_ p: UnsafeBufferPointer<UInt8>) {
    ends.removeAll(keepingCapacity: true)
    commas.removeAll(keepingCapacity: true)
    sentenceEnds.removeAll(keepingCapacity: true)
    let n = p.count
    var i = 0
    // Only ASCII below 0x40 and the lead byte E3 (of 。 and 、) matter:
    // 8-byte words without either are skipped whole (SWAR test).
    if let base = p.baseAddress {
      let raw = UnsafeRawPointer(base)
      let lo: UInt64 = 0x0101_0101_0101_0101
      let hi: UInt64 = 0x8080_8080_8080_8080
      @inline(__always) func visit(_ i: Int) {
        let b = p[i]
        if b < 0x40 {
          if b == 0x2C || b == 0x3A {
            ends.append(Int32(i))
          } else if b == 0x0A || b == 0x21 || b == 0x3F || b == 0x3B {
            ends.append(Int32(i))
            sentenceEnds.append(Int32(i &+ 1))
          }
        } else if b == 0xE3 && i &+ 2 < n && p[i &+ 1] == 0x80 {
          if p[i &+ 2] == 0x82 {
            ends.append(Int32(i &+ 2))
            sentenceEnds.append(Int32(i &+ 3))
          } else if p[i &+ 2] == 0x81 {
            commas.append(Int32(i))
          }
        }
      }
      while i &+ 8 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let e3 = x ^ 0xE3E3_E3E3_E3E3_E3E3
        // The top bit of every byte below 0x40 or equal to E3 is set (and
        // maybe of a byte above one of those, which `visit` rejects): go
        // straight to those bytes, in order.
        var flags = (((x &- lo &* 0x40) & ~x) | ((e3 &- lo) & ~e3)) & hi
        while flags != 0 {
          visit(i &+ flags.trailingZeroBitCount >> 3)
          flags &= flags &- 1
        }
        i &+= 8
      }
      while i < n {
        visit(i)
        i &+= 1
      }
    }
    sentenceEnds.append(Int32(n + 1))
    // Clause k runs from after ends[k-1] (or 0) to ends[k] (or n).
    slogan.removeAll(keepingCapacity: true)
    slogan.append(contentsOf: repeatElement(0, count: ends.count + 1))
    planEnd.removeAll(keepingCapacity: true)
    planEnd.append(contentsOf: repeatElement(Int32.min, count: ends.count + 1))
    planAfter.removeAll(keepingCapacity: true)
    planAfter.append(contentsOf: repeatElement(Int32.min, count: ends.count + 1))
    // Where the sentence of each clause starts (after the last sentence end).
    sentenceStart.removeAll(keepingCapacity: true)
    var start = 0
    for e in ends {
      sentenceStart.append(Int32(start))
      let b = p[Int(e)]
      if b != 0x2C && b != 0x3A { start = Int(e) + 1 }
    }
    sentenceStart.append(Int32(start))
    planSentence = -1
    ready = true
  }

  /// Number of elements of `a` that are < x.
  @inline(__always)
  static func lowerBound(_ a: [Int32], _ x: Int) -> Int {
    var lo = 0
    var hi = a.count
    let v = Int32(truncatingIfNeeded: x)
    while lo < hi {
      let mid = (lo &+ hi) >> 1
      if a[mid] < v { lo = mid &+ 1 } else { hi = mid }
    }
    return lo
  }

  /// Whether `Sentences.context(of: range, in: p)` has a context of
  /// `wanted`; computes only what it needs (a hit in a list is not checked
  /// for slogans when lists are enough to answer).
  mutating func intersects(_ range: Range<Int>, _ wanted: HitContext, in p: UnsafeBufferPointer<UInt8>) -> Bool {
    if wanted.isEmpty { return false }
    if !ready { build(p) }
    // Last clause end before the hit (clause start = it + 1), first at or after its end.
    let ia = ClauseContexts.lowerBound(ends, range.lowerBound)  // ends[ia-1] < lower
    let ib = ClauseContexts.lowerBound(ends, range.upperBound)  // ends[ib] >= upper
    if ia != ib {  // a clause end inside the hit: the plain walk
      return !Sentences.context(of: range, in: p).intersection(wanted).isEmpty
    }
    let k = ia
    let cl = k > 0 ? Int(ends[k - 1]) + 1 : 0
    var cu = k < ends.count ? Int(ends[k]) : p.count
    // As in `clause(around:)`: a 。 is found at its last byte, the clause ends before its first.
    if cu < p.count && p[cu] == 0x82 { cu -= 2 }
    if wanted.contains(.list) {
      // A 、 before the hit in its clause, the nearest one within reach…
      let c1 = ClauseContexts.lowerBound(commas, range.lowerBound - 2)  // commas[c1-1] ends before the hit
      if c1 > 0 {
        let c = Int(commas[c1 - 1])
        if c >= cl && Sentences.scalars(p, c + 3, range.upperBound) <= Sentences.maxListItem
          && !ClauseContexts.containsDeng(p, c + 3, range.lowerBound)
        {
          return true
        }
      }
      // …or a 、 after it.
      let c2 = ClauseContexts.lowerBound(commas, range.upperBound)
      if c2 < commas.count && Int(commas[c2]) < cu && Sentences.isListTail(p, range.upperBound, Int(commas[c2]))
      {
        return true
      }
    }
    if wanted.contains(.slogan) {
      if Sentences.starts(p, at: range.upperBound, with: Sentences.jingshen) { return true }
      if slogan[k] == 0 {
        slogan[k] = ClauseContexts.containsMarker(p, cl, cu, ClauseContexts.slogan) ? 2 : 1
      }
      if slogan[k] == 2 { return true }
    }
    if wanted.contains(.plan) {
      // From the start of the sentence to the end of this clause, the first marker.
      if Int(planEnd(clause: k, upTo: cu, in: p)) <= range.lowerBound { return true }
      if Int(planAfterLast(clause: k, cl: cl, cu: cu, in: p)) >= range.upperBound { return true }
    }
    return false
  }

  /// Marker words grouped by their first character (every marker starts
  /// with a three-byte CJK character), with a filter on that character's
  /// last byte: most positions are rejected by one table load.
  struct Markers: Sendable {
    /// One bit per BMP scalar: set for the first characters (8 KB, exact,
    /// so only real first characters reach the key comparison; a filter on
    /// the last byte alone let one CJK character in six through).
    var firstBits: [UInt64]
    /// First characters, packed as 24-bit keys, and the words under each.
    var firsts: [UInt32]
    var groups: [[[UInt8]]]
    init(_ words: [[UInt8]]) {
      firstBits = [UInt64](repeating: 0, count: 1024)
      firsts = []
      groups = []
      for w in words {
        precondition(w.count >= 3 && w[0] >= 0xE0 && w[0] < 0xF0)
        let c = Markers.scalar(w[0], w[1], w[2])
        firstBits[c >> 6] |= 1 << UInt64(c & 63)
        let key = UInt32(w[0]) << 16 | UInt32(w[1]) << 8 | UInt32(w[2])
        if let g = firsts.firstIndex(of: key) {
          groups[g].append(w)
        } else {
          firsts.append(key)
          groups.append([w])
        }
      }
    }

    /// The 16 payload bits of a three-byte sequence (its scalar when it is
    /// well formed).
    @inline(__always)
    static func scalar(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int {
      Int(b0 & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
    }

    /// The words that may start at `i` (same first character), or nil.
    @inline(__always)
    func candidates(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> [[UInt8]]? {
      guard p[i] >= 0xE0 else { return nil }
      let c = Markers.scalar(p[i], p[i + 1], p[i + 2])
      guard firstBits.withUnsafeBufferPointer({ ($0[c >> 6] >> UInt64(c & 63)) & 1 }) != 0 else { return nil }
      let key = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
      for (g, f) in firsts.enumerated() where f == key { return groups[g] }
      return nil
    }
  }
  static let slogan = Markers(Sentences.sloganMarkers)
  static let plan = Markers(Sentences.planMarkers)
  static let planAfterWords = Markers(Sentences.planAfterMarkers)

  /// `Sentences.contains(p, cl..<cu, any: words)`, through the marker groups.
  static func containsMarker(_ p: UnsafeBufferPointer<UInt8>, _ cl: Int, _ cu: Int, _ m: Markers) -> Bool {
    var i = cl
    while i + 2 < cu {
      if let ws = m.candidates(p, i) {
        for w in ws where i + w.count <= cu && Sentences.starts(p, at: i, with: w) { return true }
      }
      i &+= step(p[i])
    }
    return false
  }

  /// How far to move on from a byte: a whole three-byte character from its
  /// lead byte (markers start with one, so none starts inside it), else 1.
  @inline(__always)
  static func step(_ b: UInt8) -> Int { b &- 0xE0 < 16 ? 3 : 1 }

  /// Whether 等 (E7 AD 89) occurs in `p[a..<b]`.
  @inline(__always)
  static func containsDeng(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
    var i = a
    while i + 3 <= b {
      if p[i] == 0xE7 && p[i + 1] == 0xAD && p[i + 2] == 0x89 { return true }
      i &+= 1
    }
    return false
  }

  /// The last start of a 拟于/将于/计划于 that lies whole in clause `k`
  /// (`cl..<cu`), or -1: one follows a hit in its clause exactly when it
  /// starts at or after the hit's end. Computed once per clause.
  mutating func planAfterLast(clause k: Int, cl: Int, cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Int32 {
    if planAfter[k] != Int32.min { return planAfter[k] }
    var last: Int32 = -1
    var i = cl
    while i + 2 < cu {
      if let ws = ClauseContexts.planAfterWords.candidates(p, i) {
        for w in ws where i + w.count <= cu && Sentences.starts(p, at: i, with: w) { last = Int32(i) }
      }
      i &+= ClauseContexts.step(p[i])
    }
    planAfter[k] = last
    return last
  }

  /// The first plan marker of the sentence of clause `k`, looking no
  /// further than `cu`: markers never cross a clause end, so the first one
  /// found up to any clause end of the sentence is the first of all. The
  /// scan of one sentence resumes where the last question left it.
  mutating func planEnd(clause k: Int, upTo cu: Int, in p: UnsafeBufferPointer<UInt8>) -> Int32 {
    if planEnd[k] != Int32.min { return planEnd[k] }
    let start = Int(sentenceStart[k])
    if start != planSentence {
      planSentence = start
      planScanned = start
      planFound = Int32.max
    }
    if planFound == Int32.max && planScanned < cu {
      planFound = ClauseContexts.firstPlanEnd(p, from: planScanned, lower: start, to: cu)
      planScanned = cu
    }
    planEnd[k] = planFound
    return planFound
  }

  /// The smallest end of a plan marker starting in `from..<cu` that is not
  /// inside a word of `notPlanWords` (looking back no further than
  /// `lower`), as `Sentences.contains(…, any: planMarkers, excluding:
  /// notPlanWords)` tests; Int32.max when none.
  static func firstPlanEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, lower: Int, to cu: Int) -> Int32 {
    var best = Int.max
    var i = from
    while i + 2 < cu && i < best {
      if let ws = plan.candidates(p, i) {
        for w in ws where i + w.count <= cu && i + w.count < best && Sentences.starts(p, at: i, with: w) {
          var excluded = false
          for x in Sentences.notPlanWords {
            var j = max(lower, i - x.count + 1)
            while j <= i {
              if Sentences.starts(p, at: j, with: x) && j + x.count > i { excluded = true; break }
              j += 1
            }
            if excluded { break }
          }
          if !excluded { best = i + w.count }
        }
      }
      i &+= step(p[i])
    }
    return best == Int.max ? Int32.max : Int32(best)
  }
}
