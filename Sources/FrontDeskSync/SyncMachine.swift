// The sync agent's logic as a pure state machine: inputs in, one action out; no I/O, no clock, no randomness.
import FrontDeskStore

/// The client rules of ledger-protocol.md §4, free of I/O in the way postgres-nio keeps its
/// connection state machine: the driver (`SyncDriver`) feeds it what happened (the local head, the
/// server's replies, the time) and does what it answers. Time is a `Duration` on the driver's
/// monotonic clock; the jitter of each backoff is a number in [0, 1) the driver draws. Order is the
/// `seq` alone: no timestamp is ever read, so a wrong clock anywhere changes nothing.
public struct SyncMachine: Sendable {
    /// What the driver does next.
    public enum Action: Sendable, Equatable {
        /// Ask the server for this store's head (`GET /v1/ledger/head`).
        case requestHead
        /// Read the batch after `afterSeq` from the store and push it (the only push in flight).
        case push(afterSeq: Int64)
        /// Write this acknowledgement in a local transaction of its own, then feed `acknowledged`.
        case acknowledge(seq: Int64, hash: String)
        /// Record the alarm for every terminal; nothing is pushed until an operator clears it (`start` again).
        case raiseAlarm(SyncAlarmKind, detail: String)
        /// Nothing to do until the local head moves (`localHeadChanged`).
        case wait
        /// A failure is backed off: feed `tick` at or after this instant.
        case retry(at: Duration)
        /// A request is in flight: wait for its reply.
        case none
    }

    /// What the machine waits for.
    public enum State: Sendable, Equatable {
        case initial
        case checkingHead
        case pushing(afterSeq: Int64)
        case acknowledging(seq: Int64, hash: String)
        case idle
        case backingOff(until: Duration, then: Retry)
        case stopped(SyncAlarmKind)
    }

    /// What a backoff retries.
    public enum Retry: Sendable, Equatable {
        case head
        case push
    }

    /// Backoff: full jitter over 250 ms doubling per failure, at most 60 s.
    public static let backoffBase: Duration = .milliseconds(250)
    public static let backoffCap: Duration = .seconds(60)

    public private(set) var state: State = .initial
    /// The highest seq this store has written.
    public private(set) var localHead: Int64 = 0
    /// The acknowledgement stored locally.
    public private(set) var acked: Int64 = 0
    /// What the server is known to hold: pushes go after it.
    public private(set) var serverSeq: Int64 = 0
    /// Failures in a row (network, 5xx, 429), for the backoff.
    public private(set) var attempt = 0
    /// 409s in a row: the first asks for the head at once, the next ones back off first.
    public private(set) var conflicts = 0

    public init() {}

    /// Everything up to the local head is acknowledged, and nothing is in flight.
    public var isUpToDate: Bool { state == .idle && acked >= localHead && serverSeq >= localHead }

    /// The alarm that stopped the machine, if any.
    public var alarm: SyncAlarmKind? {
        if case .stopped(let kind) = state { return kind }
        return nil
    }

    // MARK: - Inputs

    /// The agent starts (or an operator cleared the alarm): ask the server for the head first.
    public mutating func start(localHead: Int64, acked: Int64) -> Action {
        self.localHead = localHead
        self.acked = acked
        serverSeq = acked
        attempt = 0
        conflicts = 0
        state = .checkingHead
        return .requestHead
    }

    /// A commit moved the local head. Pushes at once when idle; otherwise the push in flight, or the
    /// backoff, goes on (one push in flight per store).
    public mutating func localHeadChanged(_ seq: Int64) -> Action {
        localHead = seq
        switch state {
        case .idle: return pushOrIdle()
        default: return currentWait
        }
    }

    /// The server's head (a 200 to `requestHead`), with the local hash at that seq (nil when the
    /// store has no such entry). Ahead of the local acknowledgement, the last reply was lost: the
    /// hashes are compared, then the acknowledgement moves forward. Any difference is divergence.
    public mutating func headReply(serverSeq: Int64, serverHash: String, localHashAtServerSeq: String?) -> Action {
        guard state == .checkingHead else { return currentWait }
        guard serverSeq <= localHead, let local = localHashAtServerSeq, local == serverHash else {
            let mine = localHashAtServerSeq.map { "hash \($0.prefix(12))" } ?? "no entry (its head is \(localHead))"
            return stop(.divergence, "the server holds seq \(serverSeq) with hash \(serverHash.prefix(12)); this store has \(mine) there")
        }
        attempt = 0
        self.serverSeq = serverSeq
        if serverSeq > acked {
            state = .acknowledging(seq: serverSeq, hash: serverHash)
            return .acknowledge(seq: serverSeq, hash: serverHash)
        }
        return pushOrIdle()
    }

    /// The server answered the head request with something else than 200.
    public mutating func headFailed(_ reply: SyncReply, now: Duration, jitter: Double) -> Action {
        guard state == .checkingHead else { return currentWait }
        if let refusal = refusal(reply) { return stop(refusal, reply.summary) }
        return backOff(.head, now: now, jitter: jitter, retryAfter: reply.retryAfter)
    }

