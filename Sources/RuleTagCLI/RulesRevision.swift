// `ruletag diff --rev REV`: the rules as a git revision has them, written
// to a temporary folder through the git command line.
//
// The folder (or file) given with `--rules` is looked up in its work
// tree; every file of the revision below it is written out, and so is
// every `*.rules` file elsewhere in the revision, so includes that reach
// outside the rules folder read the revision's files too. The copy keeps
// the folder's name, so its rule locations read like the work tree's.

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

  /// Runs git with `args` in `directory`: (status, stdout, stderr).
  static func git(_ exe: String, _ args: [String], in directory: String) -> (Int32, Data, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = ["-C", directory] + args
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch { return (127, Data(), "\(error)") }
    // Read both pipes while git runs, so neither can fill up and stall it.
    let errData = Mutexed(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
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
    let (status, prefixData, _) = git(exe, ["rev-parse", "--show-prefix"], in: dir)
    let (topStatus, topData, _) = git(exe, ["rev-parse", "--show-toplevel"], in: dir)
    guard status == 0, topStatus == 0 else {
      return .failure(Failure(message: "`\(rules)` is not inside a git work tree, so `--rev` has nothing to read"))
    }
    let top = String(decoding: topData, as: UTF8.self).trimmingCharacters(in: .newlines)
    var prefix = String(decoding: prefixData, as: UTF8.self).trimmingCharacters(in: .newlines)
    if !isDir.boolValue { prefix += opened.lastPathComponent }
    while prefix.hasSuffix("/") { prefix.removeLast() }
    guard git(exe, ["rev-parse", "--verify", "--quiet", rev + "^{commit}"], in: top).0 == 0 else {
      return .failure(Failure(message: "unknown git revision `\(rev)` in \(top)"))
    }
    let spec = prefix.isEmpty ? rev + ":" : rev + ":" + prefix
    guard git(exe, ["cat-file", "-e", spec], in: top).0 == 0 else {
      return .failure(Failure(message: "`\(rules)` (\(prefix.isEmpty ? "." : prefix)) is not in revision `\(rev)`"))
    }
    let (lsStatus, list, lsErr) = git(exe, ["ls-tree", "-r", "-z", "--name-only", rev], in: top)
    guard lsStatus == 0 else { return .failure(Failure(message: "git ls-tree failed: \(lsErr)")) }
    let files = list.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter {
      prefix.isEmpty || $0 == prefix || $0.hasPrefix(prefix + "/") || $0.hasSuffix(".rules")
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ruletag-rev-\(UUID().uuidString)")
    // Below a folder named like the work tree, so that rules at its top
    // are named alike too.
    let tree = scratch.appendingPathComponent(URL(fileURLWithPath: top).lastPathComponent)
    for f in files {
      let (s, blob, e) = git(exe, ["cat-file", "blob", rev + ":" + f], in: top)
      let target = tree.appendingPathComponent(f)
      do {
        guard s == 0 else { throw Failure(message: "git cat-file failed for \(f): \(e)") }
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

/// A value shared between two threads under a lock.
final class Mutexed<T>: @unchecked Sendable {
  private var value: T
  private let lock = NSLock()
  init(_ v: T) { value = v }
  func set(_ v: T) { lock.withLock { value = v } }
  func get() -> T { lock.withLock { value } }
}
