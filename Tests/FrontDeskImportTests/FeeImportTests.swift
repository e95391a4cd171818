// Importing a fee schedule (code,name,amount,effective_from): rates set through the store, bad rows
// reported by line, nothing set twice.
import Foundation
import FrontDeskCore
import FrontDeskStore
import FrontDeskTestSupport
import XCTest

@testable import FrontDeskImport

final class FeeImportTests: XCTestCase {
    var temporary: TemporaryStore!
    var clock: MovableClock!
    var store: FacilityStore { temporary.store }
    var admin: Actor!

    override func setUpWithError() throws {
        clock = MovableClock()  // Sun 22 Nov 2026, 07:12 in Nairobi
        temporary = try TemporaryStore(adminPassword: "admin-pass-1", clock: clock)
        admin = try store.signIn(username: "admin", password: "admin-pass-1")
    }

    override func tearDownWithError() throws {
        temporary?.remove()
    }

    func write(_ lines: [String], name: String = "fees.csv", ending: String = "\n", prefix: String = "") throws -> String {
        let path = temporary.directory + "/" + name
        try (prefix + lines.joined(separator: ending) + ending).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ path: String, skipBad: Bool = false) throws -> FeeImportReport {
        try FeeScheduleImport(store: store).run(file: path, skipBad: skipBad, by: admin)
    }

    /// Every rate as `CODE from…to amount name`.
    func rates() throws -> [String] {
        try store.fees().map { "\($0.code) \($0.effectiveFrom)…\($0.effectiveTo ?? "") \($0.amountMinor) \($0.name)" }
    }

    func ledgerEntries() throws -> Int64 { try store.verify().ledgerEntries }

    static let goodFile = [
        "code,name,amount,effective_from",
        "consult,Consultation (general),\"1,500.00\",2026-01-01",
        "LAB-FBC,Full blood count,1200,2026-01-01",
        "REGISTRATION,Registration,500,",
        "CONSULT,Consultation (general),\"1,800\",2026-12-01",
        "XRAY_CHEST,\"X-ray, chest\",2500.5,2026-01-01",
    ]

    // MARK: - A good file

