// SQLite's constraint failures reach people as sentences: every unique key named, no SQL ever.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class ConstraintMessageTests: StoreTestCase {
    /// What no message may contain: GRDB's description of a failed statement, or SQL.
    static let rawMarkers = ["SQLite error", "while executing", "constraint failed", "INSERT", "UPDATE", "SELECT"]

    func assertPlain(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        for marker in Self.rawMarkers {
            XCTAssertFalse(text.contains(marker), "'\(marker)' in: \(text)", file: file, line: line)
        }
    }

    func testAReusedMRNIsRefusedWithASentence() throws {
        let clerk = try signedIn(.receptionist)
        _ = try store.registerPatient(Self.patient(), by: clerk)
        // The MRN sequence set back by hand (the reproduction): the next MRN is taken already.
        try rawConnection().write { try $0.execute(sql: "UPDATE number_sequences SET last_value = 0 WHERE name LIKE 'mrn%'") }
        XCTAssertThrowsError(try store.registerPatient(Self.patient("Baraka", "Otieno", dob: "1985-01-02"), by: clerk)) { error in
            XCTAssertEqual(error as? StoreError, .refusedByStore(reason: "That MRN is already in use"))
            XCTAssertEqual("\(error)", "That MRN is already in use; nothing was saved.")
            self.assertPlain("\(error)")
        }
    }

    /// Runs `sql` on the store's writer and returns what a person would read.
    private func failure(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> (StoreError?, String) {
        do {
            try store.pool.write { try $0.execute(sql: sql) }
            XCTFail("no failure: \(sql)", file: file, line: line)
            return (nil, "")
        } catch {
            let sentence = StoreError.sentence(for: error)
            assertPlain(sentence, file: file, line: line)
            return (StoreError.translating(error) as? StoreError, sentence)
        }
    }

    func testEveryKindOfConstraintFailureIsASentence() throws {
        let userID = try store.read { try String.fetchOne($0, sql: "SELECT user_id FROM users LIMIT 1")! }
        let cases: [(String, String)] = [
            ("INSERT INTO users SELECT '\(Identifier.make())', 'ADMIN', display_name, role_id, department_id, password_hash, 1, 0, NULL, NULL, password_changed_at, NULL, created_at, updated_at, NULL, NULL FROM users WHERE user_id = '\(userID)'",
             "That username is already taken; nothing was saved."),
            ("UPDATE users SET failed_attempts = 9", "A value breaks one of the store's rules; nothing was saved."),
            ("INSERT INTO holidays (day, name, created_at, updated_at) VALUES ('2026-12-25', NULL, 'x', 'x')",
             "A required value (name) is missing; nothing was saved."),
            ("INSERT INTO charges (charge_id, patient_id, code, description, quantity, unit_amount_minor, amount_minor, currency, source, posted_at, created_at, updated_at) VALUES ('c', 'no-such-patient', 'X', 'x', 1, 1, 1, 'KES', 'counter', 'x', 'x', 'x')",
             "This refers to a record that is not in the store (removed, merged, or never saved); nothing was saved."),
            ("DELETE FROM security_log",
             "The ledger, the stock ledger, the audit log and the security log can only be added to, never changed; nothing was saved."),
            ("INSERT INTO holidays (day, name, created_at, updated_at) VALUES (1, 2, 3, 4)",
             "A value breaks one of the store's rules; nothing was saved."),
        ]
        for (sql, expected) in cases {
            let (error, sentence) = failure(sql)
            XCTAssertNotNil(error, sql)
            XCTAssertEqual(sentence, expected, sql)
        }
        let (error, sentence) = failure("SELECT * FROM no_such_table")
        XCTAssertEqual(error, .unexpected(code: 1))
        XCTAssertTrue(sentence.hasPrefix("The store could not do this (error code 1)"), sentence)
    }

    func testAFeeCodeFromTheSameDayIsNamed() throws {
        try store.setFee(code: "XRAY", name: "X-ray", amountMinor: 100, from: CalendarDay("2026-01-01")!, by: admin)
        let (_, sentence) = failure("""
            INSERT INTO fee_schedule (fee_id, code, name, amount_minor, effective_from, created_at, updated_at)
            VALUES ('\(Identifier.make())', 'XRAY', 'X-ray', 1, '2026-01-01', 'x', 'x')
            """)
        XCTAssertEqual(sentence, "That fee code already has a rate from that day; nothing was saved.")
    }

    /// Every UNIQUE constraint, unique index and primary key of the schema, as SQLite names it in
    /// "UNIQUE constraint failed: …", has its own sentence: a new one in a migration must be named too.
    func testEveryUniqueKeyOfTheSchemaHasASentence() throws {
        let keys: [String] = try store.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                  AND name NOT LIKE 'grdb_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%_index_%'
                """)
            var keys: [String] = []
            for table in tables {
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin FROM pragma_index_list(?)", arguments: [table])
                where (index["unique"] as Int) == 1 {
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                                                      arguments: [index["name"] as String])
                    let origin: String = index["origin"]
                    // A primary key of a random identifier cannot collide in practice; the rest must be named.
                    if origin == "pk", columns.count == 1, columns[0].hasSuffix("_id") || columns[0] == "name" || columns[0] == "key" {
                        continue
                    }
                    keys.append(columns.map { "\(table).\($0)" }.joined(separator: ", "))
                }
            }
            return keys
        }
        XCTAssertGreaterThan(keys.count, 20, "\(keys)")
        let unnamed = keys.filter { ConstraintFailure.uniqueKeys[$0] == nil }
        XCTAssertEqual(unnamed, [], "name these in ConstraintFailure.uniqueKeys")
    }

    func testTheCLIsOneLineNeverShowsGRDBsDescription() throws {
        do {
            try store.pool.write { try $0.execute(sql: "UPDATE ledger_entries SET kind = 'x.y'") }
        } catch {
            XCTAssertTrue("\(error)".contains("SQLite error"), "GRDB's own description is what must not be shown")
            assertPlain(StoreError.sentence(for: error))
        }
    }
}
