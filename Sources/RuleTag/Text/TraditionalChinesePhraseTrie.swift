// Longest-match lookup of the traditional phrases (TraditionalChinesePhrases.swift).
//
// OpenCC converts traditional text by maximum forward matching: at each
// position the longest phrase whose key starts there wins, and a position
// no phrase starts at falls back to the character table. `PhraseTrie` is a
// trie over Unicode scalars, flattened into arrays: node 0 is the root, and
// the children of node `n` are the edges `childStart[n]..<childStart[n + 1]`,
// sorted by scalar (nodes are numbered breadth first, so each node's edges
// follow the previous node's). A node that ends a key holds the offset of
// its simplified side in `values` (as many scalars as the node's depth).
//
// The normaliser enters the trie only at a scalar of U+3400..<U+A000 whose
// bit is set in `initials` and when the pair of it and the next scalar has
// its bit set in `pairs` (a hash of the first two scalars of every key):
// phrase-initial characters are common in simplified text (一, 大, 年, 有,
// ... are one Han character in eleven of the development set's simplified
// articles) but almost never followed by a phrase's second character, so
// simplified text pays two bit tests at them and one elsewhere, the latter
// folded into the test it already makes.

/// The phrase table as a trie over scalars, for longest-match lookup.
struct PhraseTrie: Sendable {
  /// The first edge of each node; one more entry than nodes.
  private(set) var childStart: [Int32] = [0]
  /// The scalar on each edge.
  private(set) var edgeScalar: [UInt32] = []
  /// The node each edge leads to.
  private(set) var edgeTarget: [Int32] = []
  /// For each node, the offset in `values` of its simplified side, or -1
  /// when no key ends there.
  private(set) var valueStart: [Int32] = []
  /// The simplified sides, back to back.
  private(set) var values: [UInt32] = []
  /// One bit per scalar of U+3400..<U+A000: set when some key starts with it.
  private(set) var initials: [UInt64] = .init(repeating: 0, count: (0xA000 - 0x3400) / 64)

  /// One bit per `pairHash` of the first two scalars of a key (8 KiB).
  private(set) var pairs: [UInt64] = .init(repeating: 0, count: 1 << (Self.pairHashBits - 6))

  /// Bits of `pairHash`.
  static let pairHashBits = 16

  /// A hash of two scalars, `pairHashBits` wide.
  @inline(__always)
  static func pairHash(_ a: UInt32, _ b: UInt32) -> Int {
    let x = (UInt64(a) << 21 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: x >> UInt64(64 - pairHashBits))
  }

  /// Whether `pairs` has the bit of `(a, b)`: false means no key starts
  /// with `a` then `b`.
  @inline(__always)
  static func mayStart(_ a: UInt32, _ b: UInt32, pairs: UnsafePointer<UInt64>) -> Bool {
    let h = pairHash(a, b)
    return pairs[h >> 6] & (1 << UInt64(h & 63)) != 0
  }

  /// First scalar covered by `initials`.
  static let initialsStart: UInt32 = 0x3400
  /// One past the last scalar covered by `initials`.
  static let initialsEnd: UInt32 = 0xA000

  /// Builds the trie of `phrases` (traditional key, simplified value of the
  /// same length, keys distinct and at least two scalars long).
  init(_ phrases: [(key: [UInt32], value: [UInt32])]) {
    // Build with per-node child maps, then flatten breadth first.
    var children: [[UInt32: Int]] = [[:]]
    var terminal: [Int: Int] = [:]
    var storedValues: [UInt32] = []
    for (key, value) in phrases {
      precondition(key.count >= 2 && key.count == value.count, "PhraseTrie: bad phrase")
      let k0 = key[0]
      precondition(k0 >= Self.initialsStart && k0 < Self.initialsEnd, "PhraseTrie: initial out of range")
      let bit = Int(k0 - Self.initialsStart)
      initials[bit >> 6] |= 1 << UInt64(bit & 63)
      let h = Self.pairHash(key[0], key[1])
      pairs[h >> 6] |= 1 << UInt64(h & 63)
      var node = 0
      for s in key {
        if let next = children[node][s] {
          node = next
        } else {
          children.append([:])
          children[node][s] = children.count - 1
          node = children.count - 1
        }
      }
      precondition(terminal[node] == nil, "PhraseTrie: duplicate key")
      terminal[node] = storedValues.count
      storedValues.append(contentsOf: value)
    }
    values = storedValues
    // Breadth-first renumbering: old id -> new id.
    var order = [0]
    var newID = [Int](repeating: -1, count: children.count)
    newID[0] = 0
    var head = 0
    while head < order.count {
      let old = order[head]
      head += 1
      for (s, child) in children[old].sorted(by: { $0.key < $1.key }) {
        newID[child] = order.count
        order.append(child)
        edgeScalar.append(s)
        edgeTarget.append(Int32(newID[child]))
      }
      childStart.append(Int32(edgeScalar.count))
      valueStart.append(Int32(terminal[old] ?? -1))
    }
  }

