// Check-in and the day's queue: tokens, priority order, call next, the flow of a visit.
import Foundation
import FrontDeskCore
import GRDB

/// What reception fills in to put a patient in a service's queue.
public struct NewCheckIn: Sendable, Equatable {
    public var patientID: String
    /// Nil when checking in a booked appointment: the appointment names the service.
    public var serviceID: String?
    public var doctorID: String?
    public var appointmentID: String?
    public var priority: QueuePriority
    public var assistance: QueueAssistance?

    public init(patientID: String, serviceID: String? = nil, doctorID: String? = nil, appointmentID: String? = nil,
                priority: QueuePriority = .normal, assistance: QueueAssistance? = nil) {
        self.patientID = patientID
        self.serviceID = serviceID
        self.doctorID = doctorID
        self.appointmentID = appointmentID
        self.priority = priority
        self.assistance = assistance
    }
}

/// How long a new arrival should expect to wait, from today's pace.
public struct WaitEstimate: Sendable, Equatable {
    /// Patients who will be called first.
    public let ahead: Int
    /// Minutes; nil until the service has called enough patients today to have a pace.
    public let minutes: Int?
}

/// The result of a check-in: the queue entry, the consultation charge and the wait to expect.
public struct CheckedIn: Sendable, Equatable {
    public let entry: QueueEntry
    public let charge: Charge?
    public let estimate: WaitEstimate
}

/// One line of the flow board.
public struct BoardRow: Sendable, Equatable {
    public let entry: QueueEntry
    public let patientName: String
    public let mrn: String
    public let serviceCode: String
    public let doctorName: String?
    /// Vital signs have been recorded on this visit (the nurse's triage is done).
    public let hasVitals: Bool
}

extension QueueStore {
    /// Minutes of waiting after which the board flags an entry; set by the admin, default 60.
    public static let defaultLongWaitMinutes = 60
    public static let longWaitRange = 5...600

    public func longWaitMinutes() throws -> Int {
        try store.setting("queue_long_wait_minutes").flatMap { Int($0) } ?? Self.defaultLongWaitMinutes
    }

    public func setLongWaitMinutes(_ minutes: Int, by actor: Actor) throws {
        guard Self.longWaitRange.contains(minutes) else {
            throw StoreError.invalid(ValidationError("long wait", "must be 5 to 600 minutes"))
        }
        try store.setSettings(["queue_long_wait_minutes": String(minutes)], by: actor)
    }

