// `verify` finds tampering: an edited payload, a deleted entry, two swapped entries.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class VerifyTests: StoreTestCase {
    /// Registers patients so the ledger has some length, then opens the file as a tamperer would.
    func tamperer() throws -> DatabaseQueue {
        let clerk = try signedIn(.receptionist)
        _ = try store.registerPatients((0..<10).map { Self.patient("P\($0)", "Q") }, by: clerk)
        XCTAssertTrue(try store.verify().isClean)
        let raw = try rawConnection()
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
        }
        return raw
    }

    func testAnEditedPayloadIsNamed() throws {
        let raw = try tamperer()
        try raw.write { db in
            try db.execute(sql: "UPDATE ledger_entries SET payload = replace(payload, 'P3', 'P9') WHERE payload LIKE '%\"P3\"%'")
        }
        let seq = try raw.read { try Int64.fetchOne($0, sql: "SELECT seq FROM ledger_entries WHERE payload LIKE '%\"P9\"%' ORDER BY seq") }
        let report = try store.verify()
        XCTAssertFalse(report.isClean)
        XCTAssertNotNil(seq)
        XCTAssertEqual(report.firstBadSeq, seq)
    }

    func testADeletedEntryIsNamed() throws {
        let raw = try tamperer()
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DELETE FROM ledger_entries WHERE seq = 17")
        }
        let report = try store.verify()
        XCTAssertEqual(report.firstBadSeq, 17)
        XCTAssertTrue(report.problems.contains { $0.contains("seq 17: missing") }, "\(report.problems)")
    }

    func testTwoSwappedEntriesAreNamed() throws {
        let raw = try tamperer()
        try raw.write { db in
            let columns = "entry_id, tx_id, kind, version, occurred_at, actor_id, payload, prev_hash, hash"
            let a = try Row.fetchOne(db, sql: "SELECT \(columns) FROM ledger_entries WHERE seq = 15")!
            let b = try Row.fetchOne(db, sql: "SELECT \(columns) FROM ledger_entries WHERE seq = 16")!
            try db.execute(sql: "UPDATE ledger_entries SET entry_id = upper(entry_id) WHERE seq IN (15, 16)")
            for (seq, row) in [(15, b), (16, a)] {
                try db.execute(
                    sql: """
                        UPDATE ledger_entries SET entry_id = ?, tx_id = ?, kind = ?, version = ?, occurred_at = ?,
                          actor_id = ?, payload = ?, prev_hash = ?, hash = ? WHERE seq = ?
                        """,
                    arguments: StatementArguments(Array(row.databaseValues)) + [seq])
            }
        }
        XCTAssertEqual(try store.verify().firstBadSeq, 15)
    }

    func testAPayloadRewrittenInNonCanonicalFormIsNamed() throws {
        let raw = try tamperer()
        try raw.write { db in
            try db.execute(sql: "UPDATE ledger_entries SET payload = replace(payload, '\"row\":', '\"row\": ') WHERE seq = 12")
        }
        let report = try store.verify()
        XCTAssertEqual(report.firstBadSeq, 12)
    }
}
