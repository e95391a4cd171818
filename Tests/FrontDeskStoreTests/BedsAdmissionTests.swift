// Admit, transfer, swap, discharge, reserve, block and clean: each rule of the beds desk and its refusals.
import Foundation
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class BedsAdmissionTests: BedsDeskTestCase {
    func testAdmittingIntoAFreeBedMakesTheEncounterAdmissionAndAllocationInOneTransaction() throws {
        let before = try count("audit_trail")
        let admitted = try store.beds.admit(NewAdmission(patientID: amina, reason: "Pneumonia", diagnosis: "Community-acquired pneumonia",
                                                         expectedDays: "4", bedID: try bed("A A3").bedID), by: nurse)
        XCTAssertEqual(admitted.bedName, "A A3")
        XCTAssertEqual(try status("A A3"), .occupied)
        XCTAssertEqual(try count("audit_trail"), before + 1, "one transaction")
        XCTAssertEqual(try count("encounters", "encounter_id = ? AND kind = 'inpatient' AND status = 'open'", [admitted.admission.encounterID]), 1)
        let board = try store.beds.board()
        let cell = try XCTUnwrap(board.beds.first { $0.label == "A3" })
        XCTAssertEqual(cell.patientID, amina)
        XCTAssertEqual(cell.patientName, "Okafor, Amina")
        XCTAssertEqual(board.wards.first { $0.wardCode == "A" }?.counts[.occupied], 1)
        XCTAssertEqual(board.wards.first { $0.wardCode == "A" }?.occupancyPercent, 10)
    }

    func testAnAdmissionWithoutABedWaitsForOneAndIsGivenOneLater() throws {
        let admission = try admit(amina, to: nil)
        XCTAssertEqual(try store.beds.waitingForBed().map(\.admission.admissionID), [admission.admissionID])
        XCTAssertEqual(try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("B B1").bedID, by: nurse), "B B1")
        XCTAssertTrue(try store.beds.waitingForBed().isEmpty)
        XCTAssertEqual(try status("B B1"), .occupied)
    }

    func testRefusalsAtAdmission() throws {
        try admit(amina, to: "A A3")
        try assertRefused(try admit(baraka, to: "A A3"), "A A3 was taken by")
        try assertRefused(try admit(amina, to: "A A4"), "is already admitted")
        try assertRefused(try store.beds.admit(NewAdmission(patientID: chen, reason: "  "), by: nurse), "reason")
        try assertRefused(try store.beds.admit(NewAdmission(patientID: chen, reason: "Fall", expectedDays: "0"), by: nurse),
                          "expected stay: give whole days")
        try assertRefused(try admit(chen, to: "A A4", by: clerk), "not")  // a receptionist does not allocate beds
        try store.beds.block(bedID: bed("A A5").bedID, reason: "Broken rail", by: nurse)
        try assertRefused(try admit(chen, to: "A A5"), "A A5 is blocked (Broken rail)")
    }

    func testTransferSendsTheBedLeftToCleaningAndNeedsAReason() throws {
        let admission = try admit(amina, to: "A A3")
        try assertRefused(try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("B B1").bedID, by: nurse),
                          "say why the patient moves")
        try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("B B1").bedID, reason: "Asked for a private room", by: nurse)
        XCTAssertEqual(try status("A A3"), .cleaning)
        XCTAssertEqual(try status("B B1"), .occupied)
        try assertRefused(try admit(baraka, to: "A A3"), "A A3 needs cleaning first")
        try store.beds.markClean(bedID: bed("A A3").bedID, by: nurse)
        XCTAssertEqual(try status("A A3"), .free)
        try admit(baraka, to: "A A3")
        try assertRefused(try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("A A3").bedID, reason: "x", by: nurse),
                          "A A3 was taken by")
    }

    func testSwapMovesBothPatientsInOneStepWithoutCleaning() throws {
        let first = try admit(amina, to: "A A1")
        let second = try admit(baraka, to: "B B2")
        try store.beds.swapBeds(first.admissionID, second.admissionID, reason: "Oxygen needed", by: nurse)
        XCTAssertEqual(try store.beds.currentAdmission(of: amina)?.bedName, "B B2")
        XCTAssertEqual(try store.beds.currentAdmission(of: baraka)?.bedName, "A A1")
        XCTAssertEqual(try status("A A1"), .occupied)
        XCTAssertEqual(try status("B B2"), .occupied)
        let waiting = try admit(chen, to: nil)
        try assertRefused(try store.beds.swapBeds(first.admissionID, waiting.admissionID, reason: "x", by: nurse), "both patients must be in a bed")
    }

    func testADischargedPatientCannotBeTransferred() throws {
        let admission = try admit(chen, to: "A A4")
        moveTo("2026-11-22 10:00")
        try store.beds.discharge(DischargeRequest(admissionID: admission.admissionID, disposition: .home, authorization: approval,
                                                  authorizationReason: "Pays at the next clinic visit"), by: nurse)
        try assertRefused(try store.beds.moveToBed(admissionID: admission.admissionID, bedID: bed("A A6").bedID, reason: "x", by: nurse),
                          "was discharged")
    }

    func testAReservationHoldsTheBedForItsPatientUntilItRunsOut() throws {
        try store.beds.reserve(bedID: bed("B B3").bedID, for: chen, until: clock.now().addingTimeInterval(4 * 3600), by: nurse)
        XCTAssertEqual(try status("B B3"), .reserved)
        try assertRefused(try admit(amina, to: "B B3"), "B B3 is reserved for")
        try admit(chen, to: "B B3")
        XCTAssertEqual(try status("B B3"), .occupied)
        // Another reservation runs out: the bed reads as free and takes anyone.
        try store.beds.reserve(bedID: bed("B B4").bedID, for: amina, until: clock.now().addingTimeInterval(3600), by: nurse)
        clock.advance(3601)
        XCTAssertEqual(try status("B B4"), .free)
        try admit(baraka, to: "B B4")
    }

    func testBlockingAndRetiringRefuseAnOccupiedBed() throws {
        try admit(amina, to: "A A3")
        try assertRefused(try store.beds.block(bedID: bed("A A3").bedID, reason: "Leak", by: nurse), "has a patient in it")
        try assertRefused(try store.beds.retireBed(bed("A A3").bedID, by: admin), "has a patient in it")
        try store.beds.block(bedID: bed("A A9").bedID, reason: "Infection control", by: nurse)
        XCTAssertEqual(try status("A A9"), .blocked)
        try store.beds.unblock(bedID: bed("A A9").bedID, by: nurse)
        XCTAssertEqual(try status("A A9"), .free)
        try store.beds.retireBed(bed("A A10").bedID, by: admin)
        XCTAssertFalse(try store.beds.board().beds.contains { $0.label == "A10" }, "a retired bed leaves the board")
        XCTAssertEqual(try count("beds", "label = 'A10'"), 1, "its row and history stay")
    }

    func testBedsAreAddedByLabelRangeAndClashesAreRefused() throws {
        XCTAssertEqual(try store.beds.addBeds(wardCode: "b", labels: "b6-8", typeCode: "private", tags: ["monitor"], by: admin).map(\.label),
                       ["B6", "B7", "B8"])
        try assertRefused(try store.beds.addBeds(wardCode: "B", labels: "B8-B9", typeCode: "private", by: admin), "ward B already has a bed B8")
        try assertRefused(try store.beds.addBeds(wardCode: "B", labels: "B20", typeCode: "deluxe", by: admin), "no bed type")
        try assertRefused(try store.beds.addBeds(wardCode: "Z", labels: "Z1", typeCode: "general", by: admin), "no ward")
        try assertRefused(try store.beds.addBeds(wardCode: "B", labels: "B30", typeCode: "general", tags: ["wifi"], by: admin), "not a bed tag")
        try assertRefused(try store.beds.addBeds(wardCode: "B", labels: "B9", typeCode: "general", by: nurse), "not")
        XCTAssertEqual(try bed("B B6").tagList, [.monitor])
    }
}

