// The normaliser: the one place where text becomes what matching sees.
//
// Rule patterns and documents go through the same `Normalizer`, so a rule
// written `外卖小哥` matches `外賣小哥` (traditional script), `外卖\n小哥` (a word
// broken across a printed line) and `ＡＰＰ` (full-width). Each normalised
// byte remembers the byte range of the original scalar it came from, so a
// hit found in normalised text is reported at its place in the original.
//
// What it does, scalar by scalar, in one pass over UTF-8 bytes:
// - full-width ASCII (U+FF01–U+FF5E) becomes ASCII, U+3000 becomes a space;
//   ASCII letters are lowercased;
// - traditional characters become simplified ones: at each position the
//   longest of OpenCC's traditional phrases that starts there
//   (`TraditionalChinese.phrases`, so 乾隆 and 乾坤 stay while 乾燥 becomes
//   干燥, and 瞭解 becomes 了解), else the character table
//   (`TraditionalChinese.simplified`); a phrase's simplified side has as
//   many scalars as its key, each mapped back to its own original scalar;
// - zero-width characters and soft hyphens are dropped;
// - whitespace is repaired: a run of spaces and single line breaks between
//   two word characters becomes one space, and disappears otherwise (so `双`
//   / `向赋能` joins up); a line break after sentence-ending punctuation, or
//   a blank line (two or more line breaks), becomes one `\n`, which ends a
//   sentence.

/// Turns raw UTF-8 text into `NormalizedText`.
public enum Normalizer {
  /// Normalises `text` into a new value.
  public static func normalize(_ text: String) -> NormalizedText {
    var out = NormalizedText()
    var copy = text
    copy.withUTF8 { normalize($0, into: &out) }
    return out
  }

  /// The normalised form of `text` as a String (used for rule patterns).
  public static func normalizedString(_ text: String) -> String {
    normalize(text).string
  }

  /// The normalised form of one scalar, ignoring whitespace handling and
  /// phrases (a scalar alone gets the character table's form).
  ///
  /// Returns nil when the scalar is dropped.
  @inline(__always)
  public static func fold(_ s: UInt32) -> UInt32? {
    if s < 0x80 {
      if s >= 0x41 && s <= 0x5A { return s | 0x20 }
      return s
    }
    if s >= 0xFF01 && s <= 0xFF5E {
      let a = s - 0xFEE0
      if a >= 0x41 && a <= 0x5A { return a | 0x20 }
      return a
    }
    switch s {
    case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return nil
    case 0xFF61: return 0x3002  // halfwidth ideographic full stop
    case 0xFF64: return 0x3001  // halfwidth ideographic comma
    default: break
    }
    if s >= 0x3400 { return TraditionalChinese.simplified(s) }
    if s >= 0xC0 && s < 0x250 || s >= 0x370 && s < 0x530 {
      // Latin-1 supplement, Latin extended, Greek, Cyrillic: lowercase.
      if let u = Unicode.Scalar(s), u.properties.isUppercase,
        let l = u.properties.lowercaseMapping.unicodeScalars.first,
        u.properties.lowercaseMapping.unicodeScalars.count == 1
      {
        return l.value
      }
    }
    return s
  }

  /// `fold` of each scalar of `scalars`, except that a traditional phrase
  /// gets its simplified side (as the normaliser gives it in text), for
  /// literal text that does not go through `normalize` (regex literals).
  public static func foldEach(_ scalars: [UInt32]) -> [UInt32?] {
    TraditionalChinese.byPhrases(scalars, phrase: { Optional($0) }, else: fold)
  }

  @inline(__always)
  static func isSpace(_ s: UInt32) -> Bool {
    s == 0x20 || s == 0x09 || s == 0x0D || s == 0x0B || s == 0x0C || s == 0xA0 || s == 0x3000
      || (s >= 0x2000 && s <= 0x200A) || s == 0x202F || s == 0x205F
  }

  @inline(__always)
  static func isLineBreak(_ s: UInt32) -> Bool { s == 0x0A || s == 0x2028 || s == 0x2029 || s == 0x85 }

  /// Whether a line break after `s` ends a sentence.
  @inline(__always)
  static func endsSentence(_ s: UInt32) -> Bool {
    switch s {
    case 0x3002, 0x21, 0x3F, 0x3B, 0x2026, 0x201D, 0x300D, 0x300F, 0x29, 0x3011, 0x3A: return true
    default: return false
    }
  }

