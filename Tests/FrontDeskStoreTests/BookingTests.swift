// Booking: the schedule, the past, holidays and leave, capacity, overlaps, rescheduling, cancelling,
// no-shows, follow-ups, the day's slots and the doctor's calendar.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class BookingTests: QueueDeskTestCase {
    // MARK: - The schedule

    /// Issue 13: "next free slot" for a doctor or for any doctor of a service, and the clinic a
    /// follow-up is booked with.
    func testTheNextFreeSlotOfADoctorOrOfTheirServiceAndAFollowUpsClinic() throws {
        let now = LocalMoment(clock.now(), in: Self.zone)
        // Dr Mwangi works Monday to Friday: today is a Sunday.
        XCTAssertEqual(try store.queue.nextFreeSlot(doctorIDs: [mwangi.doctorID], after: now),
                       FreeSlot(doctorID: mwangi.doctorID, slot: try XCTUnwrap(store.queue.slots(doctorID: mwangi.doctorID, day: tomorrow).slots.first)))
        // Both cardiologists start at 08:00: the one listed first; once Dr Kamau's 08:00 is full, Dr Otieno's.
        XCTAssertEqual(try store.queue.nextFreeSlot(doctorIDs: [kamau.doctorID, otieno.doctorID], after: now)?.doctorID, kamau.doctorID)
        let ids = try patients(3)
        try book(ids[0], with: kamau, at: "08:00", on: today)
        try book(ids[1], with: kamau, at: "08:00", on: today)
        let kamausNext = try XCTUnwrap(store.queue.nextFreeSlot(doctorIDs: [kamau.doctorID], after: now))
        XCTAssertEqual(kamausNext.slot.day, today)
        XCTAssertEqual(kamausNext.slot.startMinute, at("08:30"))
        let either = try XCTUnwrap(store.queue.nextFreeSlot(doctorIDs: [kamau.doctorID, otieno.doctorID], after: now))
        XCTAssertEqual(either.doctorID, otieno.doctorID)
        XCTAssertEqual(either.slot.startMinute, at("08:00"))
        // After a slot: the one after it; never one already begun.
        XCTAssertEqual(try store.queue.nextFreeSlot(doctorIDs: [otieno.doctorID], after: LocalMoment(day: today, minute: at("08:00")))?
            .slot.startMinute, at("08:20"))
        moveClock(to: "11:50")
        XCTAssertEqual(try store.queue.nextFreeSlot(doctorIDs: [otieno.doctorID], after: LocalMoment(day: today, minute: 0))?.slot.day,
                       tomorrow)
        // A visit's clinic: the doctor it was with.
        let visit = try walkIn(ids[2], doctor: otieno)
        XCTAssertEqual(try store.queue.visitClinic(encounterID: visit.entry.encounterID).doctorID, otieno.doctorID)
        XCTAssertEqual(try store.queue.visitClinic(encounterID: visit.entry.encounterID).serviceID, card.serviceID)
    }

    func testABookingTakesASlotOfTheScheduleAndTheDayShowsIt() throws {
        let amina = try patient()
        let booked = try book(amina, with: kamau, at: "09:00")
        XCTAssertEqual(booked.status, .booked)
        XCTAssertEqual(booked.day, "2026-11-23")
        XCTAssertEqual(booked.startMinute, 540)
        XCTAssertEqual(booked.endMinute, 570, "a slot of Dr Kamau's is 30 minutes")
        XCTAssertEqual(booked.serviceID, card.serviceID, "the doctor's service")
        XCTAssertEqual(booked.rescheduleCount, 0)
        XCTAssertEqual(booked.createdBy, clerk.userID)

        let day = try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow)
        XCTAssertNil(day.closedReason)
        XCTAssertEqual(day.slots.map(\.startMinute), Array(stride(from: 480, to: 720, by: 30)))
        XCTAssertTrue(day.slots.allSatisfy { $0.capacity == 2 && $0.day == tomorrow && $0.endMinute == $0.startMinute + 30 })
        XCTAssertEqual(day.slots.map(\.booked), [0, 0, 1, 0, 0, 0, 0, 0])
        XCTAssertEqual(day.slots[2].free, 1)
        XCTAssertEqual(try store.queue.slots(doctorID: otieno.doctorID, day: tomorrow).slots.map(\.booked),
                       Array(repeating: 0, count: 12), "another doctor's day is untouched")

        let listed = try store.queue.appointments(on: tomorrow)
        XCTAssertEqual(listed.map(\.appointment), [booked])
        XCTAssertEqual(listed.first?.patientName, "Okafor, Amina")
        XCTAssertEqual(listed.first?.doctorName, "Dr Amani Kamau")
        XCTAssertEqual(listed.first?.serviceCode, "CARD")
        XCTAssertEqual(try store.queue.appointments(ofPatient: amina, from: today).map(\.appointment.appointmentID), [booked.appointmentID])
        XCTAssertEqual(try store.queue.appointments(ofPatient: amina, from: tomorrow.adding(days: 1)).count, 0)
    }

    func testASlotThatHasPassedIsRefused() throws {
        let amina = try patient()
        assertInvalid(try book(amina, with: kamau, at: "09:00", on: yesterday), "Sat 2026-11-21 09:00 has passed; choose a later slot",
                      field: "slot")
        // 07:12 now: today's 08:00 is still to come; at 08:40 it has passed, and so has 08:30.
        try book(amina, with: kamau, at: "08:00", on: today)
        moveClock(to: "08:40")
        let baraka = try patient("Baraka", "Mutua")
        assertInvalid(try book(baraka, with: kamau, at: "08:00", on: today), "Sun 2026-11-22 08:00 has passed")
        assertInvalid(try book(baraka, with: kamau, at: "08:30", on: today), "Sun 2026-11-22 08:30 has passed")
        XCTAssertEqual(try book(baraka, with: kamau, at: "09:00", on: today).startMinute, 540)
        XCTAssertEqual(try count("appointments"), 2)
    }

    func testASlotOffTheScheduleOrOutOfStepIsRefused() throws {
        let amina = try patient()
        assertInvalid(try book(amina, with: kamau, at: "08:10"), "Dr Amani Kamau has no slot starting at 08:10 on Mon")
        assertInvalid(try book(amina, with: kamau, at: "07:30"), "has no slot starting at 07:30")
        assertInvalid(try book(amina, with: kamau, at: "12:00"), "has no slot starting at 12:00", field: "slot")
        // 08:20 is a slot of Dr Otieno's 20-minute day, not of Dr Kamau's 30-minute one.
        assertInvalid(try book(amina, with: kamau, at: "08:20"), "has no slot starting at 08:20")
        XCTAssertEqual(try book(amina, with: otieno, at: "08:20").endMinute, at("08:40"))
    }

    func testADayWithoutASessionHasNoSlots() throws {
        // Dr Mwangi works Monday to Friday; today is a Sunday.
        let sunday = try store.queue.slots(doctorID: mwangi.doctorID, day: today)
        XCTAssertEqual(sunday.slots, [])
        XCTAssertEqual(sunday.closedReason, "Dr Grace Mwangi has no session on Sun")
        let amina = try patient()
        assertInvalid(try book(amina, with: mwangi, at: "09:00", on: today), "Dr Grace Mwangi has no session on Sun")
        XCTAssertEqual(try store.queue.slots(doctorID: mwangi.doctorID, day: tomorrow).slots.count, 16)
    }

    // MARK: - Holidays and leave

    func testAHolidayClosesTheDayButNotOverBookedAppointments() throws {
        let booked = try book(try patient(), with: kamau, at: "09:00")
        assertInvalid(try store.queue.addHoliday(tomorrow, name: "Utamaduni Day", by: admin),
                      "1 appointment is booked on 2026-11-23; reschedule or cancel it first", field: "holiday")
        XCTAssertEqual(try store.queue.holidays(), [])

        try store.queue.cancelAppointment(booked.appointmentID, reason: "Clinic closing", by: clerk)
        try store.queue.addHoliday(tomorrow, name: "Utamaduni Day", by: admin)
        XCTAssertEqual(try store.queue.holidays().map(\.day), ["2026-11-23"])
        for doctor in [kamau!, otieno!, mwangi!] {
            let day = try store.queue.slots(doctorID: doctor.doctorID, day: tomorrow)
            XCTAssertEqual(day.closedReason, "Holiday: Utamaduni Day")
            XCTAssertEqual(day.slots, [])
        }
        let baraka = try patient("Baraka", "Mutua")
        assertInvalid(try book(baraka, with: otieno, at: "09:00"), "Holiday: Utamaduni Day")
        XCTAssertThrowsError(try store.queue.addHoliday(tomorrow, name: "Again", by: admin)) {
            XCTAssertEqual($0 as? StoreError, .duplicate("A holiday on 2026-11-23"))
        }
    }

    func testLeaveClosesTheDoctorsDaysButNotOverBookedAppointments() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua")
        let first = try book(amina, with: kamau, at: "09:00")
        try book(baraka, with: kamau, at: "10:00", on: tomorrow.adding(days: 1))
        assertInvalid(try store.queue.addLeave(doctorID: kamau.doctorID, from: tomorrow, to: tomorrow.adding(days: 2), reason: "Conference",
                                         by: admin),
                      "Dr Amani Kamau has 2 booked appointments from 2026-11-23 to 2026-11-25; reschedule or cancel them first",
                      field: "leave")
        assertInvalid(try store.queue.addLeave(doctorID: kamau.doctorID, from: tomorrow, to: tomorrow, reason: "Conference", by: admin),
                      "has 1 booked appointment from 2026-11-23 to 2026-11-23; reschedule or cancel it first")
        XCTAssertEqual(try store.queue.leave(doctorID: kamau.doctorID), [])

        // Moved out of the way (to another doctor), the leave can be taken.
        try store.queue.rescheduleAppointment(first.appointmentID, doctorID: otieno.doctorID, day: tomorrow, startMinute: at("09:00"), by: clerk)
        try store.queue.addLeave(doctorID: kamau.doctorID, from: tomorrow, to: tomorrow, reason: "Conference", by: admin)
        XCTAssertEqual(try store.queue.leave(doctorID: kamau.doctorID).map(\.reason), ["Conference"])
        let day = try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow)
        XCTAssertEqual(day.slots, [])
        XCTAssertEqual(day.closedReason, "Dr Amani Kamau is on leave (Conference) 2026-11-23 to 2026-11-23")
        let chebet = try patient("Chebet", "Mutua")
        assertInvalid(try book(chebet, with: kamau, at: "11:00"), "Dr Amani Kamau is on leave (Conference)")
        // Only that doctor and only those days.
        XCTAssertNil(try store.queue.slots(doctorID: otieno.doctorID, day: tomorrow).closedReason)
        XCTAssertNil(try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow.adding(days: 1)).closedReason)
        assertInvalid(try store.queue.addLeave(doctorID: kamau.doctorID, from: tomorrow, to: today, reason: "Oops", by: admin),
                      "the last day is before the first")
        assertInvalid(try store.queue.addLeave(doctorID: kamau.doctorID, from: today, to: today, reason: "  ", by: admin), "reason: is required")
    }

    // MARK: - Capacity and overlaps

    func testASlotTakesAsManyPatientsAsItsCapacityAndNoMore() throws {
        let ids = try patients(3)
        try book(ids[0], with: kamau, at: "09:00")
        let second = try book(ids[1], with: kamau, at: "09:00")
        XCTAssertEqual(try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow).slots.first { $0.startMinute == 540 }?.free, 0)
        assertInvalid(try book(ids[2], with: kamau, at: "09:00"), "Mon 2026-11-23 09:00 with Dr Amani Kamau is full (2 of 2 booked)",
                      field: "slot")
        // A capacity-1 slot is full after one.
        try book(ids[0], with: otieno, at: "11:00")
        assertInvalid(try book(ids[1], with: otieno, at: "11:00"), "is full (1 of 1 booked)")
        // A cancellation frees the place.
        try store.queue.cancelAppointment(second.appointmentID, reason: "Travelling", by: clerk)
        XCTAssertEqual(try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow).slots.first { $0.startMinute == 540 }?.booked, 1)
        XCTAssertEqual(try book(ids[2], with: kamau, at: "09:00").status, .booked)
    }

    func testAPatientCannotBeBookedTwiceAtOverlappingTimesEvenWithAnotherDoctor() throws {
        let amina = try patient()
        try book(amina, with: kamau, at: "09:00")  // 09:00–09:30
        // Dr Otieno's 20-minute slots: 09:00–09:20 and 09:20–09:40 both overlap; 08:40–09:00 and 09:40–10:00 touch only.
        assertInvalid(try book(amina, with: otieno, at: "09:20"),
                      "the patient already has an appointment 09:00–09:30 on 2026-11-23 with Dr Amani Kamau", field: "slot")
        assertInvalid(try book(amina, with: otieno, at: "09:00"), "already has an appointment 09:00–09:30")
        // The same slot again is the same time.
        assertInvalid(try book(amina, with: kamau, at: "09:00"), "already has an appointment 09:00–09:30")
        try book(amina, with: otieno, at: "08:40")
        try book(amina, with: otieno, at: "09:40")
        // Another patient is free to take the slot; the same patient another day too.
        try book(try patient("Baraka", "Mutua"), with: otieno, at: "09:20")
        try book(amina, with: otieno, at: "09:20", on: tomorrow.adding(days: 1))
        XCTAssertEqual(try count("appointments", "patient_id = ?", [amina]), 4)
    }

    func testACancelledBookingNoLongerBlocksThePatient() throws {
        let amina = try patient()
        let first = try book(amina, with: kamau, at: "09:00")
        try store.queue.cancelAppointment(first.appointmentID, reason: "Changed plans", by: clerk)
        XCTAssertEqual(try book(amina, with: otieno, at: "09:20").status, .booked)
    }

    // MARK: - Rescheduling

    func testReschedulingKeepsTheRulesButDoesNotCountTheAppointmentAgainstItself() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua"), chebet = try patient("Chebet", "Mutua")
        let moving = try book(amina, with: kamau, at: "09:00")
        try book(baraka, with: kamau, at: "09:00")  // the slot is now full (2 of 2)
        let same = try store.queue.rescheduleAppointment(moving.appointmentID, day: tomorrow, startMinute: at("09:00"), by: clerk)
        XCTAssertEqual(same.rescheduleCount, 1, "the same full slot: allowed, it holds this appointment already")
        XCTAssertEqual(same.startMinute, 540)

        // To another doctor's slot that overlaps only the appointment being moved.
        let moved = try store.queue.rescheduleAppointment(moving.appointmentID, doctorID: otieno.doctorID, day: tomorrow,
                                                    startMinute: at("09:20"), by: clerk)
        XCTAssertEqual(moved.rescheduleCount, 2)
        XCTAssertEqual(moved.doctorID, otieno.doctorID)
        XCTAssertEqual(moved.endMinute, at("09:40"))
        let stored = try appointment(moving.appointmentID)
        XCTAssertEqual(stored, moved)
        XCTAssertEqual(try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow).slots.first { $0.startMinute == 540 }?.booked, 1,
                       "the place it left is free")

        // The rules still hold.
        try book(chebet, with: kamau, at: "10:00")
        try book(baraka, with: kamau, at: "10:00")
        assertInvalid(try store.queue.rescheduleAppointment(moving.appointmentID, doctorID: kamau.doctorID, day: tomorrow,
                                                      startMinute: at("10:00"), by: clerk), "is full (2 of 2 booked)")
        assertInvalid(try store.queue.rescheduleAppointment(moving.appointmentID, day: tomorrow, startMinute: at("09:10"), by: clerk),
                      "has no slot starting at 09:10")
        assertInvalid(try store.queue.rescheduleAppointment(moving.appointmentID, day: yesterday, startMinute: at("09:00"), by: clerk),
                      "has passed")
        let other = try book(amina, with: kamau, at: "11:00")
        assertInvalid(try store.queue.rescheduleAppointment(other.appointmentID, day: tomorrow, startMinute: at("09:00"), by: clerk),
                      "already has an appointment 09:20–09:40 on 2026-11-23 with Dr Beth Otieno")
        XCTAssertEqual(try appointment(moving.appointmentID).rescheduleCount, 2, "refused moves count nothing")

        try store.queue.cancelAppointment(other.appointmentID, reason: "Duplicate", by: clerk)
        assertInvalid(try store.queue.rescheduleAppointment(other.appointmentID, day: tomorrow, startMinute: at("11:30"), by: clerk),
                      "it is cancelled, not booked", field: "appointment")
    }

    // MARK: - Cancel and no-show

    func testCancellingNeedsAReasonAndKeepsIt() throws {
        let booked = try book(try patient(), with: kamau, at: "09:00")
        assertInvalid(try store.queue.cancelAppointment(booked.appointmentID, reason: "   ", by: clerk), "reason: is required")
        XCTAssertEqual(try appointment(booked.appointmentID).status, .booked)
        try store.queue.cancelAppointment(booked.appointmentID, reason: "  Feeling better ", by: clerk)
        let cancelled = try appointment(booked.appointmentID)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(cancelled.cancelReason, "Feeling better")
        assertInvalid(try store.queue.cancelAppointment(booked.appointmentID, reason: "Again", by: clerk), "it is cancelled, not booked")
        XCTAssertEqual(try store.queue.slots(doctorID: kamau.doctorID, day: tomorrow).slots.map(\.booked).reduce(0, +), 0)
    }

    func testANoShowIsMarkedOnlyOnceTheSlotHasBegun() throws {
        let booked = try book(try patient(), with: kamau, at: "09:00", on: today)
        assertInvalid(try store.queue.markNoShow(booked.appointmentID, by: clerk),
                      "the appointment (2026-11-22 09:00) has not started yet", field: "no-show")
        moveClock(to: "08:59")
        assertInvalid(try store.queue.markNoShow(booked.appointmentID, by: clerk), "has not started yet")
        moveClock(to: "09:00")
        try store.queue.markNoShow(booked.appointmentID, by: clerk)
        XCTAssertEqual(try appointment(booked.appointmentID).status, .noShow)
        XCTAssertEqual(try store.queue.slots(doctorID: kamau.doctorID, day: today).slots.first { $0.startMinute == 540 }?.booked, 0)
        assertInvalid(try store.queue.markNoShow(booked.appointmentID, by: clerk), "it is no show, not booked")
    }

    // MARK: - Follow-ups

    func testAFollowUpIsBookedOnlyFromAFinishedVisitOfThePatientAndAfterIt() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua")
        let visit = try walkIn(amina)
        assertInvalid(try book(amina, with: kamau, at: "09:00", followUpOf: visit.entry.encounterID),
                      "a follow-up is booked from a finished visit; this one is open", field: "follow-up")
        try seeThrough(visit.entry)
        XCTAssertEqual(try encounter(visit.entry.encounterID).status, .finished)

        assertInvalid(try book(baraka, with: kamau, at: "09:00", followUpOf: visit.entry.encounterID),
                      "that visit is not this patient's")
        assertInvalid(try book(amina, with: kamau, at: "09:00", on: today, followUpOf: visit.entry.encounterID),
                      "must be after the visit of 2026-11-22")
        assertInvalid(try book(amina, with: kamau, at: "09:00", followUpOf: "no-such-visit"), "that visit is not this patient's")

        let followUp = try book(amina, with: kamau, at: "09:00", followUpOf: visit.entry.encounterID)
        XCTAssertEqual(followUp.followUpOf, visit.entry.encounterID)
        // Moving it keeps it after the visit.
        assertInvalid(try store.queue.rescheduleAppointment(followUp.appointmentID, day: today, startMinute: at("10:00"), by: clerk),
                      "must be after the visit of 2026-11-22")
        XCTAssertEqual(try store.queue.rescheduleAppointment(followUp.appointmentID, day: tomorrow.adding(days: 1), startMinute: at("10:00"),
                                                       by: clerk).followUpOf, visit.entry.encounterID)

        // A visit that ended unseen (closed) is no ground for a follow-up.
        let left = try walkIn(amina, to: gen)
        try store.queue.markLeft(left.entry.entryID, reason: "Could not wait", by: nurse)
        assertInvalid(try book(amina, with: otieno, at: "11:00", followUpOf: left.entry.encounterID), "this one is closed")
    }

    // MARK: - The doctor's calendar

    func testTheDoctorsDayExportsAsICalendarWithCancellationsMarked() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua"), chebet = try patient("Chebet", "Mutua")
        let first = try book(amina, with: kamau, at: "09:00")
        let second = try book(baraka, with: kamau, at: "10:30")
        let third = try book(chebet, with: kamau, at: "11:30")
        try book(chebet, with: otieno, at: "08:00")  // another doctor's
        try store.queue.cancelAppointment(second.appointmentID, reason: "Unwell", by: clerk)
        try store.queue.rescheduleAppointment(third.appointmentID, day: tomorrow, startMinute: at("11:00"), by: clerk)

        let ics = try store.queue.doctorDayCalendar(doctorID: kamau.doctorID, day: tomorrow)
        XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        XCTAssertTrue(ics.hasSuffix("END:VCALENDAR\r\n"))
        let events = ics.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst()
        XCTAssertEqual(events.count, 3, "one event per appointment of the doctor's day")
        XCTAssertEqual(ics.components(separatedBy: "STATUS:CANCELLED").count - 1, 1)
        XCTAssertEqual(ics.components(separatedBy: "STATUS:CONFIRMED").count - 1, 2)
        func event(_ a: Appointment) -> String? { events.first { $0.contains("UID:\(a.appointmentID)@frontdesk") } }
        let aminas = try XCTUnwrap(event(first))
        XCTAssertTrue(aminas.contains("DTSTART:20261123T060000Z\r\n"), "09:00 in Nairobi is 06:00 UTC: \(aminas)")
        XCTAssertTrue(aminas.contains("DTEND:20261123T063000Z\r\n"))
        XCTAssertTrue(aminas.contains("SUMMARY:Okafor\\, Amina\r\n"))
        XCTAssertTrue(aminas.contains("LOCATION:Test Hospital\\, room C1\r\n"))
        XCTAssertTrue(aminas.contains("STATUS:CONFIRMED"))
        XCTAssertTrue(try XCTUnwrap(event(second)).contains("STATUS:CANCELLED"))
        let moved = try XCTUnwrap(event(third))
        XCTAssertTrue(moved.contains("SEQUENCE:1\r\n"), "a rescheduled booking's revision")
        XCTAssertTrue(moved.contains("DTSTART:20261123T080000Z\r\n"))
        XCTAssertFalse(ics.contains("08:00") || ics.contains("T050000Z"), "Dr Otieno's booking is not on Dr Kamau's calendar")
        XCTAssertEqual(try store.queue.doctorDayCalendar(doctorID: kamau.doctorID, day: today).components(separatedBy: "BEGIN:VEVENT").count, 1,
                       "an empty day is an empty calendar")
    }

    // MARK: - Who may book

    func testOnlyBookingRolesBook() throws {
        let amina = try patient()
        let new = NewAppointment(patientID: amina, doctorID: kamau.doctorID, day: tomorrow, startMinute: at("09:00"))
        assertNotPermitted(try store.queue.bookAppointment(new, by: cashier), action: "book appointments", role: "cashier")
        assertNotPermitted(try store.queue.bookAppointment(new, by: nurse), action: "book appointments", role: "nurse")
        XCTAssertEqual(try store.queue.bookAppointment(new, by: clerk).status, .booked)
    }
}