  /// Whether some key starts with `scalar` (any scalar may be asked).
  @inline(__always)
  func isInitial(_ scalar: UInt32) -> Bool {
    guard scalar >= Self.initialsStart && scalar < Self.initialsEnd else { return false }
    let k = Int(scalar &- Self.initialsStart)
    return initials[k >> 6] & (1 << UInt64(k & 63)) != 0
  }

  /// The child of `node` along `scalar`, or -1.
  @inline(__always)
  func child(of node: Int, _ scalar: UInt32) -> Int {
    var lo = Int(childStart[node])
    var hi = Int(childStart[node + 1])
    while lo < hi {
      let mid = (lo + hi) >> 1
      let s = edgeScalar[mid]
      if s == scalar { return Int(edgeTarget[mid]) }
      if s < scalar { lo = mid + 1 } else { hi = mid }
    }
    return -1
  }

  /// The longest key that starts at byte `i` of the UTF-8 `input`, whose
  /// first scalar is `first`, `firstLength` bytes long: the byte offset just
  /// past it and the offset of its simplified side in `values`; nil when no
  /// key starts there.
  func longestMatch(
    _ input: UnsafeBufferPointer<UInt8>, at i: Int, first: UInt32, firstLength: Int
  ) -> (end: Int, value: Int)? {
    var node = child(of: 0, first)
    if node < 0 { return nil }
    var p = i + firstLength
    var best: (end: Int, value: Int)? = nil
    while p < input.count {
      let (s, len) = UTF8Bytes.decode(input, at: p)
      node = child(of: node, s)
      if node < 0 { break }
      p += len
      let v = valueStart[node]
      if v >= 0 { best = (p, Int(v)) }
    }
    return best
  }

  /// The longest key that starts at `scalars[i]`: its length in scalars
  /// and the offset of its simplified side in `values`.
  func longestMatch(_ scalars: [UInt32], at i: Int) -> (length: Int, value: Int)? {
    var node = 0
    var best: (length: Int, value: Int)? = nil
    var p = i
    while p < scalars.count {
      node = child(of: node, scalars[p])
      if node < 0 { break }
      p += 1
      let v = valueStart[node]
      if v >= 0 { best = (p - i, Int(v)) }
    }
    return best
  }
}

extension TraditionalChinese {
  /// The phrases of `phraseSource`, in its order (sorted by key).
  static let phraseEntries: [(key: [UInt32], value: [UInt32])] = {
    var entries: [(key: [UInt32], value: [UInt32])] = []
    var token: [UInt32] = []
    func flush() {
      guard !token.isEmpty else { return }
      precondition(token.count % 2 == 0, "TraditionalChinese: odd phrase in phraseSource")
      let half = token.count / 2
      entries.append((Array(token[..<half]), Array(token[half...])))
      token.removeAll(keepingCapacity: true)
    }
    for s in phraseSource.unicodeScalars {
      if s.value <= 0x20 { flush() } else { token.append(s.value) }
    }
    flush()
    precondition(entries.count == phraseCount, "TraditionalChinese: phraseCount disagrees with phraseSource")
    return entries
  }()

  /// The trie of `phraseEntries`, built on first use.
  static let phrases = PhraseTrie(phraseEntries)

  /// Converts `scalars` as the normaliser converts Han text: the longest
  /// phrase at each position, else the character table.
  ///
  /// (Scalars only: no whitespace repair or other folding.)
  static func simplified(_ scalars: [UInt32]) -> [UInt32] { byPhrases(scalars, phrase: { $0 }, else: simplified) }

  /// `scalars` with the simplified side of the longest phrase at each
  /// position (each of its scalars through `phrase`), and `other` of each
  /// scalar that starts no phrase: OpenCC's
  /// maximum forward matching, for text that does not go through
  /// `Normalizer.normalize`.
  static func byPhrases<T>(_ scalars: [UInt32], phrase: (UInt32) -> T, else other: (UInt32) -> T) -> [T] {
    var out: [T] = []
    out.reserveCapacity(scalars.count)
    var i = 0
    while i < scalars.count {
      if phrases.isInitial(scalars[i]), let m = phrases.longestMatch(scalars, at: i) {
        for v in phrases.values[m.value..<(m.value + m.length)] { out.append(phrase(v)) }
        i += m.length
      } else {
        out.append(other(scalars[i]))
        i += 1
      }
    }
    return out
  }
}
