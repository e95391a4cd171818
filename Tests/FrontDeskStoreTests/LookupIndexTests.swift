// The lookup index is derived data: verify notices when it is out of step, reindex rebuilds it.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class LookupIndexTests: StoreTestCase {
    func testVerifyNamesAMissingCardAndReindexRepairsIt() throws {
        let clerk = try signedIn(.receptionist)
        let registered = try store.registerPatients([Self.patient("Amina", "Okafor"), Self.patient("Neema", "Mushi")], by: clerk)
        XCTAssertTrue(try store.verify().isClean)
        // Someone deletes a card behind the store's back (or a bug forgot one).
        try rawConnection().write { db in
            let card = try Row.fetchOne(db, sql: "SELECT card_id, terms FROM patient_search WHERE patient_id = ?",
                                        arguments: [registered[1].patientID])!
            try db.execute(sql: "INSERT INTO patient_name_index (patient_name_index, rowid, terms) VALUES ('delete', ?, ?)",
                           arguments: [card["card_id"], card["terms"]])
            try db.execute(sql: "DELETE FROM patient_search WHERE card_id = ?", arguments: [card["card_id"]])
        }
        XCTAssertTrue(try store.findPatients("mushi").hits.isEmpty)
        let report = try store.verify()
        XCTAssertTrue(report.problems.contains { $0.contains("1 patient(s) have no card") }, "\(report.problems)")
        XCTAssertThrowsError(try store.rebuildLookupIndex(by: clerk)) {
            guard case StoreError.notPermitted = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try store.rebuildLookupIndex(by: admin), 2)
        XCTAssertTrue(try store.verify().isClean)
        XCTAssertEqual(try store.findPatients("mushi").hits.map(\.patientID), [registered[1].patientID])
        XCTAssertEqual(try store.findPatients("oka am").hits.map(\.patientID), [registered[0].patientID])
    }
}

final class ShortFormAcrossFormatsTests: StoreTestCase {
    func testAnOldShortFormStillFindsItsPatientAfterTheFormatChanges() throws {
        let clerk = try signedIn(.receptionist)
        let old = try store.registerPatient(Self.patient("Amina", "Okafor"), by: clerk)
        XCTAssertEqual(old.mrn, "MR00000018")
        try store.setMRNFormat(MRNFormat(prefix: "KNH", includesYear: true, sequenceDigits: 5), by: admin)
        let new = try store.registerPatient(Self.patient("Neema", "Mushi"), by: clerk)
        XCTAssertTrue(new.mrn.hasPrefix("KNH2026"), new.mrn)
        XCTAssertEqual(try store.findPatients("18").hits.map(\.mrn), ["MR00000018"])
        let newShort = String(new.mrn.dropFirst(3).drop { $0 == "0" })
        XCTAssertEqual(try store.findPatients(newShort).hits.map(\.mrn), [new.mrn])
        XCTAssertTrue(try store.findPatients("19").hits.isEmpty, "a wrong check digit finds nothing")
    }
}

final class SharedBirthDateTests: StoreTestCase {
    func testANameFindsItsPatientAmongThousandsBornOnTheSameDay() throws {
        let clerk = try signedIn(.receptionist)
        // Estimated ages are often written as 1 January: a day shared by many.
        let amina = try store.registerPatient(Self.patient("Amina", "Okafor", dob: "1980-01-01"), by: clerk)
        _ = try store.registerPatients((0..<260).map { Self.patient("Given\($0)", "Family\($0)", dob: "1980-01-01") }, by: clerk)
        XCTAssertTrue(try store.findPatients("01/01/1980").truncated)
        XCTAssertEqual(try store.findPatients("okafor 01/01/1980").hits.map(\.patientID), [amina.patientID])
        XCTAssertEqual(try store.findPatients("am oka 1980-01-01").hits.map(\.patientID), [amina.patientID])
    }
}
