// Paths given relative to a folder of the caller's choosing.
//
// The readers of rules and articles take an optional `directory`: a
// relative path they are given is opened from there, while every message
// and record still names the path as it was given. With no directory,
// relative paths start at the process's working directory, as usual. (The
// command line's tests run each case in its own folder this way, without
// changing the working directory of the test process.)

/// Where a path given to a reader is opened.
public enum FilePaths {
  /// `path` taken from `directory` when it is relative; `-` (standard
  /// input) and absolute paths stay as they are.
  public static func resolve(_ path: String, in directory: String?) -> String {
    guard let directory, !path.hasPrefix("/"), path != "-" else { return path }
    if path.isEmpty { return directory }
    return directory.hasSuffix("/") ? directory + path : directory + "/" + path
  }
}
