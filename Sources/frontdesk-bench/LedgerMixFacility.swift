// The ledger mix's facility: made once (fees, services with doctors, an account per desk), reopened by later runs.
import Foundation
import FrontDeskCore
import FrontDeskStore
import GRDB

/// The accounts the mix writes as, signed in once per run.
struct MixStaff {
    static let password = "ledger-mix-1"
    static let supervisor = "mix.supervisor"
    /// Fee codes the cashier adds at the counter (laboratory and pharmacy items).
    static let counterFees = ["LAB-MAL", "LAB-FBC", "PHARM-PARA", "XRAY-CHEST"]

    let clerk: Actor
    let nurse: Actor
    let cashier: Actor
}

enum LedgerMixFacility {
    /// Opens the store at `path`, creating and setting it up first when it does not exist.
    static func openOrCreate(at path: String, clock: any Clock = SystemClock()) throws -> (FacilityStore, MixStaff) {
        let store: FacilityStore
        if FileManager.default.fileExists(atPath: path) {
            store = try FacilityStore.open(at: path, clock: clock)
        } else {
            store = try FacilityStore.create(
                at: path,
                NewFacility(name: "Ledger Mix Hospital", timezone: "Africa/Nairobi", currency: "KES", adminUsername: "admin",
                            adminPassword: MixStaff.password), clock: clock)
            try setUp(store)
        }
        let staff = MixStaff(clerk: try store.signIn(username: "mix.clerk", password: MixStaff.password),
                             nurse: try store.signIn(username: "mix.nurse", password: MixStaff.password),
                             cashier: try store.signIn(username: "mix.cashier", password: MixStaff.password))
        return (store, staff)
    }

    /// Fees, four services (three with a consultation fee), a doctor each, and the desks' accounts.
    private static func setUp(_ store: FacilityStore) throws {
        let admin = try store.signIn(username: "admin", password: MixStaff.password)
        try store.setPhoneCountryCode("254", by: admin)
        let from = try store.localNow().day.adding(days: -1)
        let fees: [(String, String, Int64)] = [
            ("CONSULT", "Consultation", 50_000), ("CONSULT-SPEC", "Specialist consultation", 150_000),
            (FacilityStore.registrationFeeCode, "Registration", 20_000), ("LAB-MAL", "Malaria test", 40_000),
            ("LAB-FBC", "Full blood count", 80_000), ("PHARM-PARA", "Paracetamol 500 mg x 20", 15_000),
            ("XRAY-CHEST", "Chest X-ray", 250_000),
        ]
        for (code, name, amount) in fees { try store.setFee(code: code, name: name, amountMinor: amount, from: from, by: admin) }
        for (code, name, fee) in [("GEN", "General Outpatient", "CONSULT"), ("PAED", "Paediatrics", "CONSULT"),
                                  ("CARD", "Cardiology", "CONSULT-SPEC"), ("ER", "Emergency", nil)] {
            try store.queue.addService(code: code, name: name, feeCode: fee, by: admin)
            _ = try store.queue.addDoctor(name: "Dr. \(name) One", serviceCode: code, room: code, by: admin)
        }
        for (username, role) in [("mix.clerk", Role.receptionist), ("mix.nurse", .nurse), ("mix.cashier", .cashier),
                                 (MixStaff.supervisor, .supervisor)] {
            try store.addUser(NewUser(username: username, displayName: "Mix \(username.dropFirst(4))", role: role,
                                      password: MixStaff.password), by: admin)
        }
    }

    /// The ledger's entry count, and its entries by kind (most first).
    static func ledgerMix(path: String) throws -> (total: Int, byKind: [(String, Int)]) {
        let queue = try DatabaseQueue(path: path, configuration: readOnly())
        return try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM ledger_entries GROUP BY kind ORDER BY n DESC, kind")
            let byKind = rows.map { (row: Row) in (row["kind"] as String, row["n"] as Int) }
            return (byKind.reduce(0) { $0 + $1.1 }, byKind)
        }
    }

    /// When the ledger's last entry happened (nil for a store not made yet).
    static func lastOccurred(path: String) throws -> Date? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let queue = try DatabaseQueue(path: path, configuration: readOnly())
        let text = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT occurred_at FROM ledger_entries ORDER BY seq DESC LIMIT 1")
        }
        return text.flatMap { Timestamp.date($0) }
    }

    /// The patients already registered (a resumed run checks them in too), at most `limit`.
    static func patientIDs(path: String, limit: Int) throws -> [String] {
        let queue = try DatabaseQueue(path: path, configuration: readOnly())
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT patient_id FROM patients WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT ?",
                                arguments: [limit])
        }
    }

    static func readOnly() -> Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return configuration
    }
}


/// The mix's clock: it starts in the past and moves on a few seconds a step, so that a store's visits spread
/// over days as a real facility's do (each day's queue stays a day's size, and a backlog is a week of work).
final class MixClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: Double) { lock.withLock { current += seconds } }
}
