// A store set up for the queue desk (staff, services, doctors and their weeks, a fee), made once and copied per test.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

/// A fresh store per test, copied from one template made once per test run, so that no test pays for
/// bcrypt. The template holds:
///
/// - staff: `admin`, `clerk` (receptionist), `nurse`, `doctorUser` (role doctor, linked to Dr Kamau), `cashier`;
/// - services: CARD (Cardiology, fee code CONSULT), GEN (General OPD, no fee code), DENT (Dental, fee code
///   DENTAL that the schedule has no rate for);
/// - the fee CONSULT at 1 000.00 KES from 2026-01-01;
/// - doctors, each with one session per day (weekdays 1…7 unless said):
///   Dr Kamau (CARD, room C1) 08:00–12:00 in 30-minute slots of 2 patients;
///   Dr Otieno (CARD, room C2) 08:00–12:00 in 20-minute slots of 1 patient;
///   Dr Mwangi (GEN, room G1) 08:00–12:00 in 15-minute slots of 1 patient, Monday to Friday only.
///
/// The clock starts at Sun 22 Nov 2026 04:12:14 UTC, 07:12 in Nairobi (UTC+3), and only moves when told.
class QueueDeskTestCase: XCTestCase, DeskStoreTesting {
    struct Template {
        let admin: Actor, clerk: Actor, nurse: Actor, doctorUser: Actor, cashier: Actor
        let card: Service, gen: Service, dent: Service
        let kamau: Doctor, otieno: Doctor, mwangi: Doctor
    }

    static let consultFee: Int64 = 100_000
    static let zone = TimeZone(identifier: "Africa/Nairobi")!
    /// The test clock's local day (a Sunday).
    let today = CalendarDay("2026-11-22")!
    var tomorrow: CalendarDay { today.adding(days: 1) }
    var yesterday: CalendarDay { today.adding(days: -1) }

    private var copy: StoreCopy?
    var clock: MovableClock!
    var store: FacilityStore!
    var admin: Actor!
    /// A receptionist.
    var clerk: Actor!
    var nurse: Actor!
    /// The doctor's own account (role doctor), linked to Dr Kamau.
    var doctorUser: Actor!
    var cashier: Actor!
    var card: Service!
    var gen: Service!
    var dent: Service!
    var kamau: Doctor!
    var otieno: Doctor!
    var mwangi: Doctor!

    private static func template() throws -> (path: String, value: Template) {
        try StoreTemplates.shared("queue desk") { store in
            let admin = try store.signIn(username: "admin", password: "admin-pass-1")
            func user(_ name: String, _ role: Role) throws -> Actor {
                try store.addUser(NewUser(username: name, displayName: "Test \(role.title)", role: role, password: "pass-\(name)"),
                                  by: admin)
                return try store.signIn(username: name, password: "pass-\(name)")
            }
            let clerk = try user("clerk1", .receptionist)
            let nurse = try user("nurse1", .nurse)
            let doctorUser = try user("drkamau", .doctor)
            let cashier = try user("cashier1", .cashier)
            try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: consultFee, from: CalendarDay("2026-01-01")!,
                             by: admin)
            let card = try store.queue.addService(code: "CARD", name: "Cardiology", feeCode: "CONSULT", by: admin)
            let gen = try store.queue.addService(code: "GEN", name: "General OPD", by: admin)
            let dent = try store.queue.addService(code: "DENT", name: "Dental", feeCode: "DENTAL", by: admin)
            let kamau = try store.queue.addDoctor(name: "Dr Amani Kamau", serviceCode: "CARD", room: "C1", username: "drkamau", by: admin)
            let otieno = try store.queue.addDoctor(name: "Dr Beth Otieno", serviceCode: "CARD", room: "C2", by: admin)
            let mwangi = try store.queue.addDoctor(name: "Dr Grace Mwangi", serviceCode: "GEN", room: "G1", by: admin)
            let from = CalendarDay("2026-11-01")!
            for weekday in 1...7 {
                try store.queue.addSession(doctorID: kamau.doctorID, NewSession(weekday: weekday, startMinute: 480, endMinute: 720,
                                                                          slotMinutes: 30, capacity: 2, validFrom: from), by: admin)
                try store.queue.addSession(doctorID: otieno.doctorID, NewSession(weekday: weekday, startMinute: 480, endMinute: 720,
                                                                           slotMinutes: 20, capacity: 1, validFrom: from), by: admin)
                if weekday <= 5 {
                    try store.queue.addSession(doctorID: mwangi.doctorID, NewSession(weekday: weekday, startMinute: 480, endMinute: 720,
                                                                               slotMinutes: 15, capacity: 1, validFrom: from), by: admin)
                }
            }
            return Template(admin: admin, clerk: clerk, nurse: nurse, doctorUser: doctorUser, cashier: cashier, card: card,
                            gen: gen, dent: dent, kamau: kamau, otieno: otieno, mwangi: mwangi)
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
        nurse = made.nurse
        doctorUser = made.doctorUser
        cashier = made.cashier
        card = made.card
        gen = made.gen
        dent = made.dent
        kamau = made.kamau
        otieno = made.otieno
        mwangi = made.mwangi
    }

