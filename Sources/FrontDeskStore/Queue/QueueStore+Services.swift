// Setting up the queue desk: services, doctors, their weekly schedules, leave and holidays.
import Foundation
import FrontDeskCore
import GRDB

/// A weekly session to add to a doctor's schedule.
public struct NewSession: Sendable, Equatable {
    public var weekday: Int
    public var startMinute: Int
    public var endMinute: Int
    public var slotMinutes: Int
    public var capacity: Int
    public var validFrom: CalendarDay

    public init(weekday: Int, startMinute: Int, endMinute: Int, slotMinutes: Int, capacity: Int, validFrom: CalendarDay) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.slotMinutes = slotMinutes
        self.capacity = capacity
        self.validFrom = validFrom
    }
}

extension QueueStore {
    /// Adds a service line; `code` (2–6 letters) prefixes its tokens. Needs `facility.manage`.
    @discardableResult
    public func addService(code rawCode: String, name rawName: String, feeCode: String? = nil,
                           departmentCode: String? = nil, by actor: Actor) throws -> Service {
        let code = rawCode.trimmingCharacters(in: .whitespaces).uppercased()
        let name: String
        do {
            guard (2...6).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw ValidationError("service code", "'\(rawCode)' must be 2 to 6 letters (it starts every token, e.g. CARD-014)")
            }
            name = try Validate.name(rawName, field: "service name")
        } catch let e as ValidationError { throw StoreError.invalid(e) }
        let fee = feeCode.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        return try perform(.manageFacility, action: "set up services", by: actor) { tx in
            if try Service.filter(sql: "code = ?", arguments: [code]).fetchCount(tx.db) > 0 {
                throw StoreError.duplicate("A service with code \(code)")
            }
            var departmentID: String?
            if let departmentCode {
                guard let department = try Department.filter(sql: "code = ?", arguments: [departmentCode.uppercased()]).fetchOne(tx.db)
                else { throw StoreError.invalid(ValidationError("department", "there is no department \(departmentCode)")) }
                departmentID = department.departmentID
            }
            let service = Service(
                serviceID: Identifier.make(), code: code, name: name, departmentID: departmentID, feeCode: fee,
                active: true, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(service, kind: QueueKind.serviceCreated)
            return service
        }
    }

    /// Adds a doctor to a service; `username` links a FrontDesk account (role doctor). Needs `facility.manage`.
    @discardableResult
    public func addDoctor(name rawName: String, serviceCode: String, room: String? = nil, username: String? = nil,
                          by actor: Actor) throws -> Doctor {
        let name: String
        do { name = try Validate.name(rawName, field: "doctor's name") } catch let e as ValidationError { throw StoreError.invalid(e) }
        let cleanRoom: String?
        do { cleanRoom = try Validate.text(room, field: "room", maxLength: 20) } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageFacility, action: "set up doctors", by: actor) { tx in
            let service = try Self.service(code: serviceCode, db: tx.db)
            try Self.checkDoctorNameFree(name, db: tx.db)
            var userID: String?
            if let username {
                guard let user = try User.filter(sql: "username = ?", arguments: [username]).fetchOne(tx.db) else {
                    throw StoreError.userNotFound(username)
                }
                userID = user.userID
            }
            let doctor = Doctor(
                doctorID: Identifier.make(), serviceID: service.serviceID, name: name, userID: userID,
                room: cleanRoom.flatMap { $0.isEmpty ? nil : $0 }, active: true, createdAt: tx.now, updatedAt: tx.now,
                createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(doctor, kind: QueueKind.doctorCreated)
            return doctor
        }
    }

    /// Adds a weekly session to a doctor's schedule; sessions of one weekday may not overlap.
    @discardableResult
    public func addSession(doctorID: String, _ s: NewSession, by actor: Actor) throws -> DoctorSchedule {
        do {
            guard (1...7).contains(s.weekday) else { throw ValidationError("weekday", "must be 1 (Monday) to 7 (Sunday)") }
            guard (0..<1440).contains(s.startMinute), s.endMinute > s.startMinute, s.endMinute <= 1440 else {
                throw ValidationError("hours", "the session must end after it starts, within one day")
            }
            guard (5...240).contains(s.slotMinutes) else { throw ValidationError("slot length", "must be 5 to 240 minutes") }
            guard (s.endMinute - s.startMinute) % s.slotMinutes == 0 else {
                throw ValidationError("slot length", "\(s.endMinute - s.startMinute) minutes of session do not divide into \(s.slotMinutes)-minute slots")
            }
            guard (1...50).contains(s.capacity) else { throw ValidationError("capacity", "must be 1 to 50 patients per slot") }
        } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageFacility, action: "change doctors' schedules", by: actor) { tx in
            try tx.requirePlannable(s.validFrom, field: "valid from")
            let doctor = try Self.doctor(doctorID, db: tx.db)
            let clash = try DoctorSchedule.filter(sql: """
                doctor_id = ? AND weekday = ? AND start_minute < ? AND end_minute > ?
                AND (valid_to IS NULL OR valid_to >= ?)
                """, arguments: [doctorID, s.weekday, s.endMinute, s.startMinute, s.validFrom.description]).fetchOne(tx.db)
            if let clash {
                throw StoreError.invalid(ValidationError("hours", "\(doctor.name) already has a \(CalendarDay.weekdayNames[s.weekday - 1]) session \(LocalMoment.clock(clash.startMinute))–\(LocalMoment.clock(clash.endMinute))"))
            }
            let session = DoctorSchedule(
                scheduleID: Identifier.make(), doctorID: doctorID, weekday: s.weekday, startMinute: s.startMinute,
                endMinute: s.endMinute, slotMinutes: s.slotMinutes, capacity: s.capacity,
                validFrom: s.validFrom.description, validTo: nil, createdAt: tx.now, updatedAt: tx.now,
                createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(session, kind: QueueKind.scheduleAdded)
            return session
        }
    }

