// The pharmacy desk at 80×24: dispensing with batches picked first expiry first, the stock card, a delivery line refused, allergies.
import Foundation
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import PharmacyDesk

final class PharmacyScreenTests: ShellTestCase {
    private var amina = "", baraka = ""
    private var labels = ""

    /// Pharmacist `rajesh` (in charge); AMOX500 at KES 10.00 and PARA500 at KES 2.00 a unit; AMOX500 in two batches,
    /// EARLY (50, March 2027, received second) and LATE (100, September 2027); PARA500 one batch of 500; Baraka's
    /// prescription for 80 capsules and 24 tablets; Amina allergic to penicillin. Labels print to a file.
    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try addUser("rajesh", .pharmacist, password: "rajesh-pass-1")
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("nurse", .nurse, password: "nurse-pass-1")
        try store.pharmacy.setInCharge(username: "rajesh", by: admin)
        labels = NSTemporaryDirectory() + "frontdesk-labels-\(UUID().uuidString).txt"
        try store.cashier.setReceiptPrinter(command: "cat >> \(labels)", width: 42, by: admin)
        let day = CalendarDay("2026-01-01")!
        try store.setFee(code: "AMOX500", name: "Amoxicillin 500 mg", amountMinor: 1_000, from: day, by: admin)
        try store.setFee(code: "PARA500", name: "Paracetamol 500 mg", amountMinor: 200, from: day, by: admin)
        let pharm = try store.signIn(username: "rajesh", password: "rajesh-pass-1")
        try store.pharmacy.addItem(ItemInput(code: "AMOX500", genericName: "Amoxicillin", brand: "Amoxil", form: "capsule", strength: "500 mg",
                                             route: "oral", unit: "capsule", packSize: 100, reorderLevel: 100), by: pharm)
        try store.pharmacy.addItem(ItemInput(code: "PARA500", genericName: "Paracetamol", form: "tablet", strength: "500 mg", route: "oral",
                                             unit: "tablet", packSize: 1000, reorderLevel: 100), by: pharm)
        try store.pharmacy.receive(GoodsReceiptInput(supplier: "KEMSA", invoiceNo: "K-1", lines: [
            ReceiptLineInput(itemCode: "AMOX500", batchNo: "LATE", expiry: "2027-09", quantity: 100, costMinor: 60_000),
            ReceiptLineInput(itemCode: "PARA500", batchNo: "P-1", expiry: "2027-12", quantity: 500, costMinor: 50_000),
        ]), by: pharm)
        clock.advance(3600)
        try store.pharmacy.receive(GoodsReceiptInput(supplier: "Medisel", lines: [
            ReceiptLineInput(itemCode: "AMOX500", batchNo: "EARLY", expiry: "03/2027", quantity: 50, costMinor: 30_000),
        ]), by: pharm)
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        var allergic = NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")
        allergic.allergies = [NewAllergy(substance: "Penicillin", reaction: "rash", severity: .severe)]
        amina = try store.registerPatient(allergic, by: clerk).patientID
        baraka = try store.registerPatient(NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30"), by: clerk).patientID
        try store.pharmacy.writePrescription(PrescriptionInput(patientID: baraka, prescriber: "Dr Wanjiru", lines: [
            PrescriptionLineInput(itemCode: "AMOX500", dose: "2", frequency: "BD", durationDays: 20),
            PrescriptionLineInput(itemCode: "PARA500", dose: "2", frequency: "QDS", durationDays: 3),
        ]), by: pharm)
        clock.advance(1800)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: labels)
        try super.tearDownWithError()
    }

    private func openCounter() {
        signIn("rajesh", "rajesh-pass-1")
        shell.press(.function(5))
    }

    func testTheDispenseScreenPicksTheEarlierExpiryFirstAndSpills() throws {
        openCounter()
        XCTAssertTrue(screen().contains("1 prescription waiting"), screen())
        shell.press(.enter)
        XCTAssertTrue(screen().contains("EARLY 2027-03-31 ×50"), screen())
        XCTAssertTrue(screen().contains("LATE 2027-09-30 ×30"), screen())
        XCTAssertTrue(screen().contains("To charge: KES 848.00."), screen())
        try assertGolden("pharmacy-dispense")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Dispensed 2 line(s); KES 848.00 charged for the cashier."), screen())
        XCTAssertEqual(try store.pharmacy.batches(itemID: try XCTUnwrap(store.pharmacy.item(code: "AMOX500")).itemID).map { "\($0.batch.batchNo) \($0.onHand)" },
                       ["LATE 70"])
        let printed = try String(contentsOfFile: labels, encoding: .utf8)
        XCTAssertTrue(printed.contains("Amoxicillin 500 mg capsule x 80 capsules"), printed)
        XCTAssertTrue(printed.contains("Take 2 capsules twice a day for 20 days."), printed)
        XCTAssertTrue(printed.contains("Batch EARLY  exp 2027-03-31") || printed.contains("Batch EARLY exp 2027-03-31"), printed)
        XCTAssertTrue(printed.split(separator: "\n").allSatisfy { $0.count <= 42 }, "labels are 42 columns")
        let open = try store.cashier.openChargesSplit(of: baraka)
        XCTAssertEqual(open.count, 3, "one charge per batch part: EARLY, LATE and P-1")
        XCTAssertEqual(open.totalMinor, 84_800)
    }

    func testGivingLessLeavesTheRestOwed() throws {
        openCounter()
        shell.press(.enter)
        shell.press(.character("q"))
        for _ in 0..<3 { shell.press(.backspace) }
        type("40")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("EARLY 2027-03-31 ×40"), screen())
        XCTAssertFalse(screen().contains("LATE 2027-09-30"), screen())
        shell.press(.ctrl("s"))
        let detail = try XCTUnwrap(store.pharmacy.openPrescriptions().first)
        XCTAssertEqual(detail.owedLines, 1)
        XCTAssertTrue(screen().contains("40    40"), "line 1 still owes 40: \(screen())")
    }

    func testTheStockCard() throws {
        openCounter()
        shell.press(.character("i"))
        type("amox")
        XCTAssertTrue(screen().contains("AMOX500    Amoxicillin 500 mg capsule (Amoxil)"), screen())
        shell.press(.enter)
        XCTAssertTrue(screen().contains("150 capsule(s) on hand; reorder at 100; KES 10.00 a capsule"), screen())
        try assertGolden("pharmacy-stock-card")
    }

    func testADeliveryLineWithAnExpiredBatchIsRefusedBesideItsField() throws {
        openCounter()
        shell.press(.character("r"))
        type("KEMSA")
        shell.press(.ctrl("s"))
        shell.press(.character("a"))
        type("PARA500")
        shell.press(.tab)
        type("old-7")
        shell.press(.tab)
        type("2026-10")
        shell.press(.tab)
        type("100")
        shell.press(.tab)
        type("250")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("batch OLD-7 expired on 2026-10-31"), screen())
        try assertGolden("pharmacy-grn-error")
        XCTAssertEqual(try store.pharmacy.receipts().count, 2, "nothing received")
    }

    func testAnAllergyIsAskedAboutBeforeItIsPrescribed() throws {
        signIn("rajesh", "rajesh-pass-1")
        shell.press(.ctrl("f"))
        type("amina okafor")
        shell.settle()
        shell.press(.enter)
        shell.press(.character("x"))
        XCTAssertTrue(screen().contains("Recorded allergies: Penicillin."), screen())
        type("Dr Otieno")
        shell.press(.ctrl("s"))
        shell.press(.character("a"))
        type("amoxil")
        shell.press(.tab)
        type("1")
        shell.press(.tab)
        type("TDS")
        shell.press(.tab)
        type("5")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("ALLERGY: the patient is recorded allergic to Penicillin (severe: rash)."), screen())
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Line added: 15 capsule(s) of Amoxicillin 500 mg capsule. Allergy"), screen())
        XCTAssertTrue(screen().contains("1  AMOX500    1"), screen())
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("ALLERGY: line 1 AMOX500 meets Penicillin (severe: rash) (acknowledged)"), screen())
        let rx = try XCTUnwrap(store.pharmacy.openPrescriptions(patientID: amina).first)
        XCTAssertEqual(try store.pharmacy.prescription(rx.prescription.rxID).lines.first?.line.allergy, "Penicillin (severe: rash)")
    }

    func testTheHomeScreenShowsStockAlertsToPharmacistsOnly() throws {
        openCounter()
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Rx waiting      1"), screen())
        shell.press(.function(10))
        shell.press(.character("y"))
        signIn("nurse", "nurse-pass-1")
        XCTAssertFalse(screen().contains("Rx waiting"), screen())
    }

    /// A doctor prescribes from the summary under their own name; the prescription waits at the pharmacy.
    func testADoctorsPrescriptionWaitsAtThePharmacy() throws {
        try addUser("achieng", .doctor, password: "achieng-pass-1")
        signIn("achieng", "achieng-pass-1")
        shell.press(.ctrl("f"))
        type("baraka mutua")
        shell.settle()
        shell.press(.enter)
        shell.press(.character("x"))
        XCTAssertTrue(screen().contains("Prescriber  Test Doctor"), "the doctor's own name: \(screen())")
        shell.press(.ctrl("s"))
        shell.press(.character("a"))
        type("PARA500")
        shell.press(.tab)
        type("1")
        shell.press(.tab)
        type("BD")
        shell.press(.tab)
        type("3")
        shell.press(.ctrl("s"))
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Prescription 2 saved: it waits at the pharmacy."), screen())
        let waiting = try store.pharmacy.openPrescriptions(patientID: baraka).map(\.prescription)
        XCTAssertEqual(waiting.map(\.source), [.counter, .doctor])
    }
}
