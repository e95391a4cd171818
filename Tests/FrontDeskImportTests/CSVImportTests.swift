// The one CSV import, driven by a kind that is neither patients nor fees (wards kept in memory):
// what a new import gets by declaring its columns, its check and its write.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskImport

/// What the toy import wrote, shared by its copies.
final class WardBook: @unchecked Sendable {
    var wards: [String: Int] = [:]
    var writes = 0
    /// The write that fails (as a full disk would), counting from 1.
    var failOnWrite: Int?
}

/// Wards by code with their number of beds: a kind made only of the protocol.
struct WardImport: ImportKind {
    struct Ward: Equatable { var code: String; var beds: Int }
    let book: WardBook
    var mapping: [String: String] = [:]
    var columns: ImportColumns { ImportColumns(required: ["code", "beds"], read: ["code", "beds"], table: "a ward list") }
    var permission: Permission { .manageFacility }
    var action: String { "add wards" }
    var batchSize: Int { 2 }

    func missing(_ columns: [String]) -> ImportError { .missingColumns(columns) }

    func check(_ values: [String: String]) throws -> Ward {
        let code = try Validate.feeCode(values["code"] ?? "", field: "code")
        guard let beds = Int(values["beds"] ?? ""), (1...500).contains(beds) else {
            throw ValidationError("beds", "'\(values["beds"] ?? "")' is not a number of beds from 1 to 500")
        }
        return Ward(code: code, beds: beds)
    }

    func key(of row: Ward) -> String { row.code }
    func repeated(_ row: Ward, firstLine: Int) -> ValidationError { ValidationError("code", "\(row.code) is also on line \(firstLine)") }

    func write(_ batch: ArraySlice<Ward>, by actor: Actor) throws -> (written: Int, alreadyThere: Int) {
        book.writes += 1
        if book.writes == book.failOnWrite { throw StoreError.storageFull }
        var written = 0, there = 0
        for ward in batch {
            if book.wards[ward.code] == ward.beds { there += 1 } else { book.wards[ward.code] = ward.beds; written += 1 }
        }
        return (written, there)
    }
}

final class CSVImportTests: ImportTestCase {
    func write(_ lines: [String], name: String = "wards.csv") throws -> String {
        let path = temporary.directory + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let file = [
        "Code,Beds,Sister",
        "MAT,24,Njeri",        // 2
        "SURG,x,Otieno",       // 3 bad beds
        "MED,30,Haddad",       // 4
        "mat,20,Njeri",        // 5 the code of line 2
        "9X,10,Chen",          // 6 bad code
        "PAED,12",             // 7 two fields
        "ICU,6,Rivera",        // 8
    ]

    static let badRows = [
        BadRow(line: 3, reason: "beds: 'x' is not a number of beds from 1 to 500"),
        BadRow(line: 5, reason: "code: MAT is also on line 2"),
        BadRow(line: 6, reason: "code: '9X' must be 2-32 of A-Z 0-9 _ - starting with a letter"),
        BadRow(line: 7, reason: "has 2 fields; the header has 3"),
    ]

    func testEveryBadLineIsNamedAndNothingIsWritten() throws {
        let book = WardBook()
        let report = try CSVImport(WardImport(book: book)).run(file: try write(Self.file), skipBad: false, by: admin)
        XCTAssertEqual(report.badRows, Self.badRows)
        XCTAssertEqual(report.rows, 7)
        XCTAssertEqual(report.ignoredColumns, ["Sister"])
        XCTAssertEqual(book.writes, 0, "all or nothing: not one write")
        XCTAssertFalse(report.wroteAnything)
    }

    func testSkipBadWritesTheGoodRowsAndARerunWritesNothingNew() throws {
        let book = WardBook()
        let path = try write(Self.file)
        var done: [Int] = []
        let first = try CSVImport(WardImport(book: book)).run(file: path, skipBad: true, by: admin) { n, _ in done.append(n) }
        XCTAssertEqual(first.badRows, Self.badRows)
        XCTAssertEqual(first.imported, 3)
        XCTAssertEqual(book.wards, ["MAT": 24, "MED": 30, "ICU": 6])
        XCTAssertEqual(done, [2, 3], "progress after each batch of two")

        let again = try CSVImport(WardImport(book: book)).run(file: path, skipBad: true, by: admin)
        XCTAssertEqual(again.imported, 0)
        XCTAssertEqual(again.alreadyImported, 3, "counted, not doubled")
        XCTAssertFalse(again.wroteAnything)
        XCTAssertEqual(book.wards.count, 3)
    }

    func testAMappingFileRenamesALegacyExportsHeaders() throws {
        let columns = WardImport(book: WardBook()).columns
        let map = try columns.mapping(from: "# the old system's export\nWard Code = code\nBed Count = beds\n")
        XCTAssertThrowsError(try columns.mapping(from: "Ward Code = ward")) {
            XCTAssertEqual("\($0)", "mapping file line 1: 'ward' is not a column of a ward list")
        }
        let book = WardBook()
        let path = try write(["Ward Code,Bed Count", "MAT,24"], name: "legacy.csv")
        let report = try CSVImport(WardImport(book: book, mapping: map)).run(file: path, skipBad: false, by: admin)
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(book.wards, ["MAT": 24])
        XCTAssertThrowsError(try CSVImport(WardImport(book: WardBook())).run(file: path, skipBad: false, by: admin)) {
            XCTAssertEqual($0 as? ImportError, .missingColumns(["code", "beds"]))
        }
    }

    func testAFailedBatchAfterOthersSaysHowManyRowsAreSaved() throws {
        let book = WardBook()
        book.failOnWrite = 2
        let path = try write(["code,beds", "MAT,24", "MED,30", "ICU,6", "PAED,12"])
        XCTAssertThrowsError(try CSVImport(WardImport(book: book)).run(file: path, skipBad: false, by: admin)) {
            XCTAssertEqual($0 as? ImportStopped, ImportStopped(saved: 2, total: 4, cause: .storageFull))
        }
        book.failOnWrite = nil
        let rest = try CSVImport(WardImport(book: book)).run(file: path, skipBad: false, by: admin)
        XCTAssertEqual(rest.alreadyImported, 2)
        XCTAssertEqual(rest.imported, 2)
    }

    func testTheKindsPermissionIsCheckedBeforeTheFileIsRead() throws {
        try temporary.addUser("clerk", role: .receptionist, password: "clerk-pass-1", adminPassword: "admin-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        XCTAssertThrowsError(try CSVImport(WardImport(book: WardBook())).run(file: "/nonexistent.csv", skipBad: false, by: clerk)) {
            XCTAssertEqual("\($0)", "\(StoreError.notPermitted(action: "add wards", role: "receptionist"))")
        }
    }
}
