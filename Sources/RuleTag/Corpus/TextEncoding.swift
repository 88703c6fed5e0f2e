// Articles that are not UTF-8: Chinese archives are often GB18030 (or its
// subset GBK). Such bytes are converted to UTF-8 with the platform's iconv,
// so ruletag ships no conversion table of its own.
//
// Detection (`--encoding auto`, the default) looks only at bytes that are
// not valid UTF-8: they are taken for GB18030 when iconv converts them
// cleanly and at least 80% of their two-byte characters lie in the GB2312
// block (lead byte A1–F7, trail byte A1–FE), where everyday Chinese text
// nearly all falls; a handful of such characters is too little to go by. Random bytes land there about a third of the time, so
// other encodings and damaged files stay errors, and the error says when
// the bytes at least look like GBK.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How input bytes are decoded.
public enum InputEncoding: String, CaseIterable, Sendable {
  /// UTF-8, else GB18030 when the bytes look like it.
  case auto
  /// UTF-8 only.
  case utf8 = "utf-8"
  /// GB18030 (which contains GBK and GB2312), converted to UTF-8.
  case gb18030
  /// The same as `gb18030`, under the name people often know.
  case gbk

  /// Parses `utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312` or `auto` in any case.
  public init?(name: String) {
    switch name.lowercased() {
    case "auto": self = .auto
    case "utf-8", "utf8": self = .utf8
    case "gb18030", "gb2312": self = .gb18030
    case "gbk": self = .gbk
    default: return nil
    }
  }
}

/// Conversions between encodings.
public enum TextEncoding {
  /// `bytes` converted by iconv from `from` to `to`; nil when iconv does
  /// not know either encoding or the bytes are not valid in `from`.
  public static func convert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
    guard let cd = iconv_open(to, from), cd != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var input = bytes
    var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
    var produced = 0
    let ok = input.withUnsafeMutableBufferPointer { inp -> Bool in
      var inPtr: UnsafeMutablePointer<CChar>? = inp.baseAddress.map {
        UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
      }
      var inLeft = inp.count
      while true {
        let result = out.withUnsafeMutableBufferPointer { o -> (Int, Int32) in
          var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress! + produced)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = o.count - produced
          let r = inLeft == 0 ? iconv(cd, nil, nil, &outPtr, &outLeft) : iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
          let e = r == -1 ? errno : 0
          produced = o.count - outLeft
          return (r, e)
        }
        if result.0 != -1 {
          if inLeft == 0 { return true }
          continue
        }
        guard result.1 == E2BIG else { return false }
        out += [UInt8](repeating: 0, count: out.count)
      }
    }
    guard ok else { return nil }
    return Array(out[..<produced])
  }

  /// `bytes` as UTF-8 when they are GB18030, else nil.
  public static func fromGB18030(_ bytes: [UInt8]) -> [UInt8]? {
    convert(bytes, from: "GB18030", to: "UTF-8")
  }

  /// Two-byte characters needed before bytes can look like GBK: fewer say
  /// too little (a UTF-8 character cut in two is a valid GBK pair).
  public static let minimumPairs = 4

  /// Whether bytes that are not UTF-8 look like GB18030/GBK Chinese: iconv
  /// converts them, they hold at least `minimumPairs` two-byte characters,
  /// and most of those are in the GB2312 block.
  public static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool { likelyGB18030(bytes) != nil }

  /// The UTF-8 of bytes that look like GB18030/GBK Chinese
  /// (`looksLikeGB18030`), converted once; nil when they do not.
  public static func likelyGB18030(_ bytes: [UInt8]) -> [UInt8]? {
    var pairs = 0
    var common = 0
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      guard b >= 0x81 && b <= 0xFE && i + 1 < bytes.count else { return nil }
      let t = bytes[i + 1]
      if t >= 0x30 && t <= 0x39 {
        i += 4  // a four-byte sequence
        continue
      }
      pairs += 1
      if b >= 0xA1 && b <= 0xF7 && t >= 0xA1 && t <= 0xFE { common += 1 }
      i += 2
    }
    guard pairs >= minimumPairs, common * 5 >= pairs * 4 else { return nil }
    return fromGB18030(bytes)
  }
}
