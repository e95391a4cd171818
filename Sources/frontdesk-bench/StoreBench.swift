// `frontdesk-bench store`: commit latency of a business change against a bare fsync-ed commit.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore
import GRDB

struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Commit latency (median, p99) of registering a patient, beside a bare SQLite commit; bulk throughput.")

    @Option(help: "Folder for the benchmark files (same disk as the real store, ideally).") var dir: String = NSTemporaryDirectory()
    @Option(help: "Single-change commits to time, for each of the two series.") var commits: Int = 2000
    @Option(help: "Patients to register in bulk (batches of 1,000).") var bulk: Int = 50_000

    func run() throws {
        let folder = dir + "/frontdesk-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let bare = try BareStore(path: folder + "/bare.sqlite")
        let store = try FacilityStore.create(
            at: folder + "/bench.sqlite",
            NewFacility(name: "Bench Hospital", timezone: "UTC", currency: "USD", adminUsername: "admin",
                        adminPassword: "bench-admin-1"))
        let admin = try store.signIn(username: "admin", password: "bench-admin-1")
        try store.addUser(NewUser(username: "clerk", displayName: "Clerk", role: .receptionist, password: "bench-clerk-1"), by: admin)
        let clerk = try store.signIn(username: "clerk", password: "bench-clerk-1")
        var generator = DemoPatientGenerator(seed: 7)
        for _ in 0..<50 { try store.registerPatient(generator.next(), by: clerk) }  // warm-up

        // Interleaved, so that both series see the same disk and the same background noise.
        var business: [Double] = []
        var floor: [Double] = []
        for i in 0..<commits {
            floor.append(try bare.commitOneRow(i))
            let patient = generator.next()
            business.append(try timed { try store.registerPatient(patient, by: clerk) })
        }
        try bare.close()
        let floorSummary = LatencySummary(floor)
        let businessSummary = LatencySummary(business)

        var bulkSeconds = 0.0
        var done = 0
        while done < bulk {
            let batch = (0..<min(FacilityStore.registrationBatchLimit, bulk - done)).map { _ in generator.next() }
            bulkSeconds += try timed { _ = try store.registerPatients(batch, by: clerk) }
            done += batch.count
        }
        let verifySeconds = try timed { let clean = try store.verify().isClean; precondition(clean, "verify failed") }
        let size = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0

        print("store benchmark  (WAL, synchronous=FULL, \(folder))")
        print("  bare SQLite commit (1 row, fsync) : \(floorSummary.text)")
        print("  register patient (2 rows + 1 ledger entry + 2 record-index rows + 1 audit record + lookup card and name index, one commit): \(businessSummary.text)")
        print(String(format: "  p99 ratio business / bare        : %.2f  (target ≤ 2.00)", businessSummary.p99 / floorSummary.p99))
        print(String(format: "  median ratio business / bare     : %.2f", businessSummary.median / floorSummary.median))
        print(String(format: "  bulk import: %d patients in %.2f s = %.0f patients/s (%.0f ledger entries/s)",
                     bulk, bulkSeconds, Double(bulk) / bulkSeconds, Double(bulk) / bulkSeconds))
        print(String(format: "  verify of %lld entries: %.2f s;  store size %.1f MB",
                     try store.ledgerHead().seq, verifySeconds, Double(size) / 1e6))
    }
}

/// The floor: a bare SQLite file, same pragmas, same disk, one tiny row per transaction.
struct BareStore {
    let pool: DatabasePool

    init(path: String) throws {
        pool = try DatabasePool(path: path)
        // Set on the writer after opening: the pool would reset it to NORMAL otherwise.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)") }
        for i in 0..<50 { _ = try commitOneRow(-i) }
    }

    /// Seconds one fsync-ed commit of one row took.
    func commitOneRow(_ i: Int) throws -> Double {
        try timed {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT INTO t (v) VALUES (?)", arguments: ["row \(i)"])
                    return .commit
                }
            }
        }
    }

    func close() throws { try pool.close() }
}
