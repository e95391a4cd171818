// Opening a store: owner-only files, the FrontDesk mark, read-only opening that writes nothing,
// stores from older and newer FrontDesks, and files that are not stores left byte for byte.
import Crypto
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class StoreOpeningTests: StoreTestCase {
    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
    }

    private func digest(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    private func raw(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction(body)
        try queue.close()
    }

    func testStoreFilesAreOwnerOnly() throws {
        try store.setIdleLockMinutes(7, by: admin)  // a write, so the -wal and -shm exist
        XCTAssertEqual(try mode(store.path), 0o600)
        XCTAssertEqual(try mode(store.path + "-wal"), 0o600)
        XCTAssertEqual(try mode(store.path + "-shm"), 0o600)
        XCTAssertEqual(store.filePermissionWarnings(), [])
        chmod(store.path, 0o644)
        XCTAssertTrue(store.filePermissionWarnings().contains { $0.contains("readable by every account") })
    }

    func testAStoreCarriesTheFrontDeskMark() throws {
        let id = try store.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        XCTAssertEqual(id, StoreFile.applicationID)
    }

    func testInitCreatesOnlyItsOwnDataFolder() throws {
        let spec = NewFacility(name: "X", timezone: "UTC", currency: "USD", adminUsername: "root", adminPassword: "password-1")
        let missing = directory + "/no/such/folder/x.sqlite"
        XCTAssertThrowsError(try FacilityStore.create(at: missing, spec)) {
            XCTAssertEqual($0 as? StoreError, .folderMissing(directory + "/no/such/folder"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/no"))
        let created = try FacilityStore.create(at: directory + "/data/x.sqlite", spec, creatingFolder: true)
        try created.close()
        XCTAssertEqual(try mode(directory + "/data"), 0o700)
    }

    func testReadOnlyOpeningWritesNothing() throws {
        try store.close()
        let version = { try DatabaseQueue(path: self.store.path).read { try Int.fetchOne($0, sql: "PRAGMA schema_version") } }
        let schemaVersion = try version()
        let reader = try FacilityStore.open(at: store.path, mode: .readOnly)
        XCTAssertEqual(try reader.fees().count, 0)
        XCTAssertTrue(try reader.verify().isClean)
        XCTAssertThrowsError(try reader.setIdleLockMinutes(9, by: admin)) { XCTAssertEqual($0 as? StoreError, .readOnly) }
        try reader.close()
        XCTAssertEqual(try version(), schemaVersion)
    }

    /// A store made before migration 008: its tables are all there but the last step's.
    private func makeOlderStore() throws {
        try store.close()
        try raw(store.path) { db in
            try db.execute(sql: """
                DROP TABLE patient_access_log;
                DELETE FROM grdb_migrations WHERE identifier LIKE '008 %';
                PRAGMA application_id = 0;
                """)
        }
    }

    func testAnOlderStoreIsUpgradedOnlyByAWriterWhichSaysSo() throws {
        try makeOlderStore()
        let fingerprint = try digest(store.path)
        XCTAssertThrowsError(try FacilityStore.open(at: store.path, mode: .readOnly)) { error in
            guard case .needsUpgrade(_, let pending) = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(pending, ["008 store marking and patient access log"])
            XCTAssertTrue("\(error)".contains("frontdesk migrate"))
        }
        XCTAssertEqual(try digest(store.path), fingerprint)
        let writer = try FacilityStore.open(at: store.path, mode: .readWrite)
        XCTAssertEqual(writer.upgradedMigrations, ["008 store marking and patient access log"])
        XCTAssertEqual(try writer.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }, StoreFile.applicationID)
        try writer.close()
        let again = try FacilityStore.open(at: store.path, mode: .readWrite)
        XCTAssertEqual(again.upgradedMigrations, [])
        try again.close()
    }

    func testAStoreFromANewerFrontDeskIsRefusedUntouched() throws {
        try store.close()
        try raw(store.path) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('009 beds')")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let fingerprint = try digest(store.path)
        for mode in [FacilityStore.OpenMode.readOnly, .readWrite] {
            XCTAssertThrowsError(try FacilityStore.open(at: store.path, mode: mode)) { error in
                XCTAssertEqual(error as? StoreError, .madeByNewerFrontDesk(path: self.store.path, migration: "009 beds"))
                XCTAssertTrue("\(error)".contains("newer FrontDesk"))
                XCTAssertTrue("\(error)".contains("upgrade FrontDesk"))
            }
        }
        XCTAssertEqual(try digest(store.path), fingerprint)
    }

    func testFilesThatAreNotStoresAreLeftByteForByte() throws {
        let other = directory + "/other-app.sqlite"
        try raw(other) { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')") }
        let empty = directory + "/empty.sqlite"
        FileManager.default.createFile(atPath: empty, contents: Data())
        let text = directory + "/calendar.sqlite"
        FileManager.default.createFile(atPath: text, contents: Data("BEGIN:VCALENDAR\r\n".utf8))
        for (path, reason) in [(other, "another program's SQLite database"), (empty, "empty file"),
                               (text, "not an SQLite database"), (directory, "folder")] {
            let before = path == directory ? "" : try digest(path)
            for mode in [FacilityStore.OpenMode.readOnly, .readWrite] {
                XCTAssertThrowsError(try FacilityStore.open(at: path, mode: mode)) { error in
                    guard case .notAFrontDeskStore(_, let said) = error as? StoreError else { return XCTFail("\(error)") }
                    XCTAssertTrue(said.contains(reason), said)
                }
            }
            if path != directory { XCTAssertEqual(try digest(path), before, path) }
        }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int, 0)
        let spec = NewFacility(name: "X", timezone: "UTC", currency: "USD", adminUsername: "root", adminPassword: "password-1")
        XCTAssertThrowsError(try FacilityStore.create(at: empty, spec)) { error in
            guard case .pathTaken = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try FacilityStore.create(at: directory, spec)) { error in
            guard case .pathTaken(_, let reason) = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("folder"))
        }
    }
}
