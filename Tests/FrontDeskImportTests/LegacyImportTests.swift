// Importing a legacy system's `patients` export (seeds/004 columns): everything kept, bad rows
// reported by line, nothing imported twice, headers mapped.
import Foundation
import FrontDeskCore
import FrontDeskStore
import FrontDeskTestSupport
import XCTest

@testable import FrontDeskImport

final class LegacyImportTests: XCTestCase {
    var temporary: TemporaryStore!
    var store: FacilityStore { temporary.store }
    var admin: Actor!

    /// The legacy table's columns in seeds/004 order.
    static let columns = [
        "id", "user_id", "first_name", "last_name", "date_of_birth", "gender", "phone", "email", "address", "city", "state",
        "zip_code", "country", "emergency_contact_name", "emergency_contact_phone", "emergency_contact_relationship",
        "blood_type", "allergies", "chronic_conditions", "current_medications", "primary_doctor_id", "status", "created_at",
        "updated_at",
    ]
    static let header = columns.joined(separator: ",")

    override func setUpWithError() throws {
        temporary = try TemporaryStore(adminPassword: "admin-pass-1", clock: MovableClock())
        admin = try store.signIn(username: "admin", password: "admin-pass-1")
    }

    override func tearDownWithError() throws {
        temporary?.remove()
    }

    // MARK: - Helpers

    static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// One CSV record in the legacy column order.
    static func row(_ values: [String: String]) -> String {
        columns.map { field(values[$0] ?? "") }.joined(separator: ",")
    }

    /// A legacy row with every required field and the given changes.
    static func legacy(_ id: String, _ first: String = "Amina", _ last: String = "Okafor", dob: String = "1990-04-12",
                       gender: String = "female", with extra: [String: String] = [:]) -> [String: String] {
        var values = ["id": id, "first_name": first, "last_name": last, "date_of_birth": dob, "gender": gender,
                      "created_at": "2019-03-01 10:00:00", "updated_at": "2023-01-01 10:00:00", "country": ""]
        values.merge(extra) { $1 }
        return values
    }

    func write(_ lines: [String], name: String = "patients.csv", ending: String = "\n") throws -> String {
        let path = temporary.directory + "/" + name
        try (lines.joined(separator: ending) + ending).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ path: String, skipBad: Bool = false, mapping: [String: String] = [:]) throws -> ImportReport {
        try LegacyPatientImport(store: store, mapping: mapping).run(file: path, skipBad: skipBad, by: admin)
    }

    func record(named text: String, file: StaticString = #filePath, line: UInt = #line) throws -> PatientRecord {
        let hits = try store.findPatients(text).hits
        XCTAssertEqual(hits.count, 1, "one patient for \(text)", file: file, line: line)
        return try XCTUnwrap(store.patientRecord(XCTUnwrap(hits.first).patientID), file: file, line: line)
    }

    func ledgerEntries() throws -> Int64 { try store.verify().ledgerEntries }

    static let goodRows: [[String: String]] = [
        legacy("p-001", "Amina", "Okafor", with: [
            "user_id": "u-17", "phone": "+254712345678", "email": "amina@example.com", "address": "12 Moi Avenue",
            "city": "Nairobi", "state": "Nairobi County", "zip_code": "00100", "country": "Kenya",
            "emergency_contact_name": "Chidi Okafor", "emergency_contact_phone": "+254722000111",
            "emergency_contact_relationship": "brother", "blood_type": "O+", "allergies": "penicillin; sulfa",
            "chronic_conditions": "asthma", "current_medications": "salbutamol inhaler", "primary_doctor_id": "d-9",
            "status": "active",
        ]),
        legacy("p-002", "Thị Ánh", "Nguyễn", dob: "1985-07-01", with: [
            "blood_type": "ab+", "allergies": "none", "status": "inactive",
        ]),
        legacy("p-003", "Jürgen", "Müller", dob: "1948-02-29", gender: "male", with: [
            "address": "Hauptstraße 5, Hinterhaus", "city": "München", "country": "Germany", "allergies": "Latex",
            "status": "deceased",
        ]),
        legacy("p-004", "秀英", "王", dob: "2001-10-10", gender: "prefer_not_to_say", with: ["phone": "+86 138 0013 8000"]),
    ]

