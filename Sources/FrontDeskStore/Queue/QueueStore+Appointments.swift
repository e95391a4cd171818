// Booking: free slots, book, reschedule, cancel, no-show and follow-ups, under the booking rules.
import Foundation
import FrontDeskCore
import GRDB

/// A bookable slot of a doctor's day and how full it is.
public struct Slot: Sendable, Equatable {
    public let day: CalendarDay
    public let startMinute: Int
    public let endMinute: Int
    public let capacity: Int
    public let booked: Int
    public var free: Int { max(0, capacity - booked) }
}

/// A doctor's day for booking: its slots, or why there are none.
public struct DaySlots: Sendable, Equatable {
    public let slots: [Slot]
    /// "Holiday: Jamhuri Day", "On leave: conference", "No session on Sundays".
    public let closedReason: String?

    /// No slots and no reason yet (before the first read).
    public static let none = DaySlots(slots: [], closedReason: nil)
}

/// What a receptionist fills in to book.
public struct NewAppointment: Sendable, Equatable {
    public var patientID: String
    public var doctorID: String
    public var day: CalendarDay
    public var startMinute: Int
    public var visitReason: String?
    /// The finished visit this one follows up.
    public var followUpOf: String?

    public init(patientID: String, doctorID: String, day: CalendarDay, startMinute: Int, visitReason: String? = nil,
                followUpOf: String? = nil) {
        self.patientID = patientID
        self.doctorID = doctorID
        self.day = day
        self.startMinute = startMinute
        self.visitReason = visitReason
        self.followUpOf = followUpOf
    }
}

/// An appointment with the names a list shows.
public struct AppointmentListing: Sendable, Equatable {
    public let appointment: Appointment
    public let patientName: String
    public let mrn: String
    public let doctorName: String
    public let serviceCode: String
}

extension QueueStore {
    /// How far ahead a slot may be booked (or moved to): a year and a day, so the same date next
    /// year can be booked; a date typed wrong (9999-12-31) is refused instead of kept for ever.
    public static let bookingHorizonDays = 366

    /// The slots of a doctor's day, with how many are booked in each.
    public func slots(doctorID: String, day: CalendarDay) throws -> DaySlots {
        try read { db in try Self.slots(doctorID: doctorID, day: day, db: db) }
    }

