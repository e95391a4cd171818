// Backups: a verified single-file copy taken while others write, never over a file; restores
// that refuse a damaged copy and keep the store they replace.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class BackupTests: StoreTestCase {
    private var clerk: Actor!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try temporary.addUser("clerk", role: .receptionist, password: "clerk-pass-1", adminPassword: Self.adminPassword)
        clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
    }

    func testABackupIsAVerifiedOwnerOnlySingleFile() throws {
        _ = try store.registerPatient(Self.patient(), by: clerk)
        let destination = directory + "/backup.sqlite"
        let report = try store.backup(to: destination)
        XCTAssertEqual(report.problems, [])
        XCTAssertEqual(report.patients, 1)
        XCTAssertEqual(report.ledgerHead.seq, try store.ledgerHead().seq)
        XCTAssertEqual(try mode(destination), 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination + "-wal"))
        let mode = try DatabaseQueue(path: destination).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "delete", "a backup is one self-contained file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    func testABackupNeverReplacesAFile() throws {
        let destination = directory + "/taken.txt"
        FileManager.default.createFile(atPath: destination, contents: Data("keep".utf8))
        XCTAssertThrowsError(try store.backup(to: destination)) {
            XCTAssertEqual($0 as? StoreError, .backupExists(path: destination))
        }
        XCTAssertEqual(try String(contentsOfFile: destination, encoding: .utf8), "keep")
        XCTAssertThrowsError(try store.backup(to: store.path))
        XCTAssertThrowsError(try store.backup(to: directory + "/missing/b.sqlite")) {
            XCTAssertTrue("\($0)".contains("missing"), "\($0)")
        }
        let link = directory + "/link.sqlite"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory + "/elsewhere.sqlite")
        XCTAssertThrowsError(try store.backup(to: link), "never through a symbolic link")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/elsewhere.sqlite"))
    }

    func testABackupTakenWhileAnotherTerminalWritesIsConsistent() throws {
        let base = try store.ledgerHead().seq
        let writer = try FacilityStore.open(at: store.path)
        let actor = try XCTUnwrap(clerk)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for i in 0..<150 { _ = try? writer.registerPatient(Self.patient("Writer\(i)", "Busy"), by: actor) }
            done.signal()
        }
        var reports: [BackupReport] = []
        while try store.patientCount() < 20 { usleep(5_000) }
        for i in 0..<3 {
            reports.append(try store.backup(to: directory + "/during-\(i).sqlite"))
        }
        done.wait()
        try writer.close()
        for report in reports {
            XCTAssertEqual(report.problems, [], "every copy verifies, whatever instant it was taken at")
            XCTAssertGreaterThan(report.patients, 0)
            XCTAssertEqual(report.ledgerHead.seq, base + Int64(report.patients),
                           "a copy holds whole registrations only (one entry each, person and patient)")
        }
    }

    func testRestoreRefusesADamagedBackupAndKeepsTheStoreItReplaces() throws {
        _ = try store.registerPatient(Self.patient(), by: clerk)
        let good = directory + "/good.sqlite"
        _ = try store.backup(to: good)
        let bad = directory + "/bad.sqlite"
        try FileManager.default.copyItem(atPath: good, toPath: bad)
        let raw = try DatabaseQueue(path: bad)
        try raw.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET payload = '{}' WHERE seq = 3")
        }
        try raw.close()
        let target = directory + "/restored.sqlite"
        XCTAssertThrowsError(try FacilityStore.restore(backup: bad, to: target, replacing: false)) { error in
            guard case .backupDamaged = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))

        let first = try FacilityStore.restore(backup: good, to: target, replacing: false)
        XCTAssertEqual(first.problems, [])
        XCTAssertEqual(try mode(target), 0o600)
        XCTAssertThrowsError(try FacilityStore.restore(backup: good, to: target, replacing: false)) {
            XCTAssertEqual($0 as? StoreError, .alreadyExists(path: target))
        }
        let second = try FacilityStore.restore(backup: good, to: target, replacing: true,
                                               now: Date(timeIntervalSince1970: 1_800_000_000))
        let kept = try XCTUnwrap(second.replacedStoreKeptAt)
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept), "the replaced store is kept, never deleted")
        let restored = try FacilityStore.open(at: target)
        XCTAssertEqual(try restored.patientCount(), 1)
        XCTAssertTrue(try restored.verify().isClean)
        try restored.close()
    }
}
