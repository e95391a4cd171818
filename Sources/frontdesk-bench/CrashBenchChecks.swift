// The crash harness's checks after a round: every acknowledged commit is in the store exactly once, numbers
// the store promises gap-free are, no legacy id is imported twice, and each account committed no more
// transactions than it acknowledged plus one per kill.
import Foundation
import GRDB

/// What went wrong, by kind, with a line for each.
struct CrashFailure {
    enum Kind: String, CaseIterable { case verify, lost, duplicate, gap, worker }
    let kind: Kind
    let round: Int
    let text: String
}

/// Reads the store (read-only) and the workers' acknowledgements; collects failures and figures.
final class CrashChecker {
    let db: DatabaseQueue
    private(set) var failures: [CrashFailure] = []
    private(set) var acknowledged: [String: Int] = [:]
    private(set) var refusals = 0
    /// Commits found beyond the acknowledged ones: made, then killed before the worker could log them.
    private(set) var unacknowledged = 0
    private(set) var importsFinished = 0
    private(set) var importsResumed = 0
    private var importAcked: [String: Int] = [:]
    private var round = 0

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        db = try DatabaseQueue(path: path, configuration: configuration)
    }

    func fail(_ kind: CrashFailure.Kind, _ text: String) {
        failures.append(CrashFailure(kind: kind, round: round, text: text))
        print("  round \(round): FAILED (\(kind.rawValue)) \(text)")
        fflush(nil)
    }

    func lastSeq() throws -> Int64 { try db.read { try Int64.fetchOne($0, sql: "SELECT coalesce(max(seq), 0) FROM ledger_entries") ?? 0 } }

    /// Checks one worker's new lines; returns how many transactions they account for (least, most).
    func check(_ lines: [[String]], of slot: CrashSlot, round: Int) throws -> (least: Int, most: Int) {
        self.round = round
        var least = 0, most = 0
        try db.read { db in
            func one<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments) throws -> T? {
                try T.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
            }
            for f in lines {
                let op = f[0]
                let what = "\(slot.name) \(f.joined(separator: " "))"
                switch op {
                case "refused": refusals += 1; continue
                case "error": fail(.worker, what); continue
                case "impstart": if f.count > 2, f[2] != "new" { importsResumed += 1 }; continue
                case "impdone": try checkImportDone(f, slot: slot, what: what, db: db); continue
                case "imp":
                    least += Int(f[3]) ?? 1
                    most += Int(f[4]) ?? 1
                    let key = "\(slot.index):\(f[1])"
                    importAcked[key] = max(importAcked[key] ?? 0, Int(f[2]) ?? 0)
                    let stored: Int = try one("SELECT count(*) FROM patients WHERE legacy_id LIKE ?",
                                              [CrashSetup.legacyPrefix(worker: slot.index, job: Int(f[1]) ?? 0) + "%"]) ?? 0
                    if stored < Int(f[2]) ?? 0 { fail(.lost, "\(what): \(stored) rows of the job stored") }
                default:
                    least += 1
                    most += 1
                }
                acknowledged[op, default: 0] += 1
                switch op {
                case "imp": break  // checked above
                case "reg":
                    let mrn: String? = try one("SELECT mrn FROM patients WHERE patient_id = ?", [f[1]])
                    if mrn != f[2] { fail(.lost, "\(what): stored MRN \(mrn ?? "none")") }
                    let copies: Int = try one("SELECT count(*) FROM patients WHERE mrn = ?", [f[2]]) ?? 0
                    if copies > 1 { fail(.duplicate, "\(what): \(copies) patients have this MRN") }
                case "chk":
                    let token: Int? = try one("SELECT token_number FROM queue_entries WHERE entry_id = ?", [f[1]])
                    if token != Int(f[4]) { fail(.lost, "\(what): stored token \(token.map(String.init) ?? "none")") }
                    let copies: Int = try one("SELECT count(*) FROM queue_entries WHERE service_id = ? AND day = ? AND token_number = ?",
                                              [f[2], f[3], Int(f[4])]) ?? 0
                    if copies > 1 { fail(.duplicate, "\(what): \(copies) entries have this token") }
                case "call", "start", "finish", "left":
                    let status: String? = try one("SELECT status FROM queue_entries WHERE entry_id = ?", [f[1]])
                    let rank = ["checked_in": 0, "called": 1, "in_consultation": 2]
                    let needed = ["call": 1, "start": 2, "finish": 3, "left": 3][op]!
                    let final = ["finish": "done", "left": "left"][op]
                    if status == nil || (rank[status!] ?? 3) < needed || (final != nil && status != final) {
                        fail(.lost, "\(what): the entry is \(status ?? "missing")")
                    }
                case "book":
                    if try one("SELECT 1 FROM appointments WHERE appointment_id = ?", [f[1]]) as Int? == nil { fail(.lost, what) }
                    let over: Int = try one("""
                        SELECT count(*) FROM (SELECT 1 FROM appointments WHERE doctor_id = ? AND day = ? AND status <> 'cancelled'
                        GROUP BY start_minute HAVING count(*) > 2)
                        """, [f[2], f[3]]) ?? 0
                    if over > 0 { fail(.duplicate, "\(what): \(over) slot(s) of that day booked beyond capacity") }
                case "cancel":
                    let status: String? = try one("SELECT status FROM appointments WHERE appointment_id = ?", [f[1]])
                    if status != "cancelled" { fail(.lost, "\(what): the appointment is \(status ?? "missing")") }
                case "charge":
                    if try one("SELECT 1 FROM charges WHERE charge_id = ?", [f[1]]) as Int? == nil { fail(.lost, what) }
                case "draft":
                    if try one("SELECT 1 FROM invoices WHERE invoice_id = ?", [f[1]]) as Int? == nil { fail(.lost, what) }
                case "issue":
                    let number: String? = try one("SELECT number FROM invoices WHERE invoice_id = ?", [f[1]])
                    if number != f[2] { fail(.lost, "\(what): stored number \(number ?? "none")") }
                case "pay", "refund":
                    let row = try Row.fetchOne(db, sql: "SELECT receipt_number, kind, refund_of FROM payments WHERE payment_id = ?",
                                               arguments: [f[1]])
                    let expected = op == "pay" ? "payment" : "refund"
                    if row?["receipt_number"] != f[2] || row?["kind"] != expected || (op == "refund" && row?["refund_of"] != f[3]) {
                        fail(.lost, "\(what): stored \(row.map { "\($0)" } ?? "nothing")")
                    }
                case "open":
                    let number: Int? = try one("SELECT number FROM cashier_shifts WHERE shift_id = ?", [f[1]])
                    if number != Int(f[2]) { fail(.lost, "\(what): stored number \(number.map(String.init) ?? "none")") }
                case "close":
                    let status: String? = try one("SELECT status FROM cashier_shifts WHERE shift_id = ?", [f[1]])
                    if status != "closed" { fail(.lost, "\(what): the shift is \(status ?? "missing")") }
                default:
                    fail(.worker, "\(what): an acknowledgement the harness does not know")
                }
            }
        }
        return (least, most)
    }

    /// A finished import: every row of the job stored exactly once; a re-run skipped what the killed run committed.
    private func checkImportDone(_ f: [String], slot: CrashSlot, what: String, db: Database) throws {
        importsFinished += 1
        let rows = Int(f[2]) ?? -1, imported = Int(f[3]) ?? -1, already = Int(f[4]) ?? -1
        let prefix = CrashSetup.legacyPrefix(worker: slot.index, job: Int(f[1]) ?? 0)
        let counts = try Row.fetchOne(db, sql: "SELECT count(*), count(DISTINCT legacy_id) FROM patients WHERE legacy_id LIKE ?",
                                      arguments: [prefix + "%"])!
        let stored: Int = counts[0], distinct: Int = counts[1]
        if stored != rows || distinct != rows { fail(stored > rows ? .duplicate : .lost, "\(what): \(stored) rows stored, \(distinct) distinct") }
        if rows != ImportDesk.rows || imported + already != rows {
            fail(.lost, "\(what): the import read \(rows) rows, imported \(imported), found \(already) already there")
        }
        if let before = Int(f[5]), already < before || already > before + ImportDesk.batch {
            fail(.duplicate, "\(what): the killed run acknowledged \(before) rows but the re-run found \(already) already there")
        }
    }

    /// Each account's transactions since `seq` against what its worker acknowledged (one unlogged per kill).
    func checkTransactions(since seq: Int64, bounds: [String: (least: Int, most: Int)]) throws {
        let counts = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT actor_id, count(DISTINCT tx_id) FROM ledger_entries WHERE seq > ? GROUP BY actor_id",
                             arguments: [seq]).map { ($0[0] as String? ?? "nobody", $0[1] as Int) }
        }
        var found = Dictionary(uniqueKeysWithValues: counts)
        for (user, bound) in bounds {
            let made = found.removeValue(forKey: user) ?? 0
            if made < bound.least { fail(.lost, "account \(user): \(made) transactions in the ledger, \(bound.least) acknowledged") }
            if made > bound.most { fail(.duplicate, "account \(user): \(made) transactions in the ledger, at most \(bound.most) possible") }
            unacknowledged += max(0, made - bound.least)
        }
        for (user, made) in found { fail(.duplicate, "\(made) transactions by \(user), whom no worker signed in as") }
    }

    /// The store's promises over everything written so far.
    func checkStore() throws {
        try db.read { db in
            func sequence(_ name: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT last_value FROM number_sequences WHERE name = ?", arguments: [name]) ?? 0 }
            let mrnTaken = try Int.fetchOne(db, sql: "SELECT coalesce(sum(last_value), 0) FROM number_sequences WHERE name = 'mrn' OR name LIKE 'mrn-%'") ?? 0
            for (what, sql, taken) in [
                ("MRNs", "SELECT count(*), count(DISTINCT mrn) FROM patients", mrnTaken),
                ("invoice numbers", "SELECT count(number), count(DISTINCT number) FROM invoices", try sequence("invoice")),
                ("receipt numbers", "SELECT count(*), count(DISTINCT receipt_number) FROM payments", try sequence("receipt")),
                ("shift numbers", "SELECT count(*), count(DISTINCT number) FROM cashier_shifts", try sequence("shift")),
            ] {
                let row = try Row.fetchOne(db, sql: sql)!
                let rows: Int = row[0], distinct: Int = row[1]
                if rows != taken || distinct != rows { fail(rows > distinct ? .duplicate : .gap, "\(what): \(rows) stored, \(distinct) distinct, \(taken) taken from the sequence") }
            }
            let taken = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, last_value FROM number_sequences WHERE name LIKE 'token:%'")
                .map { ($0[0] as String, $0[1] as Int) })
            for row in try Row.fetchAll(db, sql: """
                SELECT 'token:' || s.code || ':' || q.day, count(*), count(DISTINCT q.token_number), max(q.token_number)
                FROM queue_entries q JOIN services s ON s.service_id = q.service_id GROUP BY 1
                """) {
                let name: String = row[0], rows: Int = row[1], distinct: Int = row[2], top: Int = row[3]
                if rows != distinct || top != rows || taken[name] != rows {
                    fail(rows > distinct ? .duplicate : .gap, "tokens \(name): \(rows) entries, \(distinct) distinct, highest \(top), sequence at \(taken[name] ?? 0)")
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT legacy_id, count(*) FROM patients WHERE legacy_id IS NOT NULL GROUP BY legacy_id HAVING count(*) > 1 LIMIT 5
                """) {
                fail(.duplicate, "legacy id \(row[0] as String) imported \(row[1] as Int) times")
            }
        }
    }
}
