// What the command line knows about the terminal: its width.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The terminal's size.
public enum TerminalSize {
  /// The width of the terminal on `fd` (TIOCGWINSZ), else COLUMNS when it
  /// holds a whole number, else nil.
  public static func columns(fd: Int32, environment: [String: String]) -> Int? {
    var size = winsize()
    if isatty(fd) == 1, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let c = environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return c }
    return nil
  }
}
