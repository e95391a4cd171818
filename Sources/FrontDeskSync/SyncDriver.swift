// The thin driver around SyncMachine: reads the store, talks HTTP, writes acknowledgements, sleeps.
import Foundation
import FrontDeskLedger
import FrontDeskStore
import Logging

/// Runs a `SyncMachine` against one store and one server. Everything it decides comes from the
/// machine; the driver only does what each action says, in order: after a 200 it writes the
/// acknowledgement (its own local transaction) before anything else. It notices commits through
/// `PRAGMA data_version` (`ChangeWatcher`), polled every 100 ms, and gives a heartbeat every few
/// seconds (on its lock file, not a commit) so that terminals can tell it is alive.
public final class SyncDriver {
    /// How `runOnce` ended.
    public enum Outcome: Equatable, Sendable {
        /// Everything up to the local head is acknowledged.
        case upToDate(ackedSeq: Int64)
        /// The machine stopped on an alarm (now or before this run).
        case alarm(SyncAlarmKind, detail: String)
        /// The server could not be reached before the time ran out.
        case offline(lastError: String)
        /// No server or token is set up.
        case notConfigured
    }

    let store: FacilityStore
    let transport: any SyncTransport
    let logger: Logger
    /// The jitter of each backoff, in [0, 1).
    let random: () -> Double
    public private(set) var machine = SyncMachine()
    private let origin = ContinuousClock.now
    private var lastHeartbeat: Duration = .zero
    private var lastError = "no reply yet"
    /// The batch after the last one pushed, being read while that push was on the wire.
    private var prefetch: BodyPrefetch?
    private var cachedConfiguration: (configuration: SyncConfiguration, readAt: Duration)?
    public var pollInterval: Duration = .milliseconds(100)
    public var heartbeatInterval: Duration = .seconds(5)

    public init(store: FacilityStore, transport: any SyncTransport, logger: Logger,
                random: @escaping () -> Double = { Double.random(in: 0..<1) }) {
        self.store = store
        self.transport = transport
        self.logger = logger
        self.random = random
    }

    /// Time on the driver's monotonic clock (never the wall clock: order and timing ignore it).
    var now: Duration { origin.duration(to: .now) }

    /// Pushes what is waiting and returns when everything is acknowledged, the machine stops on an
    /// alarm, or `timeout` passes without getting there (offline).
    public func runOnce(timeout: Duration) throws -> Outcome {
        let status = try store.syncStatus()
        if let alarm = status.alarm { return .alarm(SyncAlarmKind(rawValue: status.alarmKind ?? "") ?? .divergence, detail: alarm) }
        guard try store.syncConfiguration() != nil else { return .notConfigured }
        let deadline = now + timeout
        var action = machine.start(localHead: status.localHead, acked: status.ackedSeq)
        while true {
            action = try perform(action)
            switch action {
            case .wait:
                // A stopped machine waits too, once its alarm is recorded (`perform` wrote it).
                if let alarm = machine.alarm { return .alarm(alarm, detail: lastError) }
                // Idle: done if nothing was committed meanwhile, else push that too.
                let head = try store.ledgerHead().seq
                if head <= machine.acked { return .upToDate(ackedSeq: machine.acked) }
                action = machine.localHeadChanged(head)
                if action == .wait {
                    return .offline(lastError: "the acknowledgement stands at \(machine.acked), below the local head \(head)")
                }
            case .retry(let at):
                if at > deadline { return .offline(lastError: lastError) }
                sleep(until: at)
                action = machine.tick(now: now)
            case .none:
                // Nothing is in flight in a driver that waits for each reply: the machine and the driver disagree.
                return .offline(lastError: "the sync machine waits for a reply no request was sent for")
            case .requestHead, .push, .acknowledge, .raiseAlarm:
                continue
            }
        }
    }

    /// The long-running agent: pushes each commit within a poll interval while online, backs off
    /// while offline, and after an alarm waits for an administrator to clear it. Returns when
    /// `shouldStop` says so (a signal), between steps, never inside a store write.
    public func run(shouldStop: () -> Bool) throws {
        let watcher = try store.changeWatcher()
        var action: SyncMachine.Action? = nil  // nil: (re)start from the store's state
        while !shouldStop() {
            do {
                guard let current = action else {
                    action = try restart()
                    continue
                }
                action = try step(current, watcher: watcher)
            } catch {
                // The store was busy or failing (disk full…): nothing half-done survives a step, so
                // pause and start over from what the store says, rather than die.
                logger.error("sync step failed; starting over in a second",
                             metadata: ["error": "\(StoreError.sentence(for: error))"].merging(ids) { $1 })
                try? store.recordSyncError("agent: \(StoreError.sentence(for: error))", offline: false)
                Thread.sleep(forTimeInterval: 1)
                action = nil
            }
        }
        logger.info("sync agent stopping", metadata: ids)
    }

