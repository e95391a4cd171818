// `frontdesk verify`: SQLite's own checks, then the ledger chain from seq 1.
import FrontDeskLedger
import GRDB

/// The outcome of a full check of a store.
public struct VerifyReport: Sendable {
    public var problems: [String] = []
    public var ledgerEntries: Int64 = 0
    /// The first ledger seq found bad, if any.
    public var firstBadSeq: Int64?
    public var isClean: Bool { problems.isEmpty }
}

extension FacilityStore {
    /// Runs integrity_check, foreign_key_check, and checks every ledger entry: seq 1..N with no
    /// gap, payload in canonical form, hash recomputed, prev_hash linked, ids belonging here.
    public func verify() throws -> VerifyReport {
        var report = VerifyReport()
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { report.problems += integrity.prefix(10).map { "integrity: \($0)" } }
            let fkRows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for row in fkRows.prefix(10) {
                report.problems.append("foreign key: \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "?")")
            }
            report.problems += try lookupIndexProblems(db)
        }
        var checker = ChainChecker(facilityID: identity.facilityID, storeID: identity.storeID)
        do {
            try forEachLedgerEntry { entry, storedPayload in
                if case .string = entry.payload, (try? JSONValue.parse(storedPayload)) == nil {
                    throw ChainFault.unreadablePayload(seq: entry.seq, reason: "not JSON")
                }
                let canonical = (try? CanonicalJSON.bytes(entry.payload)) ?? []
                try checker.check(entry, canonicalPayload: canonical)
                if !canonical.elementsEqual(storedPayload.utf8) {
                    throw ChainFault.nonCanonicalPayload(seq: entry.seq)
                }
            }
        } catch let fault as ChainFault {
            report.firstBadSeq = fault.seq
            report.problems.append("ledger: \(fault.description)")
        }
        report.ledgerEntries = checker.lastGoodSeq
        return report
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
