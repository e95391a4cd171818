// The queue once checked in: calling order, the flow of a visit, the board, the wait estimate, who may do what.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class QueueCallingTests: QueueDeskTestCase {
    // MARK: - Calling order

    func testCallNextTakesEmergenciesThenUrgentThenTheAssistedThenArrivals() throws {
        let ids = try patients(7)
        // Arrivals a minute apart, in an order that is not the calling order.
        let plan: [(QueuePriority, QueueAssistance?)] = [
            (.normal, nil), (.normal, .elderly), (.urgent, nil), (.normal, nil), (.normal, .disabled), (.emergency, nil),
            (.urgent, .elderly),
        ]
        var tokens: [String] = []
        for (i, (priority, assistance)) in plan.enumerated() {
            tokens.append(try walkIn(ids[i], priority: priority, assistance: assistance).entry.token)
            clock.advance(60)
        }
        XCTAssertEqual(tokens, (1...7).map { "CARD-00\($0)" })
        var called: [String] = []
        while let next = try store.queue.callNext(serviceID: card.serviceID, by: nurse) {
            called.append(next.token)
            XCTAssertEqual(next.status, .called)
            XCTAssertEqual(next.calledBy, nurse.userID)
        }
        XCTAssertEqual(called, ["CARD-006", "CARD-007", "CARD-003", "CARD-002", "CARD-005", "CARD-001", "CARD-004"])
        XCTAssertNil(try store.queue.callNext(serviceID: card.serviceID, by: nurse), "nobody left")
    }

    func testArrivalsInTheSameInstantAreCalledInTokenOrder() throws {
        let ids = try patients(5)
        let tokens = try ids.map { try walkIn($0).entry.token }  // the clock stands still
        XCTAssertEqual(try store.queue.board(day: today).map(\.entry.token), tokens, "the board lists them in token order")
        var called: [String] = []
        while let next = try store.queue.callNext(serviceID: card.serviceID, by: nurse) { called.append(next.token) }
        XCTAssertEqual(called, tokens)
    }

    func testCallNextReturnsNilWhenNobodyWaitsForTheService() throws {
        XCTAssertNil(try store.queue.callNext(serviceID: card.serviceID, by: nurse))
        try walkIn(try patient(), to: gen)
        XCTAssertNil(try store.queue.callNext(serviceID: card.serviceID, by: nurse), "a GEN patient is not called to CARD")
        XCTAssertEqual(try store.queue.callNext(serviceID: gen.serviceID, by: nurse)?.token, "GEN-001")
        XCTAssertNil(try store.queue.callNext(serviceID: gen.serviceID, by: nurse), "a called patient is not called again")
    }

    /// Issue 13: the all-services board called a GEN walk-in while an urgent patient of another
    /// service stood at its top. With no service, the call takes the board's own first waiting row.
    func testCallingWithoutAServiceTakesTheTopOfTheAllServicesBoard() throws {
        let ids = try patients(4)
        try walkIn(ids[0], to: gen)  // GEN-001, first to arrive
        clock.advance(60)
        try walkIn(ids[1], to: card, assistance: .elderly)  // CARD-001, assisted
        clock.advance(60)
        try walkIn(ids[2], to: card, priority: .urgent)  // CARD-002, urgent
        clock.advance(60)
        try walkIn(ids[3], to: gen)  // GEN-002
        var called: [String] = []
        while true {
            let top = try store.queue.board(day: today).first { $0.entry.status == .checkedIn }
            guard let next = try store.queue.callNext(serviceID: nil, by: nurse) else { break }
            XCTAssertEqual(next.entryID, top?.entry.entryID, "the called patient is the board's top waiting row")
            called.append(next.token)
        }
        XCTAssertEqual(called, ["CARD-002", "CARD-001", "GEN-001", "GEN-002"])
        assertInvalid(try store.queue.callNext(serviceID: nil, doctorID: kamau.doctorID, by: nurse), "does not work in every service")
    }

    func testADoctorCallingSkipsPatientsOfAnotherDoctor() throws {
        let ids = try patients(3)
        let otienos = try book(ids[0], with: otieno, at: "08:00", on: today)
        _ = try store.queue.checkIn(NewCheckIn(patientID: ids[0], appointmentID: otienos.appointmentID), by: clerk)  // CARD-001, Dr Otieno's
        clock.advance(60)
        try walkIn(ids[1], doctor: kamau)  // CARD-002, asked for Dr Kamau
        clock.advance(60)
        try walkIn(ids[2])  // CARD-003, anyone's

        let first = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, doctorID: kamau.doctorID, by: doctorUser))
        XCTAssertEqual(first.token, "CARD-002")
        XCTAssertEqual(first.room, "C1", "the doctor's room")
        XCTAssertEqual(first.calledBy, doctorUser.userID)
        let second = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, doctorID: kamau.doctorID, room: "C9", by: doctorUser))
        XCTAssertEqual(second.token, "CARD-003")
        XCTAssertEqual(second.doctorID, kamau.doctorID, "a walk-in is taken by the doctor who calls")
        XCTAssertEqual(second.room, "C9")
        XCTAssertNil(try store.queue.callNext(serviceID: card.serviceID, doctorID: kamau.doctorID, by: doctorUser),
                     "Dr Otieno's patient is left for Dr Otieno")
        let third = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, doctorID: otieno.doctorID, by: nurse))
        XCTAssertEqual(third.token, "CARD-001")
        XCTAssertEqual(third.room, "C2")
        assertInvalid(try store.queue.callNext(serviceID: gen.serviceID, doctorID: kamau.doctorID, by: doctorUser),
                      "Dr Amani Kamau does not work in General OPD")
    }

    func testAPatientReturnedToTheQueueKeepsTheirPlaceAndIsAnyDoctorsAgain() throws {
        let ids = try patients(2)
        try walkIn(ids[0])
        clock.advance(60)
        let second = try walkIn(ids[1]).entry
        let called = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, doctorID: kamau.doctorID, by: doctorUser))
        XCTAssertEqual(called.token, "CARD-001")
        assertInvalid(try store.queue.returnToQueue(second.entryID, by: nurse), "CARD-002 is checked in, not called")
        let back = try store.queue.returnToQueue(called.entryID, by: nurse)
        XCTAssertEqual(back.status, .checkedIn)
        XCTAssertNil(back.calledAt)
        XCTAssertNil(back.room)
        XCTAssertNil(back.doctorID, "the walk-in was nobody's before the unanswered call")
        XCTAssertEqual(try store.queue.callNext(serviceID: card.serviceID, doctorID: otieno.doctorID, by: nurse)?.token, "CARD-001",
                       "first in line again, for any doctor")
    }

    func testTwoCallersNeverGetTheSameEntry() throws {
        let ids = try patients(8)
        for id in ids { try walkIn(id) }
        let store = self.store!, serviceID = card.serviceID, nurse = self.nurse!, doctor = doctorUser!
        let results = CallResults()
        DispatchQueue.concurrentPerform(iterations: 10) { i in
            do {
                let entry = try store.queue.callNext(serviceID: serviceID, by: i % 2 == 0 ? nurse : doctor)
                results.add(entry?.entryID)
            } catch {
                results.add(error)
            }
        }
        XCTAssertEqual(results.errors.count, 0, "\(results.errors)")
        let called = results.entries.compactMap { $0 }
        XCTAssertEqual(called.count, 8)
        XCTAssertEqual(Set(called).count, 8, "no entry called twice")
        XCTAssertEqual(results.entries.filter { $0 == nil }.count, 2, "the last two callers found nobody")
    }

    // MARK: - The flow of a visit

    func testAVisitGoesFromCalledToConsultationToDone() throws {
        let checkedIn = try walkIn(try patient())
        moveClock(to: "07:40")
        let called = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))
        XCTAssertEqual(called.calledAt, Timestamp.string(clock.now()))
        moveClock(to: "07:45")
        let seeing = try store.queue.startConsultation(called.entryID, by: doctorUser)
        XCTAssertEqual(seeing.status, .inConsultation)
        XCTAssertEqual(seeing.consultationAt, "2026-11-22T04:45:00.000Z")
        XCTAssertEqual(try encounter(checkedIn.entry.encounterID).status, .open)
        moveClock(to: "08:00")
        let done = try store.queue.finishVisit(called.entryID, by: doctorUser)
        XCTAssertEqual(done.status, .done)
        XCTAssertEqual(done.finishedAt, "2026-11-22T05:00:00.000Z")
        XCTAssertEqual(done.calledAt, "2026-11-22T04:40:00.000Z")
        XCTAssertEqual(try entry(called.entryID), done)
        let visit = try encounter(checkedIn.entry.encounterID)
        XCTAssertEqual(visit.status, .finished)
        XCTAssertEqual(visit.endedAt, "2026-11-22T05:00:00.000Z")
        let kinds = try store.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM ledger_entries WHERE kind LIKE 'queue.%' OR kind LIKE 'encounter.%' ORDER BY seq")
        }
        XCTAssertEqual(kinds, ["encounter.opened", "queue.checked_in", "queue.called", "queue.consultation_started", "queue.done",
                               "encounter.finished"])
    }

    func testAVisitCalledCanBeFinishedWithoutAConsultationStep() throws {
        let checkedIn = try walkIn(try patient())
        let called = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))
        XCTAssertEqual(try store.queue.finishVisit(called.entryID, by: nurse).status, .done)
        XCTAssertEqual(try encounter(checkedIn.entry.encounterID).status, .finished)
    }

    func testWrongStepsOfTheFlowAreRefused() throws {
        let waiting = try walkIn(try patient()).entry
        assertInvalid(try store.queue.finishVisit(waiting.entryID, by: nurse), "CARD-001 is checked in; it cannot become done", field: "queue")
        assertInvalid(try store.queue.startConsultation(waiting.entryID, by: nurse), "CARD-001 is checked in; it cannot become in consultation")
        _ = try store.queue.callNext(serviceID: card.serviceID, by: nurse)
        try store.queue.startConsultation(waiting.entryID, by: nurse)
        assertInvalid(try store.queue.startConsultation(waiting.entryID, by: nurse), "is in consultation; it cannot become in consultation")
        assertInvalid(try store.queue.markLeft(waiting.entryID, reason: "Went home", by: nurse),
                      "CARD-001 is in consultation; it cannot become left unseen")
        assertInvalid(try store.queue.returnToQueue(waiting.entryID, by: nurse), "CARD-001 is in consultation, not called")
        try store.queue.finishVisit(waiting.entryID, by: nurse)
        assertInvalid(try store.queue.finishVisit(waiting.entryID, by: nurse), "CARD-001 is done; it cannot become done")
        assertInvalid(try store.queue.cancelCheckIn(waiting.entryID, reason: "Late", by: clerk), "CARD-001 is done; it cannot become cancelled")
        assertInvalid(try store.queue.startConsultation("no-such-entry", by: nurse), "no such queue entry")
        XCTAssertEqual(try entry(waiting.entryID).status, .done)
    }

    func testLeavingUnseenNeedsAReasonAndClosesTheVisit() throws {
        let ids = try patients(2)
        let called = try walkIn(ids[0]).entry
        let waiting = try walkIn(ids[1]).entry
        _ = try store.queue.callNext(serviceID: card.serviceID, by: nurse)  // CARD-001
        assertInvalid(try store.queue.markLeft(called.entryID, reason: " ", by: nurse), "reason: is required")
        let left = try store.queue.markLeft(called.entryID, reason: "Did not answer", by: nurse)
        XCTAssertEqual(left.status, .left)
        XCTAssertEqual(left.closeReason, "Did not answer")
        XCTAssertNotNil(left.finishedAt)
        XCTAssertEqual(try encounter(called.encounterID).status, .closed)
        let gone = try store.queue.markLeft(waiting.entryID, reason: "Went home", by: nurse)  // never called
        XCTAssertEqual(gone.status, .left)
        XCTAssertEqual(try encounter(waiting.encounterID).status, .closed)
        XCTAssertEqual(try store.openCharges(of: ids[0]).count, 0, "a visit that ends unseen voids its consultation fee")
    }

    // MARK: - The board

    func testTheBoardShowsThoseBeingSeenThenCalledThenWaitingInCallOrderThenFinished() throws {
        let ids = try patients(8)
        func arrive(_ i: Int, _ priority: QueuePriority = .normal, _ assistance: QueueAssistance? = nil) throws {
            try walkIn(ids[i], priority: priority, assistance: assistance)
        }
        for i in 0..<4 { try arrive(i) }  // CARD-001…004, all in the same instant
        clock.advance(60)
        let first = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))  // 001
        try store.queue.finishVisit(first.entryID, by: nurse)
        clock.advance(60)
        let second = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))  // 002
        try store.queue.startConsultation(second.entryID, by: nurse)
        clock.advance(60)
        _ = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))  // 003
        clock.advance(60)
        try arrive(4, .urgent)  // 005
        try arrive(5)  // 006
        try arrive(6, .normal, .disabled)  // 007
        try walkIn(ids[7], to: gen)  // GEN-001
        clock.advance(60)
        let gone = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: nurse))  // 005
        try store.queue.markLeft(gone.entryID, reason: "Went to casualty", by: nurse)

        let board = try store.queue.board(day: today, serviceID: card.serviceID)
        XCTAssertEqual(board.map(\.entry.token), [
            "CARD-002",  // in consultation
            "CARD-003",  // called
            "CARD-007", "CARD-004", "CARD-006",  // waiting: assisted first, then arrival (004 came before 006)
            "CARD-005", "CARD-001",  // finished, latest first
        ])
        XCTAssertEqual(board.map(\.entry.status), [.inConsultation, .called, .checkedIn, .checkedIn, .checkedIn, .left, .done])
        XCTAssertEqual(board.first?.serviceCode, "CARD")
        XCTAssertEqual(board.first?.patientName, "Mutua, Baraka")
        XCTAssertEqual(try store.queue.board(day: today).count, 8, "every service")
        XCTAssertEqual(try store.queue.board(day: today, serviceID: gen.serviceID).map(\.entry.token), ["GEN-001"])
        XCTAssertEqual(try store.queue.board(day: tomorrow), [])

        // The waiting rows are in the order callNext takes them.
        var called: [String] = []
        while let next = try store.queue.callNext(serviceID: card.serviceID, by: nurse) { called.append(next.token) }
        XCTAssertEqual(called, ["CARD-007", "CARD-004", "CARD-006"])
    }

    func testTheBoardOfADoctorShowsTheirPatientsAndThoseStillUnassigned() throws {
        let ids = try patients(3)
        try walkIn(ids[0], doctor: otieno)
        try walkIn(ids[1], doctor: kamau)
        try walkIn(ids[2])
        XCTAssertEqual(try store.queue.board(day: today, doctorID: kamau.doctorID).map(\.entry.token), ["CARD-002", "CARD-003"])
        XCTAssertEqual(try store.queue.board(day: today, doctorID: kamau.doctorID).first?.doctorName, "Dr Amani Kamau")
        XCTAssertEqual(try store.queue.board(day: today, doctorID: otieno.doctorID).map(\.entry.token), ["CARD-001", "CARD-003"])
        _ = try store.queue.callNext(serviceID: card.serviceID, doctorID: otieno.doctorID, by: nurse)  // takes 001 (Dr Otieno's)
        clock.advance(60)
        _ = try store.queue.callNext(serviceID: card.serviceID, doctorID: otieno.doctorID, by: nurse)  // takes 003 (anyone's)
        XCTAssertEqual(try store.queue.board(day: today, doctorID: kamau.doctorID).map(\.entry.token), ["CARD-002"],
                       "003 is Dr Otieno's now")
        XCTAssertEqual(try store.queue.board(day: today, doctorID: otieno.doctorID).map(\.entry.token), ["CARD-003", "CARD-001"],
                       "both called, the latest first")
    }

    // MARK: - The wait to expect

    func testTheWaitEstimateIsThePaceOfCallsTimesThoseAhead() throws {
        let ids = try patients(7)
        let first = try walkIn(ids[0])
        XCTAssertEqual(first.estimate, WaitEstimate(ahead: 0, minutes: nil))
        for i in 1..<5 { try walkIn(ids[i]) }
        XCTAssertEqual(try store.queue.waitEstimate(serviceID: card.serviceID), WaitEstimate(ahead: 5, minutes: nil), "no calls yet: no pace")

        moveClock(to: "08:00")
        _ = try store.queue.callNext(serviceID: card.serviceID, by: nurse)
        XCTAssertEqual(try store.queue.waitEstimate(serviceID: card.serviceID).minutes, nil, "one call is no pace")
        moveClock(to: "08:12")
        _ = try store.queue.callNext(serviceID: card.serviceID, by: nurse)
        moveClock(to: "08:24")
        _ = try store.queue.callNext(serviceID: card.serviceID, by: nurse)
        // Calls at 08:00, 08:12 and 08:24: one every 12 minutes. Two still wait.
        XCTAssertEqual(try store.queue.waitEstimate(serviceID: card.serviceID), WaitEstimate(ahead: 2, minutes: 24))
        XCTAssertEqual(try store.queue.waitEstimate(serviceID: card.serviceID, priority: .emergency), WaitEstimate(ahead: 0, minutes: 0))
        let next = try walkIn(ids[5])
        XCTAssertEqual(next.estimate, WaitEstimate(ahead: 2, minutes: 24))
        let urgent = try walkIn(ids[6], priority: .urgent)
        XCTAssertEqual(urgent.estimate, WaitEstimate(ahead: 0, minutes: 0), "nobody goes before an urgent patient here")
        XCTAssertEqual(try store.queue.waitEstimate(serviceID: gen.serviceID), WaitEstimate(ahead: 0, minutes: nil),
                       "another service has its own pace")
    }

    func testAnAssistedArrivalIsToldOnlyOfThoseCalledBeforeThem() throws {
        let ids = try patients(4)
        for i in 0..<3 { try walkIn(ids[i]) }
        let elderly = try walkIn(ids[3], assistance: .elderly)
        XCTAssertEqual(elderly.estimate.ahead, 0, "the elderly go before the three unassisted already waiting")
        XCTAssertEqual(try store.queue.callNext(serviceID: card.serviceID, by: nurse)?.entryID, elderly.entry.entryID)
    }

    // MARK: - Who may do what

    func testOnlyClinicalStaffCallAndOnlyTheDeskChecksIn() throws {
        let amina = try patient()
        assertNotPermitted(try walkIn(amina, by: cashier), action: "check patients in", role: "cashier")
        assertNotPermitted(try walkIn(amina, by: doctorUser), action: "check patients in", role: "doctor")
        XCTAssertEqual(try walkIn(amina, by: nurse).entry.createdBy, nurse.userID)
        assertNotPermitted(try store.queue.callNext(serviceID: card.serviceID, by: clerk), action: "call patients", role: "receptionist")
        assertNotPermitted(try store.queue.callNext(serviceID: card.serviceID, by: cashier), action: "call patients", role: "cashier")
        let called = try XCTUnwrap(store.queue.callNext(serviceID: card.serviceID, by: doctorUser))
        assertNotPermitted(try store.queue.startConsultation(called.entryID, by: clerk), action: "change the queue", role: "receptionist")
        XCTAssertEqual(try store.queue.startConsultation(called.entryID, by: doctorUser).status, .inConsultation)
    }
}

/// What concurrent callers got, gathered under a lock.
private final class CallResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var entries: [String?] = []
    private(set) var errors: [any Error] = []
    func add(_ entry: String?) { lock.withLock { entries.append(entry) } }
    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
}
