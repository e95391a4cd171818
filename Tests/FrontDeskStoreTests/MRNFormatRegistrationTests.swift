// MRN formats a facility sets: prefixes, years, gap-free sequences, issued MRNs unchanged.
import FrontDeskCore
import FrontDeskLedger
import GRDB
import XCTest

@testable import FrontDeskStore

final class MRNFormatRegistrationTests: PatientDeskTestCase {
    func patient(_ first: String) -> NewPatient {
        NewPatient(firstName: first, lastName: "Okafor", sex: "male", dob: "1990-04-12")
    }

    func testTheStandardFormatIsMRSevenDigitsAndACheckDigit() throws {
        XCTAssertEqual(try store.mrnFormat(), .standard)
        let mrns = try store.registerPatients(["A", "B", "C"].map(patient), by: clerk).map(\.mrn)
        XCTAssertEqual(mrns, (1...3).map { MRNFormat.standard.mrn(sequence: Int64($0), year: 2026) })
        XCTAssertEqual(mrns, ["MR00000018", "MR00000026", "MR00000034"])
        XCTAssertTrue(mrns.allSatisfy(MRNFormat.standard.isPlausible))
    }

    func testASitePrefixAndYearFormatIsUsedForNewMRNs() throws {
        try store.setMRNFormat(MRNFormat(prefix: "knh", includesYear: true, sequenceDigits: 5), by: admin)
        let format = MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5)
        XCTAssertEqual(try store.mrnFormat(), format)
        let mrns = try store.registerPatients(["A", "B"].map(patient), by: clerk).map(\.mrn)
        XCTAssertEqual(mrns, [format.mrn(sequence: 1, year: 2026), format.mrn(sequence: 2, year: 2026)])
        XCTAssertTrue(mrns[0].hasPrefix("KNH202600001"), mrns[0])
        XCTAssertEqual(mrns[0].count, 13)
        // Found whole, lower-case, and by its digits alone.
        for typed in [mrns[1], mrns[1].lowercased(), String(mrns[1].dropFirst(3))] {
            XCTAssertEqual(try store.findPatients(typed).hits.map(\.mrn), [mrns[1]], typed)
        }
    }

    func testMRNsStayGapFreeAcrossARolledBackRegistration() throws {
        try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5), by: admin)
        let format = try store.mrnFormat()
        let first = try store.registerPatient(patient("A"), by: clerk)
        // A registration that fails inside its transaction (after taking a number): a second primary policy.
        var failing = patient("B")
        failing.policies = [
            NewPolicy(payer: "NHIF", policyNumber: "1", holderName: "B", validFrom: "2026-01-01"),
            NewPolicy(payer: "AAR", policyNumber: "2", holderName: "B", validFrom: "2026-01-01"),
        ]
        XCTAssertThrowsError(try store.registerPatient(failing, by: clerk))
        let second = try store.registerPatient(patient("C"), by: clerk)
        XCTAssertEqual([first.mrn, second.mrn], [format.mrn(sequence: 1, year: 2026), format.mrn(sequence: 2, year: 2026)])
    }

    func testTheSequenceStartsAgainEachYearWhenTheYearIsInTheMRN() throws {
        try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5), by: admin)
        let format = try store.mrnFormat()
        let late2026 = try store.registerPatients(["A", "B"].map(patient), by: clerk).map(\.mrn)
        clock.advance(40 * 86_400)  // 1 Jan 2027
        let early2027 = try store.registerPatient(patient("C"), by: clerk).mrn
        XCTAssertEqual(late2026.last, format.mrn(sequence: 2, year: 2026))
        XCTAssertEqual(early2027, format.mrn(sequence: 1, year: 2027))
    }

    func testIssuedMRNsDoNotChangeWithTheFormat() throws {
        let old = try store.registerPatient(patient("A"), by: clerk)
        XCTAssertEqual(old.mrn, "MR00000018")
        try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: false, sequenceDigits: 6), by: admin)
        let new = try store.registerPatient(patient("B"), by: clerk)
        XCTAssertEqual(new.mrn, MRNFormat(prefix: "KNH", includesYear: false, sequenceDigits: 6).mrn(sequence: 2, year: 2026),
                       "without a year the facility's one sequence carries on")
        XCTAssertEqual(try store.patientRecord(old.patientID)?.patient.mrn, "MR00000018")
        XCTAssertEqual(try store.findPatients("MR00000018").hits.map(\.patientID), [old.patientID])
        XCTAssertEqual(try store.findPatients(new.mrn).hits.map(\.patientID), [new.patientID])
    }

    func testOnlyAnAdministratorSetsAValidFormat() throws {
        let before = try counts()
        for actor in [clerk!, supervisor!] {
            XCTAssertThrowsError(try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5), by: actor)) {
                XCTAssertEqual($0 as? StoreError,
                               .notPermitted(action: "change facility settings", role: actor.role!.title.lowercased()))
            }
        }
        XCTAssertThrowsError(try store.setMRNFormat(MRNFormat(prefix: "K1", includesYear: false, sequenceDigits: 7), by: admin)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("MRN prefix", "must be 0 to 6 letters A-Z")))
        }
        XCTAssertThrowsError(try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: false, sequenceDigits: 11), by: admin)) {
            XCTAssertEqual($0 as? StoreError, .invalid(ValidationError("MRN sequence digits", "must be 4 to 10")))
        }
        XCTAssertEqual(try counts(), before)
        XCTAssertEqual(try store.mrnFormat(), .standard)
        XCTAssertEqual(try store.registerPatient(patient("A"), by: clerk).mrn, "MR00000018")
    }
}