    override func tearDownWithError() throws {
        copy?.remove()
    }

    // MARK: - Helpers

    /// Registers a patient (as the receptionist) and returns their id.
    func patient(_ first: String = "Amina", _ last: String = "Okafor", dob: String = "1990-04-12") throws -> String {
        try store.registerPatient(NewPatient(firstName: first, lastName: last, sex: "female", dob: dob), by: clerk).patientID
    }

    /// `count` patients named Patient One, Two, … (distinct names, so no duplicate warnings matter).
    func patients(_ count: Int) throws -> [String] {
        let names = ["Achieng", "Baraka", "Chebet", "Dalmas", "Esther", "Faraji", "Gathoni", "Hamisi", "Imani", "Jabari"]
        return try (0..<count).map { try patient(names[$0], "Mutua") }
    }

    /// `09:30` as minutes since midnight.
    func at(_ text: String) -> Int { LocalMoment.minute(text)! }

    /// Moves the clock forward to `text` (local) on `day` (today by default).
    func moveClock(to text: String, on day: CalendarDay? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let target = LocalMoment(day: day ?? today, minute: at(text)).date(in: Self.zone)
        let step = target.timeIntervalSince(clock.now())
        XCTAssertGreaterThanOrEqual(step, 0, "the test clock only moves forward", file: file, line: line)
        clock.advance(step)
    }

    /// Books `patientID` with `doctor` at `time` (local) on `day` (tomorrow by default).
    @discardableResult
    func book(_ patientID: String, with doctor: Doctor, at time: String, on day: CalendarDay? = nil,
              followUpOf: String? = nil) throws -> Appointment {
        try store.queue.bookAppointment(NewAppointment(patientID: patientID, doctorID: doctor.doctorID, day: day ?? tomorrow,
                                                 startMinute: at(time), followUpOf: followUpOf), by: clerk)
    }

    /// A walk-in check-in for `service` (Cardiology by default).
    @discardableResult
    func walkIn(_ patientID: String, to service: Service? = nil, doctor: Doctor? = nil, priority: QueuePriority = .normal,
                assistance: QueueAssistance? = nil, by actor: Actor? = nil) throws -> CheckedIn {
        try store.queue.checkIn(NewCheckIn(patientID: patientID, serviceID: (service ?? card).serviceID, doctorID: doctor?.doctorID,
                                     priority: priority, assistance: assistance), by: actor ?? clerk)
    }

    func entry(_ entryID: String) throws -> QueueEntry {
        try XCTUnwrap(store.read { db in try QueueEntry.fetchOne(db, key: entryID) })
    }

    func encounter(_ encounterID: String) throws -> Encounter {
        try XCTUnwrap(store.read { db in try Encounter.fetchOne(db, key: encounterID) })
    }

    func appointment(_ appointmentID: String) throws -> Appointment {
        try XCTUnwrap(store.read { db in try Appointment.fetchOne(db, key: appointmentID) })
    }

    /// A whole visit: called by the nurse, seen and finished. Returns the entry as finished.
    @discardableResult
    func seeThrough(_ waiting: QueueEntry) throws -> QueueEntry {
        let called = try XCTUnwrap(store.queue.callNext(serviceID: waiting.serviceID, by: nurse))
        XCTAssertEqual(called.entryID, waiting.entryID, "the visit seen through is the next in line")
        try store.queue.startConsultation(called.entryID, by: nurse)
        return try store.queue.finishVisit(called.entryID, by: nurse)
    }

    /// The last value of a gap-free sequence, nil when never taken.
    func sequence(_ name: String) throws -> Int? {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT last_value FROM number_sequences WHERE name = ?", arguments: [name]) }
    }

    func ledgerSeq() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM ledger_entries") ?? 0 }
    }

    /// Asserts that `expression` is refused as invalid, with a message (as the user sees it) containing `text`,
    /// and that nothing was written to the ledger.
    func assertInvalid<T>(_ expression: @autoclosure () throws -> T, _ text: String, field: String? = nil,
                          file: StaticString = #filePath, line: UInt = #line) {
        let before = (try? ledgerSeq()) ?? -1
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            guard case StoreError.invalid(let problem) = error else {
                return XCTFail("expected a refusal naming '\(text)', got \(error)", file: file, line: line)
            }
            XCTAssertTrue(problem.description.contains(text), "'\(problem)' does not say '\(text)'", file: file, line: line)
            if let field { XCTAssertEqual(problem.field, field, file: file, line: line) }
        }
        XCTAssertEqual(try? ledgerSeq(), before, "a refusal writes nothing", file: file, line: line)
    }

    /// Asserts that `expression` is refused for the actor's role, with the message a user sees.
    func assertNotPermitted<T>(_ expression: @autoclosure () throws -> T, action: String, role: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let before = (try? ledgerSeq()) ?? -1
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertEqual(error as? StoreError, .notPermitted(action: action, role: role), file: file, line: line)
            XCTAssertEqual("\(error)", "A \(role) may not \(action); nothing was changed.", file: file, line: line)
        }
        XCTAssertEqual(try? ledgerSeq(), before, "a refusal writes nothing", file: file, line: line)
    }
}
