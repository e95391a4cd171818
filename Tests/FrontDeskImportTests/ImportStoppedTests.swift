// The disk fills partway through an import: the message says what was saved, and a re-run finishes it.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import XCTest

@testable import FrontDeskImport
@testable import FrontDeskStore

final class ImportStoppedTests: ImportTestCase {
    /// From now on the store's file may not grow: the next write that needs a page fails as on a full disk.
    func fillTheDisk() {
        XCTAssertNoThrow(try store.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count")!
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        })
    }

    func freeTheDisk() throws {
        try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
    }

    func testADiskFullAfterTheFirstBatchSaysWhatWasSavedAndARerunFinishes() throws {
        let rows = (0..<25).map { LegacyImportTests.row(LegacyImportTests.legacy("d-\($0)", "Amina\($0)", "Okafor")) }
        let path = temporary.directory + "/patients.csv"
        try ([LegacyImportTests.header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var importer = LegacyPatientImport(store: store)
        importer.batchSize = 10
        XCTAssertThrowsError(try importer.run(file: path, skipBad: false, by: admin) { done, _ in
            if done == 10 { self.fillTheDisk() }
        }) { error in
            XCTAssertEqual(error as? ImportStopped, ImportStopped(saved: 10, total: 25, cause: .storageFull))
            XCTAssertEqual("\(error)", "10 of 25 rows were saved before the disk filled; free space and run the same import again: it skips what is saved.")
            XCTAssertFalse("\(error)".contains("nothing was saved"))
        }
        XCTAssertEqual(try store.patientCount(), 10)
        try freeTheDisk()
        let report = try importer.run(file: path, skipBad: false, by: admin)
        XCTAssertEqual(report.alreadyImported, 10)
        XCTAssertEqual(report.imported, 15)
        XCTAssertEqual(try store.patientCount(), 25)
        XCTAssertTrue(try store.verify().isClean)
    }

    func testADiskFullBeforeAnythingWasSavedStillSaysNothingWasSaved() throws {
        let rows = (0..<25).map { LegacyImportTests.row(LegacyImportTests.legacy("e-\($0)", "Amina\($0)", "Okafor")) }
        let path = temporary.directory + "/patients.csv"
        try ([LegacyImportTests.header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        fillTheDisk()
        XCTAssertThrowsError(try LegacyPatientImport(store: store).run(file: path, skipBad: false, by: admin)) {
            XCTAssertEqual($0 as? StoreError, .storageFull)
        }
        try freeTheDisk()
        XCTAssertEqual(try store.patientCount(), 0)
    }

    func testAFeeScheduleThatFillsTheDiskSaysHowManyRowsAreSaved() throws {
        // Long names, so that the rates soon need pages the full disk cannot give.
        let lines = ["code,name,amount,effective_from"] + (0..<60).map {
            "CODE\($0),\(String(repeating: "Consultation \($0) ", count: 5)),\(100 + $0),2026-01-01"
        }
        let path = temporary.directory + "/fees.csv"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var stopped: ImportStopped?
        XCTAssertThrowsError(try FeeScheduleImport(store: store).run(file: path, skipBad: false, by: admin) { done, _ in
            if done == 1 { self.fillTheDisk() }
        }) { stopped = $0 as? ImportStopped }
        let saved = try XCTUnwrap(stopped, "the disk never filled").saved
        XCTAssertEqual(stopped?.cause, .storageFull)
        XCTAssertEqual(try store.fees().count, saved, "the message counts what is in the schedule")
        XCTAssertTrue("\(stopped!)".hasPrefix("\(saved) of 60 rows were saved before the disk filled; free space and run the same import again"))
        try freeTheDisk()
        let report = try FeeScheduleImport(store: store).run(file: path, skipBad: false, by: admin)
        XCTAssertEqual(report.unchanged, saved)
        XCTAssertEqual(report.ratesSet, 60 - saved)
    }

    func testCountsAreGroupedInThousands() {
        XCTAssertEqual(ImportStopped.grouped(0), "0")
        XCTAssertEqual(ImportStopped.grouped(999), "999")
        XCTAssertEqual(ImportStopped.grouped(1000), "1,000")
        XCTAssertEqual(ImportStopped.grouped(3500), "3,500")
        XCTAssertEqual(ImportStopped.grouped(1_234_567), "1,234,567")
        XCTAssertEqual("\(ImportStopped(saved: 1000, total: 3500, cause: .storageFull))",
                       "1,000 of 3,500 rows were saved before the disk filled; free space and run the same import again: it skips what is saved.")
    }
}
