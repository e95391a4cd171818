// `verify` catches what a tamperer with the file does behind the ledger's back: rows edited,
// added or deleted, sequences reset, triggers dropped, audit and security logs rewritten.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class VerifyTamperingTests: QueueDeskTestCase {
    /// A store with a patient, an appointment and a walk-in (MRN and token sequences, a charge).
    private func seeded() throws -> (patient: String, appointment: Appointment) {
        let amina = try patient()
        let booked = try book(amina, with: kamau, at: "09:00")
        try walkIn(try patient("Neema", "Mushi"))
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
        return (amina, booked)
    }

    /// Runs `sql` on a connection of its own, as a tamperer with the file would.
    private func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        let raw = try DatabaseQueue(path: store.path)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: sql, arguments: arguments)
        }
        try raw.close()
    }

    /// The problems of one check, asserting there is at least one.
    private func problems(_ check: VerifyCheck, head: LedgerHead? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let report = try store.verify(head: head)
        XCTAssertFalse(report.isClean, "verify said OK", file: file, line: line)
        let found = report.groups.first { $0.check == check }?.problems ?? []
        XCTAssertFalse(found.isEmpty, "no \(check.rawValue) problem in \(report.problems)", file: file, line: line)
        return found
    }

    private func assertNamed(_ found: [String], _ parts: String..., file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(found.contains { problem in parts.allSatisfy(problem.contains) }, "none of \(found) says \(parts)", file: file, line: line)
    }

    // MARK: - Rows against the ledger

    func testARoleRaisedBehindTheLedgerIsNamed() throws {
        _ = try seeded()
        try tamper("UPDATE users SET role_id = 'admin' WHERE username = 'clerk1'")
        assertNamed(try problems(.state), "users \(clerk.userID!)", "role_id is \"admin\" in the table, \"receptionist\" in the ledger")
    }

    func testAFeeAmountChangedBehindTheLedgerIsNamed() throws {
        _ = try seeded()
        try tamper("UPDATE fee_schedule SET amount_minor = 1 WHERE code = 'CONSULT'")
        assertNamed(try problems(.state), "fee_schedule", "amount_minor is 1 in the table, \(Self.consultFee) in the ledger")
    }

    func testAPatientsNameChangedBehindTheLedgerIsNamed() throws {
        let (amina, _) = try seeded()
        try tamper("UPDATE persons SET first_name = 'Mallory' WHERE person_id = (SELECT person_id FROM patients WHERE patient_id = ?)", [amina])
        assertNamed(try problems(.state), "persons", "first_name is \"Mallory\" in the table, \"Amina\" in the ledger")
    }

    func testADeletedAppointmentIsNamed() throws {
        let (_, booked) = try seeded()
        try tamper("DELETE FROM appointments WHERE appointment_id = ?", [booked.appointmentID])
        assertNamed(try problems(.state), "appointments \(booked.appointmentID)", "not in the table")
    }

    func testARowWithNoLedgerEntryIsNamed() throws {
        _ = try seeded()
        try tamper("""
            INSERT INTO fee_schedule (fee_id, code, name, amount_minor, effective_from, created_at, updated_at)
            VALUES ('0191aaaa-0000-7000-8000-000000000001', 'FREE', 'Free', 0, '2026-01-01', 'x', 'x')
            """)
        assertNamed(try problems(.state), "fee_schedule 0191aaaa-0000-7000-8000-000000000001", "no ledger entry")
    }

    func testTheFacilitysCurrencyChangedBehindTheLedgerIsNamed() throws {
        _ = try seeded()
        try tamper("UPDATE facilities SET currency = 'USD'")
        assertNamed(try problems(.state), "facilities", "currency is \"USD\" in the table, \"KES\" in the ledger")
    }

    func testCredentialColumnsAreNotComparedButEverythingElseOfAUserIs() throws {
        _ = try seeded()
        try tamper("UPDATE users SET failed_attempts = 3, last_login_at = 'x'")
        XCTAssertTrue(try store.verify().isClean, "sign-in bookkeeping is not ledgered")
    }

    // MARK: - Number sequences

    func testAResetMRNSequenceIsNamed() throws {
        _ = try seeded()
        try tamper("UPDATE number_sequences SET last_value = 0 WHERE name = 'mrn'")
        assertNamed(try problems(.sequences), "mrn stands at 0", "issued up to 2", "would repeat")
    }

    func testAResetTokenSequenceAndAnAddedOneAreNamed() throws {
        _ = try seeded()
        try tamper("UPDATE number_sequences SET last_value = 5 WHERE name = 'token:CARD:2026-11-22'")
        try tamper("INSERT INTO number_sequences (name, last_value) VALUES ('receipt', 7)")
        let found = try problems(.sequences)
        assertNamed(found, "token:CARD:2026-11-22 stands at 5", "only up to 1", "skipped")
        assertNamed(found, "receipt stands at 7", "no ledgered record")
    }

    func testAnMRNIssuedUnderAnEarlierFormatStillReads() throws {
        try patient()
        try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5), by: admin)
        try patient("Neema", "Mushi")
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
        XCTAssertEqual(report.sequencesChecked, 2)
    }

    // MARK: - Schema and triggers

    func testADroppedTriggerAnAddedIndexAndAChangedTriggerAreNamed() throws {
        _ = try seeded()
        try tamper("DROP TRIGGER ledger_entries_no_delete")
        try tamper("CREATE INDEX sneaky ON persons(first_name)")
        try tamper("""
            DROP TRIGGER audit_trail_no_update;
            CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;
            """)
        let found = try problems(.schema)
        assertNamed(found, "trigger ledger_entries_no_delete is missing")
        assertNamed(found, "index sneaky was added")
        assertNamed(found, "trigger audit_trail_no_update differs", "WHEN 0")
    }

    // MARK: - Audit and security logs

    func testAnEditedAuditRecordIsNamed() throws {
        _ = try seeded()
        // The audit keeps no copy of the row: what can be edited is where it points.
        try tamper("DROP TRIGGER record_changes_no_update")
        try tamper("""
            UPDATE record_changes SET record_id = 'nobody' WHERE table_name = 'persons'
              AND ledger_seq = (SELECT seq FROM ledger_entries WHERE kind = 'patient.registered' AND payload LIKE '%Neema%')
            """)
        let found = try problems(.audit)
        assertNamed(found, "record_changes row (persons nobody)", "not a change of that record")
        assertNamed(found, "persons", "no audit record in record_changes")
    }

    func testADeletedAuditRecordAndAForgedActorAreNamed() throws {
        _ = try seeded()
        try tamper("DROP TRIGGER record_changes_no_delete; DROP TRIGGER audit_trail_no_update")
        let last = try store.read { try Int64.fetchOne($0, sql: "SELECT max(ledger_seq) FROM record_changes")! }
        try tamper("DELETE FROM record_changes WHERE ledger_seq = ?", [last])
        try tamper("UPDATE audit_trail SET actor_user_id = ? WHERE ? BETWEEN first_seq AND last_seq", [admin.userID, last - 1])
        let found = try problems(.audit)
        assertNamed(found, "seq \(last)", "no audit record")
        assertNamed(found, "seq \(last - 1)", "actor is \"\(admin.userID!)\"")
    }

    func testAGapInTheSecurityLogIsNamed() throws {
        _ = try seeded()
        try tamper("DROP TRIGGER security_log_no_delete")
        try tamper("DELETE FROM security_log WHERE event_id IN (2, 3)")
        assertNamed(try problems(.securityLog), "events 2–3 are missing")
    }

    // MARK: - The head anchor

    func testTheHeadOfAnUntouchedStoreIsFound() throws {
        _ = try seeded()
        let head = try store.currentLedgerHead()
        let anchor = try XCTUnwrap(LedgerHead.parse(head.anchor).head)
        XCTAssertEqual(anchor.hash.count, 12)
        let report = try store.verify(head: anchor)
        XCTAssertTrue(report.isClean, "\(report.problems)")
        XCTAssertEqual(report.head, head)
        XCTAssertNotNil(LedgerHead.parse("\(head.seq):\(head.hash.prefix(11))").reason, "11 hex digits are refused")
    }

    func testTheLastEntriesDeletedAreCaughtByTheHead() throws {
        _ = try seeded()
        let anchor = try XCTUnwrap(LedgerHead.parse(try store.currentLedgerHead().anchor).head)
        try tamper("DROP TRIGGER ledger_entries_no_delete")
        try tamper("DELETE FROM ledger_entries WHERE seq > ?", [anchor.seq - 3])
        assertNamed(try problems(.head, head: anchor), "no longer reaches seq \(anchor.seq)", "last entry is seq \(anchor.seq - 3)")
    }

    func testAChainRewrittenWholeIsCaughtOnlyByTheHead() throws {
        _ = try seeded()
        let anchor = try XCTUnwrap(LedgerHead.parse(try store.currentLedgerHead().anchor).head)
        // A perfect forgery: the nurse's name changed in the table, the ledger and the audit, every
        // hash from there on recomputed and relinked.
        let raw = try DatabaseQueue(path: store.path)
        try raw.writeWithoutTransaction { db in
            // The triggers are dropped for the forgery and put back exactly as they were.
            let triggers = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master WHERE name IN ('ledger_entries_no_update')
                """)
            try db.execute(sql: "DROP TRIGGER ledger_entries_no_update")
            try db.execute(sql: "UPDATE users SET display_name = 'Forged Nurse' WHERE username = 'nurse1'")
            let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM ledger_entries WHERE kind = 'user.created' AND payload LIKE '%nurse1%'")!
            try db.execute(sql: "UPDATE ledger_entries SET payload = replace(payload, 'Test Nurse', 'Forged Nurse') WHERE seq = ?", arguments: [seq])
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM ledger_entries WHERE seq = ?", arguments: [seq - 1])!
            for row in try Row.fetchAll(db, sql: "SELECT * FROM ledger_entries WHERE seq >= ? ORDER BY seq", arguments: [seq]) {
                let entry = try LedgerEntry(
                    seq: row["seq"], entryID: row["entry_id"], facilityID: row["facility_id"], storeID: row["store_id"],
                    txID: row["tx_id"], kind: row["kind"], version: row["version"], occurredAt: row["occurred_at"],
                    actorID: row["actor_id"], payload: JSONValue.parse(row["payload"]), prevHash: previous
                ).sealed()
                try db.execute(sql: "UPDATE ledger_entries SET prev_hash = ?, hash = ? WHERE seq = ?",
                               arguments: [entry.prevHash, entry.hash, entry.seq])
                previous = entry.hash
            }
            for sql in triggers { try db.execute(sql: sql) }
        }
        try raw.close()
        let forged = try store.verify()
        XCTAssertTrue(forged.isClean, "without an anchor the forgery is consistent: \(forged.problems)")
        let found = try problems(.head, head: anchor)
        assertNamed(found, "seq \(anchor.seq)'s hash is now", "was \(anchor.hash)")
    }

    // MARK: - Payload numbers (protocol §1)

    func testPayloadNumbersBeyondTheProtocolAreNamedAsSuch() throws {
        _ = try seeded()
        try tamper("DROP TRIGGER ledger_entries_no_update")
        try tamper("UPDATE ledger_entries SET payload = replace(payload, '\"amount_minor\":100000', '\"amount_minor\":9007199254740993') WHERE kind = 'fee.set'")
        let seq = try store.read { try Int64.fetchOne($0, sql: "SELECT seq FROM ledger_entries WHERE payload LIKE '%9007199254740993%'")! }
        let big = try store.verify()
        XCTAssertEqual(big.firstBadSeq, seq)
        assertNamed(big.problems, "ledger: seq \(seq): payload holds the integer 9007199254740993, outside ±2^53")
        try tamper("UPDATE ledger_entries SET payload = replace(payload, '9007199254740993', '1000.5') WHERE seq = ?", [seq])
        assertNamed(try store.verify().problems, "ledger: seq \(seq): payload holds the number 1000.5, which is not an integer")
    }

    // MARK: - The report

    func testProblemsAreCappedPerCheckAndTheRestCounted() throws {
        _ = try patients(10)
        try tamper("UPDATE persons SET address = 'Nowhere'")
        try tamper("UPDATE patients SET blood_type = 'O+'")
        try tamper("UPDATE persons SET email = 'x@y.z'")
        let report = try store.verify()
        let state = try XCTUnwrap(report.groups.first { $0.check == .state })
        XCTAssertEqual(state.problems.count, VerifyReport.keptPerCheck)
        XCTAssertEqual(state.more, 30 - VerifyReport.keptPerCheck)
    }

    func testAColumnALaterMigrationAddedMatchesARowLedgeredBeforeIt() throws {
        let table = VerifyTables.Table(name: "patients", keyColumn: "patient_id", columns: ["patient_id", "status"], keyIndex: 0,
                                       defaults: ["status": "active", "patient_id": .null])
        XCTAssertTrue(LedgerReplay.differences(["patient_id": "a", "status": "active"], ["patient_id": "a"], table: table).isEmpty)
        XCTAssertEqual(LedgerReplay.differences(["patient_id": "a", "status": "deceased"], ["patient_id": "a"], table: table).map(\.column),
                       ["status"])
    }
}
