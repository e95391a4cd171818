// The files in Resources/ that are meant to be imported import cleanly, through the bundle the program uses.
import FrontDeskCore
import FrontDeskResources
import FrontDeskStore
import XCTest

@testable import FrontDeskImport

final class ResourceImportTests: ImportTestCase {
    func testTheFeeScheduleTemplateImportsEveryRowAndAgainSetsNothing() throws {
        let template = try ResourceFiles.existingPath("fees/fee-schedule-template.csv")
        let first = try FeeScheduleImport(store: store).run(file: template, skipBad: false, by: admin)
        XCTAssertEqual(first.badRows, [])
        XCTAssertEqual(first.rows, 8)
        XCTAssertEqual(first.ratesSet, 8)
        XCTAssertEqual(try store.fees().first { $0.code == "CONSULT-SPEC" }?.amountMinor, 150_000)
        XCTAssertEqual(try FeeScheduleImport(store: store).run(file: template, skipBad: false, by: admin).unchanged, 8)
    }

    func testTheDemoFeesAreAFeeScheduleFile() throws {
        let report = try FeeScheduleImport(store: store).run(file: try ResourceFiles.existingPath("demo/fees.csv"), skipBad: false, by: admin)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.ratesSet, 13, "7 outpatient fees and 6 bed-day rates")
    }

    func testTheLegacyPatientsSampleImportsThroughItsMapping() throws {
        let text = String(decoding: try ResourceFiles.data("samples/legacy-patients.mapping"), as: UTF8.self)
        let mapping = try LegacyPatientColumns.mapping(from: text)
        let file = try ResourceFiles.existingPath("samples/legacy-patients.csv")
        let report = try LegacyPatientImport(store: store, mapping: mapping).run(file: file, skipBad: false, by: admin)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.imported, 5)
        XCTAssertEqual(report.ignoredColumns, ["Portal User", "Created"])
        // Without the mapping the export's headers say nothing the import reads.
        XCTAssertThrowsError(try LegacyPatientImport(store: store).run(file: file, skipBad: false, by: admin)) {
            XCTAssertEqual($0 as? ImportError, .missingColumns(LegacyPatientColumns.required))
        }
    }

    func testTheLegacyFeesSampleImportsThroughItsMapping() throws {
        let text = String(decoding: try ResourceFiles.data("samples/legacy-fees.mapping"), as: UTF8.self)
        let mapping = try FeeScheduleImport.columns.mapping(from: text)
        let file = try ResourceFiles.existingPath("samples/legacy-fees.csv")
        let report = try FeeScheduleImport(store: store, mapping: mapping).run(file: file, skipBad: false, by: admin)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.ratesSet, 3)
        XCTAssertEqual(report.ignoredColumns, ["Ledger Account"])
        XCTAssertEqual(try store.fees().map(\.code), ["CONSULT", "LAB-FBC", "XRAY-CHEST"])
    }

    func testAMissingResourceSaysWhichFile() {
        XCTAssertNil(ResourceFiles.path("demo/no-such-file.json"))
        XCTAssertThrowsError(try ResourceFiles.data("demo/no-such-file.json")) {
            XCTAssertTrue("\($0)".hasPrefix("FrontDesk's file demo/no-such-file.json is missing from "))
        }
    }
}
