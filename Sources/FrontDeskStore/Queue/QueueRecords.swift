// The records of a visit: appointments, encounters, the queue, vitals.
import GRDB

/// A booked visit: a doctor's slot on a day.
public struct Appointment: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "appointments"
    static let keyColumn = "appointment_id"
    var key: String { appointmentID }

    public enum Status: String, Codable, Sendable { case booked, checkedIn = "checked_in", cancelled, noShow = "no_show" }

    public var appointmentID: String
    public var patientID: String
    public var doctorID: String
    public var serviceID: String
    public var day: String
    public var startMinute: Int
    public var endMinute: Int
    public var status: Status
    public var visitReason: String?
    public var cancelReason: String?
    public var followUpOf: String?
    public var encounterID: String?
    public var rescheduleCount: Int
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case appointmentID = "appointment_id", patientID = "patient_id", doctorID = "doctor_id", serviceID = "service_id"
        case day, startMinute = "start_minute", endMinute = "end_minute", status, visitReason = "visit_reason"
        case cancelReason = "cancel_reason", followUpOf = "follow_up_of", encounterID = "encounter_id"
        case rescheduleCount = "reschedule_count"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// One visit of a patient: opened at check-in, finished when seen, closed when not.
public struct Encounter: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "encounters"
    static let keyColumn = "encounter_id"
    var key: String { encounterID }

    public enum Status: String, Codable, Sendable { case open, finished, closed }

    public var encounterID: String
    public var patientID: String
    public var kind: String
    public var serviceID: String?
    public var doctorID: String?
    public var day: String
    public var status: Status
    public var startedAt: String
    public var endedAt: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case encounterID = "encounter_id", patientID = "patient_id", kind, serviceID = "service_id"
        case doctorID = "doctor_id", day, status, startedAt = "started_at", endedAt = "ended_at"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// How urgently a patient must be seen; emergencies go first.
public enum QueuePriority: String, Codable, CaseIterable, Sendable {
    case emergency, urgent, normal

    /// Sort rank: lower is seen sooner.
    public var rank: Int {
        switch self {
        case .emergency: return 0
        case .urgent: return 1
        case .normal: return 2
        }
    }
}

/// Patients who go ahead of others of the same priority.
public enum QueueAssistance: String, Codable, CaseIterable, Sendable { case elderly, disabled }

/// Where a patient stands in the day's queue.
public enum QueueStatus: String, Codable, CaseIterable, Sendable {
    case checkedIn = "checked_in", called, inConsultation = "in_consultation", done, cancelled
    case noShow = "no_show", left

    /// Still in the queue (waiting, called or being seen).
    public var isActive: Bool { self == .checkedIn || self == .called || self == .inConsultation }

    public var title: String {
        switch self {
        case .checkedIn: return "Checked in"
        case .called: return "Called"
        case .inConsultation: return "In consultation"
        case .done: return "Done"
        case .cancelled: return "Cancelled"
        case .noShow: return "No-show"
        case .left: return "Left unseen"
        }
    }
}

/// A patient's place in a service's queue for one day.
public struct QueueEntry: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "queue_entries"
    static let keyColumn = "entry_id"
    var key: String { entryID }

    public var entryID: String
    public var encounterID: String
    public var patientID: String
    public var serviceID: String
    public var doctorID: String?
    public var appointmentID: String?
    public var day: String
    public var tokenNumber: Int
    public var token: String
    public var priority: QueuePriority
    public var assistance: QueueAssistance?
    public var source: String
    public var status: QueueStatus
    public var checkedInAt: String
    public var calledAt: String?
    public var consultationAt: String?
    public var finishedAt: String?
    public var statusChangedAt: String
    public var calledBy: String?
    public var room: String?
    public var closeReason: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case entryID = "entry_id", encounterID = "encounter_id", patientID = "patient_id", serviceID = "service_id"
        case doctorID = "doctor_id", appointmentID = "appointment_id", day, tokenNumber = "token_number", token
        case priority, assistance, source, status, checkedInAt = "checked_in_at", calledAt = "called_at"
        case consultationAt = "consultation_at", finishedAt = "finished_at", statusChangedAt = "status_changed_at"
        case calledBy = "called_by", room, closeReason = "close_reason"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Vital signs as stored on an encounter.
struct VitalSignsRecord: LedgeredRecord, Equatable, Sendable {
    static let databaseTableName = "vital_signs"
    static let keyColumn = "vitals_id"
    var key: String { vitalsID }

    var vitalsID: String
    var encounterID: String
    var patientID: String
    var systolic: Int?
    var diastolic: Int?
    var pulse: Int?
    var temperatureTenths: Int?
    var spo2: Int?
    var respiratoryRate: Int?
    var weightGrams: Int?
    var heightMm: Int?
    var bmiTenths: Int?
    var recordedAt: String
    var createdAt: String
    var updatedAt: String
    var createdBy: String?
    var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case vitalsID = "vitals_id", encounterID = "encounter_id", patientID = "patient_id", systolic, diastolic
        case pulse, temperatureTenths = "temperature_tenths", spo2, respiratoryRate = "respiratory_rate"
        case weightGrams = "weight_grams", heightMm = "height_mm", bmiTenths = "bmi_tenths", recordedAt = "recorded_at"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

extension QueueEntry {
    /// Read column by column rather than through Codable: every terminal's board reads the whole
    /// day's queue after each commit anywhere, and Codable decoding was most of that time.
    public init(row: Row) throws {
        func value<E: RawRepresentable>(_ column: String) throws -> E where E.RawValue == String {
            guard let raw: String = row[column], let parsed = E(rawValue: raw) else {
                throw StoreError.storageFailure("queue_entries.\(column) holds an unknown value")
            }
            return parsed
        }
        entryID = row["entry_id"]
        encounterID = row["encounter_id"]
        patientID = row["patient_id"]
        serviceID = row["service_id"]
        doctorID = row["doctor_id"]
        appointmentID = row["appointment_id"]
        day = row["day"]
        tokenNumber = row["token_number"]
        token = row["token"]
        priority = try value("priority")
        assistance = try (row["assistance"] as String?).map { _ in try value("assistance") }
        source = row["source"]
        status = try value("status")
        checkedInAt = row["checked_in_at"]
        calledAt = row["called_at"]
        consultationAt = row["consultation_at"]
        finishedAt = row["finished_at"]
        statusChangedAt = row["status_changed_at"]
        calledBy = row["called_by"]
        room = row["room"]
        closeReason = row["close_reason"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        createdBy = row["created_by"]
        updatedBy = row["updated_by"]
    }
}
