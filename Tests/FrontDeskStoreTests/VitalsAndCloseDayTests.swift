// Vital signs at triage, the close of a queue's day, and the daily report.
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class VitalsAndCloseDayTests: QueueDeskTestCase {
    // MARK: - Vital signs

    func testVitalSignsAreStoredOnTheVisitAndReadBackWithTheBMI() throws {
        let visit = try walkIn(try patient()).entry
        XCTAssertNil(try store.queue.latestVitals(encounterID: visit.encounterID))
        let taken = VitalSigns(systolic: 128, diastolic: 84, pulse: 76, temperatureTenths: 368, spo2: 97, respiratoryRate: 16,
                               weightGrams: 70_000, heightMillimetres: 1_750)
        try store.queue.recordVitals(encounterID: visit.encounterID, taken, by: nurse)
        let latest = try XCTUnwrap(store.queue.latestVitals(encounterID: visit.encounterID))
        XCTAssertEqual(latest.vitals, taken)
        XCTAssertEqual(latest.recordedAt, Timestamp.string(clock.now()))
        XCTAssertEqual(latest.vitals.bmiTenths, 229, "70 kg / 1.75 m² = 22.86")
        let stored = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT bmi_tenths, patient_id, created_by FROM vital_signs WHERE encounter_id = ?",
                             arguments: [visit.encounterID])
        }
        XCTAssertEqual(stored?["bmi_tenths"] as Int?, 229)
        XCTAssertEqual(stored?["patient_id"] as String?, visit.patientID)
        XCTAssertEqual(stored?["created_by"] as String?, nurse.userID)

        // Taken again later: the latest is the one shown. Without weight there is no BMI.
        clock.advance(600)
        try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(pulse: 70, temperatureTenths: 371), by: doctorUser)
        let again = try XCTUnwrap(store.queue.latestVitals(encounterID: visit.encounterID))
        XCTAssertEqual(again.vitals, VitalSigns(pulse: 70, temperatureTenths: 371))
        XCTAssertNil(again.vitals.bmiTenths)
        XCTAssertEqual(try count("vital_signs", "encounter_id = ?", [visit.encounterID]), 2)
        XCTAssertEqual(try count("vital_signs", "encounter_id = ? AND bmi_tenths IS NULL", [visit.encounterID]), 1)
    }

    func testUnrealisticVitalSignsAreRefusedWithTheirReason() throws {
        let visit = try walkIn(try patient()).entry
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(pulse: 400), by: nurse),
                      "pulse: 400 is outside 20–300 beats/min", field: "pulse")
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(temperatureTenths: 986), by: nurse),
                      "98.6 looks like °F; this field is in °C", field: "temperature")
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(systolic: 80, diastolic: 90), by: nurse),
                      "diastolic 90 must be below systolic 80", field: "blood pressure")
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(systolic: 120), by: nurse),
                      "systolic and diastolic go together")
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(spo2: 101), by: nurse), "SpO2: 101 is outside 50–100 %")
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(weightGrams: 600_000), by: nurse),
                      "weight: 600 is outside 0.3–500 kg")
        assertInvalid(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(), by: nurse), "vitals: enter at least one value")
        assertInvalid(try store.queue.recordVitals(encounterID: "no-such-visit", VitalSigns(pulse: 70), by: nurse), "no such visit")
        XCTAssertEqual(try count("vital_signs"), 0)
    }

    func testVitalSignsAreRefusedOnAVisitThatHasEnded() throws {
        let ids = try patients(2)
        let seen = try walkIn(ids[0])
        try seeThrough(seen.entry)
        assertInvalid(try store.queue.recordVitals(encounterID: seen.entry.encounterID, VitalSigns(pulse: 70), by: nurse),
                      "the visit of 2026-11-22 is finished", field: "vitals")
        let cancelled = try walkIn(ids[1]).entry
        try store.queue.cancelCheckIn(cancelled.entryID, reason: "Wrong patient", by: clerk)
        assertInvalid(try store.queue.recordVitals(encounterID: cancelled.encounterID, VitalSigns(pulse: 70), by: nurse),
                      "the visit of 2026-11-22 is closed")
        XCTAssertEqual(try count("vital_signs"), 0)
    }

    func testOnlyClinicalStaffRecordVitalSigns() throws {
        let visit = try walkIn(try patient()).entry
        assertNotPermitted(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(pulse: 70), by: clerk),
                           action: "record vital signs", role: "receptionist")
        assertNotPermitted(try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(pulse: 70), by: cashier),
                           action: "record vital signs", role: "cashier")
        try store.queue.recordVitals(encounterID: visit.encounterID, VitalSigns(pulse: 70), by: nurse)
        XCTAssertEqual(try count("vital_signs"), 1)
    }

    // MARK: - Close of day

    /// Today's queue as the test below closes it: CARD-001 done, 002 in consultation, 003 called, 004 and 005
    /// waiting; GEN-001 waiting; an appointment booked at 11:00 today never checked in, one tomorrow.
    private func aBusyDay() throws -> (entries: [QueueEntry], gen: QueueEntry, missed: Appointment, tomorrows: Appointment) {
        let ids = try patients(7)
        var entries = try ids.prefix(5).map { try walkIn($0).entry }
        try seeThrough(entries[0])
        let second = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))
        try store.queue.startConsultation(second.entryID, by: nurse)
        _ = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))
        entries = try entries.map { try entry($0.entryID) }
        let genEntry = try walkIn(ids[5], to: gen).entry
        let missed = try book(ids[6], with: kamau, at: "11:00", on: today)
        let tomorrows = try book(ids[6], with: kamau, at: "11:00")
        return (entries, genEntry, missed, tomorrows)
    }

    func testClosingTheDayClosesWhatIsLeftOfIt() throws {
        let day = try aBusyDay()
        XCTAssertEqual(day.entries.map(\.status), [.done, .inConsultation, .called, .checkedIn, .checkedIn])
        moveClock(to: "18:00")
        let closed = try store.queue.closeDay(today, unseenAs: .noShow, reason: "Clinic closed", by: clerk)
        XCTAssertEqual(closed, DayClosed(unseen: 4, finished: 1, missedAppointments: 1))

        let after = try day.entries.map { try entry($0.entryID) }
        XCTAssertEqual(after.map(\.status), [.done, .done, .noShow, .noShow, .noShow])
        XCTAssertEqual(after.map(\.closeReason), [nil, nil, "Clinic closed", "Clinic closed", "Clinic closed"])
        XCTAssertEqual(after[0], day.entries[0], "a finished visit is left as it was")
        XCTAssertEqual(after[1].finishedAt, "2026-11-22T15:00:00.000Z")
        XCTAssertEqual(try encounter(after[1].encounterID).status, .finished, "the one being seen was seen")
        XCTAssertEqual(try after[2...].map { try encounter($0.encounterID).status }, [.closed, .closed, .closed])
        XCTAssertEqual(try entry(day.gen.entryID).status, .noShow, "every service when none is named")
        XCTAssertEqual(try appointment(day.missed.appointmentID).status, .noShow)
        XCTAssertEqual(try appointment(day.tomorrows.appointmentID).status, .booked, "tomorrow is not closed")
        XCTAssertEqual(try store.queue.board(day: today).filter { $0.entry.status.isActive }, [])

        // Closing again finds nothing left.
        XCTAssertEqual(try store.queue.closeDay(today, unseenAs: .left, reason: "Again", by: clerk),
                       DayClosed(unseen: 0, finished: 0, missedAppointments: 0))
    }

    /// 260 patients still waiting were 520 ledger entries: one transaction could not hold them (a push
    /// carries 500 at most) and the close was refused. It closes them in parts, each one whole.
    func testABusyDaysCloseIsDoneInPartsThatEachFitAPush() throws {
        let firsts = ["Achieng", "Baraka", "Chebet", "Dalmas", "Esther", "Faraji", "Gathoni", "Hamisi", "Imani", "Jabari"]
        let lasts = ["Mutua", "Otieno", "Wanjiru", "Kamau", "Njoroge", "Ochieng", "Mwangi", "Kiprop", "Chege", "Odhiambo",
                     "Wafula", "Barasa", "Njeri", "Kariuki", "Mugo", "Onyango", "Kibet", "Muthoni", "Wekesa", "Atieno",
                     "Cheruiyot", "Nyambura", "Gitau", "Owino", "Korir", "Maina"]
        let waiting = try lasts.flatMap { last in firsts.map { (first: $0, last: last) } }
            .map { try walkIn(try patient($0.first, $0.last)).entry }
        moveClock(to: "18:00")
        let before = try store.ledgerHead().seq
        let closed = try store.queue.closeDay(today, unseenAs: .noShow, reason: "Clinic closed", by: clerk)
        XCTAssertEqual(closed, DayClosed(unseen: 260, finished: 0, missedAppointments: 0))
        XCTAssertEqual(try waiting.map { try entry($0.entryID).status }, Array(repeating: .noShow, count: 260))
        let parts = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT first_seq, last_seq FROM audit_trail WHERE first_seq > ? ORDER BY first_seq",
                             arguments: [before])
        }
        XCTAssertEqual(parts.count, 3, "100, 100 and 60 visits")
        for part in parts {
            XCTAssertLessThanOrEqual((part["last_seq"] as Int64) - (part["first_seq"] as Int64) + 1, 500)
        }
        XCTAssertTrue(try store.verify().isClean)
    }

    func testClosingOneServiceAsLeftLeavesTheOthersOpen() throws {
        let day = try aBusyDay()
        let closed = try store.queue.closeDay(today, serviceID: card.serviceID, unseenAs: .left, reason: "Doctor called away", by: clerk)
        // Closed before 11:00: that appointment has not started and stays booked (issue 11).
        XCTAssertEqual(closed, DayClosed(unseen: 3, finished: 1, missedAppointments: 0))
        XCTAssertEqual(try appointment(day.missed.appointmentID).status, .booked)
        XCTAssertEqual(try day.entries.map { try entry($0.entryID).status }, [.done, .done, .left, .left, .left])
        XCTAssertEqual(try entry(day.entries[3].entryID).closeReason, "Doctor called away")
        XCTAssertEqual(try entry(day.gen.entryID).status, .checkedIn, "General OPD is still open")
        XCTAssertEqual(try encounter(day.gen.encounterID).status, .open)
    }

    func testClosingTheDayNeedsAReasonAPastOrPresentDayAndAnUnseenStatus() throws {
        let day = try aBusyDay()
        assertInvalid(try store.queue.closeDay(tomorrow, unseenAs: .noShow, reason: "Early", by: clerk), "2026-11-23 has not come yet",
                      field: "close of day")
        assertInvalid(try store.queue.closeDay(today, unseenAs: .noShow, reason: "  ", by: clerk), "reason: is required")
        assertInvalid(try store.queue.closeDay(today, unseenAs: .done, reason: "All seen", by: clerk),
                      "unseen patients are closed as no-show or left")
        assertNotPermitted(try store.queue.closeDay(today, unseenAs: .left, reason: "Closing", by: nurse), action: "close the queue's day",
                           role: "nurse")
        XCTAssertEqual(try day.entries.map { try entry($0.entryID).status }, [.done, .inConsultation, .called, .checkedIn, .checkedIn])
        // Yesterday may be closed (nothing was left of it).
        XCTAssertEqual(try store.queue.closeDay(yesterday, unseenAs: .left, reason: "Late close", by: clerk),
                       DayClosed(unseen: 0, finished: 0, missedAppointments: 0))
    }

    func testADayLeftOpenIsClosedTheNextMorning() throws {
        let waiting = try walkIn(try patient()).entry
        moveClock(to: "07:00", on: tomorrow)
        XCTAssertEqual(try store.queue.closeDay(today, unseenAs: .left, reason: "Not closed last night", by: clerk).unseen, 1)
        XCTAssertEqual(try entry(waiting.entryID).status, .left)
    }

    // MARK: - The daily report

    func testTheDailyReportCountsPatientsAndStatesMedianAndP90Waits() throws {
        let ids = try patients(6)
        // Six arrivals at 07:20; called 5, 15, 20, 50 and 60 minutes later; the sixth never called.
        moveClock(to: "07:20")
        let entries = try ids.map { try walkIn($0).entry }
        for (minute, nth) in [("07:25", 0), ("07:35", 1), ("07:40", 2), ("08:10", 3), ("08:20", 4)] {
            moveClock(to: minute)
            let called = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))
            XCTAssertEqual(called.entryID, entries[nth].entryID)
        }
        try store.queue.finishVisit(entries[0].entryID, by: nurse)
        try store.queue.startConsultation(entries[1].entryID, by: nurse)
        try store.queue.finishVisit(entries[1].entryID, by: nurse)
        try store.queue.startConsultation(entries[2].entryID, by: nurse)
        try store.queue.markLeft(entries[4].entryID, reason: "Did not answer", by: nurse)
        let wrongService = try walkIn(ids[0], to: gen).entry
        try store.queue.cancelCheckIn(wrongService.entryID, reason: "Wrong service", by: clerk)

        // Before the close: one in consultation, one called and one waiting.
        let open = try XCTUnwrap(store.queue.queueReport(day: today).first { $0.serviceCode == "CARD" })
        XCTAssertEqual(open.patients, 6)
        XCTAssertEqual(open.seen, 3, "two done and one in consultation")
        XCTAssertEqual(open.waiting, 2, "one called and one still waiting")
        XCTAssertEqual(open.left, 1)
        // Waits of those called: 5, 15, 20, 50 and 60 minutes.
        XCTAssertEqual(open.medianWaitSeconds, 1_200)
        XCTAssertEqual(open.p90WaitSeconds, 3_600)
        XCTAssertEqual(open.longestWaitSeconds, 3_600)

        moveClock(to: "17:00")
        _ = try store.queue.closeDay(today, unseenAs: .noShow, reason: "Clinic closed", by: clerk)
        let reports = try store.queue.queueReport(day: today)
        XCTAssertEqual(reports.map(\.serviceCode), ["CARD", "DENT", "GEN"])
        let cardiology = reports[0]
        XCTAssertEqual(cardiology.serviceName, "Cardiology")
        XCTAssertEqual(cardiology.patients, 6)
        XCTAssertEqual(cardiology.seen, 3)
        XCTAssertEqual(cardiology.waiting, 0)
        XCTAssertEqual(cardiology.left, 1)
        XCTAssertEqual(cardiology.noShow, 2, "the called one and the waiting one")
        XCTAssertEqual(cardiology.cancelled, 0)
        XCTAssertEqual(cardiology.medianWaitSeconds, 1_200, "the never-called patient has no wait to count")
        XCTAssertEqual(cardiology.p90WaitSeconds, 3_600)
        let general = reports[2]
        XCTAssertEqual(general.patients, 1)
        XCTAssertEqual(general.cancelled, 1)
        XCTAssertEqual(general.seen, 0)
        XCTAssertNil(general.medianWaitSeconds)
        XCTAssertNil(general.p90WaitSeconds)
        XCTAssertEqual(reports[1].patients, 0, "a service with nobody still has its line")
        XCTAssertNil(reports[1].longestWaitSeconds)
        XCTAssertEqual(try store.queue.queueReport(day: yesterday).map(\.patients), [0, 0, 0])
    }

    func testTheReportsMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() throws {
        let ids = try patients(4)
        let entries = try ids.map { try walkIn($0).entry }  // 07:12:14
        // Waits of 2, 3, 10 and 31 minutes: the median is 6.5 minutes, p90 the 4th of 4.
        for (seconds, nth) in [(120, 0), (60, 1), (420, 2), (1_260, 3)] {
            clock.advance(TimeInterval(seconds))
            XCTAssertEqual(try store.queue.callNext(serviceID: card.serviceID, by: nurse)?.entryID, entries[nth].entryID)
        }
        let report = try XCTUnwrap(store.queue.queueReport(day: today).first)
        XCTAssertEqual(report.medianWaitSeconds, 390)
        XCTAssertEqual(report.p90WaitSeconds, 1_860)
        XCTAssertEqual(report.seen, 0, "called is not yet seen")
        XCTAssertEqual(report.waiting, 4)
    }
}
