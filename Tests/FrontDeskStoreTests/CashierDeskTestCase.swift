// A store set up for the cashier desk (two cashiers, a supervisor, fees, patients, an insured patient), copied per test.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

/// A fresh store per test, copied from a template made once per run (no test pays for bcrypt). It holds:
/// staff `admin`, `clerk` (receptionist), `cashier`, `cashier2`, `supervisor`; fees CONSULT 1,000.00,
/// XRAY 2,500.00 and LAB 500.00 (KES) from 2026-01-01; patients `amina` (no insurance) and `baraka`
/// (primary NHIF policy covering 80 %). `approval` is the supervisor's authorisation, made without bcrypt.
class CashierDeskTestCase: XCTestCase, DeskStoreTesting {
    struct Template {
        let admin: Actor, clerk: Actor, cashier: Actor, cashier2: Actor, supervisor: Actor
        let amina: String, baraka: String
    }

    static let consult: Int64 = 100_000, xray: Int64 = 250_000, lab: Int64 = 50_000

    var clock: MovableClock!
    var store: FacilityStore!
    private var copy: StoreCopy?
    var admin: Actor!, clerk: Actor!, cashier: Actor!, cashier2: Actor!, supervisor: Actor!
    var amina: String!, baraka: String!
    var approval: Authorization!

    private static func template() throws -> (path: String, value: Template) {
        try StoreTemplates.shared("cashier desk") { store in
            let admin = try store.signIn(username: "admin", password: "admin-pass-1")
            for (name, role) in [("clerk", Role.receptionist), ("cashier", .cashier), ("cashier2", .cashier), ("supervisor", .supervisor)] {
                try store.addUser(NewUser(username: name, displayName: "Test \(name.capitalized)", role: role, password: "pass-\(name)"), by: admin)
            }
            func actor(_ name: String) throws -> Actor { try store.signIn(username: name, password: "pass-\(name)") }
            let day = CalendarDay("2026-01-01")!
            try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: consult, from: day, by: admin)
            try store.setFee(code: "XRAY", name: "Chest X-ray", amountMinor: xray, from: day, by: admin)
            try store.setFee(code: "LAB", name: "Full blood count", amountMinor: lab, from: day, by: admin)
            let clerk = try actor("clerk")
            let amina = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"), by: clerk)
            var insured = NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30")
            insured.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Baraka Mutua", validFrom: "2026-01-01",
                                          coveragePercent: 80)]
            let baraka = try store.registerPatient(insured, by: clerk)
            return Template(
                admin: admin, clerk: clerk, cashier: try actor("cashier"), cashier2: try actor("cashier2"),
                supervisor: try actor("supervisor"), amina: amina.patientID, baraka: baraka.patientID)
        }
    }

    override func setUpWithError() throws {
        let (path, made) = try Self.template()
        clock = MovableClock()
        let copy = try StoreCopy(of: path, clock: clock)
        self.copy = copy
        store = copy.store
        admin = made.admin
        clerk = made.clerk
        cashier = made.cashier
        cashier2 = made.cashier2
        supervisor = made.supervisor
        amina = made.amina
        baraka = made.baraka
        approval = Authorization(userID: supervisor.userID!, displayName: supervisor.displayName)
    }

    override func tearDownWithError() throws {
        copy?.remove()
    }

    // MARK: - Helpers

    /// Posts charges of `codes` to the patient at the counter (as `cashier`).
    @discardableResult
    func charge(_ patientID: String, _ codes: String...) throws -> [Charge] {
        try codes.map { try store.cashier.addCounterCharge(patientID: patientID, code: $0, by: cashier) }
    }

    /// Drafts and issues an invoice of the patient's open charges.
    func issuedInvoice(_ patientID: String) throws -> Invoice {
        try store.cashier.issueInvoice(try store.cashier.draftInvoice(patientID: patientID, by: cashier).invoiceID, by: cashier)
    }

    func invoice(_ id: String) throws -> Invoice { try store.cashier.invoiceDetail(id).invoice }


}
