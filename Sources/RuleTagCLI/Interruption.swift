// Ending a run early without losing or cutting records.
//
// SIGINT and SIGTERM do not kill `ruletag` mid-write. The first one sets a
// flag; the command stops reading, finishes the records it has read,
// writes them whole, prints its summary marked "interrupted", and exits
// with 128 + the signal's number (130, 143), as shells expect. The handler
// is installed with SA_RESETHAND, so a second signal ends the process at
// once (for a run blocked on a terminal's standard input, say).
//
// SIGPIPE is ignored, so a closed pipe (`ruletag tag … | head -1`) shows up
// as EPIPE from write(2) and CommandIO ends the run quietly (exit 3)
// instead of the process dying by signal.

import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The signal that asked the run to stop (0: none).
///
/// A global so that the C
/// signal handler, which can capture nothing, can reach it; an atomic store
/// is safe in a handler.
let interruptingSignal = Atomic<Int32>(0)

public enum Interruption {
  /// Installs the handlers.
  ///
  /// Call once, before any work, from `main`.
  public static func install() {
    Glibc.signal(SIGPIPE, SIG_IGN)
    // A parent may have blocked these (Foundation's Process passes its
    // threads' mask on); a blocked SIGTERM would never reach the handler.
    var set = sigset_t()
    sigemptyset(&set)
    for sig in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&set, sig) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for sig in [SIGINT, SIGTERM] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { sig in interruptingSignal.store(sig, ordering: .relaxed) }
      sigemptyset(&action.sa_mask)
      action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
      sigaction(sig, &action, nil)
    }
  }

  /// The signal that interrupted the run, or nil.
  static var caught: Int32? {
    let s = interruptingSignal.load(ordering: .relaxed)
    return s == 0 ? nil : s
  }

  /// The name shown in the summary.
  static func name(_ sig: Int32) -> String {
    switch sig {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    default: return "signal \(sig)"
    }
  }
}
