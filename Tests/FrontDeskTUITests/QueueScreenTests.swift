// The queue desk at 80×24: check-in from the board, call next and the flow, vitals, booking, long waits.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class QueueScreenTests: ShellTestCase {
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

    private func openBoard(_ user: String, _ password: String) {
        signIn(user, password)
        shell.press(.function(3))
    }

    /// From the board: n, find by name, Enter, set the choice fields, Ctrl-S.
    private func checkIn(_ name: String, priorityPresses: Int = 0) {
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

    func testACheckInFromTheBoardGivesATokenTheFeeAndAPlaceOnTheBoard() throws {
        openBoard("clerk", "clerk-pass-1")
        XCTAssertTrue(screen().contains("Nobody in this queue today."))
        checkIn("okafor")
        XCTAssertTrue(screen().contains("Checked in GEN-001: next to be called. Consultation KES 500.00 posted."), screen())
        clock.advance(5 * 60)
        checkIn("nguyen", priorityPresses: 1)
        try assertGolden("queue-board")
        XCTAssertEqual(try store.openCharges(of: okafor).amountMinor, 50_000)
    }

    func testTheNurseCallsTheUrgentPatientFirstAndMovesThemThroughTheVisit() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        clock.advance(60)
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: gen.serviceID, priority: .urgent), by: clerk)
        clock.advance(10 * 60)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.tab)  // the GEN board
        XCTAssertTrue(screen().contains("GEN General Outpatient"))
        shell.press(.character("c"))
        XCTAssertTrue(screen().contains("Called GEN-002 Nguyễn, Thị Ánh."), screen())
        XCTAssertTrue(screen().contains("U    GEN-002  Nguyễn, Thị Ánh    Called          0 min    10 min"), screen())
        shell.press(.character("s"))
        XCTAssertTrue(screen().contains("In consultation"), screen())
        clock.advance(7 * 60)
        shell.press(.character("d"))
        XCTAssertTrue(screen().contains("GEN-002 Nguyễn, Thị Ánh: done."), screen())
        // The walk-in who came first is next; a wrong move says why instead of doing it.
        XCTAssertTrue(screen().contains("     GEN-001  Okafor, Amina      Checked in      18 min   18 min"), screen())
        shell.press(.up)
        shell.press(.character("s"))
        XCTAssertTrue(screen().contains("GEN-001 is checked in; it cannot become in consultation"), screen())
    }

    /// Issue 13 (patient safety): on the all-services board `c` called the selected row's service
    /// (GEN-001) while an urgent patient of another service stood at the top. It calls the top row.
    func testCallNextOnTheAllServicesBoardCallsTheTopRowWhateverIsSelected() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let services = try store.queue.services()
        let gen = services.first { $0.code == "GEN" }!, surg = services.first { $0.code == "SURG" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        clock.advance(60)
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: surg.serviceID, priority: .urgent), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        XCTAssertTrue(screen().contains("All services"), screen())
        let lines = screen().split(separator: "\n")
        let top = try XCTUnwrap(lines.firstIndex { $0.contains("SURG-001") }), below = try XCTUnwrap(lines.firstIndex { $0.contains("GEN-001") })
        XCTAssertLessThan(top, below, "the urgent SURG patient is at the top:\n\(screen())")
        shell.press(.down)  // the GEN walk-in is highlighted
        shell.press(.character("c"))
        XCTAssertTrue(screen().contains("Called SURG-001 Nguyễn, Thị Ánh."), screen())
        XCTAssertEqual(try store.queue.board(day: CalendarDay("2026-11-22")!).first { $0.entry.token == "GEN-001" }?.entry.status,
                       .checkedIn, "the highlighted GEN patient still waits")
        shell.press(.character("c"))
        XCTAssertTrue(screen().contains("Called GEN-001 Okafor, Amina."), screen())
        shell.press(.character("c"))
        XCTAssertTrue(screen().contains("Nobody is waiting in any queue."), screen())
    }

    /// Issue 13: `l` opened the left-unseen form for a visit already done, refused only at Ctrl-S.
    /// It is not offered for such a row (nor in F1) and the key says why at once.
    func testLeftUnseenIsNotOfferedForAVisitAlreadyDone() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let nurse = try store.signIn(username: "nurse", password: "nurse-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        let called = try XCTUnwrap(store.queue.callNext(serviceID: gen.serviceID, by: nurse))
        try store.queue.finishVisit(called.entryID, by: nurse)
        clock.advance(60)
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.down)  // GEN-001, done (the waiting GEN-002 is above it)
        XCTAssertTrue(screen().contains("GEN-001  Okafor, Amina      Done"), screen())
        shell.press(.function(1))
        XCTAssertFalse(screen().contains("Left unseen"), "F1 offers no left unseen for a done visit:\n\(screen())")
        shell.press(.escape)
        shell.press(.character("l"))
        XCTAssertFalse(screen().contains("Left without being seen"), "no form opens:\n\(screen())")
        XCTAssertTrue(screen().contains("GEN-001 is done: only a patient waiting or called can be marked left unseen."), screen())
        // The patient still waiting can be marked left: the form opens.
        shell.press(.up)
        shell.press(.character("l"))
        XCTAssertTrue(screen().contains("GEN-002 Nguyễn, Thị Ánh left without being seen."), screen())
    }

    /// The check-in form's field, without its hint: e.g. `Service  SURG  Surgical Clinic`.
    /// The label and value of the field `label`, without the hint beside it (the Needs hint names "Elderly" too).
    private func formLine(_ label: String) -> String {
        guard let line = screen().split(separator: "\n").first(where: { $0.hasPrefix("  \(label)") }) else { return "" }
        let value = line.dropFirst(2 + label.count).drop { $0 == " " }
        return "  \(label) " + (value.components(separatedBy: "   ").first ?? "")
    }

    /// Issue 13: check-in offered the first service of the list (a baby was offered Antenatal) and
    /// every doctor. It offers the patient's last service first, and only that service's doctors.
    func testCheckInOffersTheLastServiceFirstAndOnlyItsDoctors() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let nurse = try store.signIn(username: "nurse", password: "nurse-pass-1")
        let surg = try store.queue.services().first { $0.code == "SURG" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: surg.serviceID), by: clerk)
        let seen = try XCTUnwrap(store.queue.callNext(serviceID: surg.serviceID, by: nurse))
        try store.queue.finishVisit(seen.entryID, by: nurse)
        clock.advance(3600)
        openBoard("clerk", "clerk-pass-1")
        shell.press(.character("n"))
        type("nguyen")  // no visit yet: no service is guessed, and Ctrl-S asks for one
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(formLine("Service").contains("Choose a service"), screen())
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Service: choose a service"), screen())
        shell.press(.escape)
        shell.press(.escape)
        shell.press(.character("n"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(formLine("Service").contains("SURG  Surgical Clinic"), screen())
        shell.press(.tab)  // the doctor: SURG has none of its own, so only "any"
        shell.press(.right)
        XCTAssertTrue(formLine("Doctor").contains("Any doctor"), screen())
        XCTAssertFalse(screen().contains("Mwangi"), "a GEN doctor is not offered for SURG:\n\(screen())")
        shell.press(.backTab)
        shell.press(.left)  // GEN: its doctor is offered
        XCTAssertTrue(formLine("Service").contains("GEN  General Outpatient"), screen())
        shell.press(.tab)
        shell.press(.right)
        XCTAssertTrue(formLine("Doctor").contains("Dr Samuel Mwangi"), screen())
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Checked in GEN-001"), screen())
        let entry = try XCTUnwrap(store.queue.board(day: CalendarDay("2026-11-22")!).first { $0.entry.token == "GEN-001" })
        XCTAssertEqual(entry.doctorName, "Dr Samuel Mwangi")
    }

    /// Issue 13 (found by the busy-morning scenario): checking in a patient who already waits in
    /// a queue offered that very queue first, sure to be refused at Ctrl-S. It is not offered.
    func testCheckInDoesNotOfferTheQueueThePatientAlreadyWaitsIn() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try XCTUnwrap(store.queue.services().first { $0.code == "GEN" })
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("clerk", "clerk-pass-1")
        shell.press(.character("n"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Check in Okafor, Amina"), screen())
        XCTAssertFalse(formLine("Service").contains("GEN"), "the queue she waits in is not offered first:\n\(screen())")
        XCTAssertTrue(formLine("Service").contains("Choose a service"), screen())
    }

    /// Issue 13: "elderly" was offered for a 34-year-old. It is derived from age (65 by default, a
    /// facility setting): suggested from that age, not offered below it; disabled is always offered.
    func testElderlyIsSuggestedFromAgeAndNotOfferedToTheYoung() throws {
        openBoard("clerk", "clerk-pass-1")
        shell.press(.character("n"))
        type("okafor")  // born 1990: 36
        shell.settle()
        shell.press(.enter)
        for _ in 0..<3 { shell.press(.tab) }
        XCTAssertTrue(formLine("Needs").contains("None"), screen())
        XCTAssertTrue(screen().contains("Elderly from age 65"), screen())
        var seen: Set<String> = []
        for _ in 0..<3 {
            shell.press(.right)
            seen.insert(formLine("Needs").contains("Disabled") ? "Disabled" : formLine("Needs").contains("Elderly") ? "Elderly" : "None")
        }
        XCTAssertEqual(seen, ["None", "Disabled"], "a 36-year-old is offered none or disabled")
        shell.press(.escape)
        // The needs were changed: leaving the form asks first.
        XCTAssertTrue(screen().contains("Discard changes?"), screen())
        shell.press(.character("y"))
        shell.press(.escape)
        shell.press(.character("n"))
        type("nguyen")  // born 1948: 78
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(formLine("Needs").contains("Elderly"), "elderly is suggested at 78:\n\(screen())")
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.queue.setElderlyAge(80, by: admin)
        shell.press(.escape)
        shell.press(.escape)
        shell.press(.character("n"))
        type("nguyen")
        shell.settle()
        shell.press(.enter)
        XCTAssertTrue(formLine("Needs").contains("None"), "the facility's age is 80 now:\n\(screen())")
    }

    /// Issue 13: after booking from the appointments list, the list jumped back to today. It shows
    /// the booked day, with the booking selected.
    func testAfterBookingTheAppointmentsListShowsTheBookedDay() throws {
        openBoard("clerk", "clerk-pass-1")
        shell.press(.character("a"))
        XCTAssertTrue(screen().contains("2026-11-22 (today)"), screen())
        shell.press(.character("b"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        for _ in 0..<7 { shell.press(.right) }  // next Sunday, Dr Mwangi's next session
        shell.press(.down)
        shell.press(.enter)  // 08:15
        XCTAssertTrue(screen().contains("Booked Okafor, Amina"), screen())
        XCTAssertTrue(screen().contains("2026-11-29 · All doctors"), "the booked day is shown:\n\(screen())")
        XCTAssertTrue(screen().contains("08:15  Okafor, Amina"), screen())
    }

    /// Issue 13: a "next free slot" key on the booking screen; Tab's help says what it does.
    func testTheNextFreeSlotKeyFindsTheDoctorsNextFreeDay() throws {
        clock.advance((11 * 60 + 50 - (7 * 60 + 12)) * 60)  // 11:50: today's last slot has begun
        signIn("clerk", "clerk-pass-1")
        shell.press(.ctrl("f"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        shell.press(.character("b"))
        XCTAssertTrue(screen().contains("08:00–08:15   past"), screen())
        shell.press(.character("n"))
        XCTAssertTrue(screen().contains("Next free: Sun 2026-11-29 08:00 with Dr Samuel Mwangi. Enter books it."), screen())
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Booked Okafor, Amina (MR"), screen())
        XCTAssertEqual(try store.queue.appointments(on: CalendarDay("2026-11-29")!).map(\.appointment.startMinute), [8 * 60])
        shell.press(.character("b"))
        shell.press(.function(1))
        XCTAssertTrue(screen().contains("Show the next doctor's slots"), screen())
        XCTAssertFalse(screen().contains("all doctors"), "Tab on the booking screen never shows all doctors:\n\(screen())")
    }

    /// Issue 13: a follow-up was offered the first doctor of the list; it is the visit's doctor,
    /// from the first day after the visit that doctor has a free slot.
    func testAFollowUpIsBookedWithTheVisitsDoctor() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        let surg = try store.queue.services().first { $0.code == "SURG" }!
        let noor = try store.queue.addDoctor(name: "Dr Aisha Noor", serviceCode: surg.code, room: "5", by: admin)
        try store.queue.addSession(doctorID: noor.doctorID, NewSession(
            weekday: 1, startMinute: 8 * 60, endMinute: 10 * 60, slotMinutes: 15, capacity: 1, validFrom: CalendarDay("2026-01-01")!), by: admin)
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let nurse = try store.signIn(username: "nurse", password: "nurse-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let mwangi = try store.queue.doctors().first { $0.name == "Dr Samuel Mwangi" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID, doctorID: mwangi.doctorID), by: clerk)
        let called = try XCTUnwrap(store.queue.callNext(serviceID: gen.serviceID, doctorID: mwangi.doctorID, by: nurse))
        try store.queue.finishVisit(called.entryID, by: nurse)
        signIn("clerk", "clerk-pass-1")
        shell.press(.ctrl("f"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        shell.press(.character("f"))
        XCTAssertTrue(screen().contains("Book a follow-up"), screen())
        XCTAssertTrue(screen().contains("Doctor: Dr Samuel Mwangi, room 1"), "the visit's doctor, not Dr Aisha Noor:\n\(screen())")
        XCTAssertTrue(screen().contains("Day: Sun 2026-11-29"), "his next day with a free slot:\n\(screen())")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Booked Okafor, Amina"), screen())
        XCTAssertEqual(try store.queue.appointments(ofPatient: okafor, from: CalendarDay("2026-11-23")!).map(\.doctorName), ["Dr Samuel Mwangi"])
    }

    /// Issue 13: recorded vital signs were seen only in the nurse's form. The board marks a visit
    /// whose vitals are taken (V), and the patient summary shows the last set with its time.
    func testVitalsShowAsAMarkerOnTheBoardAndOnTheSummary() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let nurse = try store.signIn(username: "nurse", password: "nurse-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let first = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: gen.serviceID), by: clerk)
        clock.advance(8 * 60)
        try store.queue.recordVitals(encounterID: first.entry.encounterID, try VitalSigns.parse(
            bloodPressure: "120/80", pulse: "72", temperature: "36.8", spo2: "98", respiratoryRate: "16", weight: "70",
            height: "175"), by: nurse)
        openBoard("nurse", "nurse-pass-1")
        XCTAssertTrue(screen().contains("  V    GEN-001  Okafor, Amina"), screen())
        XCTAssertTrue(screen().contains("       GEN-002  Nguyễn, Thị Ánh"), "no vitals, no marker:\n\(screen())")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Vitals today 07:20: BP 120/80 · P 72 · T 36.8 · SpO2 98 · RR 16 · 70.0 kg …"),
                      screen())
    }

    /// Issue 13: the legend was cut mid-word (`B booke`) at 80×24. It is shortened by design, whole.
    func testTheBoardLegendFitsWholeAt80Columns() throws {
        openBoard("nurse", "nurse-pass-1")
        XCTAssertTrue(screen().contains("  Tab: board 1/4 · ! 60+ min · E emerg. U urgent A assist. B booked V vitals"), screen())
        let entries = ["Tab:", "board", "!", "min", "E", "emerg.", "U", "urgent", "A", "assist.", "B", "booked", "V", "vitals",
                       "waited", "emergency", "assisted", "·"]
        for width in [40, 60, 76, 120] {
            for (board, boards, minutes) in [(1, 4, 60), (12, 14, 600), (0, 0, 60)] {
                let legend = QueueText.legend(board: board, of: boards, longWaitMinutes: minutes, width: width)
                XCTAssertLessThanOrEqual(TextWidth.of(legend), width, legend)
                for word in legend.split(separator: " ") where !word.contains("/") && !word.contains("+") {
                    XCTAssertTrue(entries.contains(String(word)), "'\(word)' is a cut word in '\(legend)'")
                }
            }
        }
    }

    /// Issue 13: a temperature typed in °F was only refused. The form offers the °C value, and
    /// one more Ctrl-S saves it; a °C value typed is saved as it is.
    func testATemperatureInFahrenheitIsSavedInCelsiusWithOneKey() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let visit = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.character("v"))
        type("120/80")
        shell.press(.tab)
        type("72")
        shell.press(.tab)
        type("101.3")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Temperature: 101.3 looks like °F = 38.5 °C; Ctrl-S again saves 38.5 °C"), screen())
        XCTAssertNil(try store.queue.latestVitals(encounterID: visit.entry.encounterID), "nothing saved yet")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Vitals recorded for GEN-001 Okafor, Amina: BP 120/80 · P 72 · T 38.5"), screen())
        XCTAssertEqual(try store.queue.latestVitals(encounterID: visit.entry.encounterID)?.vitals.temperatureTenths, 385)
        XCTAssertEqual(VitalSigns.celsiusText(forFahrenheit: "98.6 °F"), "37.0")
        XCTAssertNil(VitalSigns.celsiusText(forFahrenheit: "38.5"), "a °C value is not converted")
        XCTAssertNil(VitalSigns.celsiusText(forFahrenheit: "200"), "nor a value no thermometer shows")
    }

    /// Issue 13: a queue board on the wall locked like any terminal. A terminal set as a wallboard
    /// keeps showing the live board when it locks, with tokens only when so set; a key asks for
    /// the password as usual. Other terminals lock as before.
    func testAWallboardTerminalKeepsShowingTheBoardWhenLockedWithNamesHiddenIfSet() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        clock.advance(61)
        shell.tick()
        XCTAssertTrue(screen().contains("This terminal is locked"), "an ordinary terminal locks:\n\(screen())")
        XCTAssertFalse(screen().contains("GEN-001"), screen())
        type("nurse-pass-1")
        shell.press(.enter)
        try store.queue.setWallboard(terminal: "test", .tokens, by: admin)
        clock.advance(61)
        shell.tick()
        XCTAssertTrue(screen().contains("GEN-001"), "the wallboard shows the board:\n\(screen())")
        XCTAssertTrue(screen().contains("Locked. Press a key to sign in."), screen())
        XCTAssertTrue(screen().contains("  ! waited 60+ min · E emergency U urgent A assisted B booked V vitals"), screen())
        XCTAssertFalse(screen().contains("Okafor"), "tokens only:\n\(screen())")
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: gen.serviceID), by: clerk)
        shell.dataChanged()
        XCTAssertTrue(screen().contains("GEN-002"), "live:\n\(screen())")
        shell.press(.character("x"))
        XCTAssertTrue(screen().contains("This terminal is locked"), "a key asks for the password:\n\(screen())")
        clock.advance(61)
        shell.tick()
        XCTAssertTrue(screen().contains("Locked. Press a key to sign in."), "a prompt left unused shows the board again:\n\(screen())")
        shell.press(.enter)
        type("nurse-pass-1")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Queue board"), screen())
        try store.queue.setWallboard(terminal: "test", .names, by: admin)
        clock.advance(61)
        shell.tick()
        XCTAssertTrue(screen().contains("Okafor, Amina"), "names when so set:\n\(screen())")
        XCTAssertThrowsError(try store.queue.setWallboard(terminal: "test", nil, by: clerk), "administrators only")
        try store.queue.setWallboard(terminal: "test", nil, by: admin)
        XCTAssertNil(try store.queue.wallboard(terminal: "test"))
    }

    func testLongWaitsAreFlaggedAndTheThresholdIsTheAdminsSetting() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        clock.advance(59 * 60)
        openBoard("nurse", "nurse-pass-1")
        XCTAssertFalse(screen().contains(" ! GEN-001") || screen().contains("! GEN-001"), screen())
        clock.advance(60)
        shell.dataChanged()
        XCTAssertTrue(screen().contains("!    GEN-001  Okafor, Amina"), screen())
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        try store.queue.setLongWaitMinutes(90, by: admin)
        shell.dataChanged()
        XCTAssertTrue(screen().contains("     GEN-001  Okafor, Amina"), screen())
        XCTAssertTrue(screen().contains("! 90+ min"), screen())
    }

    func testVitalsOutOfRangeAreRefusedBesideTheFieldAndGoodOnesAreStored() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        let done = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.character("v"))
        type("120/80")
        shell.press(.tab)
        type("400")
        shell.press(.ctrl("s"))
        try assertGolden("vitals-form-error")
        shell.press(.backspace)
        shell.press(.backspace)
        shell.press(.backspace)
        type("72")
        shell.press(.tab)
        type("36.8")
        for _ in 0..<3 { shell.press(.tab) }
        type("70")
        shell.press(.tab)
        type("175")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Vitals recorded for GEN-001 Okafor, Amina: BP 120/80 · P 72 · T 36.8 · 70.0"), screen())
        let stored = try XCTUnwrap(try store.queue.latestVitals(encounterID: done.entry.encounterID))
        XCTAssertEqual(stored.vitals.bmiTenths, 229)
        XCTAssertEqual(stored.vitals.pulse, 72)
    }

    func testEveryBadVitalShowsBesideItsFieldAfterOneSave() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        _ = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        shell.press(.character("v"))
        shell.press(.tab)
        type("400")
        shell.press(.tab); shell.press(.tab)
        type("abc")
        shell.press(.ctrl("s"))
        let lines = screen().split(separator: "\n")
        let pulse = try XCTUnwrap(lines.first { $0.hasPrefix("  Pulse ") })
        let spo2 = try XCTUnwrap(lines.first { $0.hasPrefix("  SpO2 ") })
        XCTAssertTrue(pulse.contains("400 is outside 20–300 beats/min"), screen())
        XCTAssertTrue(spo2.contains("'abc' is not a number"), screen())
        XCTAssertTrue(screen().contains("Pulse: 400 is outside 20–300 beats/min (1 more field to correct"), screen())
    }

    /// Issue 13: the demo's doctor boards read "Dr. Samuel Mwangi (GEN, room …": the room is where the
    /// patient goes, so the service code gives way to it; the legend under it stays whole.
    func testADoctorBoardNamesTheRoomWholeBesideTheCountsAndTheLegendIsWhole() throws {
        let admin = try store.signIn(username: "admin", password: "admin-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        _ = try store.queue.addDoctor(name: "Dr. Nomvula Achieng", serviceCode: gen.code, room: "12", by: admin)
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        _ = try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        openBoard("nurse", "nurse-pass-1")
        var headers: [String] = []
        for _ in 0..<8 {
            shell.press(.tab)
            let lines = screen().split(separator: "\n").map(String.init)
            headers.append(lines[2])
            XCTAssertTrue(lines[3].contains("V vitals"), "the legend is whole:\n\(screen())")
        }
        let header = try XCTUnwrap(headers.first { $0.contains("Achieng") }, headers.joined(separator: "\n"))
        XCTAssertTrue(header.contains("Dr. Nomvula Achieng, room 12"), header)
        XCTAssertTrue(header.contains("1 waiting · 0 called · 0 being seen · 0 done"), header)
    }

    func testABookingFromTheSummaryIsOfferedFirstAtCheckIn() throws {
        signIn("clerk", "clerk-pass-1")
        shell.press(.ctrl("f"))
        type("okafor")
        shell.settle()
        shell.press(.enter)
        shell.press(.character("b"))
        XCTAssertTrue(screen().contains("08:00–08:15   2 of 2 free"), screen())
        shell.press(.down)
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Booked Okafor, Amina"), screen())
        XCTAssertTrue(screen().contains("Next appointment:"), screen())
        shell.press(.character("k"))
        XCTAssertTrue(screen().contains("Appointment 08:15 Dr Samuel Mwangi (GEN)"), screen())
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Checked in GEN-001"), screen())
        let today = try store.queue.appointments(on: CalendarDay("2026-11-22")!)
        XCTAssertEqual(today.map(\.appointment.status), [.checkedIn])
        XCTAssertTrue(screen().contains("Recent visits: 22 Nov 2026 GEN GEN-001 open"), screen())
    }

    func testTheReportAndCloseOfDayFromTheBoard() throws {
        let clerk = try store.signIn(username: "clerk", password: "clerk-pass-1")
        let gen = try store.queue.services().first { $0.code == "GEN" }!
        try store.queue.checkIn(NewCheckIn(patientID: okafor, serviceID: gen.serviceID), by: clerk)
        try store.queue.checkIn(NewCheckIn(patientID: nguyen, serviceID: gen.serviceID), by: clerk)
        clock.advance(20 * 60)
        let nurse = try store.signIn(username: "nurse", password: "nurse-pass-1")
        _ = try store.queue.callNext(serviceID: gen.serviceID, by: nurse)
        openBoard("clerk", "clerk-pass-1")
        shell.press(.character("t"))
        XCTAssertTrue(screen().contains("GEN General Outpatient  2        0    2       0    0       20 min  20 min"), screen())
        XCTAssertTrue(screen().contains(try store.currentLedgerHead().description), "the report carries the ledger head:\n\(screen())")
        shell.press(.escape)
        shell.press(.character("z"))
        XCTAssertTrue(screen().contains("2 still in the queue"), screen())
        shell.press(.right)  // service stays all; move to "Unseen as"
        shell.press(.tab)
        shell.press(.tab)
        type("clinic closed")
        shell.press(.ctrl("s"))
        XCTAssertTrue(screen().contains("Day closed: 2 unseen closed as left unseen"), screen())
        XCTAssertTrue(screen().contains(try store.currentLedgerHead().anchor), "the close names the ledger head:\n\(screen())")
        XCTAssertTrue(screen().contains("Left unseen"), screen())
    }
}
