// Check-in: tokens, double queueing, booked arrivals, the consultation charge and its visit.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class CheckInQueueTests: QueueDeskTestCase {
    // MARK: - Tokens

    /// Issue 13: elderly is derived from age (the facility's, 65 unless set), suggested from it and
    /// not offered below it when the birth date is exact; disabled is always offered.
    func testElderlyIsOfferedFromTheFacilitysAge() throws {
        XCTAssertEqual(try store.queue.elderlyAge(), 65)
        let young = try store.queue.assistanceOffer(dob: "1992-05-01", estimated: false, on: today)
        XCTAssertEqual(young, AssistanceOffer(choices: [nil, .disabled], suggested: nil), "34: no elderly")
        XCTAssertEqual(try store.queue.assistanceOffer(dob: "1961-11-22", estimated: false, on: today).suggested, .elderly,
                       "65 today")
        XCTAssertEqual(try store.queue.assistanceOffer(dob: "1961-11-23", estimated: false, on: today).choices, [nil, .disabled],
                       "65 tomorrow")
        XCTAssertEqual(try store.queue.assistanceOffer(dob: "1992-01-01", estimated: true, on: today).choices,
                       [nil, .elderly, .disabled], "an estimated age leaves it to reception")
        XCTAssertEqual(try store.queue.assistanceOffer(dob: nil, estimated: false, on: today).suggested, nil)
        assertInvalid(try store.queue.setElderlyAge(30, by: admin), "must be 50 to 90 years")
        assertNotPermitted(try store.queue.setElderlyAge(70, by: clerk), action: "change facility settings", role: "receptionist")
        try store.queue.setElderlyAge(70, by: admin)
        XCTAssertEqual(try store.queue.assistanceOffer(dob: "1958-01-01", estimated: false, on: today).choices, [nil, .disabled],
                       "68 is not elderly where the facility says 70")
    }

    func testWalkInTokensAreGapFreePerServiceAndRestartNextDay() throws {
        let ids = try patients(4)
        XCTAssertEqual(try ids.prefix(3).map { try walkIn($0).entry.token }, ["CARD-001", "CARD-002", "CARD-003"])
        XCTAssertEqual(try walkIn(ids[3], to: gen).entry.token, "GEN-001", "each service counts its own")
        XCTAssertEqual(try walkIn(ids[0], to: gen).entry.token, "GEN-002")
        XCTAssertEqual(try walkIn(ids[3]).entry.tokenNumber, 4)
        XCTAssertEqual(try sequence("token:CARD:2026-11-22"), 4)

        // The next morning everyone starts again from 001.
        moveClock(to: "07:00", on: tomorrow)
        let next = try walkIn(ids[1])
        XCTAssertEqual(next.entry.token, "CARD-001")
        XCTAssertEqual(next.entry.day, "2026-11-23")
        XCTAssertEqual(try walkIn(ids[2], to: gen).entry.token, "GEN-001")
        XCTAssertEqual(try sequence("token:CARD:2026-11-22"), 4, "yesterday's count is left as it was")
    }

    func testAWalkInOpensAnEncounterAndAnEntryWaiting() throws {
        let amina = try patient()
        let checkedIn = try walkIn(amina, priority: .urgent, assistance: .elderly)
        let e = checkedIn.entry
        XCTAssertEqual(try entry(e.entryID), e)
        XCTAssertEqual(e.status, .checkedIn)
        XCTAssertEqual(e.source, "walk_in")
        XCTAssertEqual(e.priority, .urgent)
        XCTAssertEqual(e.assistance, .elderly)
        XCTAssertNil(e.doctorID)
        XCTAssertNil(e.appointmentID)
        XCTAssertEqual(e.checkedInAt, Timestamp.string(clock.now()))
        let visit = try encounter(e.encounterID)
        XCTAssertEqual(visit.status, .open)
        XCTAssertEqual(visit.kind, "outpatient")
        XCTAssertEqual(visit.patientID, amina)
        XCTAssertEqual(visit.serviceID, card.serviceID)
        XCTAssertEqual(visit.day, "2026-11-22", "the facility's local day (07:12 in Nairobi)")
        XCTAssertNil(visit.endedAt)
    }

    func testTheTokenDayIsTheFacilitysLocalDay() throws {
        // 23:30 UTC on Sunday is already Monday 02:30 in Nairobi.
        clock.advance(19 * 3600 + 17 * 60 + 46)
        XCTAssertEqual(Timestamp.string(clock.now()), "2026-11-22T23:30:00.000Z")
        let e = try walkIn(try patient()).entry
        XCTAssertEqual(e.day, "2026-11-23")
        XCTAssertEqual(try sequence("token:CARD:2026-11-23"), 1)
    }

    func testARefusedCheckInTakesNoToken() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua")
        XCTAssertEqual(try walkIn(amina).entry.token, "CARD-001")
        let encounters = try count("encounters")
        assertInvalid(try walkIn(amina), "already in the Cardiology queue as CARD-001")
        assertInvalid(try walkIn(baraka, doctor: mwangi), "Dr Grace Mwangi does not work in Cardiology", field: "doctor")
        assertInvalid(try walkIn("no-such-patient"), "no such patient")
        XCTAssertEqual(try sequence("token:CARD:2026-11-22"), 1, "the refused check-ins took no number")
        XCTAssertEqual(try count("encounters"), encounters, "nor opened a visit")
        XCTAssertEqual(try walkIn(baraka).entry.token, "CARD-002", "no gap")
    }

    // MARK: - Double queueing

    func testAPatientQueuesOncePerServiceButMayQueueForAnotherAndAgainWhenDone() throws {
        let amina = try patient()
        let first = try walkIn(amina)
        assertInvalid(try walkIn(amina, priority: .emergency),
                      "already in the Cardiology queue as CARD-001 (checked in since 07:12)", field: "check-in")
        XCTAssertEqual(try walkIn(amina, to: gen).entry.token, "GEN-001", "another service's queue is another queue")

        moveClock(to: "07:30")
        let called = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))
        assertInvalid(try walkIn(amina), "already in the Cardiology queue as CARD-001 (called since 07:30)")
        moveClock(to: "07:35")
        try store.queue.startConsultation(called.entryID, by: nurse)
        assertInvalid(try walkIn(amina), "as CARD-001 (in consultation since 07:35)")
        try store.queue.finishVisit(first.entry.entryID, by: nurse)

        let again = try walkIn(amina)
        XCTAssertEqual(again.entry.token, "CARD-002", "once done, the patient may come back the same day")
        XCTAssertNotEqual(again.entry.encounterID, first.entry.encounterID, "a new visit")
        try store.queue.cancelCheckIn(again.entry.entryID, reason: "Wrong desk", by: clerk)
        XCTAssertEqual(try walkIn(amina).entry.token, "CARD-003", "and after a cancelled check-in")
    }

    // MARK: - Appointments

    func testCheckingInABookedAppointmentMarksItArrivedWithItsDoctor() throws {
        let amina = try patient()
        let booked = try book(amina, with: otieno, at: "09:00", on: today)
        let checkedIn = try store.queue.checkIn(NewCheckIn(patientID: amina, appointmentID: booked.appointmentID), by: clerk)
        let e = checkedIn.entry
        XCTAssertEqual(e.source, "appointment")
        XCTAssertEqual(e.appointmentID, booked.appointmentID)
        XCTAssertEqual(e.doctorID, otieno.doctorID, "the appointment's doctor")
        XCTAssertEqual(e.serviceID, card.serviceID, "the appointment's service")
        XCTAssertEqual(e.token, "CARD-001")
        XCTAssertEqual(try encounter(e.encounterID).doctorID, otieno.doctorID)
        let arrived = try appointment(booked.appointmentID)
        XCTAssertEqual(arrived.status, .checkedIn)
        XCTAssertEqual(arrived.encounterID, e.encounterID)
        XCTAssertEqual(try store.queue.slots(doctorID: otieno.doctorID, day: today).slots.first { $0.startMinute == 540 }?.booked, 1,
                       "an arrived appointment still holds its place")
        assertInvalid(try store.queue.checkIn(NewCheckIn(patientID: amina, appointmentID: booked.appointmentID), by: clerk),
                      "it is checked in, not booked")
        XCTAssertEqual(try store.queue.appointments(on: today).first?.appointment.status, .checkedIn)
    }

    func testAnAppointmentOfAnotherDayOrPatientIsRefusedAtCheckIn() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua")
        let tomorrows = try book(amina, with: kamau, at: "09:00")
        assertInvalid(try store.queue.checkIn(NewCheckIn(patientID: amina, appointmentID: tomorrows.appointmentID), by: clerk),
                      "it is for 2026-11-23, not today; reschedule it or check in as a walk-in", field: "appointment")
        let todays = try book(amina, with: kamau, at: "10:00", on: today)
        assertInvalid(try store.queue.checkIn(NewCheckIn(patientID: baraka, appointmentID: todays.appointmentID), by: clerk),
                      "it is another patient's")
        XCTAssertEqual(try sequence("token:CARD:2026-11-22"), nil)
        XCTAssertEqual(try appointment(tomorrows.appointmentID).status, .booked)
        XCTAssertEqual(try appointment(todays.appointmentID).status, .booked)
        XCTAssertEqual(try count("queue_entries"), 0)
    }

    // MARK: - The consultation charge

    func testTheConsultationFeeIsChargedToTheVisitWhenTheServiceHasARate() throws {
        let amina = try patient()
        let cardiology = try walkIn(amina)
        let charge = try XCTUnwrap(cardiology.charge)
        XCTAssertEqual(charge.source, "queue")
        XCTAssertEqual(charge.encounterID, cardiology.entry.encounterID)
        XCTAssertEqual(charge.code, "CONSULT")
        XCTAssertEqual(charge.amountMinor, Self.consultFee)
        XCTAssertEqual(charge.currency, "KES")
        XCTAssertEqual(charge.patientID, amina)
        XCTAssertEqual(charge.status, "open")
        XCTAssertEqual(try store.read { db in try Charge.fetchOne(db, key: charge.chargeID) }, charge)
        XCTAssertEqual(try store.openCharges(of: amina).amountMinor, Self.consultFee)

        // No fee code (GEN), or a fee code the schedule has no rate for (DENT): no charge.
        XCTAssertNil(try walkIn(amina, to: gen).charge)
        XCTAssertNil(try walkIn(amina, to: dent).charge)
        XCTAssertEqual(try count("charges"), 1)
        XCTAssertEqual(try store.openCharges(of: amina).count, 1)
    }

    func testCancellingACheckInVoidsItsChargeAndClosesTheVisit() throws {
        let amina = try patient(), baraka = try patient("Baraka", "Mutua")
        let mistaken = try walkIn(amina)
        let kept = try walkIn(baraka)
        assertInvalid(try store.queue.cancelCheckIn(mistaken.entry.entryID, reason: "", by: clerk), "reason: is required")
        let cancelled = try store.queue.cancelCheckIn(mistaken.entry.entryID, reason: "Checked in by mistake", by: clerk)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(cancelled.closeReason, "Checked in by mistake")
        XCTAssertEqual(try entry(mistaken.entry.entryID), cancelled)
        let visit = try encounter(mistaken.entry.encounterID)
        XCTAssertEqual(visit.status, .closed)
        XCTAssertNotNil(visit.endedAt)
        XCTAssertEqual(try count("charges", "charge_id = ? AND status = 'void'", [mistaken.charge!.chargeID]), 1)
        XCTAssertEqual(try store.openCharges(of: amina).count, 0)
        XCTAssertEqual(try store.openCharges(of: baraka).count, 1, "only that visit's charge")
        XCTAssertEqual(try entry(kept.entry.entryID).status, .checkedIn)
        // Only a waiting entry can be cancelled.
        _ = try store.queue.callNext(serviceID: card.serviceID, by: nurse)
        assertInvalid(try store.queue.cancelCheckIn(kept.entry.entryID, reason: "Oops", by: clerk),
                      "CARD-002 is called; it cannot become cancelled")
    }

    func testCancellingAnAppointmentsCheckInLeavesTheAppointmentBooked() throws {
        let amina = try patient()
        let booked = try book(amina, with: kamau, at: "09:00", on: today)
        let checkedIn = try store.queue.checkIn(NewCheckIn(patientID: amina, appointmentID: booked.appointmentID), by: clerk)
        try store.queue.cancelCheckIn(checkedIn.entry.entryID, reason: "Checked in too early", by: clerk)
        let restored = try appointment(booked.appointmentID)
        XCTAssertEqual(restored.status, .booked)
        XCTAssertNil(restored.encounterID)
        let again = try store.queue.checkIn(NewCheckIn(patientID: amina, appointmentID: booked.appointmentID), by: clerk)
        XCTAssertEqual(again.entry.token, "CARD-002")
        XCTAssertEqual(try appointment(booked.appointmentID).encounterID, again.entry.encounterID)
    }

    func testCheckInSetsTheLastVisitTheLookupShows() throws {
        let amina = try patient()
        func lastVisit() throws -> String? {
            try store.read { db in try String.fetchOne(db, sql: "SELECT last_visit_at FROM patient_search WHERE patient_id = ?",
                                                       arguments: [amina]) }
        }
        XCTAssertNil(try lastVisit())
        moveClock(to: "08:05")
        try walkIn(amina)
        XCTAssertEqual(try lastVisit(), "2026-11-22T05:05:00.000Z")
    }

    func testACheckInIsOneTransactionOfVisitEntryAndCharge() throws {
        let amina = try patient()
        let before = try ledgerSeq()
        let checkedIn = try walkIn(amina)
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, tx_id, actor_id FROM ledger_entries WHERE seq > ? ORDER BY seq", arguments: [before])
        }
        XCTAssertEqual(rows.map { $0["kind"] as String }, ["encounter.opened", "queue.checked_in", "charge.posted"])
        XCTAssertEqual(Set(rows.map { $0["tx_id"] as String }).count, 1, "one transaction")
        XCTAssertEqual(Set(rows.map { $0["actor_id"] as String? }), [clerk.userID])
        let audited = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT r.record_id FROM record_changes r JOIN ledger_entries l ON l.seq = r.ledger_seq WHERE l.seq > ? ORDER BY l.seq
                """, arguments: [before])
        }
        XCTAssertEqual(audited, [checkedIn.entry.encounterID, checkedIn.entry.entryID, checkedIn.charge!.chargeID])
        XCTAssertTrue(try store.verify().isClean)
    }
}