    /// Books a slot. Refused in the past, on leave or holidays, off the schedule, beyond the slot's
    /// capacity, or overlapping another booking of the same patient. Needs `appointments.book`.
    @discardableResult
    public func bookAppointment(_ new: NewAppointment, by actor: Actor) throws -> Appointment {
        let reason = try new.visitReason.map { try FacilityStore.reason($0, field: "visit reason") }
        return try perform(.bookAppointment, action: "book appointments", by: actor) { tx in
            _ = try FacilityStore.livePatient(new.patientID, db: tx.db)
            let doctor = try Self.doctor(new.doctorID, db: tx.db)
            if let encounterID = new.followUpOf {
                try Self.checkFollowUp(of: encounterID, patientID: new.patientID, day: new.day, db: tx.db)
            }
            let slot = try Self.checkBookable(doctor: doctor, day: new.day, startMinute: new.startMinute,
                                              patientID: new.patientID, excluding: nil, tx: tx)
            let appointment = Appointment(
                appointmentID: Identifier.make(), patientID: new.patientID, doctorID: doctor.doctorID,
                serviceID: doctor.serviceID, day: new.day.description, startMinute: slot.startMinute,
                endMinute: slot.endMinute, status: .booked, visitReason: reason, cancelReason: nil,
                followUpOf: new.followUpOf, encounterID: nil, rescheduleCount: 0, createdAt: tx.now, updatedAt: tx.now,
                createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(appointment, kind: QueueKind.appointmentBooked)
            return appointment
        }
    }

    /// Moves a booked appointment to another slot (of the same or another doctor), under the same rules.
    @discardableResult
    public func rescheduleAppointment(_ appointmentID: String, doctorID: String? = nil, day: CalendarDay,
                                      startMinute: Int, by actor: Actor) throws -> Appointment {
        try perform(.bookAppointment, action: "reschedule appointments", by: actor) { tx in
            var appointment = try Self.bookedAppointment(appointmentID, db: tx.db)
            let doctor = try Self.doctor(doctorID ?? appointment.doctorID, db: tx.db)
            // A follow-up stays after the visit it follows, wherever it is moved.
            if let encounterID = appointment.followUpOf {
                try Self.checkFollowUp(of: encounterID, patientID: appointment.patientID, day: day, db: tx.db)
            }
            let slot = try Self.checkBookable(doctor: doctor, day: day, startMinute: startMinute,
                                              patientID: appointment.patientID, excluding: appointmentID, tx: tx)
            appointment.doctorID = doctor.doctorID
            appointment.serviceID = doctor.serviceID
            appointment.day = day.description
            appointment.startMinute = slot.startMinute
            appointment.endMinute = slot.endMinute
            appointment.rescheduleCount += 1
            appointment.updatedAt = tx.now
            appointment.updatedBy = tx.actor.userID
            try tx.update(appointment, kind: QueueKind.appointmentRescheduled)
            return appointment
        }
    }

    /// Cancels a booked appointment; the reason is required and kept.
    public func cancelAppointment(_ appointmentID: String, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason)
        try perform(.bookAppointment, action: "cancel appointments", by: actor) { tx in
            var appointment = try Self.bookedAppointment(appointmentID, db: tx.db)
            appointment.status = .cancelled
            appointment.cancelReason = reason
            appointment.updatedAt = tx.now
            appointment.updatedBy = tx.actor.userID
            try tx.update(appointment, kind: QueueKind.appointmentCancelled)
        }
    }

    /// Marks a booked appointment a no-show, once its slot has begun.
    public func markNoShow(_ appointmentID: String, by actor: Actor) throws {
        try perform(.bookAppointment, action: "mark no-shows", by: actor) { tx in
            var appointment = try Self.bookedAppointment(appointmentID, db: tx.db)
            let now = try tx.localNow()
            guard LocalMoment(day: CalendarDay(appointment.day)!, minute: appointment.startMinute) <= now else {
                throw StoreError.invalid(ValidationError("no-show", "the appointment (\(appointment.day) \(LocalMoment.clock(appointment.startMinute))) has not started yet"))
            }
            appointment.status = .noShow
            appointment.updatedAt = tx.now
            appointment.updatedBy = tx.actor.userID
            try tx.update(appointment, kind: QueueKind.appointmentNoShow)
        }
    }

    /// Appointments of a day (of one doctor when given), by time.
    public func appointments(on day: CalendarDay, doctorID: String? = nil) throws -> [AppointmentListing] {
        try read { db in
            try Self.listings(db: db, where: "a.day = ?" + (doctorID == nil ? "" : " AND a.doctor_id = ?"),
                              arguments: doctorID.map { [day.description, $0] } ?? [day.description])
        }
    }

    /// A patient's appointments from `day` on (booked ones and what became of them), by date.
    public func appointments(ofPatient patientID: String, from day: CalendarDay) throws -> [AppointmentListing] {
        try read { db in
            try Self.listings(db: db, where: "a.patient_id = ? AND a.day >= ?", arguments: [patientID, day.description])
        }
    }

