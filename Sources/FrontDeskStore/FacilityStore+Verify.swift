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
}
