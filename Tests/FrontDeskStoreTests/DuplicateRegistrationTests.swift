// The duplicate rules of registration: what is flagged as likely the same person, and what is not.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class DuplicateRegistrationTests: PatientDeskTestCase {
    var amina: RegisteredPatient!
    var nguyen: RegisteredPatient!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.setPhoneCountryCode("254", by: admin)
        amina = try store.registerPatient(
            NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12", phone: "0712 345 678",
                       nationalID: "12345678"), by: clerk)
        nguyen = try store.registerPatient(
            NewPatient(firstName: "Thị Ánh", lastName: "Nguyễn", sex: "female", dob: "1985-07-01"), by: clerk)
    }

    func duplicates(_ first: String, _ last: String, dob: String? = nil, phone: String? = nil, nationalID: String? = nil,
                    estimated: Bool = false) throws -> [PatientHit] {
        try store.likelyDuplicates(of: NewPatient(firstName: first, lastName: last, sex: "female", dob: dob, dobEstimated: estimated,
                                                  phone: phone, nationalID: nationalID))
    }

    func testTheSameBirthDateAndASimilarNameAreFlagged() throws {
        for (first, last) in [("Amina", "Okafor"), ("Amina", "Okafur"), ("amina", "OKAFOR"), ("Aminah", "Okafor"),
                              ("Okafor", "Amina")] {
            let hits = try duplicates(first, last, dob: "12/04/1990")
            XCTAssertEqual(hits.map(\.patientID), [amina.patientID], "\(first) \(last)")
            XCTAssertEqual(hits.first?.matchedBy, .dateOfBirth, "\(first) \(last)")
            XCTAssertEqual(hits.first?.mrn, amina.mrn)
        }
        XCTAssertEqual(try duplicates("Thi Anh", "Nguyen", dob: "1985-07-01").map(\.patientID), [nguyen.patientID], "folded")
        XCTAssertEqual(try duplicates("Thi Anh", "Nguyn", dob: "1985-07-01").map(\.patientID), [nguyen.patientID],
                       "folded, with a typo")
        XCTAssertEqual(try duplicates("Nguyen", "Thi Anh", dob: "1985-07-01").map(\.patientID), [nguyen.patientID],
                       "swapped and folded")
    }

    func testTheSamePhoneAndASimilarNameAreFlaggedWhateverTheBirthDate() throws {
        for typed in ["0712 345 678", "+254712345678", "(0712) 345-678"] {
            let hits = try duplicates("Amina", "Okafr", dob: "1975-01-01", phone: typed)
            XCTAssertEqual(hits.map(\.patientID), [amina.patientID], typed)
            XCTAssertEqual(hits.first?.matchedBy, .phone, typed)
        }
    }

    func testTheSameNationalIDIsFlaggedWhateverTheName() throws {
        let hits = try duplicates("John", "Smith", dob: "1970-01-01", nationalID: "12 345 678")
        XCTAssertEqual(hits.map(\.patientID), [amina.patientID])
        XCTAssertEqual(hits.first?.matchedBy, .nationalID)
        XCTAssertEqual(hits.first?.exact, true)
    }

    func testDifferentPeopleAreNotFlagged() throws {
        XCTAssertEqual(try duplicates("Amina", "Okafor", dob: "1975-01-01", phone: "0722 999 888"), [],
                       "same name, different birth date and phone")
        XCTAssertEqual(try duplicates("Brian", "Otieno", dob: "1990-04-12"), [], "same birth date, different name")
        XCTAssertEqual(try duplicates("Brian", "Okafor", dob: "1990-04-12"), [], "same family name, different given name")
        XCTAssertEqual(try duplicates("Amina", "Otieno", dob: "1990-04-12", phone: "0712 345 678"), [],
                       "same phone and birth date, different family name")
        XCTAssertEqual(try duplicates("Amina", "Okafor"), [], "a name alone is not enough")
    }

    func testAnEstimatedBirthDateMatchesWithinAYear() throws {
        XCTAssertEqual(try duplicates("Amina", "Okafor", dob: "1991-01-01", estimated: true).map(\.patientID), [amina.patientID])
        XCTAssertEqual(try duplicates("Amina", "Okafor", dob: "1991-01-01"), [], "an exact birth date must be the same day")
        XCTAssertEqual(try duplicates("Amina", "Okafor", dob: "1993-01-01", estimated: true), [])
    }

    func testThePatientBeingEditedAndMergedRecordsAreNotFlagged() throws {
        let same = NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")
        XCTAssertEqual(try store.likelyDuplicates(of: same, excluding: amina.patientID), [])
        let twin = try store.registerPatient(
            NewPatient(firstName: "Amina", lastName: "Okafur", sex: "female", dob: "1990-04-12"), by: clerk)
        XCTAssertEqual(Set(try store.likelyDuplicates(of: same).map(\.patientID)), [amina.patientID, twin.patientID])
        try store.mergePatients(survivor: amina.patientID, merged: twin.patientID, reason: "same person", by: supervisor)
        XCTAssertEqual(try store.likelyDuplicates(of: same).map(\.patientID), [amina.patientID])
    }
}
