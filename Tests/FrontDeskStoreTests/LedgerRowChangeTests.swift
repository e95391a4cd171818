// Payload version 2: every row is rebuilt from the ledger alone through the one decoder, a store
// of version-1 entries still verifies, and tampering with a stamp or a NULL is still named.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class LedgerRowChangeTests: PatientDeskTestCase {
    /// Registers, edits and merges patients, with NULLs, stamps that differ from the entry
    /// (an edit keeps created_*), and a row written by the system.
    private func busyDay() throws -> (a: RegisteredPatient, b: RegisteredPatient) {
        var amina = NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")
        amina.allergies = [NewAllergy(substance: "Penicillin")]
        amina.contacts = [NewContact(kind: .nextOfKin, name: "Chidi Okafor", relationship: "brother")]
        let a = try store.registerPatient(amina, by: clerk)
        clock.advance(60)
        var okafur = NewPatient(firstName: "Amina", lastName: "Okafur", sex: "female", dob: "1990-04-12")
        okafur.email = "amina@example.com"
        okafur.bloodType = "O+"
        let b = try store.registerPatient(okafur, by: clerk)
        clock.advance(60)
        amina.middleName = "Ngozi"
        amina.phone = "+254711000002"
        amina.allergies = []
        amina.contacts = []
        try store.updatePatient(a.patientID, with: amina, by: supervisor)
        clock.advance(60)
        try store.mergePatients(survivor: a.patientID, merged: b.patientID, reason: "same person", by: supervisor)
        return (a, b)
    }

    /// Every ledgered table's rows as the ledger alone rebuilds them: each entry in seq order,
    /// decoded, the last row per record kept.
    private func rebuiltFromLedger(_ db: Database) throws -> [String: [String: [String: JSONValue]]] {
        let tables = try VerifyTables(db)
        let columns = { (name: String) in tables.byName[name].map { tables.tables[$0].columns } }
        var rebuilt: [String: [String: [String: JSONValue]]] = [:]
        let entries = try Row.fetchCursor(db, sql: "SELECT version, payload, occurred_at, actor_id, seq FROM ledger_entries ORDER BY seq")
        while let entry = try entries.next() {
            let rows = LedgerRowChange.decode(version: entry[0], payload: try JSONValue.parse(entry[1] as String),
                                              occurredAt: entry[2], actorID: entry[3], columns: columns)
            XCTAssertNotNil(rows, "seq \(entry[4] as Int64) is a row change")
            for change in rows ?? [] {
                let table = tables.tables[tables.byName[change.table]!]
                rebuilt[change.table, default: [:]][change.row[table.keyColumn]!.stringValue!] = change.row
            }
        }
        return rebuilt
    }

    /// Every ledgered table's stored rows, as JSON values (NULL as null).
    private func storedRows(_ db: Database) throws -> [String: [String: [String: JSONValue]]] {
        var out: [String: [String: [String: JSONValue]]] = [:]
        for table in try VerifyTables(db).tables {
            let rows = try Row.fetchAll(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
            for row in rows {
                var values: [String: JSONValue] = [:]
                for (n, column) in table.columns.enumerated() { values[column] = StoredRowEncoder.value(row[n]) }
                out[table.name, default: [:]][values[table.keyColumn]!.stringValue!] = values
            }
        }
        return out
    }

    func testEveryRowIsRebuiltFromTheLedgerAloneNullsAndStampsIncluded() throws {
        let (a, b) = try busyDay()
        try store.read { db in
            let versions = try Int64.fetchAll(db, sql: "SELECT DISTINCT version FROM ledger_entries")
            XCTAssertEqual(versions, [2], "a new store writes version 2 only")
            let rebuilt = try rebuiltFromLedger(db)
            let stored = try storedRows(db)
            XCTAssertEqual(rebuilt.keys.sorted(), stored.keys.filter { !(stored[$0]?.isEmpty ?? true) }.sorted())
            for (table, rows) in stored {
                for (key, row) in rows { XCTAssertEqual(rebuilt[table]?[key], row, "\(table) \(key)") }
            }
            // The cases the implied values must get right.
            let person = try XCTUnwrap(rebuilt["persons"]?.values.first { $0["last_name"] == "Okafor" })
            XCTAssertEqual(person["middle_name"], "Ngozi")
            XCTAssertEqual(person["national_id"], .null)
            XCTAssertNotEqual(person["created_at"], person["updated_at"], "an edit keeps the row's created_at")
            XCTAssertEqual(person["created_by"], clerk.userID.map(JSONValue.string))
            XCTAssertEqual(person["updated_by"], supervisor.userID.map(JSONValue.string))
            XCTAssertEqual(rebuilt["patients"]?[b.patientID]?["merged_into"], .string(a.patientID))
            XCTAssertEqual(rebuilt["facilities"]?.values.first?["created_by"], .null, "written by the system")
        }
        XCTAssertTrue(try store.verify().isClean)
    }

    func testAChangedStampOrANullSetToAValueIsNamed() throws {
        let (a, _) = try busyDay()
        let raw = try DatabaseQueue(path: store.path)
        try raw.write { db in
            try db.execute(sql: "UPDATE patients SET updated_at = '2026-01-01T00:00:00.000Z', legacy_id = 'L-1' WHERE patient_id = ?",
                           arguments: [a.patientID])
            try db.execute(sql: "UPDATE persons SET created_by = NULL WHERE last_name = 'Okafor'")
        }
        try raw.close()
        let problems = try store.verify().problems
        for column in ["updated_at is \"2026-01-01T00:00:00.000Z\" in the table", "legacy_id is \"L-1\" in the table, null in the ledger",
                       "created_by is null in the table"] {
            XCTAssertTrue(problems.contains { $0.contains(column) }, "\(column) not in \(problems)")
        }
    }

    func testAVersion2PayloadWithAValueAddedIsNamed() throws {
        _ = try busyDay()
        let raw = try DatabaseQueue(path: store.path)
        try LedgerV1Writer.rewrite(raw) { entry in
            // A forger adds a column to a registration's person row (never edited since) and rehashes the chain.
            entry.kind == "patient.registered" && entry.payload.contains("Okafur")
                ? entry.payload.replacingOccurrences(of: #""last_name":"Okafur""#, with: #""last_name":"Okafur","middle_name":"X""#)
                : nil
        }
        try raw.close()
        let problems = try store.verify().problems
        XCTAssertTrue(problems.contains { $0.contains("middle_name is null in the table, \"X\" in the ledger") }, "\(problems)")
    }

    func testAStoreOfVersion1EntriesStillVerifiesAndReadsTheSame() throws {
        let (a, _) = try busyDay()
        let trail = try store.auditPatient(mrn: a.mrn, by: admin).changes
        let path = store.path
        try store.close()
        let raw = try DatabaseQueue(path: path)
        try LedgerV1Writer.toVersion1(raw)
        try raw.read { db in
            XCTAssertEqual(try Int64.fetchAll(db, sql: "SELECT DISTINCT version FROM ledger_entries"), [1])
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entries WHERE kind = 'person.created'"), 2)
        }
        try raw.close()
        store = try FacilityStore.open(at: path, clock: clock)
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
        try store.read { db in
            let stored = try storedRows(db)
            let rebuilt = try rebuiltFromLedger(db)
            for (table, rows) in stored {
                for (key, row) in rows { XCTAssertEqual(rebuilt[table]?[key], row, "\(table) \(key)") }
            }
        }
        // The trail reads the same (a registration's person row is person.created in both), but for the seqs.
        let v1Trail = try store.auditPatient(mrn: a.mrn, by: admin).changes
        XCTAssertEqual(v1Trail.map(\.columns), trail.map(\.columns))
        XCTAssertEqual(v1Trail.map(\.table), trail.map(\.table))
        XCTAssertEqual(v1Trail.map(\.kind), trail.map(\.kind))
        XCTAssertEqual(v1Trail.map(\.created), trail.map(\.created))
        XCTAssertEqual(v1Trail.map(\.occurredAt), trail.map(\.occurredAt))
        XCTAssertTrue(trail.contains { $0.kind == "person.created" && $0.table == "persons" })
        // A version-1 row edited in the ledger (chain rehashed) is still named.
        let raw2 = try DatabaseQueue(path: path)
        try LedgerV1Writer.rewrite(raw2) { entry in
            entry.kind == "person.created"
                ? entry.payload.replacingOccurrences(of: #""email":"amina@example.com""#, with: #""email":"x@example.com""#) : nil
        }
        try raw2.close()
        let problems = try store.verify().problems
        XCTAssertTrue(problems.contains { $0.contains("email is \"amina@example.com\" in the table, \"x@example.com\" in the ledger") },
                      "\(problems)")
        // New writes on the old store are version 2, and it still verifies.
        _ = try store.registerPatient(NewPatient(firstName: "Other", lastName: "Person", sex: "male", dob: "1980-01-01"), by: clerk)
        XCTAssertEqual(try store.read { try Int64.fetchOne($0, sql: "SELECT version FROM ledger_entries ORDER BY seq DESC LIMIT 1") }, 2)
    }
}
