// A store set up for the beds desk (staff, wards, beds, bed-day rates, patients), made once and copied per test.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

/// A fresh store per test, copied from a template made once per run. It holds:
/// - staff `admin`, `nurse`, `nurse2`, `supervisor`, `cashier`, `clerk` (receptionist);
/// - the ward department `IPD` with wards `A` (general, A1–A10, A1–A2 tagged oxygen), `B` (private, B1–B5) and
///   `ICU` (icu, ICU1–ICU2);
/// - bed-day rates BED-GENERAL 1,500.00, BED-PRIVATE 4,000.00 and BED-ICU 12,000.00 (KES) from 2026-01-01;
/// - patients `amina`, `baraka` (NHIF covering 80 %) and `chen`.
///
/// The facility is in Nairobi (UTC+3); the clock starts at Sun 22 Nov 2026 07:12 local and moves only when told.
class BedsDeskTestCase: XCTestCase, DeskStoreTesting {
    struct Template {
        let admin: Actor, nurse: Actor, nurse2: Actor, supervisor: Actor, cashier: Actor, clerk: Actor
        let amina: String, baraka: String, chen: String
    }

    static let general: Int64 = 150_000, privateRate: Int64 = 400_000, icu: Int64 = 1_200_000
    static let zone = TimeZone(identifier: "Africa/Nairobi")!

    var clock: MovableClock!
    var store: FacilityStore!
    private var copy: StoreCopy?
    var admin: Actor!, nurse: Actor!, nurse2: Actor!, supervisor: Actor!, cashier: Actor!, clerk: Actor!
    var amina: String!, baraka: String!, chen: String!
    var approval: Authorization!

    private static func template() throws -> (path: String, value: Template) {
        try StoreTemplates.shared("beds desk") { store in
            let admin = try store.signIn(username: "admin", password: "admin-pass-1")
            for (name, role) in [("nurse", Role.nurse), ("nurse2", .nurse), ("supervisor", .supervisor), ("cashier", .cashier),
                                 ("clerk", .receptionist)] {
                try store.addUser(NewUser(username: name, displayName: "Test \(name.capitalized)", role: role, password: "pass-\(name)"),
                                  by: admin)
            }
            func actor(_ name: String) throws -> Actor { try store.signIn(username: name, password: "pass-\(name)") }
            let day = CalendarDay("2026-01-01")!
            try store.setFee(code: "BED-GENERAL", name: "General ward bed-day", amountMinor: general, from: day, by: admin)
            try store.setFee(code: "BED-PRIVATE", name: "Private room bed-day", amountMinor: privateRate, from: day, by: admin)
            try store.setFee(code: "BED-ICU", name: "ICU bed-day", amountMinor: icu, from: day, by: admin)
            _ = try store.addDepartment(code: "IPD", name: "Inpatients", type: .WARD, by: admin)
            _ = try store.beds.addWard(code: "A", name: "General Ward A", departmentCode: "IPD", by: admin)
            _ = try store.beds.addWard(code: "B", name: "Private Wing", departmentCode: "IPD", by: admin)
            _ = try store.beds.addWard(code: "ICU", name: "Intensive Care", departmentCode: "IPD", by: admin)
            _ = try store.beds.addBeds(wardCode: "A", labels: "A1-A2", typeCode: "general", tags: ["oxygen"], by: admin)
            _ = try store.beds.addBeds(wardCode: "A", labels: "A3-10", typeCode: "general", by: admin)
            _ = try store.beds.addBeds(wardCode: "B", labels: "B1-B5", typeCode: "private", by: admin)
            _ = try store.beds.addBeds(wardCode: "ICU", labels: "ICU1,ICU2", typeCode: "icu", by: admin)
            let clerk = try actor("clerk")
            let amina = try store.registerPatient(NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"), by: clerk)
            var insured = NewPatient(firstName: "Baraka", lastName: "Mutua", sex: "male", dob: "1985-01-30")
            insured.policies = [NewPolicy(payer: "NHIF", policyNumber: "NH-1", holderName: "Baraka Mutua", validFrom: "2026-01-01",
                                          coveragePercent: 80)]
            let baraka = try store.registerPatient(insured, by: clerk)
            let chen = try store.registerPatient(NewPatient(firstName: "Wei", lastName: "Chen", sex: "male", dob: "1972-09-03"), by: clerk)
            return Template(admin: admin, nurse: try actor("nurse"), nurse2: try actor("nurse2"), supervisor: try actor("supervisor"),
                            cashier: try actor("cashier"), clerk: clerk, amina: amina.patientID, baraka: baraka.patientID,
                            chen: chen.patientID)
        }
    }

    override func setUpWithError() throws {
        let (path, made) = try Self.template()
        clock = MovableClock()
        let copy = try StoreCopy(of: path, clock: clock)
        self.copy = copy
        store = copy.store
        admin = made.admin
        nurse = made.nurse
        nurse2 = made.nurse2
        supervisor = made.supervisor
        cashier = made.cashier
        clerk = made.clerk
        amina = made.amina
        baraka = made.baraka
        chen = made.chen
        approval = Authorization(userID: supervisor.userID!, displayName: supervisor.displayName)
    }

    override func tearDownWithError() throws {
        copy?.remove()
    }

    // MARK: - Helpers

    /// Moves the clock forward to local `text` (`2026-11-23 02:00`) in Nairobi.
    func moveTo(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let parts = text.split(separator: " ")
        let target = LocalMoment(day: CalendarDay(String(parts[0]))!, minute: LocalMoment.minute(String(parts[1]))!).date(in: Self.zone)
        let delta = target.timeIntervalSince(clock.now())
        XCTAssertGreaterThanOrEqual(delta, -60, "the clock only moves forward", file: file, line: line)
        clock.advance(max(0, delta))
    }

    /// The bed `WARD LABEL`.
    func bed(_ name: String) throws -> Bed {
        try store.read { db in try BedsStore.bed(named: name, db: db) }
    }

    func status(_ name: String) throws -> BedStatus {
        let id = try bed(name).bedID
        return try XCTUnwrap(store.beds.board().beds.first { $0.bedID == id }).status
    }

    @discardableResult
    func admit(_ patientID: String, to bedName: String?, reason: String = "Pneumonia", by actor: Actor? = nil) throws -> Admission {
        try store.beds.admit(NewAdmission(patientID: patientID, reason: reason, bedID: try bedName.map { try bed($0).bedID }),
                             by: actor ?? nurse).admission
    }

    func dayCharges(_ admissionID: String) throws -> [String] {
        try DatabaseQueue(path: store.path).read {
            try String.fetchAll($0, sql: "SELECT day || CASE minimum WHEN 1 THEN '*' ELSE '' END FROM bed_day_charges WHERE admission_id = ? ORDER BY day",
                                arguments: [admissionID])
        }
    }

    func chargedAmount(_ patientID: String) throws -> Int64 {
        try DatabaseQueue(path: store.path).read {
            try Int64.fetchOne($0, sql: "SELECT coalesce(sum(amount_minor), 0) FROM charges WHERE patient_id = ? AND source = 'beds'",
                               arguments: [patientID])!
        }
    }


}