    /// One turn of the agent's loop: does an action, or waits a poll interval for a commit, a
    /// backoff's end, or an alarm cleared.
    private func step(_ action: SyncMachine.Action, watcher: ChangeWatcher) throws -> SyncMachine.Action {
        switch action {
        case .requestHead, .push, .acknowledge, .raiseAlarm:
            return try perform(action)
        case .wait, .retry, .none:
            break
        }
        Thread.sleep(forTimeInterval: Self.seconds(pollInterval))
        if now - lastHeartbeat >= heartbeatInterval { heartbeat() }
        var next = action
        if SyncFiles.takePushRequest(storePath: store.path) {
            logger.info("a terminal asked to push now", metadata: ids)
            next = machine.pushNowRequested()
            if case .retry = next {} else { return next }
        }
        if watcher.hasChanged() {
            if machine.alarm != nil || machine.state == .initial {
                // Stopped (an alarm, or no server set up): only an administrator's change restarts it.
                if try store.syncStatus().alarm == nil, try store.syncConfiguration() != nil {
                    logger.info("sync alarm cleared or server set up; checking the server's head", metadata: ids)
                    return try restart()
                }
                return action
            }
            next = machine.localHeadChanged(try store.ledgerHead().seq)
        }
        if case .retry = next { next = machine.tick(now: now) }
        return next
    }

    /// Starts the machine from the store's state; a stored alarm keeps it stopped (waiting for a clear).
    private func restart() throws -> SyncMachine.Action {
        let status = try store.syncStatus()
        if let alarm = status.alarm {
            logger.warning("sync alarm stands; nothing is pushed until an administrator clears it",
                           metadata: ["alarm": "\(alarm)"])
            machine = SyncMachine()
            return .wait
        }
        guard try store.syncConfiguration() != nil else {
            logger.warning("no central server is set up; waiting for `frontdesk sync setup`")
            machine = SyncMachine()
            return .wait
        }
        machine = SyncMachine()
        return machine.start(localHead: status.localHead, acked: status.ackedSeq)
    }

    /// Does one action and feeds its outcome back; returns the machine's next action.
    func perform(_ action: SyncMachine.Action) throws -> SyncMachine.Action {
        switch action {
        case .requestHead: return try requestHead()
        case .push(let after): return try push(after: after)
        case .acknowledge(let seq, let hash): return try acknowledge(seq: seq, hash: hash)
        case .raiseAlarm(let kind, let detail):
            lastError = "\(kind.rawValue): \(detail)"
            logger.error("sync alarm", metadata: ["alarm": "\(kind.rawValue)", "detail": "\(detail)"] .merging(ids) { $1 })
            try store.recordSyncAlarm(kind, detail: "\(kind.rawValue): \(detail)")
            return .wait
        case .wait, .retry, .none:
            return action
        }
    }

    private var ids: Logger.Metadata {
        ["facility": "\(store.identity.facilityID)", "store": "\(store.identity.storeID)"]
    }

    /// The server and token, read again when a second has passed: reading them (a file and a row) was
    /// a sixtieth of each push while catching up, and a change made by `frontdesk sync setup` is in use
    /// within the second.
    private func configuration() throws -> SyncConfiguration {
        if let cached = cachedConfiguration, now - cached.readAt < .seconds(1) { return cached.configuration }
        guard let configuration = try store.syncConfiguration() else { throw SyncStoreError.notConfigured }
        cachedConfiguration = (configuration, now)
        return configuration
    }