  /// Normalises the UTF-8 `input`, appending to `out` (which is cleared first).
  ///
  /// - Complexity: O(n) in the input bytes.
  public static func normalize(_ input: UnsafeBufferPointer<UInt8>, into out: inout NormalizedText) {
    out.removeAll()
    append(input, base: 0, to: &out)
  }

  /// Normalises the UTF-8 `input` and appends it to `out`; original offsets
  /// are shifted by `base` (the input's position in a larger original).
  ///
  /// Bytes are written through a pointer into room made at the end of
  /// `out.bytes` (its capacity is reused from article to article): folding
  /// lengthens a scalar by at most one byte and whitespace runs only
  /// shrink, so `2 × input + 8` bytes always suffice.
  public static func append(_ input: UnsafeBufferPointer<UInt8>, base: Int, to out: inout NormalizedText) {
    append(input, base: base, fastRuns: true, to: &out)
  }

  /// `append(_:base:to:)`; with `fastRuns` false, without the plain-run
  /// copy (the reference for tests).
  static func append(_ input: UnsafeBufferPointer<UInt8>, base: Int, fastRuns: Bool, to out: inout NormalizedText) {
    let old = out.bytes.count
    let room = 2 * input.count + 8
    out.bytes.append(contentsOf: repeatElement(0, count: room))
    var origins = OriginWriter(taking: &out.segments)
    let written: Int = out.bytes.withUnsafeMutableBufferPointer { bp in
      var w = Writer(b: bp.baseAddress!, n: old, origins: origins)
      run(input, base: base, fastRuns: fastRuns, into: &w)
      swap(&origins, &w.origins)
      return w.n
    }
    swap(&origins.segments, &out.segments)
    out.bytes.removeLast(old + room - written)
  }

  /// Raw output cursor: bytes through a pointer, origins as segments.
  @usableFromInline
  struct Writer {
    var b: UnsafeMutablePointer<UInt8>
    var n: Int
    var origins: OriginWriter

    /// One byte (a character of its own) from original `start..<end`.
    @inline(__always)
    mutating func put(_ byte: UInt8, _ start: Int32, _ end: Int32) {
      origins.note(length: 1, at: Int32(truncatingIfNeeded: n), start, end)
      b[n] = byte
      n &+= 1
    }

    /// Input bytes `start..<end`, copied as they are, from original offset
    /// `st`: one origin note for the whole run (a run of characters that
    /// keep their length and place is one shifted segment).
    @inline(__always)
    mutating func copy(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ st: Int32) {
      let length = end &- start
      origins.note(
        length: Int32(truncatingIfNeeded: length), at: Int32(truncatingIfNeeded: n), st,
        st &+ Int32(truncatingIfNeeded: length))
      UnsafeMutableRawPointer(b + n).copyMemory(from: input.baseAddress! + start, byteCount: length)
      n &+= length
    }

    @inline(__always)
    mutating func put(scalar f: UInt32, _ start: Int32, _ end: Int32) {
      let length = f < 0x80 ? 1 : f < 0x800 ? 2 : f < 0x10000 ? 3 : 4
      origins.note(length: Int32(length), at: Int32(truncatingIfNeeded: n), start, end)
      switch length {
      case 1:
        b[n] = UInt8(f)
      case 2:
        b[n] = UInt8(0xC0 | (f >> 6))
        b[n &+ 1] = UInt8(0x80 | (f & 0x3F))
      case 3:
        b[n] = UInt8(0xE0 | (f >> 12))
        b[n &+ 1] = UInt8(0x80 | ((f >> 6) & 0x3F))
        b[n &+ 2] = UInt8(0x80 | (f & 0x3F))
      default:
        b[n] = UInt8(0xF0 | (f >> 18))
        b[n &+ 1] = UInt8(0x80 | ((f >> 12) & 0x3F))
        b[n &+ 2] = UInt8(0x80 | ((f >> 6) & 0x3F))
        b[n &+ 3] = UInt8(0x80 | (f & 0x3F))
      }
      n &+= length
    }
  }