    // MARK: - A good file

    func testTheEndOfTheFileIsNotABadRow() throws {
        for (name, text) in [("newline.csv", "id,first_name,last_name,date_of_birth,gender\np-1,Amina,Okafor,1990-04-12,female\n"),
                             ("no-newline.csv", "id,first_name,last_name,date_of_birth,gender\np-2,Brian,Otieno,1990-04-12,male")] {
            let path = temporary.directory + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let report = try run(path)
            XCTAssertEqual(report.badRows, [], name)
            XCTAssertEqual(report.rows, 1, name)
            XCTAssertEqual(report.imported, 1, name)
        }
        XCTAssertEqual(try store.patientCount(), 2)
    }

    func testAGoodFileImportsEveryRowWithItsLegacyID() throws {
        let path = try write([Self.header] + Self.goodRows.map(Self.row))
        let report = try run(path)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.rows, 4)
        XCTAssertEqual(report.imported, 4)
        XCTAssertEqual(report.alreadyImported, 0)
        XCTAssertTrue(report.wroteAnything)
        XCTAssertEqual(report.ignoredColumns, ["user_id", "primary_doctor_id", "created_at", "updated_at"])
        XCTAssertEqual(try store.patientCount(), 4)

        let amina = try record(named: "okafor")
        XCTAssertEqual(amina.patient.legacyID, "p-001")
        XCTAssertEqual(amina.patient.mrn, "MR00000018", "MRNs issued in file order")
        XCTAssertEqual(amina.person.dob, "1990-04-12")
        XCTAssertEqual(amina.person.sex, "female")
        XCTAssertEqual(amina.person.phone, "+254712345678")
        XCTAssertEqual(amina.person.email, "amina@example.com")
        XCTAssertEqual(amina.person.address, "12 Moi Avenue, Nairobi, Nairobi County 00100, Kenya")
        XCTAssertEqual(amina.patient.bloodType, "O+")
        XCTAssertEqual(amina.patient.status, "active")
        XCTAssertEqual(amina.patient.chronicConditions, "asthma")
        XCTAssertEqual(amina.patient.currentMedications, "salbutamol inhaler")
        XCTAssertEqual(Set(amina.allergies.map(\.substance)), ["penicillin", "sulfa"])
        XCTAssertEqual(amina.contacts.count, 1)
        XCTAssertEqual(amina.contacts.first?.kind, .emergency)
        XCTAssertEqual(amina.contacts.first?.name, "Chidi Okafor")
        XCTAssertEqual(amina.contacts.first?.relationship, "brother")
        XCTAssertEqual(amina.contacts.first?.phone, "+254722000111")
        XCTAssertEqual(amina.patient.createdBy, admin.userID)

        let nguyen = try record(named: "nguyen")
        XCTAssertEqual(nguyen.patient.legacyID, "p-002")
        XCTAssertEqual(nguyen.person.firstName, "Thị Ánh")
        XCTAssertEqual(nguyen.person.lastName, "Nguyễn")
        XCTAssertEqual(nguyen.patient.bloodType, "AB+")
        XCTAssertEqual(nguyen.patient.status, "inactive")
        XCTAssertEqual(nguyen.allergies, [], "'none' is no allergy")
        XCTAssertNil(nguyen.person.phone)
        XCTAssertNil(nguyen.person.address)
        XCTAssertEqual(nguyen.contacts, [])

        let muller = try record(named: "muller")
        XCTAssertEqual(muller.patient.legacyID, "p-003")
        XCTAssertEqual(muller.person.firstName, "Jürgen")
        XCTAssertEqual(muller.person.sex, "male")
        XCTAssertEqual(muller.person.dob, "1948-02-29")
        XCTAssertEqual(muller.person.address, "Hauptstraße 5, Hinterhaus, München, Germany")
        XCTAssertEqual(muller.patient.status, "deceased")
        XCTAssertEqual(muller.allergies.map(\.substance), ["Latex"])

        let wang = try record(named: "王")
        XCTAssertEqual(wang.patient.legacyID, "p-004")
        XCTAssertEqual(wang.person.sex, "unknown")
        XCTAssertEqual(wang.person.phone, "+8613800138000")

