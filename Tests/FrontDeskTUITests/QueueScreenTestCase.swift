// The queue desk's screen tests share one facility: GEN and SURG, Dr Mwangi, two patients, a clerk and a nurse.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

/// The facility every queue screen test starts from, and the keys they press on it.
class QueueScreenTestCase: ShellTestCase {
    var okafor: String!
    var nguyen: String!

    /// Sun 22 Nov 2026, 07:12 in Nairobi: GEN and SURG are set up, Dr Mwangi sees GEN patients 08:00–12:00.
    override func setUpWithError() throws {
        try super.setUpWithError()
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 50_000, from: CalendarDay("2026-01-01")!, by: admin)
        let gen = try store.queue.addService(code: "GEN", name: "General Outpatient", feeCode: "CONSULT", by: admin)
        try store.queue.addService(code: "SURG", name: "Surgical Clinic", by: admin)
        let doctor = try store.queue.addDoctor(name: "Dr Samuel Mwangi", serviceCode: gen.code, room: "1", by: admin)
        try store.queue.addSession(doctorID: doctor.doctorID, NewSession(
            weekday: 7, startMinute: 8 * 60, endMinute: 12 * 60, slotMinutes: 15, capacity: 2,
            validFrom: CalendarDay("2026-01-01")!), by: admin)
        try addUser("clerk", .receptionist, password: "clerk-pass-1")
        try addUser("nurse", .nurse, password: "nurse-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let made = try store.registerPatients([
            NewPatient(firstName: "Amina", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
            NewPatient(firstName: "Thị Ánh", lastName: "Nguyễn", sex: "female", dob: "1948-09-30"),
        ], by: clerk)
        okafor = made[0].patientID
        nguyen = made[1].patientID
    }

    func openBoard(_ user: String, _ password: String) {
        signIn(user, password)
        shell.press(.function(3))
    }

    /// Ctrl-F, the lookup `query`, Enter: the first patient found, on their summary.
    func openPatient(_ query: String) {
        shell.press(.ctrl("f"))
        type(query)
        shell.settle()
        shell.press(.enter)
    }

    /// From the board: n, find by name, Enter, set the choice fields, Ctrl-S.
    func checkIn(_ name: String, priorityPresses: Int = 0) {
        shell.press(.character("n"))
        type(name)
        shell.settle()
        shell.press(.enter)
        shell.press(.right)  // no service is guessed for a first visit: GEN, the first
        shell.press(.tab)  // service → doctor
        shell.press(.tab)  // → priority
        for _ in 0..<priorityPresses { shell.press(.right) }
        shell.press(.ctrl("s"))
    }

    /// The check-in form's field, without its hint: e.g. `Service  SURG  Surgical Clinic`.
    /// The label and value of the field `label`, without the hint beside it (the Needs hint names "Elderly" too).
    func formLine(_ label: String) -> String {
        guard let line = screen().split(separator: "\n").first(where: { $0.hasPrefix("  \(label)") }) else { return "" }
        let value = line.dropFirst(2 + label.count).drop { $0 == " " }
        return "  \(label) " + (value.components(separatedBy: "   ").first ?? "")
    }
}
