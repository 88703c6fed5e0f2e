// Reading inputs in bounded memory.
//
// Files, folders (recursive: *.txt and *.jsonl, in any letter case) and
// standard input become a stream of `InputRecord`s. A .txt article found in
// a folder is named by its path below that folder, so `a/x.txt` and
// `b/x.txt` stay two ids; other files in a folder are counted as skipped.
// JSONL is read with read(2) into one reused buffer and split at line
// breaks, so memory does not grow with the file. Measured against mapping
// the file whole, it was about as fast at a seventh of the peak memory
// (Matching/DESIGN.md, "Reading and parsing").
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
  /// Files still to read.
  var queue: [QueuedFile] = []
  var queued = false
  var current: LineReader? = nil
  var currentFile = ""
  /// Errors found while listing paths (missing files), reported as records.
  var pending: [InputRecord] = []
  /// Where relative paths are opened from (nil: the working directory).
  let directory: String?

  /// The descriptor `-` reads (standard input; tests give a pipe).
  let standardInput: Int32

  /// Files inside the folders read so far that were left out for not
  /// being .txt or .jsonl (hidden files and folders are not counted).
  public private(set) var skippedFiles = 0

  /// The bytes of the records returned so far (each line's, without its
  /// line break), for progress.
  public private(set) var bytesRead = 0

  /// A file to read, and the id a .txt article in it gets.
  struct QueuedFile {
    var path: String
    var isJSONL: Bool
    /// The path below the folder it was found in, without the extension;
    /// nil for a path given directly.
    var textID: String? = nil
  }

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

  /// Whether `path` ends in `.ext`, in any letter case.
  static func hasExtension(_ path: String, _ ext: String) -> Bool {
    path.utf8.count > ext.utf8.count + 1 && path.lowercased().hasSuffix("." + ext)
  }

  /// The files a path stands for: itself, or the *.txt/*.jsonl files below
  /// a folder, and how many other files that folder holds.
  static func expand(_ path: String, in directory: String?) -> (files: [QueuedFile], skipped: Int)? {
    if path == "-" { return ([QueuedFile(path: "-", isJSONL: true)], 0) }
    var isDir: ObjCBool = false
    let fm = FileManager.default
    let opened = FilePaths.resolve(path, in: directory)
    guard fm.fileExists(atPath: opened, isDirectory: &isDir) else { return nil }
    if !isDir.boolValue { return ([QueuedFile(path: path, isJSONL: !hasExtension(path, "txt"))], 0) }
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    let all = (fm.enumerator(atPath: opened)?.allObjects as? [String]) ?? []
    var files: [QueuedFile] = []
    var skipped = 0
    for rel in all.sorted() where !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
      if hasExtension(rel, "jsonl") {
        files.append(QueuedFile(path: base + "/" + rel, isJSONL: true))
      } else if hasExtension(rel, "txt") {
        files.append(QueuedFile(path: base + "/" + rel, isJSONL: false, textID: String(rel.dropLast(4))))
      } else if fm.fileExists(atPath: opened + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
        skipped += 1
      }
    }
    return (files, skipped)
  }

  /// The next record, or nil at the end of all inputs.
  public func next() -> InputRecord? {
    let r = nextRecord()
    bytesRead += r?.bytes.count ?? 0
    return r
  }

  /// The size of the files `paths` stand for (nil when one of them is
  /// standard input or missing), for the time a run has left.
  public static func totalSize(_ paths: [String], directory: String?) -> Int? {
    var total = 0
    for p in paths.isEmpty ? ["-"] : paths {
      guard p != "-", let found = expand(p, in: directory) else { return nil }
      for f in found.files {
        let attrs = try? FileManager.default.attributesOfItem(atPath: FilePaths.resolve(f.path, in: directory))
        total += (attrs?[.size] as? NSNumber)?.intValue ?? 0
      }
    }
    return total
  }

  func nextRecord() -> InputRecord? {
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
        guard let found = InputReader.expand(p, in: directory) else {
          return InputRecord(kind: .unreadable("no such file or folder"), file: p, line: 0, bytes: [])
        }
        queue = found.files
        skippedFiles += found.skipped
        continue
      }
      let queued = queue.removeFirst()
      let (file, jsonl) = (queued.path, queued.isJSONL)
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
      return InputRecord(kind: .text, file: name, line: 0, bytes: all, textID: queued.textID)
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
