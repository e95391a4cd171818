// The next push body, read from the store while the current push is on the wire.
import Dispatch
import Foundation
import FrontDeskStore
import Synchronization

/// A push body being read on another thread, for the seq it follows. While catching up, reading and
/// encoding the next batch was a sixth of the time per push; done during the current push's round
/// trip, it costs none (`scripts/bench sync`). Still one push in flight: this only reads.
final class BodyPrefetch: Sendable {
    /// The seq the body follows: it is used only for a push after that very seq.
    let after: Int64
    private let finished = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<SyncPushBody?, any Error>?>(nil)

    init(store: FacilityStore, after: Int64) {
        self.after = after
        let thread = Thread { [self] in
            // The lowest priority (nice 19, this thread alone on Linux): on the facility's server the
            // agent shares the cores with the terminals, and in `scripts/bench sync` with the central
            // server and PostgreSQL, all three busy at the instant a push goes out. The read is wanted
            // only after the reply, so it takes the cores they leave idle until then.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            // The ledger is append-only and each transaction commits whole, so a snapshot read now is
            // still a valid batch later; only entries committed meanwhile are missing, for the next one.
            let read = Result { try store.pushBody(after: after) }
            result.withLock { $0 = read }
            finished.signal()
        }
        thread.start()
    }

    /// The body read, once it is (nil when nothing waited then, or the read failed: read afresh).
    func body() -> SyncPushBody? {
        finished.wait()
        finished.signal()
        return result.withLock { try? $0?.get() } ?? nil
    }
}