    /// Records a doctor's leave. Refused while appointments are booked in it: they must be moved first.
    @discardableResult
    public func addLeave(doctorID: String, from first: CalendarDay, to last: CalendarDay, reason rawReason: String,
                         by actor: Actor) throws -> DoctorLeave {
        let reason = try FacilityStore.reason(rawReason)
        guard last >= first else { throw StoreError.invalid(ValidationError("leave", "the last day is before the first")) }
        return try perform(.manageFacility, action: "record leave", by: actor) { tx in
            try tx.requirePlannable(first, field: "leave")
            try tx.requirePlannable(last, field: "leave")
            let doctor = try Self.doctor(doctorID, db: tx.db)
            let booked = try Int.fetchOne(tx.db, sql: """
                SELECT count(*) FROM appointments WHERE doctor_id = ? AND day BETWEEN ? AND ? AND status = 'booked'
                """, arguments: [doctorID, first.description, last.description]) ?? 0
            if booked > 0 {
                throw StoreError.invalid(ValidationError("leave", "\(doctor.name) has \(booked) booked appointment\(booked == 1 ? "" : "s") from \(first) to \(last); reschedule or cancel \(booked == 1 ? "it" : "them") first"))
            }
            let leave = DoctorLeave(
                leaveID: Identifier.make(), doctorID: doctorID, firstDay: first.description, lastDay: last.description,
                reason: reason, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(leave, kind: QueueKind.leaveAdded)
            return leave
        }
    }

    /// Closes the clinics on `day`. Refused while appointments are booked on it.
    public func addHoliday(_ day: CalendarDay, name rawName: String, by actor: Actor) throws {
        let name: String
        do { name = try Validate.name(rawName, field: "holiday name") } catch let e as ValidationError { throw StoreError.invalid(e) }
        try perform(.manageFacility, action: "set holidays", by: actor) { tx in
            try tx.requirePlannable(day, field: "holiday")
            if try Holiday.fetchOne(tx.db, key: day.description) != nil {
                throw StoreError.duplicate("A holiday on \(day)")
            }
            let booked = try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM appointments WHERE day = ? AND status = 'booked'",
                                          arguments: [day.description]) ?? 0
            if booked > 0 {
                throw StoreError.invalid(ValidationError("holiday", "\(booked) appointment\(booked == 1 ? " is" : "s are") booked on \(day); reschedule or cancel \(booked == 1 ? "it" : "them") first"))
            }
            try tx.insert(Holiday(day: day.description, name: name, createdAt: tx.now, updatedAt: tx.now,
                                  createdBy: tx.actor.userID, updatedBy: tx.actor.userID), kind: QueueKind.holidayAdded)
        }
    }

    /// Active services, by code.
    public func services() throws -> [Service] {
        try read { db in try Service.filter(sql: "active = 1").order(sql: "code").fetchAll(db) }
    }

    /// Active doctors (of one service when given), by name.
    public func doctors(serviceID: String? = nil) throws -> [Doctor] {
        try read { db in
            if let serviceID {
                return try Doctor.filter(sql: "active = 1 AND service_id = ?", arguments: [serviceID]).order(sql: "name").fetchAll(db)
            }
            return try Doctor.filter(sql: "active = 1").order(sql: "name").fetchAll(db)
        }
    }

    /// A doctor's weekly sessions in force on or after `day`.
    public func sessions(doctorID: String) throws -> [DoctorSchedule] {
        try read { db in
            try DoctorSchedule.filter(sql: "doctor_id = ?", arguments: [doctorID]).order(sql: "weekday, start_minute").fetchAll(db)
        }
    }

    public func holidays() throws -> [Holiday] {
        try read { db in try Holiday.order(sql: "day").fetchAll(db) }
    }

    public func leave(doctorID: String) throws -> [DoctorLeave] {
        try read { db in try DoctorLeave.filter(sql: "doctor_id = ?", arguments: [doctorID]).order(sql: "first_day").fetchAll(db) }
    }

    // MARK: Shared lookups

    static func service(code: String, db: Database) throws -> Service {
        guard let service = try Service.filter(sql: "code = ?", arguments: [code.uppercased()]).fetchOne(db) else {
            throw StoreError.invalid(ValidationError("service", "there is no service \(code.uppercased())"))
        }
        return service
    }

    static func service(_ serviceID: String, db: Database) throws -> Service {
        guard let service = try Service.fetchOne(db, key: serviceID), service.active else {
            throw StoreError.invalid(ValidationError("service", "no such service"))
        }
        return service
    }

    static func doctor(_ doctorID: String, db: Database) throws -> Doctor {
        guard let doctor = try Doctor.fetchOne(db, key: doctorID), doctor.active else {
            throw StoreError.invalid(ValidationError("doctor", "no such doctor"))
        }
        return doctor
    }
}
