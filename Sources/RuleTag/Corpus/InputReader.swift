// Reading inputs in bounded memory.
//
// Files, folders (recursive: *.txt and *.jsonl) and standard input become a
// stream of `InputRecord`s. JSONL is read with read(2) into one reused
// buffer and split at line breaks, so memory does not grow with the file.
// Measured against mapping the file whole, it was about as fast at a seventh
// of the peak memory (Matching/DESIGN.md, "Reading and parsing").
//
// A byte order mark is dropped where a file or standard input starts, and a
// line holding nothing but whitespace (any Unicode White_Space: form feed,
// NBSP, U+3000, …) is a blank line: skipped, while line numbers still count
// it.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams input records from paths.
public final class InputReader {
  let paths: [String]
  var pathIndex = 0
  /// Files still to read: (path, isJSONL).
  var queue: [(String, Bool)] = []
  var queued = false
  var current: LineReader? = nil
  var currentFile = ""
  /// Errors found while listing paths (missing files), reported as records.
  var pending: [InputRecord] = []
  /// Where relative paths are opened from (nil: the working directory).
  let directory: String?

  /// The descriptor `-` reads (standard input; tests give a pipe).
  let standardInput: Int32

  /// Reads `paths`; an empty list or `-` means standard input.
  ///
  /// Relative
  /// paths are opened from `directory` when one is given; records name
  /// their files as given.
  public init(paths: [String], directory: String? = nil, standardInput: Int32 = 0) {
    self.paths = paths.isEmpty ? ["-"] : paths
    self.directory = directory
    self.standardInput = standardInput
  }

  /// The files a path stands for: itself, or the *.txt/*.jsonl files below a folder.
  static func expand(_ path: String, in directory: String?) -> [(String, Bool)]? {
    if path == "-" { return [("-", true)] }
    var isDir: ObjCBool = false
    let opened = FilePaths.resolve(path, in: directory)
    guard FileManager.default.fileExists(atPath: opened, isDirectory: &isDir) else { return nil }
    if !isDir.boolValue { return [(path, !path.hasSuffix(".txt"))] }
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    let all = (FileManager.default.enumerator(atPath: opened)?.allObjects as? [String]) ?? []
    return all.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".jsonl") }.sorted()
      .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
      .map { (base + "/" + $0, $0.hasSuffix(".jsonl")) }
  }

  /// The next record, or nil at the end of all inputs.
  public func next() -> InputRecord? {
    while true {
      if !pending.isEmpty { return pending.removeFirst() }
      if let r = current {
        if let (line, bytes) = r.nextLine() {
          if bytes.withUnsafeBufferPointer({ UTF8Bytes.isBlank($0) }) { continue }
          return InputRecord(kind: .json, file: currentFile, line: line, bytes: bytes)
        }
        if let e = r.error {
          current = nil
          return InputRecord(kind: .unreadable(e), file: currentFile, line: 0, bytes: [])
        }
        current = nil
        continue
      }
      if queue.isEmpty {
        guard pathIndex < paths.count else { return nil }
        let p = paths[pathIndex]
        pathIndex += 1
        guard let files = InputReader.expand(p, in: directory) else {
          return InputRecord(kind: .unreadable("no such file or folder"), file: p, line: 0, bytes: [])
        }
        queue = files
        continue
      }
      let (file, jsonl) = queue.removeFirst()
      let fd: Int32 = file == "-" ? standardInput : open(FilePaths.resolve(file, in: directory), O_RDONLY)
      if fd < 0 {
        return InputRecord(kind: .unreadable(String(cString: strerror(errno))), file: file, line: 0, bytes: [])
      }
      let reader = LineReader(fd: fd, closeAtEnd: file != "-")
      let name = file == "-" ? "<stdin>" : file
      if jsonl && file != "-" {
        current = reader
        currentFile = name
        continue
      }
      if file == "-" {
        // Standard input is JSONL when it starts with `{`: then it streams
        // like a file (bounded memory, for `cat big.jsonl | ruletag tag` and
        // streaming mappers). Empty input is no articles: a mapper (Hadoop
        // Streaming, Spark's RDD.pipe) is often handed an empty split.
        // A BOM and whitespace before the `{` do not count, and input of
        // nothing else is empty.
        let first = reader.firstNonBlank()
        if let e = reader.error { return InputRecord(kind: .unreadable(e), file: name, line: 0, bytes: []) }
        guard let first else { continue }
        if first == UInt8(ascii: "{") {
          current = reader
          currentFile = name
          continue
        }
      }
      // A text file (or stdin that is not JSONL): read it whole.
      let all = reader.readAll()
      if let e = reader.error { return InputRecord(kind: .unreadable(e), file: name, line: 0, bytes: []) }
      return InputRecord(kind: .text, file: name, line: 0, bytes: all)
    }
  }
}