    /// The server answered a push.
    public mutating func pushReply(_ reply: SyncReply, now: Duration, jitter: Double) -> Action {
        guard case .pushing = state else { return currentWait }
        switch reply.status {
        case 200:
            // A 200 whose body cannot be read is a reply lost on the way: the head check will tell.
            guard let seq = reply.ackedSeq, let hash = reply.ackedHash else {
                return backOff(.head, now: now, jitter: jitter, retryAfter: nil)
            }
            attempt = 0
            conflicts = 0
            serverSeq = max(serverSeq, seq)
            if seq > acked {
                state = .acknowledging(seq: seq, hash: hash)
                return .acknowledge(seq: seq, hash: hash)
            }
            return pushOrIdle()
        case 409:
            conflicts += 1
            if conflicts == 1 {
                state = .checkingHead
                return .requestHead
            }
            return backOff(.head, now: now, jitter: jitter, retryAfter: reply.retryAfter)
        default:
            if let refusal = refusal(reply) { return stop(refusal, reply.summary) }
            return backOff(.push, now: now, jitter: jitter, retryAfter: reply.retryAfter)
        }
    }

    /// The request in flight failed before any reply (refused connection, timeout, reset, TLS).
    public mutating func networkError(now: Duration, jitter: Double) -> Action {
        switch state {
        case .checkingHead: return backOff(.head, now: now, jitter: jitter, retryAfter: nil)
        case .pushing: return backOff(.push, now: now, jitter: jitter, retryAfter: nil)
        default: return currentWait
        }
    }

    /// The driver read an empty batch after `push(afterSeq:)`: the local head is where the server is.
    public mutating func nothingToPush() -> Action {
        guard case .pushing(let after) = state else { return currentWait }
        localHead = after
        state = .idle
        return .wait
    }

    /// The acknowledgement is written in the store.
    public mutating func acknowledged(seq: Int64) -> Action {
        guard case .acknowledging = state else { return currentWait }
        acked = max(acked, seq)
        return pushOrIdle()
    }

    /// Writing the acknowledgement failed. `mismatch`: the store has another hash at that seq
    /// (divergence); otherwise (busy, disk) the head check after a backoff fast-forwards it.
    public mutating func acknowledgeFailed(mismatch: Bool, detail: String, now: Duration, jitter: Double) -> Action {
        guard case .acknowledging = state else { return currentWait }
        if mismatch { return stop(.divergence, detail) }
        return backOff(.head, now: now, jitter: jitter, retryAfter: nil)
    }

    /// Time passed: a backoff that is over retries what it held back.
    public mutating func tick(now: Duration) -> Action {
        guard case .backingOff(let until, let then) = state, now >= until else { return currentWait }
        switch then {
        case .head:
            state = .checkingHead
            return .requestHead
        case .push:
            return pushOrIdle()
        }
    }

    /// A terminal asked to push now (F8): a back-off ends at once and its retry goes out; an alarm still
    /// stands, and a push already in flight stays the only one.
    public mutating func pushNowRequested() -> Action {
        guard case .backingOff(let until, _) = state else { return currentWait }
        return tick(now: until)
    }

    // MARK: - Rules

    /// The no-retry statuses of §4, each an alarm: 400, 401, 403, 413, 422.
    func refusal(_ reply: SyncReply) -> SyncAlarmKind? {
        switch reply.status {
        case 400: return .malformed
        case 401: return .refusedToken
        case 403: return .forbidden
        case 413: return .tooLarge
        case 422: return .badHash
        default: return nil
        }
    }

    /// The delay before the next attempt: `random(0, min(60 s, 250 ms · 2^attempt))`, never shorter
    /// than the server's `Retry-After`.
    public static func backoffDelay(attempt: Int, jitter: Double, retryAfter: Duration?) -> Duration {
        let ceiling = min(backoffCap, backoffBase * (1 << min(attempt, 16)))
        let jittered = ceiling * min(max(jitter, 0), 1)
        guard let retryAfter else { return jittered }
        return max(jittered, retryAfter)
    }

    private mutating func backOff(_ then: Retry, now: Duration, jitter: Double, retryAfter: Duration?) -> Action {
        let until = now + Self.backoffDelay(attempt: attempt, jitter: jitter, retryAfter: retryAfter)
        attempt += 1
        state = .backingOff(until: until, then: then)
        return .retry(at: until)
    }

    private mutating func stop(_ kind: SyncAlarmKind, _ detail: String) -> Action {
        state = .stopped(kind)
        return .raiseAlarm(kind, detail: detail)
    }

    private mutating func pushOrIdle() -> Action {
        if localHead > serverSeq {
            state = .pushing(afterSeq: serverSeq)
            return .push(afterSeq: serverSeq)
        }
        state = .idle
        return .wait
    }

    /// What the driver keeps doing when an input changes nothing.
    private var currentWait: Action {
        switch state {
        case .idle, .stopped, .initial: return .wait
        case .backingOff(let until, _): return .retry(at: until)
        case .checkingHead, .pushing, .acknowledging: return .none
        }
    }
}
