// Turns SIGINT, SIGTERM and SIGHUP into a flag the main loop reads between keys, so that a
// signal never lands in the middle of a transaction and the terminal is always restored.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The last terminating signal received, or 0.
nonisolated(unsafe) private var pendingSignal: sig_atomic_t = 0

public enum SignalGuard {
    /// Installs the handlers (SIGPIPE is ignored: a vanished terminal is seen as SIGHUP or EOF).
    public static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in pendingSignal = received }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// The signal that asked the application to stop, if any.
    public static var received: Int32? {
        pendingSignal == 0 ? nil : Int32(pendingSignal)
    }
}
