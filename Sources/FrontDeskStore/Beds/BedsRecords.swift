// The beds desk's records: bed types, wards, beds, admissions, allocations and charged bed-days.
import GRDB

/// A kind of bed and the fee code of its daily rate.
public struct BedType: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "bed_types"
    static let keyColumn = "code"
    var key: String { code }

    public var code: String
    public var name: String
    public var feeCode: String?
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case code, name, feeCode = "fee_code", active
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A ward of a department: the beds a nurse station looks after.
public struct Ward: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "wards"
    static let keyColumn = "ward_id"
    var key: String { wardID }

    public var wardID: String
    public var code: String
    public var name: String
    public var departmentID: String
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case wardID = "ward_id", code, name, departmentID = "department_id", active
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A bed's own state. *Occupied* is not one of them: a bed is occupied while an allocation is open.
public enum BedState: String, Codable, CaseIterable, Sendable {
    case free, reserved, cleaning, blocked
}

/// What a bed offers, from a fixed list (the board filters by them).
public enum BedTag: String, CaseIterable, Sendable {
    case oxygen, monitor, isolation, male, female, child
}

public struct Bed: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "beds"
    static let keyColumn = "bed_id"
    var key: String { bedID }

    public var bedID: String
    public var wardID: String
    public var label: String
    public var typeCode: String
    /// Comma-separated `BedTag` raw values, in `BedTag` order.
    public var tags: String
    public var state: BedState
    public var stateReason: String?
    public var reservedFor: String?
    public var reservedUntil: String?
    public var stateChangedAt: String
    public var retiredAt: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    public var tagList: [BedTag] { tags.split(separator: ",").compactMap { BedTag(rawValue: String($0)) } }

    enum CodingKeys: String, CodingKey {
        case bedID = "bed_id", wardID = "ward_id", label, typeCode = "type_code", tags, state, stateReason = "state_reason"
        case reservedFor = "reserved_for", reservedUntil = "reserved_until", stateChangedAt = "state_changed_at"
        case retiredAt = "retired_at"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// How a stay ended.
public enum Disposition: String, Codable, CaseIterable, Sendable {
    case home, referred, againstAdvice = "against_advice", died

    public var title: String {
        switch self {
        case .home: return "Home"
        case .referred: return "Referred"
        case .againstAdvice: return "Left against advice"
        case .died: return "Died"
        }
    }
}

/// How a discharge with money owed was let through.
public enum DischargeClearance: String, Codable, Sendable {
    /// Nothing was owed.
    case paid
    /// The cashier cleared the account (paid, or arranged) before the discharge.
    case cashier
    /// A supervisor allowed it with a reason.
    case supervisor
}

/// An inpatient or day-case stay.
public struct Admission: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "admissions"
    static let keyColumn = "admission_id"
    var key: String { admissionID }

    public var admissionID: String
    public var encounterID: String
    public var patientID: String
    public var admittedAt: String
    public var attendingDoctorID: String?
    public var reason: String
    public var diagnosis: String?
    public var expectedDays: Int?
    public var dischargedAt: String?
    public var disposition: Disposition?
    public var dischargeNote: String?
    public var clearance: DischargeClearance?
    public var clearedBy: String?
    public var clearanceReason: String?
    public var balanceAtDischargeMinor: Int64?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case admissionID = "admission_id", encounterID = "encounter_id", patientID = "patient_id", admittedAt = "admitted_at"
        case attendingDoctorID = "attending_doctor_id", reason, diagnosis, expectedDays = "expected_days"
        case dischargedAt = "discharged_at", disposition, dischargeNote = "discharge_note", clearance
        case clearedBy = "cleared_by", clearanceReason = "clearance_reason", balanceAtDischargeMinor = "balance_at_discharge_minor"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Why a bed was let go.
public enum AllocationEnd: String, Codable, Sendable {
    case transfer, swap, discharge, unassigned
}

/// One admission in one bed for a time.
public struct BedAllocation: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "bed_allocations"
    static let keyColumn = "allocation_id"
    var key: String { allocationID }

    public var allocationID: String
    public var admissionID: String
    public var bedID: String
    public var startAt: String
    public var endAt: String?
    public var endReason: AllocationEnd?
    /// Why the patient came to this bed (a transfer's reason).
    public var reason: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case allocationID = "allocation_id", admissionID = "admission_id", bedID = "bed_id", startAt = "start_at"
        case endAt = "end_at", endReason = "end_reason", reason
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// One charged bed-day of an admission (or its minimum day).
public struct BedDayCharge: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "bed_day_charges"
    static let keyColumn = "day_charge_id"
    var key: String { dayChargeID }

    public var dayChargeID: String
    public var admissionID: String
    public var day: String
    public var bedID: String
    public var typeCode: String
    public var minimum: Bool
    public var chargeID: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case dayChargeID = "day_charge_id", admissionID = "admission_id", day, bedID = "bed_id", typeCode = "type_code"
        case minimum, chargeID = "charge_id"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}
