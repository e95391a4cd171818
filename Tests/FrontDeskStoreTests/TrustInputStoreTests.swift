// Issue 11 in the store: one display name per doctor and a lookup that never guesses, the booking
// horizon, close of day before a slot has started, ranges of days, invisible characters, articles.
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

final class TrustInputStoreTests: QueueDeskTestCase {
    // MARK: - Doctors' names

    func testASecondDoctorWithTheSameNameIsRefusedNamingTheFirst() throws {
        for spelling in ["Dr Grace Mwangi", "dr grace MWANGI", "Dr. Gráce  Mwangi", "DR GRACE MWANGI."] {
            assertInvalid(try store.queue.addDoctor(name: spelling, serviceCode: "CARD", by: admin),
                          "Dr Grace Mwangi (GEN, room G1) already has this name; add an initial or a middle name", field: "doctor's name")
        }
        XCTAssertNoThrow(try store.queue.addDoctor(name: "Dr Grace W. Mwangi", serviceCode: "CARD", by: admin))
    }

    func testRenamingOntoAnotherDoctorsNameIsRefused() throws {
        assertInvalid(try store.queue.renameDoctor(otieno.doctorID, to: "Dr Amani KAMAU", by: admin),
                      "Dr Amani Kamau (CARD, room C1) already has this name")
        let renamed = try store.queue.renameDoctor(otieno.doctorID, to: "Dr Beth A. Otieno", by: admin)
        XCTAssertEqual(renamed.name, "Dr Beth A. Otieno")
        XCTAssertEqual(try store.queue.renameDoctor(otieno.doctorID, to: "Dr Beth A Otieno", by: admin).name, "Dr Beth A Otieno",
                       "a doctor's own name in another spelling is no clash")
        assertNotPermitted(try store.queue.renameDoctor(otieno.doctorID, to: "Dr B Otieno", by: clerk), action: "set up doctors", role: "receptionist")
        XCTAssertTrue(try store.verify().isClean)
    }

