// `frontdesk verify`: SQLite's own checks, the schema against the migrations, then one pass over
// the ledger (chain, audit, the state it builds) and every business row compared with that state.
import FrontDeskLedger
import GRDB

extension FacilityStore {
    /// Checks the whole store in one read transaction (one snapshot, so a terminal committing
    /// meanwhile cannot make rows and ledger disagree):
    /// - integrity_check, foreign_key_check, the lookup index;
    /// - the schema and triggers are what the migrations make;
    /// - every ledger entry: seq 1..N with no gap, payload canonical with integers only, hash
    ///   recomputed, prev_hash linked, ids belonging here; its audit record matches it;
    /// - every row of every ledgered table equals the ledger's last row of that record, and every
    ///   record the ledger wrote is still there; number sequences stand where the ledger's rows
    ///   put them; the security log is numbered without gaps;
    /// - with `head`, that the chain still holds that seq with that hash (an anchor printed on a
    ///   Z-report or a close-of-day report: the only way to notice the last entries deleted, or
    ///   the whole chain rewritten).
    public func verify(head anchor: LedgerHead? = nil) throws -> VerifyReport {
        var report = VerifyReport()
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { for line in integrity { report.add(.integrity, line) } }
            let fkRows = try Row.fetchCursor(db, sql: "PRAGMA foreign_key_check")
            while let row = try fkRows.next() {
                report.add(.foreignKeys, "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "?")")
            }
            for problem in try lookupIndexProblems(db) {
                report.add(.lookupIndex, String(problem.dropFirst("lookup index: ".count)))
            }
            try Self.schemaProblems(db, report: &report)
            var replay = try LedgerReplay(tables: VerifyTables(db), db: db)
            try replay.run(db, identity: identity, report: &report)
            report.auditRecords = replay.audits
            try replay.compareTables(db, report: &report)
            try replay.issued.check(db, report: &report)
            try Self.identityProblems(db, identity: identity, report: &report)
            try Self.securityLogProblems(db, report: &report)
            try Self.accessLogProblems(db, report: &report)
            if let anchor { try Self.headProblems(anchor, db, report: &report) }
        }
        return report
    }

    /// The chain must still hold `anchor.seq` with a hash starting with `anchor.hash`.
    static func headProblems(_ anchor: LedgerHead, _ db: Database, report: inout VerifyReport) throws {
        guard let hash = try String.fetchOne(db, sql: "SELECT hash FROM ledger_entries WHERE seq = ?", arguments: [anchor.seq]) else {
            let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM ledger_entries") ?? 0
            report.add(.head, "the ledger no longer reaches seq \(anchor.seq) (its last entry is seq \(last)): entries were deleted")
            return
        }
        if !hash.hasPrefix(anchor.hash) {
            report.add(.head, "seq \(anchor.seq)'s hash is now \(hash.prefix(anchor.hash.count)), was \(anchor.hash): the ledger was rewritten")
        }
    }

    /// The lookup index against the patients it is derived from: one card per patient, one
    /// name-index row per card. A mismatch means lookups would miss someone: `frontdesk reindex`.
    func lookupIndexProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let missing = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM patients p WHERE p.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM patient_search s WHERE s.patient_id = p.patient_id)
            """) ?? 0
        if missing > 0 { problems.append("lookup index: \(missing) patient(s) have no card; run `frontdesk reindex`") }
        let cards = try Int.fetchOne(db, sql: "SELECT count(*) FROM patient_search") ?? 0
        let names = try Int.fetchOne(db, sql: "SELECT count(*) FROM patient_name_index") ?? 0
        if cards != names {
            problems.append("lookup index: \(cards) cards but \(names) name entries; run `frontdesk reindex`")
        }
        return problems
    }

    /// Builds the lookup index again from persons and patients; needs `facility.manage`. The
    /// index is derived data: nothing is ledgered, and lookups see the old index until it commits.
    public func rebuildLookupIndex(by actor: Actor) throws -> Int {
        try perform(.manageFacility, action: "rebuild the patient lookup index", by: actor) { tx in
            try PatientSearchIndex.rebuild(tx.db)
            return try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM patient_search") ?? 0
        }
    }
}
