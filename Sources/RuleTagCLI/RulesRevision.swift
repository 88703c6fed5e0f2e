// `ruletag diff --rev REV`: the rules as a git revision has them, written
// to a temporary folder through the git command line.
//
// The folder (or file) given with `--rules` is looked up in its work
// tree; every file of the revision below it is written out, and so is
// every `*.rules` file elsewhere in the revision, so includes that reach
// outside the rules folder read the revision's files too (one `git
// cat-file --batch` reads them all). The copy keeps the folder's name, so
// its rule locations read like the work tree's.

import Foundation

enum RulesRevision {
  struct Failure: Error {
    var message: String
  }

  /// The materialised rules: the path to load, and the folder to remove.
  struct Copy {
    var rules: String
    var scratch: URL
  }

  /// The first executable `git` on `PATH`.
  static func gitExecutable() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for dir in path.split(separator: ":") where !dir.isEmpty {
      let candidate = String(dir) + "/git"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs git with `args` in `directory`, `input` on its standard input:
  /// (status, stdout, stderr).
  static func git(_ exe: String, _ args: [String], in directory: String, input: Data? = nil) -> (Int32, Data, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = ["-C", directory] + args
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let inPipe = Pipe()
    p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    do { try p.run() } catch { return (127, Data(), "\(error)") }
    // Feed and drain the pipes while git runs, so none can fill up and
    // stall it.
    let errData = Mutexed(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    if let input {
      group.enter()
      DispatchQueue.global().async {
        try? inPipe.fileHandleForWriting.write(contentsOf: input)
        try? inPipe.fileHandleForWriting.close()
        group.leave()
      }
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, data, String(decoding: errData.get(), as: UTF8.self))
  }

  /// Writes the rules at `rules` (as opened by `io`) as of `rev` to a new
  /// temporary folder.
  static func materialise(rules: String, rev: String, io: CommandIO) -> Result<Copy, Failure> {
    guard let exe = gitExecutable() else {
      return .failure(Failure(message: "`--rev` needs the git command line, and no `git` was found on PATH"))
    }
    let opened = URL(fileURLWithPath: io.path(rules)).standardizedFileURL
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: opened.path, isDirectory: &isDir) else {
      return .failure(Failure(message: "no rules at `\(rules)`"))
    }
    let dir = isDir.boolValue ? opened.path : opened.deletingLastPathComponent().path
    let (status, where_, _) = git(exe, ["rev-parse", "--show-toplevel", "--show-prefix"], in: dir)
    let parts = String(decoding: where_, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    guard status == 0, parts.count >= 2 else {
      return .failure(Failure(message: "`\(rules)` is not inside a git work tree, so `--rev` has nothing to read"))
    }
    let top = String(parts[0])
    var prefix = String(parts[1])
    if !isDir.boolValue { prefix += opened.lastPathComponent }
    while prefix.hasSuffix("/") { prefix.removeLast() }
    guard git(exe, ["rev-parse", "--verify", "--quiet", rev + "^{commit}"], in: top).0 == 0 else {
      return .failure(Failure(message: "unknown git revision `\(rev)` in \(top)"))
    }
    let (lsStatus, list, lsErr) = git(exe, ["ls-tree", "-r", "-z", "--name-only", rev], in: top)
    guard lsStatus == 0 else { return .failure(Failure(message: "git ls-tree failed: \(lsErr)")) }
    let all = list.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    let inRules = all.filter { prefix.isEmpty || $0 == prefix || $0.hasPrefix(prefix + "/") }
    guard !inRules.isEmpty else {
      return .failure(Failure(message: "`\(rules)` (\(prefix.isEmpty ? "." : prefix)) is not in revision `\(rev)`"))
    }
    let chosen = Set(inRules)
    let files = inRules + all.filter { $0.hasSuffix(".rules") && !chosen.contains($0) }
    let blobs: [Data]
    switch catFiles(exe, files, rev: rev, in: top) {
    case .failure(let f): return .failure(f)
    case .success(let b): blobs = b
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-rev-\(UUID().uuidString)")
    // Below a folder named like the work tree, so that rules at its top
    // are named alike too.
    let tree = scratch.appendingPathComponent(URL(fileURLWithPath: top).lastPathComponent)
    for (f, blob) in zip(files, blobs) {
      let target = tree.appendingPathComponent(f)
      do {
        try FileManager.default.createDirectory(
          at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try blob.write(to: target)
      } catch {
        try? FileManager.default.removeItem(at: scratch)
        return .failure(Failure(message: "cannot write the rules of `\(rev)`: \(error)"))
      }
    }
    let root = prefix.isEmpty ? tree.path : tree.appendingPathComponent(prefix).path
    return .success(Copy(rules: root, scratch: scratch))
  }
}

extension RulesRevision {
  /// The contents of `files` at `rev`, read by one `git cat-file --batch`.
  ///
  /// Its output is, per object, `<sha> blob <size>\n<bytes>\n`.
  static func catFiles(_ exe: String, _ files: [String], rev: String, in top: String) -> Result<[Data], Failure> {
    let request = Data(files.map { rev + ":" + $0 + "\n" }.joined().utf8)
    let (status, out, err) = git(exe, ["cat-file", "--batch"], in: top, input: request)
    guard status == 0 else { return .failure(Failure(message: "git cat-file failed: \(err)")) }
    var blobs: [Data] = []
    var i = out.startIndex
    for f in files {
      guard let nl = out[i...].firstIndex(of: 0x0A) else { break }
      let header = String(decoding: out[i..<nl], as: UTF8.self).split(separator: " ")
      guard header.count == 3, let size = Int(header[2]), nl + 1 + size <= out.endIndex else {
        return .failure(Failure(message: "git cat-file cannot read `\(f)` at `\(rev)`"))
      }
      blobs.append(Data(out[(nl + 1)..<(nl + 1 + size)]))
      i = nl + 1 + size + 1
    }
    guard blobs.count == files.count else {
      return .failure(Failure(message: "git cat-file gave \(blobs.count) of \(files.count) files"))
    }
    return .success(blobs)
  }
}

/// A value shared between two threads under a lock.
final class Mutexed<T>: @unchecked Sendable {
  private var value: T
  private let lock = NSLock()
  init(_ v: T) { value = v }
  func set(_ v: T) { lock.withLock { value = v } }
  func get() -> T { lock.withLock { value } }
}
