// The next push body, read from the store while the current push is on the wire.
import Dispatch
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
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            // The ledger is append-only and each transaction commits whole, so a snapshot read now is
            // still a valid batch later; only entries committed meanwhile are missing, for the next one.
            let read = Result { try store.pushBody(after: after) }
            result.withLock { $0 = read }
            finished.signal()
        }
    }

    /// The body read, once it is (nil when nothing waited then, or the read failed: read afresh).
    func body() -> SyncPushBody? {
        finished.wait()
        finished.signal()
        return result.withLock { try? $0?.get() } ?? nil
    }
}
