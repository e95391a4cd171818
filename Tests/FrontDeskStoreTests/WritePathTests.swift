// The one write path: change, audit and ledger commit or roll back together; roles are enforced.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class WritePathTests: StoreTestCase {
    func testEveryChangeCommitsWithItsAuditRowAndLedgerEntryInOneTransaction() throws {
        let clerk = try signedIn(.receptionist)
        let before = try counts()
        let registered = try store.registerPatient(Self.patient("Ọlọ́wọ̀", "Adébáyọ̀"), by: clerk)
        let after = try counts()
        XCTAssertEqual(after["persons"]! - before["persons"]!, 1)
        XCTAssertEqual(after["patients"]! - before["patients"]!, 1)
        XCTAssertEqual(after["ledger_entries"]! - before["ledger_entries"]!, 1, "one entry carries the person and the patient")
        XCTAssertEqual(after["record_changes"]! - before["record_changes"]!, 2)

        try store.read { db in
            let entries = try Row.fetchAll(db, sql: "SELECT * FROM ledger_entries ORDER BY seq DESC LIMIT 1")
            XCTAssertEqual(entries.map { $0["kind"] as String }, ["patient.registered"])
            XCTAssertEqual(entries[0]["version"] as Int64, 2)
            XCTAssertEqual(entries[0]["actor_id"] as String?, clerk.userID)
            // The payload (version 2) carries the person's row, then the patient's; NULLs and the
            // stamps the entry implies are left out.
            let payload = try JSONValue.parse(entries[0]["payload"])
            guard case .array(let items)? = payload["rows"] else { return XCTFail("no rows in \(payload)") }
            XCTAssertEqual(items.map { $0["table"] }, ["persons", "patients"])
            let patientRow = items.last?["row"]
            XCTAssertEqual(patientRow?["mrn"]?.stringValue, registered.mrn)
            XCTAssertNil(patientRow?["deleted_at"])
            XCTAssertNil(patientRow?["created_at"])
            // Rebuilt through the one decoder, it is the stored row, NULLs and stamps included.
            let rebuilt = try LedgerRowChange.decode(seq: entries[0]["seq"], db, columns: LedgerColumns(db).callAsFunction)
            XCTAssertEqual(rebuilt?.last?.row["deleted_at"], .null)
            XCTAssertEqual(rebuilt?.last?.row["created_at"], .string(entries[0]["occurred_at"]))
            XCTAssertEqual(rebuilt?.last?.row["created_by"], clerk.userID.map(JSONValue.string))
            // The record index points at the entry, once per record; the audit record names the transaction's entries.
            let indexed = try Row.fetchAll(db, sql: "SELECT * FROM record_changes WHERE ledger_seq = ? ORDER BY table_name",
                                           arguments: [entries[0]["seq"] as Int64])
            XCTAssertEqual(indexed.map { $0["table_name"] as String }, ["patients", "persons"])
            XCTAssertEqual(indexed[0]["record_id"] as String, registered.patientID)
            let audit = try Row.fetchOne(db, sql: "SELECT * FROM audit_trail WHERE first_seq = ?", arguments: [entries[0]["seq"] as Int64])!
            XCTAssertEqual(audit["tx_id"] as String, entries[0]["tx_id"] as String)
            XCTAssertEqual(audit["last_seq"] as Int64, entries[0]["seq"] as Int64)
            XCTAssertEqual(audit["actor_user_id"] as String?, clerk.userID)
            XCTAssertEqual(audit["at"] as String, entries[0]["occurred_at"] as String)
        }
    }

    func testAFailureInsideTheTransactionLeavesNoBusinessAuditOrLedgerRow() throws {
        let clerk = try signedIn(.receptionist)
        let before = try counts()
        struct Injected: Error {}
        XCTAssertThrowsError(
            try store.perform(.registerPatient, action: "register patients", by: clerk) { tx in
                _ = try tx.nextNumber("mrn")
                try tx.insert(
                    Person(personID: Identifier.make(), firstName: "Half", lastName: "Written", middleName: nil,
                           dob: "2000-01-01", dobEstimated: false, sex: "male", phone: nil, email: nil, address: nil,
                           nationalID: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: nil, updatedBy: nil,
                           deletedAt: nil),
                    kind: PatientKind.patientRegistered)
                throw Injected()
            }
        ) { XCTAssertTrue($0 is Injected) }
        XCTAssertEqual(try counts(), before)
        // The MRN taken inside the rolled-back transaction is handed out again: no gap.
        let next = try store.registerPatient(Self.patient(), by: clerk)
        XCTAssertEqual(next.mrn, FacilityStore.mrn(for: 1))
        XCTAssertTrue(try store.verify().isClean)
    }

    func testATransactionLargerThanOnePushIsRefusedBeforeItCommits() throws {
        let clerk = try signedIn(.receptionist)
        let before = try counts()
        func people(_ count: Int) throws {
            try store.perform(.registerPatient, action: "register patients", by: clerk) { tx in
                for i in 0..<count {
                    try tx.insert(
                        Person(personID: Identifier.make(), firstName: "Bulk", lastName: "Row\(i)", middleName: nil,
                               dob: "2000-01-01", dobEstimated: false, sex: "male", phone: nil, email: nil, address: nil,
                               nationalID: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: nil, updatedBy: nil,
                               deletedAt: nil),
                        kind: PatientKind.patientRegistered)
                }
            }
        }
        // 501 entries could never travel: a push holds at most 500 and never splits a transaction.
        XCTAssertThrowsError(try people(501)) {
            XCTAssertEqual($0 as? StoreError, .transactionTooLarge(entries: 501, bytes: ($0 as? StoreError).flatMap {
                if case .transactionTooLarge(_, let bytes) = $0 { return bytes } else { return nil } } ?? 0))
            XCTAssertTrue("\($0)".contains("nothing was saved"), "\($0)")
        }
        XCTAssertEqual(try counts(), before)
        // Nor 1 MiB: fewer entries, each with a long text.
        XCTAssertThrowsError(try store.perform(.registerPatient, action: "register", by: clerk) { tx in
            for _ in 0..<300 {
                try tx.appendLedgerEntry(kind: PatientKind.patientRegistered,
                                         canonicalPayload: Array("{\"note\":\"\(String(repeating: "y", count: 4000))\"}".utf8))
            }
        }) { error in
            guard case .transactionTooLarge(let entries, let bytes)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertLessThan(entries, 300)
            XCTAssertGreaterThan(bytes, (1 << 20) - 5000)
        }
        XCTAssertEqual(try counts(), before)
        try people(500)  // exactly one push's worth commits
        XCTAssertTrue(try store.verify().isClean)
    }

    func testABatchWithOneBadRowWritesNothing() throws {
        let clerk = try signedIn(.receptionist)
        let before = try counts()
        XCTAssertThrowsError(
            try store.registerPatients([Self.patient(), Self.patient(dob: "2999-01-01")], by: clerk)
        ) { error in
            XCTAssertEqual(error as? StoreError, .invalid(ValidationError("date of birth", "is in the future")))
        }
        XCTAssertEqual(try counts(), before)
    }

    func testAnActionTheRoleMayNotTakeWritesNothing() throws {
        let cashier = try signedIn(.cashier)
        let before = try counts()
        XCTAssertThrowsError(try store.registerPatient(Self.patient(), by: cashier)) { error in
            XCTAssertEqual(error as? StoreError, .notPermitted(action: "register patients", role: "cashier"))
        }
        XCTAssertThrowsError(
            try store.addUser(NewUser(username: "sneaky", displayName: "Sneaky", role: .admin, password: "password-1"), by: cashier)
        ) { XCTAssertEqual($0 as? StoreError, .notPermitted(action: "add users", role: "cashier")) }
        XCTAssertEqual(try counts(), before)
    }

    func testADisabledUserCanNoLongerActEvenWithAnOpenSession() throws {
        let clerk = try signedIn(.receptionist)
        try store.disableUser(clerk.username, reason: "left the hospital", by: admin)
        XCTAssertThrowsError(try store.registerPatient(Self.patient(), by: clerk)) {
            XCTAssertEqual($0 as? StoreError, .notSignedIn)
        }
        XCTAssertThrowsError(try store.signIn(username: clerk.username, password: "pass-\(clerk.username)")) {
            XCTAssertEqual($0 as? StoreError, .accountDisabled)
        }
    }

    func testCredentialsNeverReachTheAuditOrTheLedger() throws {
        _ = try signedIn(.nurse)
        try store.resetPassword(of: "nurse1", to: "brand-new-pass", by: admin)
        try store.read { db in
            let hashes = try String.fetchAll(db, sql: "SELECT password_hash FROM users")
            let texts = try String.fetchAll(db, sql: "SELECT payload FROM ledger_entries")
                + String.fetchAll(db, sql: "SELECT action FROM audit_trail")
            for text in texts {
                XCTAssertFalse(text.contains("password_hash"))
                XCTAssertFalse(text.contains("failed_attempts"))
                for hash in hashes { XCTAssertFalse(text.contains(hash)) }
            }
            let kinds = try String.fetchAll(db, sql: """
                SELECT l.kind FROM record_changes r JOIN ledger_entries l ON l.seq = r.ledger_seq
                WHERE r.table_name = 'users' ORDER BY r.ledger_seq
                """)
            XCTAssertEqual(kinds, ["user.created", "user.created", "user.password_reset"])
        }
    }

    func testTheSystemWritesOnlyThroughItsOwnEntryPointAndTheTransactionStampsWhoAndWhen() throws {
        // `perform` always checks a permission: the system (no user) is refused there.
        XCTAssertThrowsError(try store.perform(.manageFacility, action: "set up", by: Actor.system) { _ in }) {
            XCTAssertEqual($0 as? StoreError, .notSignedIn)
        }
        let id = Identifier.make()
        try store.performAsSystem(action: "add a department") { tx in
            try tx.insert(Department(departmentID: id, facilityID: store.identity.facilityID, code: "SYS", name: "System",
                                     type: .ADMIN, active: true, createdAt: "caller's time", updatedAt: "caller's time",
                                     createdBy: "someone", updatedBy: "someone"),
                          kind: PlatformKind.departmentCreated)
        }
        try store.read { db in
            let row = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM departments WHERE department_id = ?", arguments: [id]))
            let entry = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM ledger_entries ORDER BY seq DESC LIMIT 1"))
            XCTAssertEqual(row["created_at"] as String, entry["occurred_at"] as String, "the transaction's time, not the caller's")
            XCTAssertEqual(row["updated_at"] as String, entry["occurred_at"] as String)
            XCTAssertNil(row["created_by"] as String?, "the system is no user")
            XCTAssertNil(row["updated_by"] as String?)
            let audit = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM audit_trail ORDER BY first_seq DESC LIMIT 1"))
            XCTAssertEqual(audit["action"] as String, "add a department")
            XCTAssertNil(audit["actor_user_id"] as String?)
        }
        XCTAssertTrue(try store.verify().isClean)
    }

    func testHistoryTablesRefuseUpdatesAndDeletes() throws {
        let raw = try rawConnection()
        for sql in [
            "UPDATE ledger_entries SET kind = 'x.y' WHERE seq = 1", "DELETE FROM ledger_entries WHERE seq = 1",
            "UPDATE audit_trail SET action = 'x'", "DELETE FROM audit_trail",
            "UPDATE record_changes SET record_id = 'x'", "DELETE FROM record_changes",
            "UPDATE security_log SET event = 'logout'", "DELETE FROM security_log",
        ] {
            XCTAssertThrowsError(try raw.write { try $0.execute(sql: sql) }, sql) { error in
                XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
            }
        }
    }

    func testTheWriterCommitsWithSynchronousFullInWALWithForeignKeys() throws {
        try store.pool.writeWithoutTransaction { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA synchronous"), 2)
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), 1)
        }
    }

    func testSyncBookkeepingLeavesTheWriterAtSynchronousFull() throws {
        // An acknowledgement commits with synchronous=NORMAL (the server can tell it again); business writes must not.
        let head = try store.ledgerHead()
        try store.acknowledge(seq: head.seq, hash: head.hash)
        try store.recordAgentHeartbeat()
        XCTAssertThrowsError(try store.acknowledge(seq: head.seq, hash: String(repeating: "f", count: 64)))
        XCTAssertEqual(try store.syncStatus().ackedSeq, head.seq)
        XCTAssertEqual(try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }, 2)
    }

    func testADiskFullErrorAbortsCleanlyWithAPlainMessage() throws {
        let clerk = try signedIn(.receptionist)
        let before = try counts()
        let pages = try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count")! }
        try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + 2)") }
        var generator = (0..<400).map { Self.patient("Patient\($0)", "Surname") }
        generator.shuffle()
        XCTAssertThrowsError(try store.registerPatients(generator, by: clerk)) { error in
            XCTAssertEqual(error as? StoreError, .storageFull)
            XCTAssertTrue("\(error)".contains("nothing was saved"))
        }
        try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
        XCTAssertEqual(try counts(), before)
        XCTAssertTrue(try store.verify().isClean)
    }

    func testMRNsAreGapFreeWithACheckDigit() throws {
        let clerk = try signedIn(.receptionist)
        let mrns = try store.registerPatients((0..<12).map { Self.patient("P\($0)", "Q") }, by: clerk).map(\.mrn)
        XCTAssertEqual(mrns, (1...12).map { FacilityStore.mrn(for: Int64($0)) })
        XCTAssertEqual(mrns[0], "MR00000018")
        for mrn in mrns { XCTAssertTrue(LuhnCheckDigit.isValid(String(mrn.dropFirst(2)))) }
    }
}
