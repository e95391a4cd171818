// The first entries of a push body, handed over while the rest is still being read.
import Synchronization

/// A one-time handover from the task reading a body to the transaction storing it: the first
/// `count` entries as soon as they are read, so that PostgreSQL inserts them while the rest is
/// read and checked (`LedgerPush.push`). Nil when the body is not that long, or not read the fast way.
public final class FirstEntries: Sendable {
    /// How many entries go ahead. PostgreSQL takes about 20 µs to insert an entry and the server about
    /// 8 µs to read, check and encode one, so 150 ahead keep PostgreSQL busy while the other 350 of a full
    /// batch are made ready. With the store's head locked before they are read (`PushRequest.storeHint`),
    /// the sooner they are ready the sooner PostgreSQL starts: 150 did about 4 % better than 200, 100 left
    /// PostgreSQL waiting for the rest (`scripts/bench sync`, alternating runs).
    public static let count = 150

    private enum State {
        case waiting(CheckedContinuation<[PushedEntry]?, Never>?)
        case given([PushedEntry]?)
    }
    private let state = Mutex<State>(.waiting(nil))

    public init() {}

    /// Hands over the first entries (nil: there will be none); only the first call counts.
    func give(_ entries: [PushedEntry]?) {
        let waiter: CheckedContinuation<[PushedEntry]?, Never>? = state.withLock { state in
            guard case .waiting(let waiter) = state else { return nil }
            state = .given(entries)
            return waiter
        }
        waiter?.resume(returning: entries)
    }

    /// The first entries, once the reader has them or knows there will be none.
    func take() async -> [PushedEntry]? {
        await withCheckedContinuation { continuation in
            let given: [PushedEntry]?? = state.withLock { state in
                switch state {
                case .given(let entries): return .some(entries)
                case .waiting:
                    state = .waiting(continuation)
                    return .none
                }
            }
            if case .some(let entries) = given { continuation.resume(returning: entries) }
        }
    }
}
