// A store set up for the pharmacy desk (staff, items with prices, an allergic patient), made once and copied per test.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

/// A fresh store per test, copied from a template made once per run. It holds:
/// - staff `admin`, `pharm` (the pharmacist in charge), `pharm2`, `cashier`, `clerk`, `doctor`;
/// - items AMOX500 (Amoxicillin 500 mg capsule, reorder 100), PARA500 (Paracetamol 500 mg tablet) and ORS
///   (no price in the fee schedule); prices AMOX500 10.00 and PARA500 2.00 a unit (KES) from 2026-01-01;
/// - patients `amina` (allergic to penicillin, severe: rash) and `baraka`.
///
/// The facility is in Nairobi (UTC+3); the clock starts at Sun 22 Nov 2026 07:12 local and moves only when told.
class PharmacyDeskTestCase: XCTestCase, DeskStoreTesting {
    struct Template {
        let admin: Actor, pharm: Actor, pharm2: Actor, cashier: Actor, clerk: Actor
        let amina: String, baraka: String
        let amox: String, para: String, ors: String
    }

    static let amoxPrice: Int64 = 1_000, paraPrice: Int64 = 200
    static let zone = TimeZone(identifier: "Africa/Nairobi")!

    var clock: MovableClock!
    var store: FacilityStore!
    private var copy: StoreCopy?
    var admin: Actor!, pharm: Actor!, pharm2: Actor!, cashier: Actor!, clerk: Actor!
    var amina: String!, baraka: String!
    var amox: String!, para: String!, ors: String!

    private static func template() throws -> (path: String, value: Template) {
        try StoreTemplates.shared("pharmacy desk") { store in
            let admin = try store.signIn(username: "admin", password: "admin-pass-1")
            for (name, role) in [("pharm", Role.pharmacist), ("pharm2", .pharmacist), ("cashier", .cashier), ("clerk", .receptionist),
                                 ("doctor", .doctor)] {
                try store.addUser(NewUser(username: name, displayName: "Test \(name.capitalized)", role: role, password: "pass-\(name)"),
                                  by: admin)
            }
            func actor(_ name: String) throws -> Actor { try store.signIn(username: name, password: "pass-\(name)") }
            try store.pharmacy.setInCharge(username: "pharm", by: admin)
            let day = CalendarDay("2026-01-01")!
            try store.setFee(code: "AMOX500", name: "Amoxicillin 500 mg", amountMinor: amoxPrice, from: day, by: admin)
            try store.setFee(code: "PARA500", name: "Paracetamol 500 mg", amountMinor: paraPrice, from: day, by: admin)
            let pharm = try actor("pharm")
            let amox = try store.pharmacy.addItem(ItemInput(code: "amox500", genericName: "Amoxicillin", brand: "Amoxil", form: "capsule",
                                                            strength: "500 mg", route: "oral", unit: "capsule", packSize: 100,
                                                            reorderLevel: 100), by: pharm)
            let para = try store.pharmacy.addItem(ItemInput(code: "PARA500", genericName: "Paracetamol", form: "tablet", strength: "500 mg",
                                                            route: "oral", unit: "tablet", packSize: 1000), by: pharm)
            let ors = try store.pharmacy.addItem(ItemInput(code: "ORS", genericName: "Oral rehydration salts", form: "sachet", unit: "sachet"),
                                                 by: pharm)
            let clerk = try actor("clerk")
            var allergic = NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12")
            allergic.allergies = [NewAllergy(substance: "Penicillin", reaction: "rash", severity: .severe)]
            let amina = try store.registerPatient(allergic, by: clerk)
            let baraka = try store.registerPatient(NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30"), by: clerk)
            return Template(admin: admin, pharm: pharm, pharm2: try actor("pharm2"), cashier: try actor("cashier"), clerk: clerk,
                            amina: amina.patientID, baraka: baraka.patientID, amox: amox.itemID, para: para.itemID, ors: ors.itemID)
        }
    }

    override func setUpWithError() throws {
        let (path, made) = try Self.template()
        clock = MovableClock()
        let copy = try StoreCopy(of: path, clock: clock)
        self.copy = copy
        store = copy.store
        admin = made.admin
        pharm = made.pharm
        pharm2 = made.pharm2
        cashier = made.cashier
        clerk = made.clerk
        amina = made.amina
        baraka = made.baraka
        amox = made.amox
        para = made.para
        ors = made.ors
    }

    override func tearDownWithError() throws {
        copy?.remove()
    }

    // MARK: - Helpers

    /// Moves the clock forward by whole days.
    func advance(days: Int) { clock.advance(TimeInterval(days * 86_400)) }

    /// Receives one delivery of `lines` (code, batch, expiry, quantity), each costing 5.00 a unit.
    @discardableResult
    func receive(_ lines: [(String, String, String, Int)], by actor: Actor? = nil) throws -> GoodsReceipt {
        try store.pharmacy.receive(GoodsReceiptInput(supplier: "MEDS Ltd", invoiceNo: "INV-1", lines: lines.map {
            ReceiptLineInput(itemCode: $0.0, batchNo: $0.1, expiry: $0.2, quantity: $0.3, costMinor: Int64($0.3) * 500)
        }), by: actor ?? pharm)
    }

    /// Writes a one-line prescription of `quantity` units of `code` for `patient`.
    func prescribe(_ code: String, _ quantity: Int, for patient: String, acknowledge: Bool = false) throws -> PrescriptionDetail {
        let rx = try store.pharmacy.writePrescription(PrescriptionInput(patientID: patient, prescriber: "Dr Wanjiru", lines: [
            PrescriptionLineInput(itemCode: code, dose: "1", frequency: "TDS", durationDays: 5, quantity: quantity, acknowledgeAllergy: acknowledge),
        ]), by: pharm)
        return try store.pharmacy.prescription(rx.rxID)
    }

    func batchID(_ itemID: String, _ number: String) throws -> String {
        try XCTUnwrap(store.pharmacy.batches(itemID: itemID, withStockOnly: false).first { $0.batch.batchNo == number }).batch.batchID
    }

    func onHand(_ itemID: String) throws -> Int { try store.pharmacy.stock(itemID: itemID).onHand }

    /// Every batch's stock as the sum of its movements, read with a connection of the test's own.
    func ledgerSums() throws -> [String: Int] {
        try DatabaseQueue(path: store.path).read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT batch_id, sum(quantity) AS s FROM stock_movements GROUP BY batch_id")
                .map { ($0["batch_id"] as String, $0["s"] as Int) })
        }
    }
}