    /// Checks a patient in: opens an outpatient encounter, gives the next token of the service's
    /// day, posts the consultation fee, and marks a booked appointment arrived. A patient already
    /// waiting for the service is refused. Needs `queue.checkin`.
    public func checkIn(_ new: NewCheckIn, by actor: Actor) throws -> CheckedIn {
        try perform(.checkIn, action: "check patients in", by: actor) { tx in
            _ = try FacilityStore.livePatient(new.patientID, db: tx.db)
            let zone = try FacilityStore.timeZone(tx.db)
            let today = try tx.localNow().day
            var appointment: Appointment?
            var serviceID = new.serviceID
            var doctorID = new.doctorID
            if let appointmentID = new.appointmentID {
                let booked = try Self.bookedAppointment(appointmentID, db: tx.db)
                guard booked.patientID == new.patientID else {
                    throw StoreError.invalid(ValidationError("appointment", "it is another patient's"))
                }
                guard booked.day == today.description else {
                    throw StoreError.invalid(ValidationError("appointment", "it is for \(booked.day), not today; reschedule it or check in as a walk-in"))
                }
                appointment = booked
                serviceID = booked.serviceID
                doctorID = booked.doctorID
            }
            guard let serviceID else { throw StoreError.invalid(ValidationError("service", "choose a service")) }
            let service = try Self.service(serviceID, db: tx.db)
            if let doctorID {
                let doctor = try Self.doctor(doctorID, db: tx.db)
                guard doctor.serviceID == service.serviceID else {
                    throw StoreError.invalid(ValidationError("doctor", "\(doctor.name) does not work in \(service.name)"))
                }
            }
            if let waiting = try QueueEntry.filter(sql: """
                patient_id = ? AND service_id = ? AND day = ? AND status IN ('checked_in', 'called', 'in_consultation')
                """, arguments: [new.patientID, service.serviceID, today.description]).fetchOne(tx.db) {
                let at = Timestamp.date(waiting.statusChangedAt).map { LocalMoment.clock(LocalMoment($0, in: zone).minute) } ?? ""
                throw StoreError.invalid(ValidationError("check-in", "already in the \(service.name) queue as \(waiting.token) (\(waiting.status.title.lowercased()) since \(at))"))
            }
            let encounter = Encounter(
                encounterID: Identifier.make(), patientID: new.patientID, kind: "outpatient", serviceID: service.serviceID,
                doctorID: doctorID, day: today.description, status: .open, startedAt: tx.now, endedAt: nil,
                createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(encounter, kind: QueueKind.encounterOpened)
            let number = Int(try tx.nextNumber("token:\(service.code):\(today)"))
            let entry = QueueEntry(
                entryID: Identifier.make(), encounterID: encounter.encounterID, patientID: new.patientID,
                serviceID: service.serviceID, doctorID: doctorID, appointmentID: appointment?.appointmentID,
                day: today.description, tokenNumber: number, token: Self.token(service.code, number),
                priority: new.priority, assistance: new.assistance, source: appointment == nil ? "walk_in" : "appointment",
                status: .checkedIn, checkedInAt: tx.now, calledAt: nil, consultationAt: nil, finishedAt: nil,
                statusChangedAt: tx.now, calledBy: nil, room: nil, closeReason: nil, createdAt: tx.now, updatedAt: tx.now,
                createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(entry, kind: QueueKind.queueCheckedIn)
            if var arrived = appointment {
                arrived.status = .checkedIn
                arrived.encounterID = encounter.encounterID
                arrived.updatedAt = tx.now
                arrived.updatedBy = tx.actor.userID
                try tx.update(arrived, kind: QueueKind.appointmentArrived)
            }
            var charge: Charge?
            if let code = service.feeCode, let fee = try FacilityStore.fee(code: code, on: today, db: tx.db) {
                charge = try FacilityStore.postCharge(fee, patientID: new.patientID, source: "queue",
                                             encounterID: encounter.encounterID, tx: tx)
            }
            // The lookup shows the last visit; the card is derived data, so it is not ledgered.
            try tx.db.execute(sql: "UPDATE patient_search SET last_visit_at = ? WHERE patient_id = ?",
                              arguments: [tx.now, new.patientID])
            return CheckedIn(entry: entry, charge: charge,
                             estimate: try Self.estimate(for: entry, now: tx.clockNow, db: tx.db))
        }
    }

    /// Calls the next patient of a service: emergencies first, then urgent, then the rest; the
    /// elderly and disabled ahead of others of the same priority; then in order of arrival.
    /// With a doctor, patients booked with another doctor are skipped. Nil when nobody waits.
    /// With no service (the all-services board), the first waiting patient of every service in
    /// that same order: the one the board shows at the top, never one chosen by the selection.
    public func callNext(serviceID: String?, doctorID: String? = nil, room: String? = nil, by actor: Actor) throws -> QueueEntry? {
        try perform(.callPatient, action: "call patients", by: actor) { tx in
            let service = try serviceID.map { try Self.service($0, db: tx.db) }
            let today = try tx.localNow().day
            var room = room
            if let doctorID {
                let doctor = try Self.doctor(doctorID, db: tx.db)
                guard let service, doctor.serviceID == service.serviceID else {
                    let name = service?.name ?? "every service at once"
                    throw StoreError.invalid(ValidationError("doctor", "\(doctor.name) does not work in \(name)"))
                }
                if room == nil { room = doctor.room }
            }
            var filter = ""
            var arguments: StatementArguments = [today.description]
            if let service { filter += " AND service_id = ?"; arguments += [service.serviceID] }
            if let doctorID { filter += " AND (doctor_id IS NULL OR doctor_id = ?)"; arguments += [doctorID] }
            guard var entry = try QueueEntry.fetchOne(tx.db, sql: """
                SELECT * FROM queue_entries WHERE day = ? AND status = 'checked_in'\(filter)
                ORDER BY \(Self.queueOrder) LIMIT 1
                """, arguments: arguments)
            else { return nil }
            entry.status = .called
            entry.calledAt = tx.now
            entry.statusChangedAt = tx.now
            entry.calledBy = tx.actor.userID
            if entry.doctorID == nil { entry.doctorID = doctorID }
            // Called from a service board, a patient booked with a doctor still goes to that doctor's room.
            if room == nil, let assigned = entry.doctorID { room = try Doctor.fetchOne(tx.db, key: assigned)?.room }
            entry.room = room
            entry.updatedAt = tx.now
            entry.updatedBy = tx.actor.userID
            try tx.update(entry, kind: QueueKind.queueCalled)
            return entry
        }
    }

    /// The called patient has come in: the consultation starts.
    @discardableResult
    public func startConsultation(_ entryID: String, by actor: Actor) throws -> QueueEntry {
        try moveEntry(entryID, from: [.called], to: .inConsultation, kind: QueueKind.queueConsultationStarted, by: actor)
    }

    /// The visit is over: the entry is done and the encounter finished.
    @discardableResult
    public func finishVisit(_ entryID: String, by actor: Actor) throws -> QueueEntry {
        try moveEntry(entryID, from: [.called, .inConsultation], to: .done, kind: QueueKind.queueDone, by: actor)
    }

    /// The patient left before being seen (or did not answer the call).
    @discardableResult
    public func markLeft(_ entryID: String, reason: String, by actor: Actor) throws -> QueueEntry {
        try moveEntry(entryID, from: [.checkedIn, .called], to: .left, kind: QueueKind.queueLeft, reason: reason, by: actor)
    }

    /// Undoes a check-in made in error (still waiting): the consultation charge is voided with it.
    @discardableResult
    public func cancelCheckIn(_ entryID: String, reason: String, by actor: Actor) throws -> QueueEntry {
        try moveEntry(entryID, from: [.checkedIn], to: .cancelled, kind: QueueKind.queueCancelled, reason: reason, by: actor)
    }

    /// A called patient goes back to waiting (did not answer; will be called again), keeping their place.
    @discardableResult
    public func returnToQueue(_ entryID: String, by actor: Actor) throws -> QueueEntry {
        try perform(.callPatient, action: "change the queue", by: actor) { tx in
            var entry = try Self.entry(entryID, db: tx.db)
            guard entry.status == .called else {
                throw StoreError.invalid(ValidationError("queue", "\(entry.token) is \(entry.status.title.lowercased()), not called"))
            }
            entry.status = .checkedIn
            entry.calledAt = nil
            entry.calledBy = nil
            entry.room = nil
            // Back to the doctor chosen at check-in (none for a walk-in), not the one whose call went unanswered.
            entry.doctorID = try Encounter.fetchOne(tx.db, key: entry.encounterID)?.doctorID
            entry.statusChangedAt = tx.now
            entry.updatedAt = tx.now
            entry.updatedBy = tx.actor.userID
            try tx.update(entry, kind: QueueKind.queueReturned)
            return entry
        }
    }

    private func moveEntry(_ entryID: String, from allowed: Set<QueueStatus>, to status: QueueStatus, kind: QueueKind,
                           reason rawReason: String? = nil, by actor: Actor) throws -> QueueEntry {
        let reason = try rawReason.map { try FacilityStore.reason($0) }
        let permission: Permission = status == .cancelled ? .checkIn : .callPatient
        return try perform(permission, action: "change the queue", by: actor) { tx in
            var entry = try Self.entry(entryID, db: tx.db)
            guard allowed.contains(entry.status) else {
                throw StoreError.invalid(ValidationError("queue", "\(entry.token) is \(entry.status.title.lowercased()); it cannot become \(status.title.lowercased())"))
            }
            try Self.apply(status, to: &entry, reason: reason, kind: kind, tx: tx)
            return entry
        }
    }

    /// Moves an entry to `status` and keeps its encounter (and a consultation charge) in step.
    static func apply(_ status: QueueStatus, to entry: inout QueueEntry, reason: String?, kind: QueueKind? = nil,
                      tx: BusinessTransaction) throws {
        entry.status = status
        entry.statusChangedAt = tx.now
        switch status {
        case .inConsultation: entry.consultationAt = tx.now
        case .done, .left, .noShow, .cancelled: entry.finishedAt = tx.now
        default: break
        }
        if status == .done, entry.calledAt == nil { entry.calledAt = tx.now }
        entry.closeReason = reason ?? entry.closeReason
        entry.updatedAt = tx.now
        entry.updatedBy = tx.actor.userID
        try tx.update(entry, kind: kind ?? QueueKind.statusChange(to: status))
        guard !status.isActive, var encounter = try Encounter.fetchOne(tx.db, key: entry.encounterID), encounter.status == .open
        else { return }
        encounter.status = status == .done ? .finished : .closed
        encounter.endedAt = tx.now
        encounter.updatedAt = tx.now
        encounter.updatedBy = tx.actor.userID
        try tx.update(encounter, kind: status == .done ? QueueKind.encounterFinished : QueueKind.encounterClosed)
        // Nobody pays for a consultation that did not happen: a visit that ends unseen voids its
        // charges still open (one the cashier has already invoiced is the cashier's to refund).
        if status != .done {
            for var charge in try Charge.filter(sql: "encounter_id = ? AND status = 'open'", arguments: [encounter.encounterID]).fetchAll(tx.db) {
                charge.status = "void"
                charge.updatedAt = tx.now
                charge.updatedBy = tx.actor.userID
                try tx.update(charge, kind: ChargeKind.chargeVoided)
            }
        }
        if status == .cancelled {
            // A check-in undone leaves the appointment booked, to be checked in again (or marked a no-show).
            if let appointmentID = entry.appointmentID, var appointment = try Appointment.fetchOne(tx.db, key: appointmentID),
                appointment.status == .checkedIn, appointment.encounterID == encounter.encounterID {
                appointment.status = .booked
                appointment.encounterID = nil
                appointment.updatedAt = tx.now
                appointment.updatedBy = tx.actor.userID
                try tx.update(appointment, kind: QueueKind.appointmentCheckInUndone)
            }
        }
    }
}