    func testAGoodFileSetsEveryRate() throws {
        let report = try run(try write(Self.goodFile))
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.rows, 5)
        XCTAssertEqual(report.ratesSet, 5)
        XCTAssertEqual(report.unchanged, 0)
        XCTAssertEqual(report.ignoredColumns, [])
        XCTAssertTrue(report.wroteAnything)
        XCTAssertEqual(try rates(), [
            "CONSULT 2026-01-01…2026-11-30 150000 Consultation (general)",
            "CONSULT 2026-12-01… 180000 Consultation (general)",
            "LAB-FBC 2026-01-01… 120000 Full blood count",
            "REGISTRATION 2026-11-22… 50000 Registration",  // no date: today at the facility
            "XRAY_CHEST 2026-01-01… 250050 X-ray, chest",
        ])
        XCTAssertEqual(try store.fees().first?.createdBy, admin.userID)
        XCTAssertTrue(try store.verify().isClean)
    }

    func testHeadersInAnyOrderAndCaseWithoutADateColumnAndWindowsLineEndings() throws {
        let path = try write([
            " Name ,CODE,Amount,Department",
            "Consultation,CONSULT,500,OPD",
            "Registration,REGISTRATION,250,Records",
        ], ending: "\r\n", prefix: "\u{FEFF}")
        let report = try run(path)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.ratesSet, 2)
        XCTAssertEqual(report.ignoredColumns, ["Department"])
        XCTAssertEqual(try rates(), [
            "CONSULT 2026-11-22… 50000 Consultation",
            "REGISTRATION 2026-11-22… 25000 Registration",
        ])
    }

    // MARK: - Bad rows

    static let fileWithBadRows = [
        "code,name,amount,effective_from",
        "CONSULT,Consultation,1500,2026-01-01",          // 2 good
        "1BAD,Bad code,100,2026-01-01",                  // 3 code starts with a digit
        "LAB FBC,Full blood count,100,2026-01-01",       // 4 space in the code
        ",No code,100,2026-01-01",                       // 5 no code
        "LAB,Laboratory,12.345,2026-01-01",              // 6 three decimals
        "LAB,Laboratory,abc,2026-01-01",                 // 7 not an amount
        "LAB,Laboratory,-5,2026-01-01",                  // 8 negative
        "LAB,Laboratory,,2026-01-01",                    // 9 no amount
        "LAB,Laboratory,100,2026-13-01",                 // 10 no such month
        "LAB,Laboratory,100,01/12/2026",                 // 11 not YYYY-MM-DD
        "LAB,,100,2026-01-01",                           // 12 no name
        "consult,Consultation,1600,2026-01-01",          // 13 the code and day of line 2
        "LAB,Laboratory,100",                            // 14 three fields
        "XRAY,X-ray,2500,2026-01-01",                    // 15 good
    ]

    static let expectedBadRows = [
        BadRow(line: 3, reason: "code: '1BAD' must be 2-32 of A-Z 0-9 _ - starting with a letter"),
        BadRow(line: 4, reason: "code: 'LAB FBC' must be 2-32 of A-Z 0-9 _ - starting with a letter"),
        BadRow(line: 5, reason: "code: is empty"),
        BadRow(line: 6, reason: "amount: '12.345' has more than 2 decimals"),
        BadRow(line: 7, reason: "amount: 'abc' is not an amount: use digits, commas between thousands and a point before decimals (e.g. 1,500.50)"),
        BadRow(line: 8, reason: "amount: '-5' is not an amount: type it without a sign (a minus is not taken here)"),
        BadRow(line: 9, reason: "amount: is empty"),
        BadRow(line: 10, reason: "effective_from: '2026-13-01' is not a YYYY-MM-DD date"),
        BadRow(line: 11, reason: "effective_from: '01/12/2026' is not a YYYY-MM-DD date"),
        BadRow(line: 12, reason: "name: is required"),
        BadRow(line: 13, reason: "code: CONSULT from 2026-01-01 is also on line 2"),
        BadRow(line: 14, reason: "has 3 fields; the header has 4"),
    ]

    func testBadRowsAreReportedByLineAndNothingIsSet() throws {
        let path = try write(Self.fileWithBadRows)
        let ledger = try ledgerEntries()
        let report = try run(path)
        XCTAssertEqual(report.badRows, Self.expectedBadRows)
        XCTAssertEqual(report.badRows.first?.description, "line 3: code: '1BAD' must be 2-32 of A-Z 0-9 _ - starting with a letter")
        XCTAssertEqual(report.rows, 14)
        XCTAssertEqual(report.ratesSet, 0)
        XCTAssertFalse(report.wroteAnything)
        XCTAssertEqual(try rates(), [])
        XCTAssertEqual(try ledgerEntries(), ledger, "not one ledger entry")
    }

    func testSkipBadSetsTheGoodRows() throws {
        let report = try run(try write(Self.fileWithBadRows), skipBad: true)
        XCTAssertEqual(report.badRows, Self.expectedBadRows)
        XCTAssertEqual(report.ratesSet, 2)
        XCTAssertEqual(try rates(), ["CONSULT 2026-01-01… 150000 Consultation", "XRAY 2026-01-01… 250000 X-ray"],
                       "the first row of a code and day wins")
    }

    func testAQuotedLineBreakKeepsLaterLineNumbersRight() throws {
        let path = try write([
            "code,name,amount,effective_from",
            "CONSULT,\"Consultation\ngeneral\",1500,2026-01-01",  // lines 2-3
            "LAB,Laboratory,x,2026-01-01",                        // line 4
        ])
        XCTAssertEqual(try run(path).badRows, [BadRow(line: 4, reason: "amount: 'x' is not an amount: use digits, commas between thousands and a point before decimals (e.g. 1,500.50)")])
    }

    func testAFileWithoutARequiredColumnIsRefusedWhole() throws {
        let path = try write(["code,name,price", "CONSULT,Consultation,1500"])
        XCTAssertThrowsError(try run(path)) { XCTAssertEqual($0 as? ImportError, .missingFeeColumns(["amount"])) }
        XCTAssertThrowsError(try run(temporary.directory + "/missing.csv")) {
            XCTAssertEqual($0 as? ImportError, .unreadable("cannot read \(temporary.directory)/missing.csv"))
        }
        XCTAssertEqual(try rates(), [])
    }

    func testOnlyTheFeeManagerImports() throws {
        try temporary.addUser("clerk", role: .receptionist, password: "clerk-pass-1", adminPassword: "admin-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        XCTAssertThrowsError(try FeeScheduleImport(store: store).run(file: try write(Self.goodFile), skipBad: false, by: clerk)) {
            guard case StoreError.notPermitted = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try rates(), [])
    }

    // MARK: - Running it again

    func testRunningTheImportAgainSetsNothingNew() throws {
        let path = try write(Self.goodFile)
        XCTAssertEqual(try run(path).ratesSet, 5)
        let before = try rates()
        let ledger = try ledgerEntries()

        let again = try run(path)
        XCTAssertEqual(again.badRows, [])
        XCTAssertEqual(again.rows, 5)
        XCTAssertEqual(again.ratesSet, 0)
        XCTAssertEqual(again.unchanged, 5)
        XCTAssertFalse(again.wroteAnything)
        XCTAssertEqual(try rates(), before)
        XCTAssertEqual(try ledgerEntries(), ledger, "not one ledger entry")

        // Days later, the row without a date still matches the rate in force: no new rate from that day.
        clock.advance(3 * 86_400)
        let later = try run(path)
        XCTAssertEqual(later.ratesSet, 0)
        XCTAssertEqual(later.unchanged, 5)
        XCTAssertEqual(try rates(), before)

        // A changed amount sets just that rate; the same day's rate is updated, not added to.
        var changed = Self.goodFile
        changed[2] = "LAB-FBC,Full blood count,1300,2026-01-01"
        let third = try run(try write(changed, name: "changed.csv"))
        XCTAssertEqual(third.ratesSet, 1)
        XCTAssertEqual(third.unchanged, 4)
        XCTAssertEqual(try rates().filter { $0.hasPrefix("LAB-FBC") }, ["LAB-FBC 2026-01-01… 130000 Full blood count"])
        XCTAssertEqual(try rates().count, before.count)
        XCTAssertTrue(try store.verify().isClean)
    }

    func testARowWithoutADateChangingTodaysRateStartsANewRateToday() throws {
        try store.setFee(code: "REGISTRATION", name: "Registration", amountMinor: 30_000, from: CalendarDay("2026-01-01")!, by: admin)
        let report = try run(try write(["code,name,amount", "REGISTRATION,Registration,500"]))
        XCTAssertEqual(report.ratesSet, 1)
        XCTAssertEqual(try rates(), [
            "REGISTRATION 2026-01-01…2026-11-21 30000 Registration",
            "REGISTRATION 2026-11-22… 50000 Registration",
        ])
    }

    func testARowWithoutADateIsSetWhenTheFileHasOtherRatesOfItsCode() throws {
        // The rate in force today already says 500, but the file also sets 600 from 1 Jan: skipping the
        // undated row would leave 600 in force today. Both are set, so today is 500 as the file says.
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 50_000, from: CalendarDay("2025-01-01")!, by: admin)
        let report = try run(try write([
            "code,name,amount,effective_from",
            "CONSULT,Consultation,500,",
            "CONSULT,Consultation,600,2026-01-01",
        ]))
        XCTAssertEqual(report.ratesSet, 2)
        XCTAssertEqual(report.unchanged, 0)
        XCTAssertEqual(try rates(), [
            "CONSULT 2025-01-01…2025-12-31 50000 Consultation",
            "CONSULT 2026-01-01…2026-11-21 60000 Consultation",
            "CONSULT 2026-11-22… 50000 Consultation",
        ])
    }

    // MARK: - A legacy export's headers

    func testAMappingFileReadsALegacyExportsHeaders() throws {
        let mapping = try FeeScheduleImport.columns.mapping(from: "Tariff = code\nDescription = name\nPrice = amount # KES\n")
        let path = try write(["Tariff,Description,Price,GL", "CONSULT,Consultation,500,4000", "LAB,Laboratory,abc,4100"])
        let report = try FeeScheduleImport(store: store, mapping: mapping).run(file: path, skipBad: true, by: admin)
        XCTAssertEqual(report.badRows.map(\.description), ["line 3: amount: 'abc' is not an amount: use digits, commas between thousands and a point before decimals (e.g. 1,500.50)"])
        XCTAssertEqual(report.ignoredColumns, ["GL"])
        XCTAssertEqual(try rates(), ["CONSULT 2026-11-22… 50000 Consultation"])
        XCTAssertThrowsError(try FeeScheduleImport.columns.mapping(from: "Tariff = tariff_code")) {
            XCTAssertEqual("\($0)", "mapping file line 1: 'tariff_code' is not a column of a fee schedule (code, name, amount, effective_from)")
        }
    }
}