    /// A doctor's day as an iCalendar document (cancelled bookings included, marked so).
    public func doctorDayCalendar(doctorID: String, day: CalendarDay) throws -> String {
        try read { db in
            let doctor = try Self.doctor(doctorID, db: db)
            let zone = try FacilityStore.timeZone(db)
            let facility = try String.fetchOne(db, sql: "SELECT name FROM facilities LIMIT 1") ?? "FrontDesk"
            let rows = try Self.listings(db: db, where: "a.day = ? AND a.doctor_id = ? AND a.status <> 'no_show'",
                                         arguments: [day.description, doctorID])
            let events = rows.map { row -> CalendarEvent in
                let a = row.appointment
                let day = CalendarDay(a.day)!
                var detail = "MRN \(row.mrn)"
                if let reason = a.visitReason { detail += "\nReason: \(reason)" }
                return CalendarEvent(
                    uid: "\(a.appointmentID)@frontdesk", start: LocalMoment(day: day, minute: a.startMinute).date(in: zone),
                    end: LocalMoment(day: day, minute: a.endMinute).date(in: zone), summary: row.patientName,
                    description: detail, location: doctor.room.map { "\(facility), room \($0)" } ?? facility,
                    cancelled: a.status == .cancelled, sequence: a.rescheduleCount)
            }
            return ICalendar.document(events: events, calendarName: "\(doctor.name) \(day)", stamp: clock.now())
        }
    }

    // MARK: Rules