/// Splits a file descriptor's bytes into lines with read(2) and one buffer.
final class LineReader {
  let fd: Int32
  let closeAtEnd: Bool
  var buffer: [UInt8]
  var start = 0
  var end = 0
  var eof = false
  var lineNo = 0
  var error: String? = nil
  static let chunk = 1 << 20

  init(fd: Int32, closeAtEnd: Bool) {
    self.fd = fd
    self.closeAtEnd = closeAtEnd
    buffer = [UInt8](repeating: 0, count: LineReader.chunk)
  }

  /// Lines of bytes already in memory, split as a file's would be.
  init(bytes: [UInt8]) {
    fd = -1
    closeAtEnd = false
    buffer = bytes
    end = bytes.count
    eof = true
  }

  deinit { if closeAtEnd && fd >= 0 { close(fd) } }

  /// Reads more bytes after `end`, compacting or growing the buffer.
  func fill() {
    if start > 0 {
      if end > start {
        buffer.withUnsafeMutableBufferPointer { b in
          _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
        }
      }
      end -= start
      start = 0
    }
    if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
    let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + end, b.count - end) }
    if n < 0 {
      if errno == EINTR { return }
      error = String(cString: strerror(errno))
      eof = true
    } else if n == 0 {
      eof = true
    } else {
      end += n
    }
  }

  /// The next line (without its line break) and its 1-based number.
  func nextLine() -> (Int, [UInt8])? {
    var scanFrom = start
    while true {
      let nl: Int? = buffer.withUnsafeBufferPointer { b in
        guard scanFrom < end else { return nil }
        let p = memchr(b.baseAddress! + scanFrom, 0x0A, end - scanFrom)
        return p.map { b.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
      }
      if let nl {
        var e = nl
        if e > start && buffer[e - 1] == 0x0D { e -= 1 }
        let line = lineBytes(upTo: e)
        start = nl + 1
        return (lineNo, line)
      }
      if eof {
        guard start < end else { return nil }
        let line = lineBytes(upTo: end)
        start = end
        return (lineNo, line)
      }
      scanFrom = end
      let before = start
      fill()
      scanFrom -= before - start
    }
  }

  /// The bytes of the next line, from `start` to `e`, counting it; the
  /// first line loses a byte order mark.
  func lineBytes(upTo e: Int) -> [UInt8] {
    lineNo += 1
    var s = start
    if lineNo == 1
      && buffer.withUnsafeBufferPointer({ UTF8Bytes.isBOM(UnsafeBufferPointer(rebasing: $0[..<e]), at: s) })
    {
      s += 3
    }
    return Array(buffer[s..<e])
  }

  /// The first byte after a BOM at the start and any whitespace (as blank
  /// lines count it), reading as far as needed (nothing is consumed); nil
  /// at the end of input.
  func firstNonBlank() -> UInt8? {
    var i = start
    while true {
      // Four bytes ahead, so a BOM or a multi-byte space is seen whole.
      if end - i < 4 && !eof {
        let before = start
        fill()
        i -= before - start
        continue
      }
      guard i < end else { return nil }
      let skip = buffer.withUnsafeBufferPointer { b -> Int in
        let p = UnsafeBufferPointer(rebasing: b[..<end])
        if lineNo == 0 && i == start && UTF8Bytes.isBOM(p, at: i) { return 3 }
        return UTF8Bytes.whitespaceLength(p, at: i)
      }
      if skip == 0 { return buffer[i] }
      i += skip
    }
  }

  /// Everything left, as one buffer.
  func readAll() -> [UInt8] {
    while !eof {
      if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
      fill()
    }
    let out = Array(buffer[start..<end])
    start = end
    return out
  }
}
