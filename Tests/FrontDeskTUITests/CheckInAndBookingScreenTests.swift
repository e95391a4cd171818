// The check-in form and booking at 80×24: which service and doctors are offered, elderly from age, the booked day, next free slots, follow-ups.
import FrontDeskCore
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class CheckInAndBookingScreenTests: QueueScreenTestCase {
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

    func testABookingFromTheSummaryIsOfferedFirstAtCheckIn() throws {
        signIn("clerk", "clerk-pass-1")
        openPatient("okafor")
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
        openPatient("okafor")
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
        openPatient("okafor")
        shell.press(.character("f"))
        XCTAssertTrue(screen().contains("Book a follow-up"), screen())
        XCTAssertTrue(screen().contains("Doctor: Dr Samuel Mwangi, room 1"), "the visit's doctor, not Dr Aisha Noor:\n\(screen())")
        XCTAssertTrue(screen().contains("Day: Sun 2026-11-29"), "his next day with a free slot:\n\(screen())")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Booked Okafor, Amina"), screen())
        XCTAssertEqual(try store.queue.appointments(ofPatient: okafor, from: CalendarDay("2026-11-23")!).map(\.doctorName), ["Dr Samuel Mwangi"])
    }
}