  /// `TraditionalChinese.simplified` for U+3400..<U+A000, where `fold` is
  /// exactly that lookup; read through a pointer in the loop below (one
  /// lazy-global check per call instead of one per character).
  static let hanTable: [UInt32] = (UInt32(0x3400)..<UInt32(0xA000)).map { TraditionalChinese.simplified($0) }
  /// One bit per scalar of U+3400..<U+A000: set when it has a simplified
  /// form.
  ///
  /// 3.4 KB, so it stays in L1 where the 108 KB table does not (the
  /// table load was 30 % of this loop's time on simplified text).
  static let hanMapped: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: (0xA000 - 0x3400) / 64)
    for (k, v) in hanTable.enumerated() where v != UInt32(0x3400 + k) { bits[k >> 6] |= 1 << UInt64(k & 63) }
    return bits
  }()

  /// One bit per scalar of U+3400..<U+A000: set when it has a simplified
  /// form or starts a phrase, that is, when the fast path below must stop
  /// at it.
  static let hanStop: [UInt64] = zip(hanMapped, TraditionalChinese.phrases.initials).map { $0 | $1 }

  static func run(_ input: UnsafeBufferPointer<UInt8>, base: Int, fastRuns: Bool, into out: inout Writer) {
    let trie = TraditionalChinese.phrases
    hanTable.withUnsafeBufferPointer { han in
      hanStop.withUnsafeBufferPointer { stop in
        hanMapped.withUnsafeBufferPointer { mapped in
          trie.initials.withUnsafeBufferPointer { initials in
            trie.pairs.withUnsafeBufferPointer { pairs in
              let tables = HanTables(
                han: han.baseAddress!, stop: stop.baseAddress!, mapped: mapped.baseAddress!,
                initials: initials.baseAddress!, pairs: pairs.baseAddress!)
              run(input, base: base, tables: tables, trie: trie, fastRuns: fastRuns, into: &out)
            }
          }
        }
      }
    }
  }

  /// The tables the loop reads, as pointers (one lazy-global check per call
  /// instead of one per character).
  struct HanTables {
    /// `hanTable`.
    var han: UnsafePointer<UInt32>
    /// `hanStop`.
    var stop: UnsafePointer<UInt64>
    /// `hanMapped`.
    var mapped: UnsafePointer<UInt64>
    /// The phrase trie's `initials`.
    var initials: UnsafePointer<UInt64>
    /// The phrase trie's `pairs`.
    var pairs: UnsafePointer<UInt64>

    /// Whether the fast path may copy a Han scalar whose `stop` bit is set.
    ///
    /// `c` is in U+3400..<U+A000, at bit `k`, and its UTF-8 ends at byte
    /// `next` of `input`; it may be copied when it has no simplified form
    /// and no phrase starts with it and the scalar after it (a scalar
    /// without the bit is plain at once). Kept out of line so that the
    /// loop stays small.
    @inline(never)
    func isPlainStop(_ c: UInt32, _ k: Int, _ input: UnsafeBufferPointer<UInt8>, next: Int) -> Bool {
      if mapped[k >> 6] & (1 << UInt64(k & 63)) != 0 { return false }
      // Phrase-initial: the second scalar of a key is a three-byte Han
      // character or above U+FFFF.
      guard next < input.count else { return true }
      let b0 = input[next]
      let second: UInt32
      if b0 &- 0xE3 < 7 && next &+ 2 < input.count {
        second = UInt32(b0 & 0x0F) << 12 | UInt32(input[next &+ 1] & 0x3F) << 6 | UInt32(input[next &+ 2] & 0x3F)
      } else if b0 >= 0xF0 {
        second = UTF8Bytes.decode(input, at: next).scalar
      } else {
        return true
      }
      return !PhraseTrie.mayStart(c, second, pairs: pairs)
    }
  }

  /// The loop of `run(_:base:into:)`.
  ///
  /// With `fastRuns` false, every scalar goes through the scalar-by-scalar
  /// path: the reference that the plain-run copy is tested against.
  static func run(
    _ input: UnsafeBufferPointer<UInt8>, base: Int, tables: HanTables, trie: PhraseTrie, fastRuns: Bool = true,
    into out: inout Writer
  ) {
    let han = tables.han
    let initials = tables.initials
    let n = input.count
    var i = 0
    // The last emitted non-space scalar (0 at the start).
    var prev: UInt32 = 0
    // A pending whitespace run: where it started, how many line breaks.
    var spaceStart = -1
    var breaks = 0
    while i < n {
      // Fastest path: a run of scalars that normalising leaves as they are
      // is found first and then copied in one go.
      if fastRuns {
        let end = plainRunEnd(input, from: i, tables: tables)
        if end > i {
          let first = plainScalar(input, at: i)
          if spaceStart >= 0 {
            if prev != 0 {
              emitSpace(prev: prev, next: first, breaks: breaks, from: base + spaceStart, to: base + i, into: &out)
            }
            spaceStart = -1
          }
          out.copy(input, i, end, Int32(truncatingIfNeeded: base &+ i))
          prev = plainScalar(input, at: input[end &- 1] < 0x80 ? end &- 1 : end &- 3)
          i = end
          continue
        }
      }
      let b = input[i]
      // Printable ASCII but `(` (which may open a pinyin gloss): lowercase
      // and copy.
      if b > 0x20 && b < 0x7F && b != 0x28 {
        let f = b &- 0x41 < 26 ? b | 0x20 : b
        if spaceStart >= 0 {
          if prev != 0 {
            emitSpace(prev: prev, next: UInt32(f), breaks: breaks, from: base + spaceStart, to: base + i, into: &out)
          }
          spaceStart = -1
        }
        let st = Int32(truncatingIfNeeded: base &+ i)
        out.put(f, st, st &+ 1)
        prev = UInt32(f)
        i &+= 1
        continue
      }
      var s: UInt32
      var len: Int
      if b < 0x80 {
        s = UInt32(b)
        len = 1
      } else {
        (s, len) = UTF8Bytes.decode(input, at: i)
      }
      if b < 0x80 ? (b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) : (isSpace(s) || isLineBreak(s)) {
        if spaceStart < 0 { spaceStart = i; breaks = 0 }
        if s == 0x0A || (s != 0x0D && isLineBreak(s)) { breaks += 1 }
        i += len
        continue
      }
      let f: UInt32
      if s >= 0x3400 && s < 0xA000 {
        let k = Int(s &- 0x3400)
        if initials[k >> 6] & (1 << UInt64(k & 63)) != 0,
          let m = trie.longestMatch(input, at: i, first: s, firstLength: len)
        {
          emitPhrase(
            input, i, m, trie: trie, base: base, prev: &prev, spaceStart: &spaceStart, breaks: breaks, into: &out)
          i = m.end
          continue
        }
        f = han[k]
      } else if let g = fold(s) {
        f = g
      } else {
        i += len
        continue
      }
      if f == 0x28 && CharClass.isHan(prev), let skip = pinyinGloss(input, at: i + len) {
        // `網(wǎng)`: an inline pinyin gloss after a Han character is dropped.
        i = skip
        continue
      }
      if spaceStart >= 0 {
        if prev != 0 {
          emitSpace(prev: prev, next: f, breaks: breaks, from: base + spaceStart, to: base + i, into: &out)
        }
        spaceStart = -1
      }
      out.put(scalar: f, Int32(truncatingIfNeeded: base + i), Int32(truncatingIfNeeded: base + i + len))
      prev = f
      i += len
    }
  }

  /// The end of the run of scalars from `start` on that normalising leaves
  /// exactly as they are (`start` itself when there is none).
  ///
  /// A scalar is plain when the scalar-by-scalar path would copy it
  /// unchanged and it plays no part in whitespace repair or in a pinyin
  /// gloss: printable ASCII but capitals and `(`; three-byte characters of
  /// U+2010..<U+3000 but the spaces, line breaks and dropped ones among
  /// them; U+3001..<U+3400 (CJK punctuation, kana); and Han characters of
  /// U+3400..<U+A000 that `HanTables.isPlainStop` passes, or whose `stop`
  /// bit is clear (no simplified form,
  /// no phrase starting there). Such a run is one shifted origin segment,
  /// so it is copied with one note instead of a note per character. A
  /// sequence that is not well-formed UTF-8 ends the run.
  @inline(__always)
  static func plainRunEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int, tables: HanTables) -> Int {
    let n = input.count
    let raw = UnsafeRawPointer(input.baseAddress!)
    let stop = tables.stop
    var j = start
    // One four-byte load per scalar; the last three bytes of the input are
    // left to the scalar path.
    while j &+ 4 <= n {
      let v = raw.loadUnaligned(fromByteOffset: j, as: UInt32.self).littleEndian
      if v & 0x80 == 0 {
        // ASCII 0x21...0x7E but `(` and `A`-`Z`.
        let b = UInt8(truncatingIfNeeded: v)
        if b &- 0x21 < 0x5E && b != 0x28 && b &- 0x41 >= 26 {
          j &+= 1
          continue
        }
        break
      }
      // A three-byte sequence: lead E0-EF and two continuation bytes.
      if v & 0xC0_C0F0 != 0x80_80E0 { break }
      // The scalar's bits 6-15 (its word in a bit table) and bits 0-5 (its
      // bit in that word), taken from the bytes without assembling it.
      let word = Int((v & 0x0F) << 6 | (v >> 8) & 0x3F)
      let bit = UInt64((v >> 16) & 0x3F)
      if UInt(bitPattern: word &- 0xD0) < 0x280 &- 0xD0 {
        // U+3400..<U+A000: plain unless its `stop` bit says to look closer.
        if stop[word &- 0xD0] >> bit & 1 != 0 {
          let c = UInt32(word) << 6 | UInt32(bit)
          if !tables.isPlainStop(c, Int(c &- 0x3400), input, next: j &+ 3) { break }
        }
      } else if word >= 0x280 {
        // U+A000 and above.
        break
      } else if word >= 0xC0 {
        // U+3000..<U+3400: all but the ideographic space U+3000.
        if word == 0xC0 && bit == 0 { break }
      } else {
        let c = UInt32(word) << 6 | UInt32(bit)
        if c < 0x2010 || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 { break }
      }
      j &+= 3
    }
    return j
  }

  /// The scalar at `i` of a plain run: one ASCII byte or three bytes.
  @inline(__always)
  static func plainScalar(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
    let b = input[i]
    if b < 0x80 { return UInt32(b) }
    return UInt32(b & 0x0F) << 12 | UInt32(input[i &+ 1] & 0x3F) << 6 | UInt32(input[i &+ 2] & 0x3F)
  }

  /// Writes the simplified side of the phrase `m` found at byte `i`, each
  /// scalar from its own original scalar, after any pending whitespace.
  static func emitPhrase(
    _ input: UnsafeBufferPointer<UInt8>, _ i: Int, _ m: (end: Int, value: Int), trie: PhraseTrie, base: Int,
    prev: inout UInt32, spaceStart: inout Int, breaks: Int, into out: inout Writer
  ) {
    var p = i
    var v = m.value
    if spaceStart >= 0 {
      if prev != 0 {
        emitSpace(prev: prev, next: trie.values[v], breaks: breaks, from: base + spaceStart, to: base + i, into: &out)
      }
      spaceStart = -1
    }
    while p < m.end {
      let len = UTF8Bytes.sequenceLength(input[p])
      let f = trie.values[v]
      out.put(scalar: f, Int32(truncatingIfNeeded: base + p), Int32(truncatingIfNeeded: base + p + len))
      prev = f
      p += len
      v += 1
    }
  }

  /// Pinyin vowels with tone marks (ā á ǎ à …, ǖ ǘ ǚ ǜ ü).
  static let toneVowels: Set<UInt32> = Set(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".unicodeScalars.map(\.value))

  /// If `input[i...]` is a pinyin gloss body followed by `)` or `）` (ASCII
  /// letters, toned vowels and spaces, at most 24 scalars, with at least
  /// one tone mark), the offset just past the closing parenthesis.
  static func pinyinGloss(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
    var i = start
    var count = 0
    var toned = false
    while i < input.count && count <= 24 {
      let (s, len) = UTF8Bytes.decode(input, at: i)
      if s == 0x29 || s == 0xFF09 { return toned ? i + len : nil }
      if toneVowels.contains(s) {
        toned = true
      } else if !((s >= 0x61 && s <= 0x7A) || (s >= 0x41 && s <= 0x5A) || s == 0x20) {
        return nil
      }
      count += 1
      i += len
    }
    return nil
  }

  @inline(__always)
  static func emitSpace(prev: UInt32, next: UInt32, breaks: Int, from: Int, to: Int, into out: inout Writer) {
    let paragraph = breaks >= 2 || (breaks == 1 && endsSentence(prev))
    if paragraph {
      out.put(0x0A, Int32(from), Int32(to))
    } else if CharClass.of(prev) == .word && CharClass.of(next) == .word {
      out.put(0x20, Int32(from), Int32(to))
    }
  }

}