    func testADoctorIsPickedByIdUsernameWholeNameOrAPartOnlyTheyHave() throws {
        XCTAssertEqual(try store.queue.doctor(matching: kamau.doctorID).doctorID, kamau.doctorID)
        XCTAssertEqual(try store.queue.doctor(matching: "DrKamau").doctorID, kamau.doctorID)
        XCTAssertEqual(try store.queue.doctor(matching: "dr beth otieno").doctorID, otieno.doctorID)
        XCTAssertEqual(try store.queue.doctor(matching: "Mwangi").doctorID, mwangi.doctorID)
        XCTAssertEqual(try store.queue.doctorKey(kamau), "drkamau")
        XCTAssertEqual(try store.queue.doctorKey(otieno), otieno.doctorID)
        XCTAssertThrowsError(try store.queue.doctor(matching: "Dr")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("doctor: 'Dr' matches 3 doctors: Dr Amani Kamau (CARD; --doctor drkamau), "), text)
            XCTAssertTrue(text.contains("Dr Beth Otieno (CARD; --doctor \(otieno.doctorID))"), text)
            XCTAssertTrue(text.hasSuffix("; pick one by its --doctor key"), text)
        }
        XCTAssertThrowsError(try store.queue.doctor(matching: "Dr Nobody")) { error in
            XCTAssertEqual("\(error)", "doctor: no doctor matches 'Dr Nobody' (see `frontdesk doctors list`)")
        }
    }

    func testAWholeNameIsPreferredToAPartOfAnother() throws {
        let short = try store.queue.addDoctor(name: "Dr Ann Mwangi", serviceCode: "GEN", by: admin)
        let long = try store.queue.addDoctor(name: "Dr Ann Mwangi-Kariuki", serviceCode: "GEN", by: admin)
        XCTAssertEqual(try store.queue.doctor(matching: "Dr Ann Mwangi").doctorID, short.doctorID)
        XCTAssertEqual(try store.queue.doctor(matching: "kariuki").doctorID, long.doctorID)
    }

    // MARK: - The booking horizon

    func testBookingsOpenUpToTheHorizonAndNoFurther() throws {
        let id = try patient()
        let last = today.adding(days: QueueStore.bookingHorizonDays)
        XCTAssertEqual(try book(id, with: kamau, at: "09:00", on: last).day, last.description)
        assertInvalid(try book(id, with: kamau, at: "09:00", on: last.adding(days: 1)),
                      "2027-11-24 is too far ahead; appointments are booked up to 366 days ahead (until 2027-11-23)", field: "slot")
        assertInvalid(try book(id, with: kamau, at: "09:00", on: CalendarDay("9999-12-31")!), "9999-12-31 is too far ahead")
        let soon = try book(id, with: kamau, at: "09:00")
        assertInvalid(try store.queue.rescheduleAppointment(soon.appointmentID, day: CalendarDay("9999-12-31")!, startMinute: at("09:00"), by: clerk),
                      "is too far ahead")
    }

    // MARK: - Close of day

    func testClosingTheDayEarlyLeavesSlotsNotYetStartedBooked() throws {
        let ids = try patients(3)
        let early = try book(ids[0], with: kamau, at: "08:00", on: today)
        let nine = try book(ids[1], with: kamau, at: "09:30", on: today)
        let later = try book(ids[2], with: otieno, at: "11:00", on: today)
        moveClock(to: "09:30")
        XCTAssertEqual(try store.queue.closeDay(today, unseenAs: .noShow, reason: "Closing early", by: clerk).missedAppointments, 2,
                       "08:00 and 09:30 (starting now) were missed")
        XCTAssertEqual(try appointment(early.appointmentID).status, .noShow)
        XCTAssertEqual(try appointment(nine.appointmentID).status, .noShow)
        XCTAssertEqual(try appointment(later.appointmentID).status, .booked, "11:00 has not started: it can still be kept")
        // Closing yesterday's day the next morning takes all of it.
        moveClock(to: "03:26", on: tomorrow)
        XCTAssertEqual(try store.queue.closeDay(today, unseenAs: .noShow, reason: "Late close", by: clerk).missedAppointments, 1)
        XCTAssertEqual(try appointment(later.appointmentID).status, .noShow)
    }

    func testClosingAt0326LeavesThe0930AppointmentOfThatDayBooked() throws {
        let id = try patient()
        moveClock(to: "03:26", on: tomorrow)
        let morning = try book(id, with: kamau, at: "09:30", on: tomorrow)
        XCTAssertEqual(try store.queue.closeDay(tomorrow, unseenAs: .noShow, reason: "Night close", by: clerk).missedAppointments, 0)
        XCTAssertEqual(try appointment(morning.appointmentID).status, .booked)
    }

    // MARK: - Ranges, text, articles

    func testARangeOfDaysRunningBackwardsIsRefused() throws {
        XCTAssertThrowsError(try store.cashier.collections(from: tomorrow, to: today)) { error in
            XCTAssertEqual("\(error)", "days: the first day (2026-11-23) is after the last (2026-11-22); give the earlier day first")
        }
        XCTAssertThrowsError(try store.cashier.shifts(from: tomorrow, to: today))
        XCTAssertNoThrow(try store.cashier.collections(from: today, to: today))
    }

    func testInvisibleCharactersAreRefusedInNamesReasonsAndRooms() throws {
        assertInvalid(try store.queue.addDoctor(name: "Dr Grace\u{202E}Mwangi", serviceCode: "CARD", by: admin),
                      "doctor's name: contains a text-direction control (U+202E)")
        assertInvalid(try store.queue.addDoctor(name: "Dr Zero\u{200B}Width", serviceCode: "CARD", room: "C9", by: admin),
                      "contains a zero-width character (U+200B)")
        assertInvalid(try store.queue.addDoctor(name: "Dr New", serviceCode: "CARD", room: "C\u{2028}9", by: admin),
                      "room: contains a line break (U+2028)")
        let booked = try book(try patient(), with: kamau, at: "09:00")
        assertInvalid(try store.queue.cancelAppointment(booked.appointmentID, reason: "moved\u{2066}away", by: clerk),
                      "reason: contains a text-direction control (U+2066)")
        assertInvalid(try store.registerPatient(NewPatient(firstName: "Amina\u{2029}", lastName: "Okafor", sex: "female", dob: "1990-04-12"),
                                                by: clerk), "first name: contains a line break (U+2029)")
    }

    func testTheArticleFollowsTheSoundOfTheRole() {
        XCTAssertEqual("\(StoreError.notPermitted(action: "register patients", role: "administrator"))",
                       "An administrator may not register patients; nothing was changed.")
        XCTAssertEqual("\(StoreError.notPermitted(action: "x", role: "user"))", "A user may not x; nothing was changed.")
        XCTAssertEqual("\(StoreError.notPermitted(action: "x", role: "nurse"))", "A nurse may not x; nothing was changed.")
        XCTAssertEqual("\(StoreError.notPermitted(action: "x", role: "hour keeper"))", "An hour keeper may not x; nothing was changed.")
    }
}