    static func slots(doctorID: String, day: CalendarDay, db: Database) throws -> DaySlots {
        let doctor = try doctor(doctorID, db: db)
        if let holiday = try Holiday.fetchOne(db, key: day.description) {
            return DaySlots(slots: [], closedReason: "Holiday: \(holiday.name)")
        }
        if let leave = try DoctorLeave.filter(sql: "doctor_id = ? AND first_day <= ? AND last_day >= ?",
                                              arguments: [doctorID, day.description, day.description]).fetchOne(db) {
            return DaySlots(slots: [], closedReason: "\(doctor.name) is on leave (\(leave.reason)) \(leave.firstDay) to \(leave.lastDay)")
        }
        let sessions = try DoctorSchedule.filter(sql: """
            doctor_id = ? AND weekday = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
            """, arguments: [doctorID, day.weekday, day.description, day.description]).order(sql: "start_minute").fetchAll(db)
        guard !sessions.isEmpty else {
            return DaySlots(slots: [], closedReason: "\(doctor.name) has no session on \(day.weekdayName)")
        }
        var booked: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT start_minute, count(*) AS n FROM appointments
            WHERE doctor_id = ? AND day = ? AND status IN ('booked', 'checked_in') GROUP BY start_minute
            """, arguments: [doctorID, day.description]) {
            booked[row["start_minute"]] = row["n"]
        }
        var slots: [Slot] = []
        for session in sessions {
            for start in stride(from: session.startMinute, to: session.endMinute, by: session.slotMinutes) {
                slots.append(Slot(day: day, startMinute: start, endMinute: start + session.slotMinutes,
                                  capacity: session.capacity, booked: booked[start] ?? 0))
            }
        }
        return DaySlots(slots: slots, closedReason: nil)
    }

    /// The slot at `startMinute` if it may take this patient; otherwise the reason, as a ValidationError.
    static func checkBookable(doctor: Doctor, day: CalendarDay, startMinute: Int, patientID: String,
                              excluding appointmentID: String?, tx: BusinessTransaction) throws -> Slot {
        let db = tx.db
        let when = "\(day.weekdayName) \(day) \(LocalMoment.clock(startMinute))"
        let now = try tx.localNow()
        guard LocalMoment(day: day, minute: startMinute) >= now else {
            throw StoreError.invalid(ValidationError("slot", "\(when) has passed; choose a later slot"))
        }
        let lastDay = now.day.adding(days: bookingHorizonDays)
        guard day <= lastDay else {
            throw StoreError.invalid(ValidationError("slot", "\(day) is too far ahead; appointments are booked up to \(bookingHorizonDays) days ahead (until \(lastDay))"))
        }
        let daySlots = try slots(doctorID: doctor.doctorID, day: day, db: db)
        if let closed = daySlots.closedReason { throw StoreError.invalid(ValidationError("slot", closed)) }
        guard var slot = daySlots.slots.first(where: { $0.startMinute == startMinute }) else {
            throw StoreError.invalid(ValidationError("slot", "\(doctor.name) has no slot starting at \(LocalMoment.clock(startMinute)) on \(day.weekdayName)"))
        }
        if let appointmentID {
            // Moving within the same slot must not count the appointment against itself.
            let own = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM appointments WHERE appointment_id = ? AND doctor_id = ? AND day = ? AND start_minute = ?
                """, arguments: [appointmentID, doctor.doctorID, day.description, startMinute]) ?? 0
            slot = Slot(day: day, startMinute: slot.startMinute, endMinute: slot.endMinute, capacity: slot.capacity,
                        booked: slot.booked - own)
        }
        guard slot.free > 0 else {
            throw StoreError.invalid(ValidationError("slot", "\(when) with \(doctor.name) is full (\(slot.capacity) of \(slot.capacity) booked)"))
        }
        if let clash = try Row.fetchOne(db, sql: """
            SELECT a.start_minute, a.end_minute, d.name FROM appointments a JOIN doctors d ON d.doctor_id = a.doctor_id
            WHERE a.patient_id = ? AND a.day = ? AND a.status IN ('booked', 'checked_in')
              AND a.start_minute < ? AND a.end_minute > ? AND a.appointment_id IS NOT ?
            """, arguments: [patientID, day.description, slot.endMinute, slot.startMinute, appointmentID]) {
            let start: Int = clash["start_minute"], end: Int = clash["end_minute"], name: String = clash["name"]
            throw StoreError.invalid(ValidationError("slot", "the patient already has an appointment \(LocalMoment.clock(start))–\(LocalMoment.clock(end)) on \(day) with \(name)"))
        }
        return slot
    }

    /// A follow-up is booked from a finished visit of the same patient, on a later day.
    static func checkFollowUp(of encounterID: String, patientID: String, day: CalendarDay, db: Database) throws {
        guard let visit = try Encounter.fetchOne(db, key: encounterID), visit.patientID == patientID else {
            throw StoreError.invalid(ValidationError("follow-up", "that visit is not this patient's"))
        }
        guard visit.status == .finished else {
            throw StoreError.invalid(ValidationError("follow-up", "a follow-up is booked from a finished visit; this one is \(visit.status.rawValue)"))
        }
        guard day > CalendarDay(visit.day)! else {
            throw StoreError.invalid(ValidationError("follow-up", "must be after the visit of \(visit.day)"))
        }
    }

    static func bookedAppointment(_ appointmentID: String, db: Database) throws -> Appointment {
        guard let appointment = try Appointment.fetchOne(db, key: appointmentID) else {
            throw StoreError.invalid(ValidationError("appointment", "no such appointment"))
        }
        guard appointment.status == .booked else {
            throw StoreError.invalid(ValidationError("appointment", "it is \(appointment.status.rawValue.replacingOccurrences(of: "_", with: " ")), not booked"))
        }
        return appointment
    }

    static func listings(db: Database, where condition: String, arguments: StatementArguments) throws -> [AppointmentListing] {
        try Row.fetchAll(db, sql: """
            SELECT a.*, coalesce(s.display_name, '?') AS patient_name, p.mrn AS patient_mrn, d.name AS doctor_name,
                   v.code AS service_code
            FROM appointments a
            JOIN patients p ON p.patient_id = a.patient_id
            LEFT JOIN patient_search s ON s.patient_id = a.patient_id
            JOIN doctors d ON d.doctor_id = a.doctor_id
            JOIN services v ON v.service_id = a.service_id
            WHERE \(condition)
            ORDER BY a.day, a.start_minute, d.name, a.created_at
            """, arguments: arguments).map { row in
            AppointmentListing(appointment: try Appointment(row: row), patientName: row["patient_name"],
                               mrn: row["patient_mrn"], doctorName: row["doctor_name"], serviceCode: row["service_code"])
        }
    }
}
