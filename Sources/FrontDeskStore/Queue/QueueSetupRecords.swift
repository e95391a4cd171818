// The records of the queue desk's set-up: services, doctors, their schedules and leave, holidays.
import GRDB

/// A service line patients queue for (cardiology, general OPD, …).
public struct Service: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "services"
    static let keyColumn = "service_id"
    var key: String { serviceID }

    public var serviceID: String
    /// The token prefix, e.g. `CARD`.
    public var code: String
    public var name: String
    public var departmentID: String?
    /// The fee schedule code charged at check-in (the consultation fee), if any.
    public var feeCode: String?
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case serviceID = "service_id", code, name, departmentID = "department_id", feeCode = "fee_code", active
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A doctor who can be booked and who calls patients from a room.
public struct Doctor: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "doctors"
    static let keyColumn = "doctor_id"
    var key: String { doctorID }

    public var doctorID: String
    public var serviceID: String
    public var name: String
    public var userID: String?
    public var room: String?
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case doctorID = "doctor_id", serviceID = "service_id", name, userID = "user_id", room, active
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// One weekly session of a doctor: a weekday, hours, slot length and patients per slot.
public struct DoctorSchedule: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "doctor_schedules"
    static let keyColumn = "schedule_id"
    var key: String { scheduleID }

    public var scheduleID: String
    public var doctorID: String
    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var startMinute: Int
    public var endMinute: Int
    public var slotMinutes: Int
    public var capacity: Int
    public var validFrom: String
    public var validTo: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case scheduleID = "schedule_id", doctorID = "doctor_id", weekday, startMinute = "start_minute"
        case endMinute = "end_minute", slotMinutes = "slot_minutes", capacity, validFrom = "valid_from"
        case validTo = "valid_to"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Days a doctor is away; no booking falls in them.
public struct DoctorLeave: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "doctor_leave"
    static let keyColumn = "leave_id"
    var key: String { leaveID }

    public var leaveID: String
    public var doctorID: String
    public var firstDay: String
    public var lastDay: String
    public var reason: String
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case leaveID = "leave_id", doctorID = "doctor_id", firstDay = "first_day", lastDay = "last_day", reason
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A day the clinics are closed.
public struct Holiday: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "holidays"
    static let keyColumn = "day"
    var key: String { day }

    public var day: String
    public var name: String
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case day, name
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}