final class BedsLedgerTests: BedsDeskTestCase {
    /// Every bed change is in the ledger: verify replays it and finds the tables exactly as the ledger says.
    func testVerifyFindsEveryBedChangeLedgered() throws {
        moveTo("2026-11-22 10:00")
        let first = try admit(amina, to: "A A1")
        let second = try admit(baraka, to: "B B1")
        try store.beds.swapBeds(first.admissionID, second.admissionID, reason: "Oxygen", by: nurse)
        try store.beds.reserve(bedID: bed("A A7").bedID, for: chen, until: clock.now().addingTimeInterval(3600), by: nurse)
        try store.beds.block(bedID: bed("A A8").bedID, reason: "Broken", by: nurse)
        moveTo("2026-11-24 09:00")
        try store.beds.accrueBedDays()
        try store.beds.discharge(DischargeRequest(admissionID: first.admissionID, disposition: .home, authorization: approval,
                                                  authorizationReason: "Company account"), by: nurse)
        try store.beds.markClean(bedID: bed("B B1").bedID, by: nurse)
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "\(report.problems)")
    }

    /// A merge moves the merged record's admission (and a bed reserved for it) to the survivor; two admitted records wait.
    func testAMergeMovesTheAdmissionAndRefusesTwoOpenStays() throws {
        let stay = try admit(chen, to: "A A3")
        try admit(amina, to: "A A4")
        try assertRefused(try store.mergePatients(survivor: amina, merged: chen, reason: "Same person", by: supervisor), "both records are admitted now")
        try store.beds.discharge(DischargeRequest(admissionID: stay.admissionID, disposition: .home, authorization: approval,
                                                  authorizationReason: "Duplicate record"), by: nurse)
        try store.mergePatients(survivor: amina, merged: chen, reason: "Same person", by: supervisor)
        XCTAssertEqual(try count("admissions", "patient_id = ?", [amina!]), 2)
    }
}