    private func requestHead() throws -> SyncMachine.Action {
        let server = try configuration()
        let reply: SyncReply
        do {
            try trust(server)
            reply = try transport.head(storeID: store.identity.storeID, server: server.serverURL, token: server.token)
        } catch let error as SyncNetworkError {
            return try offline("head: \(error.description)") { machine.networkError(now: now, jitter: random()) }
        }
        guard reply.status == 200, let seq = reply.lastSeq, let hash = reply.lastHash else {
            logger.warning("head refused", metadata: ["reply": "\(reply.summary)"].merging(ids) { $1 })
            let next = machine.headFailed(reply, now: now, jitter: random())
            if case .retry = next { try recordOffline("head: \(reply.summary)") }
            lastError = "head: \(reply.summary)"
            return next
        }
        logger.info("head", metadata: ["server_seq": "\(seq)"].merging(ids) { $1 })
        try store.recordSyncReply("head \(seq):\(hash.prefix(12))")
        return machine.headReply(serverSeq: seq, serverHash: hash, localHashAtServerSeq: try store.localHash(at: seq))
    }

    private func push(after: Int64) throws -> SyncMachine.Action {
        let server = try configuration()
        let prefetched = prefetch.flatMap { $0.after == after ? $0.body() : nil }
        prefetch = nil
        guard let body = try prefetched ?? store.pushBody(after: after) else { return machine.nothingToPush() }
        prefetch = BodyPrefetch(store: store, after: body.lastSeq)
        let range = "\(body.firstSeq)..\(body.lastSeq)"
        let started = now
        let reply: SyncReply
        do {
            try trust(server)
            reply = try transport.push(body: body.bytes, server: server.serverURL, token: server.token)
        } catch let error as SyncNetworkError {
            logger.warning("push failed", metadata: ["seqs": "\(range)", "error": "\(error.description)"].merging(ids) { $1 })
            return try offline("push \(range): \(error.description)") { machine.networkError(now: now, jitter: random()) }
        }
        let elapsed = now - started
        let metadata: Logger.Metadata = [
            "seqs": "\(range)", "entries": "\(body.entries)", "bytes": "\(body.bytes.count)",
            "status": "\(reply.status)", "ms": "\(Int(Self.seconds(elapsed) * 1000))",
        ]
        if reply.status == 200 { logger.info("push", metadata: metadata.merging(ids) { $1 }) }
        else { logger.warning("push refused", metadata: metadata.merging(["reply": "\(reply.summary)"]) { $1 }.merging(ids) { $1 }) }
        let next = machine.pushReply(reply, now: now, jitter: random())
        if reply.status != 200 {
            lastError = "push \(range): \(reply.summary)"
            if case .retry = next { try recordOffline(lastError) }
            else if reply.status == 409 { try store.recordSyncError(lastError, offline: false) }
        }
        return next
    }

    private func acknowledge(seq: Int64, hash: String) throws -> SyncMachine.Action {
        do {
            try store.acknowledge(seq: seq, hash: hash, reply: "200 acked \(seq)")
        } catch let error as SyncStoreError {
            if case .acknowledgementBackwards = error { return machine.acknowledged(seq: seq) }
            return machine.acknowledgeFailed(mismatch: true, detail: error.description, now: now, jitter: random())
        } catch {
            lastError = "acknowledge \(seq): \(StoreError.sentence(for: error))"
            logger.warning("acknowledgement not written", metadata: ["error": "\(lastError)"].merging(ids) { $1 })
            return machine.acknowledgeFailed(mismatch: false, detail: lastError, now: now, jitter: random())
        }
        lastHeartbeat = now
        return machine.acknowledged(seq: seq)
    }

    /// The certificates the set-up trusts, handed to the transport; ones it cannot use are a failure
    /// that backs off like the network's (fixed by `frontdesk sync setup --ca-file` or `--system-trust`).
    private func trust(_ server: SyncConfiguration) throws {
        do { try transport.trust(server.trustedCertificates) } catch {
            throw SyncNetworkError("the trusted certificates in \(SyncFiles.trustPath(forStore: store.path)): \(error)")
        }
    }

    /// A failure that backs off: recorded as offline, then the machine's next action.
    private func offline(_ text: String, _ next: () -> SyncMachine.Action) throws -> SyncMachine.Action {
        lastError = text
        try recordOffline(text)
        return next()
    }

    private func recordOffline(_ text: String) throws {
        do { try store.recordSyncError(text, offline: true) } catch { logger.warning("sync state not written: \(StoreError.sentence(for: error))") }
    }

    private func heartbeat() {
        lastHeartbeat = now
        do { try store.recordAgentHeartbeat() } catch { logger.warning("heartbeat not written: \(StoreError.sentence(for: error))") }
    }

    private func sleep(until instant: Duration) {
        let remaining = instant - now
        guard remaining > .zero else { return }
        Thread.sleep(forTimeInterval: Self.seconds(remaining))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
