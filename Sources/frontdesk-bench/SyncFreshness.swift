// `frontdesk-bench sync-freshness`: commits at a front desk's pace while a sync agent runs; commit → acknowledged latency.
import ArgumentParser
import Foundation
import FrontDeskDemo
import FrontDeskStore
import GRDB

/// Makes `--commits` commits of the ledger mix, arriving at random (exponential gaps) at `--per-second` on
/// average, on a store whose `frontdesk sync run` is already running, and watches `sync_state.acked_seq` on a
/// read-only connection every 2 ms: each commit's latency is from its return to the first sight of an
/// acknowledgement covering its last entry.
struct SyncFreshness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-freshness",
        abstract: "Commit → acknowledged latency (median, p99) while `frontdesk sync run` pushes the store.")

    @Option(help: "A ledger-mix store, set up for sync, its agent running.") var db: String
    @Option(help: "Commits to make.") var commits: Int = 1000
    @Option(help: "Average commits per second (a busy facility: 5 to 20).") var perSecond: Double = 10
    @Option(help: "Seconds to wait for the last acknowledgement.") var timeout: Double = 60
    @Option var seed: UInt64 = 77

    func run() throws {
        let (store, staff) = try LedgerMixFacility.openOrCreate(at: db)
        let engine = try LedgerMixEngine(store: store, staff: staff, seed: seed)
        let watcher = try AckWatcher(path: db, storeID: store.identity.storeID)
        let thread = Thread { watcher.watch() }
        thread.start()
        var random = SeededRandom(seed: seed)
        var made: [(seq: Int64, at: UInt64)] = []
        var due = Self.now()
        while made.count < commits {
            // Exponential gaps (arrivals at random), never more than 4 average gaps apart.
            let gap = min(-log(1 - Double.random(in: 0..<1, using: &random)), 4) / perSecond
            due += UInt64(gap * 1e9)
            let now = Self.now()
            if due > now { usleep(UInt32((due - now) / 1000)) }
            let before = engine.commits.values.reduce(0, +)
            while engine.commits.values.reduce(0, +) == before { try engine.step() }
            made.append((try store.ledgerHead().seq, Self.now()))
        }
        let last = made.last?.seq ?? 0
        let deadline = Self.now() + UInt64(timeout * 1e9)
        while watcher.acked() < last, Self.now() < deadline { usleep(10_000) }
        watcher.stop()
        let seen = watcher.sightings()
        var latencies: [Double] = []
        var unacked = 0
        for commit in made {
            // The first sighting of an acknowledgement at or past this commit's last entry.
            guard let sight = seen.first(where: { $0.seq >= commit.seq }) else { unacked += 1; continue }
            latencies.append(Double(sight.at > commit.at ? sight.at - commit.at : 0) / 1e9)
        }
        let summary = LatencySummary(latencies)
        let worst = (latencies.max() ?? 0) * 1000
        print(String(format: "commit -> acknowledged: %@  max %.1f ms  (%d commits at %.1f/s average, last seq %lld, %d never acknowledged)",
                     summary.text, worst, made.count, perSecond, last, unacked))
        print(String(format: "RESULT median_ms=%.3f p99_ms=%.3f max_ms=%.3f commits=%d unacked=%d", summary.median, summary.p99, worst,
                     made.count, unacked))
        try store.close()
        if unacked > 0 { throw ExitCode(1) }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}

/// Polls `sync_state.acked_seq` on its own read-only connection and notes when each new value was first seen.
final class AckWatcher: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let storeID: String
    private let lock = NSLock()
    private var seen: [(seq: Int64, at: UInt64)] = []
    private var stopped = false

    init(path: String, storeID: String) throws {
        queue = try DatabaseQueue(path: path, configuration: LedgerMixFacility.readOnly())
        self.storeID = storeID
    }

    func watch() {
        while !lock.withLock({ stopped }) {
            let seq = (try? queue.read { db in
                try Int64.fetchOne(db, sql: "SELECT acked_seq FROM sync_state WHERE store_id = ?", arguments: [storeID])
            }) ?? nil
            let at = SyncFreshness.now()
            if let seq {
                lock.withLock { if seq > (seen.last?.seq ?? -1) { seen.append((seq, at)) } }
            }
            usleep(2_000)
        }
    }

    func acked() -> Int64 { lock.withLock { seen.last?.seq ?? 0 } }
    func sightings() -> [(seq: Int64, at: UInt64)] { lock.withLock { seen } }
    func stop() { lock.withLock { stopped = true } }
}