        XCTAssertTrue(try store.verify().isClean)
    }

    func testLocalPhonesAreReadWithTheFacilitysCountryCode() throws {
        let path = try write([Self.header, Self.row(Self.legacy("p-001", with: ["phone": "0712 345 678"]))])
        let refused = try run(path)
        XCTAssertEqual(refused.badRows, [BadRow(
            line: 2, reason: "phone: '0712 345 678' needs its country code (+…): this facility has no phone country set")])
        XCTAssertEqual(refused.imported, 0)

        try store.setPhoneCountryCode("254", by: admin)
        let report = try run(path)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.imported, 1)
        XCTAssertEqual(try record(named: "okafor").person.phone, "+254712345678")
    }

    // MARK: - Bad rows

    static let fileWithBadRows = [
        header,
        row(legacy("p-001")),                                                    // 2 good
        row(legacy("p-010", "Brian", "Otieno", dob: "1990-13-45")),              // 3 bad date
        row(legacy("p-011", "Chloé", "Dubois", gender: "x")),                    // 4 unknown gender
        row(legacy("p-012", "", "Mwangi")),                                      // 5 no first name
        row(legacy("p-001", "Dan", "Kamau")),                                    // 6 the id of line 2
        "p-014,,Only,Three",                                                     // 7 four fields
        row(legacy("p-002", "Esther", "Wanjiru", gender: "F")),                  // 8 good
    ]

    static let expectedBadRows = [
        BadRow(line: 3, reason: "date of birth: '1990-13-45' is not a date (e.g. 12/04/1990 or 1990-04-12)"),
        BadRow(line: 4, reason: "gender: 'x' is not male, female, other or prefer_not_to_say"),
        BadRow(line: 5, reason: "first name: is required"),
        BadRow(line: 6, reason: "id: 'p-001' is also on line 2"),
        BadRow(line: 7, reason: "has 4 fields; the header has 24"),
    ]

    func testBadRowsAreReportedByLineAndNothingIsImported() throws {
        let path = try write(Self.fileWithBadRows)
        let ledger = try ledgerEntries()
        let report = try run(path)
        XCTAssertEqual(report.badRows, Self.expectedBadRows)
        XCTAssertEqual(report.badRows.map(\.description).first,
                       "line 3: date of birth: '1990-13-45' is not a date (e.g. 12/04/1990 or 1990-04-12)")
        XCTAssertEqual(report.rows, 7)
        XCTAssertEqual(report.imported, 0)
        XCTAssertFalse(report.wroteAnything)
        XCTAssertEqual(try store.patientCount(), 0)
        XCTAssertEqual(try ledgerEntries(), ledger, "not one ledger entry")
    }

    func testSkipBadImportsTheGoodRows() throws {
        let path = try write(Self.fileWithBadRows)
        let report = try run(path, skipBad: true)
        XCTAssertEqual(report.badRows, Self.expectedBadRows)
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.alreadyImported, 0)
        XCTAssertTrue(report.wroteAnything)
        XCTAssertEqual(try store.patientCount(), 2)
        XCTAssertEqual(try record(named: "okafor").patient.legacyID, "p-001", "the first row with an id wins")
        XCTAssertEqual(try record(named: "wanjiru").person.sex, "female")
        XCTAssertEqual(try store.findPatients("kamau").hits, [])
    }

    func testMoreKindsOfBadRowsSayWhatIsWrong() throws {
        let path = try write([
            Self.header,
            Self.row(Self.legacy("p-1", with: ["emergency_contact_phone": "+254722000111"])),
            Self.row(Self.legacy("p-2", with: ["blood_type": "Z+"])),
            Self.row(Self.legacy("p-3", with: ["status": "archived"])),
            Self.row(Self.legacy("", "Amina", "Okafor")),
            Self.row(Self.legacy("p-5", dob: "2999-01-01")),
            Self.row(Self.legacy("p-6", with: ["email": "not-an-email"])),
        ])
        let report = try run(path)
        XCTAssertEqual(report.badRows, [
            BadRow(line: 2, reason: "emergency contact name: is empty but the emergency contact has a phone"),
            BadRow(line: 3, reason: "blood type: 'Z+' is not one of A+ A- B+ B- AB+ AB- O+ O-"),
            BadRow(line: 4, reason: "status: must be active, inactive or deceased"),
            BadRow(line: 5, reason: "id: is empty; every legacy row needs its id"),
            BadRow(line: 6, reason: "date of birth: is in the future"),
            BadRow(line: 7, reason: "email: 'not-an-email' is not an email address"),
        ])
        XCTAssertEqual(try store.patientCount(), 0)
    }

    func testAFileWithoutARequiredColumnIsRefusedWhole() throws {
        let path = try write(["id,first_name,last_name,date_of_birth", "p-1,Amina,Okafor,1990-04-12"])
        XCTAssertThrowsError(try run(path)) { error in
            XCTAssertEqual(error as? ImportError, .missingColumns(["gender"]))
            XCTAssertTrue("\(error)".contains("--mapping"), "\(error)")
        }
        XCTAssertThrowsError(try run(temporary.directory + "/missing.csv")) { error in
            XCTAssertEqual(error as? ImportError, .unreadable("cannot read \(temporary.directory)/missing.csv"))
        }
        XCTAssertEqual(try store.patientCount(), 0)
    }

    // MARK: - Running it again

    func testRunningTheImportAgainImportsNothingTwice() throws {
        let path = try write([Self.header] + Self.goodRows.map(Self.row))
        XCTAssertEqual(try run(path).imported, 4)
        let ledger = try ledgerEntries()
        let again = try run(path)
        XCTAssertEqual(again.rows, 4)
        XCTAssertEqual(again.imported, 0)
        XCTAssertEqual(again.alreadyImported, 4)
        XCTAssertFalse(again.wroteAnything)
        XCTAssertEqual(try store.patientCount(), 4)
        XCTAssertEqual(try ledgerEntries(), ledger)

        // A later export with one new row imports just that row.
        let later = try write([Self.header] + (Self.goodRows + [Self.legacy("p-005", "Zawadi", "Kamau")]).map(Self.row),
                              name: "later.csv")
        let third = try run(later)
        XCTAssertEqual(third.imported, 1)
        XCTAssertEqual(third.alreadyImported, 4)
        XCTAssertEqual(try store.patientCount(), 5)
        XCTAssertEqual(try record(named: "kamau").patient.mrn, MRNFormat.standard.mrn(sequence: 5, year: 2026), "no MRN gap")
    }

    func testSmallBatchesImportEverythingOnce() throws {
        let rows = (0..<7).map { Self.row(Self.legacy("b-\($0)", "Amina", "Okafor")) }
        let path = try write([Self.header] + rows)
        var importer = LegacyPatientImport(store: store)
        importer.batchSize = 3
        var progress: [Int] = []
        let report = try importer.run(file: path, skipBad: false, by: admin) { done, total in
            XCTAssertEqual(total, 7)
            progress.append(done)
        }
        XCTAssertEqual(report.imported, 7)
        XCTAssertEqual(progress, [3, 6, 7])
        XCTAssertEqual(try store.patientCount(), 7)
    }

    // MARK: - Mapping other headers

    func testAMappingFileRenamesOtherHeaders() throws {
        let mapping = try LegacyPatientColumns.mapping(from: """
            # OldSys clinic export
            Patient No = id
            Given Name = first_name
            Surname    = last_name

            Birth Date = date_of_birth
            Sex = gender
            Mobile = phone   # always with its country code
            """)
        XCTAssertEqual(mapping["Given Name"], "first_name")
        XCTAssertEqual(mapping["Mobile"], "phone")
        let path = try write([
            "Patient No,Given Name,Surname,Birth Date,Sex,Mobile,Ward",
            "A-1,Amina,Okafor,12/04/1990,F,+254712345678,3B",
            "A-2,Jürgen,Müller,01.02.1950,m,,4C",
        ])
        let report = try run(path, mapping: mapping)
        XCTAssertEqual(report.badRows, [])
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.ignoredColumns, ["Ward"])
        let amina = try record(named: "amina")
        XCTAssertEqual(amina.patient.legacyID, "A-1")
        XCTAssertEqual(amina.person.dob, "1990-04-12", "day first")
        XCTAssertEqual(amina.person.phone, "+254712345678")
        XCTAssertEqual(try record(named: "muller").person.dob, "1950-02-01")
    }

    func testABadMappingLineIsReportedByItsLine() {
        XCTAssertThrowsError(try LegacyPatientColumns.mapping(from: "Given Name first_name")) {
            XCTAssertEqual($0 as? ImportError, .badMapping(line: 1, reason: "write it as `Their Header = column`"))
        }
        XCTAssertThrowsError(try LegacyPatientColumns.mapping(from: "# comment\nGiven Name = first_name\nSurname = surname\n")) {
            XCTAssertEqual($0 as? ImportError,
                           .badMapping(line: 3, reason: "'surname' is not a column of the legacy patients table"))
            XCTAssertEqual("\($0)", "mapping file line 3: 'surname' is not a column of the legacy patients table")
        }
        XCTAssertThrowsError(try LegacyPatientColumns.mapping(from: "Given Name = \n")) {
            XCTAssertEqual($0 as? ImportError, .badMapping(line: 1, reason: "write it as `Their Header = column`"))
        }
    }

    // MARK: - Line numbers

    func testAQuotedFieldWithALineBreakKeepsLaterLineNumbersRight() throws {
        let path = try write([
            Self.header,
            Self.row(Self.legacy("p-001", with: ["chronic_conditions": "x", "current_medications": "y",
                                           "emergency_contact_name": "Chidi Okafor", "emergency_contact_relationship": "brother",
                                           "first_name": "Amina\nChidi"])),  // lines 2-3
            Self.row(Self.legacy("p-002", "Brian", "Otieno", gender: "x")),  // line 4
            Self.row(Self.legacy("p-003", "Chloé", "Dubois", dob: "yesterday")),  // line 5
        ])
        let report = try run(path)
        XCTAssertEqual(report.badRows.map(\.line), [4, 5])
        XCTAssertEqual(report.rows, 3)
    }

    func testAMultiLineAddressImports() throws {
        // Legacy addresses are free text and often span lines; a quoted line break is valid CSV.
        let path = try write([
            Self.header,
            Self.row(Self.legacy("p-001", with: ["address": "12 Moi Avenue\nFlat 3", "city": "Nairobi"])),  // lines 2-3
            Self.row(Self.legacy("p-002", "Brian", "Otieno", gender: "x")),  // line 4
        ])
        let report = try run(path, skipBad: true)
        XCTAssertEqual(report.badRows.map(\.line), [4], "\(report.badRows)")
        XCTAssertEqual(report.imported, 1)
        let address = try XCTUnwrap(store.findPatients("okafor").hits.first.flatMap { try store.patientRecord($0.patientID) })
            .person.address
        XCTAssertTrue(address?.hasPrefix("12 Moi Avenue") == true && address?.contains("Flat 3") == true, "\(address ?? "nil")")
    }

    func testWindowsLineEndingsAreReadLikeAnyOther() throws {
        let path = try write([
            Self.header,
            Self.row(Self.legacy("p-001", with: ["status": "inactive"])),
            Self.row(Self.legacy("p-002", "Brian", "Otieno", gender: "x")),
            Self.row(Self.legacy("p-003", "Chloé", "Dubois", with: ["allergies": "penicillin, sulfa"])),
        ], ending: "\r\n")
        let report = try run(path, skipBad: true)
        XCTAssertEqual(report.badRows.map(\.line), [3])
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(try record(named: "okafor").patient.status, "inactive", "no stray carriage return in the last field")
        XCTAssertEqual(Set(try record(named: "dubois").allergies.map(\.substance)), ["penicillin", "sulfa"])
    }
}

final class MonthFirstImportTests: XCTestCase {
    func testMonthFirstDatesAreReadWhenAskedAndISOEitherWay() {
        XCTAssertEqual(LegacyPatientImport.dayFirst("03/27/1990"), "27/03/1990")
        XCTAssertEqual(LegacyPatientImport.dayFirst("3-7-1990"), "7/3/1990")
        XCTAssertEqual(LegacyPatientImport.dayFirst("1990-03-27"), "1990-03-27", "ISO stays as it is")
        XCTAssertEqual(LegacyPatientImport.dayFirst("27 Mar 1990"), "27 Mar 1990")
    }
}
