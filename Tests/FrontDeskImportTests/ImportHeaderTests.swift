// Headers both imports refuse: a column given twice (after mapping), a missing fee column (no
// --mapping offered), and a header of a million columns reported in a line, not megabytes.
import Foundation
import FrontDeskCore
import FrontDeskStore
import FrontDeskTestSupport
import XCTest

@testable import FrontDeskImport

final class ImportHeaderTests: ImportTestCase {
    func write(_ text: String, name: String = "file.csv") throws -> String {
        let path = temporary.directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func patients(_ path: String, mapping: [String: String] = [:]) throws -> ImportReport {
        try LegacyPatientImport(store: store, mapping: mapping).run(file: path, skipBad: true, by: admin)
    }

    func fees(_ path: String) throws -> FeeImportReport {
        try FeeScheduleImport(store: store).run(file: path, skipBad: true, by: admin)
    }

    func testTwoIdColumnsAreRefusedNotReadFirstWins() throws {
        let path = try write("id,first_name,last_name,date_of_birth,gender,id\np-1,Amina,Okafor,1990-04-12,female,p-2\n")
        XCTAssertThrowsError(try patients(path)) { error in
            XCTAssertEqual(error as? ImportError, .duplicateColumn("id", headers: ["id", "id"]))
            XCTAssertEqual("\(error)", "the header has the column id twice; nothing was imported. Keep one of them, or rename the other.")
        }
        XCTAssertEqual(try store.patientCount(), 0)
    }

    func testTwoHeadersMappedOntoOneColumnAreRefused() throws {
        let path = try write("Patient No,id,first_name,last_name,date_of_birth,gender\n7,p-1,Amina,Okafor,1990-04-12,female\n")
        XCTAssertThrowsError(try patients(path, mapping: ["Patient No": "id"])) { error in
            XCTAssertEqual("\(error)", "the header has the column id in 'Patient No', 'id'; nothing was imported. Keep one of them, or rename the other.")
        }
        // A repeated column the import does not read is harmless and stays allowed.
        let ignored = try write("id,first_name,last_name,date_of_birth,gender,notes,notes\np-1,Amina,Okafor,1990-04-12,female,a,b\n",
                                name: "ignored.csv")
        XCTAssertEqual(try patients(ignored).imported, 1)
    }

    func testAFeeFileWithTwoAmountColumnsIsRefused() throws {
        let path = try write("code,name,amount,Amount\nCONSULT,Consultation,500,900\n")
        XCTAssertThrowsError(try fees(path)) { error in
            XCTAssertEqual(error as? ImportError, .duplicateColumn("amount", headers: ["amount", "Amount"]))
        }
        XCTAssertEqual(try store.fees(), [])
    }

    func testAMissingFeeColumnDoesNotSuggestAnOptionTheImportLacks() throws {
        let path = try write("code,name\nCONSULT,Consultation\n")
        XCTAssertThrowsError(try fees(path)) { error in
            XCTAssertEqual("\(error)", "the file has no column for amount; its header must name code, name and amount (effective_from is optional)")
            XCTAssertFalse("\(error)".contains("--mapping"))
        }
    }

    func testAMillionColumnHeaderGivesShortMessages() throws {
        let columns = (1...1_000_000).map { "c\($0)" }
        let header = "id,first_name,last_name,date_of_birth," + columns.joined(separator: ",")
        let path = try write(header + "\np-1,Amina,Okafor,1990-04-12\n")
        XCTAssertThrowsError(try patients(path)) { error in
            let text = "\(error)"
            XCTAssertEqual(text, "the file has no column for gender; name them in the header or map them with --mapping")
        }
        let many = try write(header + ",gender\n" + "p-1,Amina,Okafor,1990-04-12" + String(repeating: ",", count: 1_000_001) + "female\n",
                             name: "many.csv")
        let report = try patients(many)
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(report.ignoredColumns.count, 1_000_000)
        XCTAssertLessThan(Quote.list(report.ignoredColumns).count, 200)
        let missing = ImportError.missingColumns(columns)
        XCTAssertLessThan("\(missing)".count, 300, "a list of names is cut after ten")
        XCTAssertTrue("\(missing)".contains("… and 999990 more"))
    }
}
