// The records of the core tables: plain structs, columns named as in the schema.
import GRDB

/// A record the one write path may insert or update: it names its key column, and which
/// columns stay out of the audit and ledger (credentials).
protocol LedgeredRecord: Codable, FetchableRecord, PersistableRecord {
    static var keyColumn: String { get }
    static var privateColumns: Set<String> { get }
    var key: String { get }
}

extension LedgeredRecord {
    static var privateColumns: Set<String> { [] }
}

/// A hospital or clinic: one per store.
public struct Facility: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "facilities"
    static let keyColumn = "facility_id"
    var key: String { facilityID }

    public var facilityID: String
    public var name: String
    public var timezone: String
    public var currency: String
    public var currencyMinorUnits: Int
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case facilityID = "facility_id", name, timezone, currency, currencyMinorUnits = "currency_minor_units"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A department or service line of the facility.
public struct Department: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "departments"
    static let keyColumn = "department_id"
    var key: String { departmentID }

    public enum Kind: String, Codable, CaseIterable, Sendable { case OPD, WARD, ER, LAB, PHARMACY, ADMIN }

    public var departmentID: String
    public var facilityID: String
    public var code: String
    public var name: String
    public var type: Kind
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case departmentID = "department_id", facilityID = "facility_id", code, name, type, active
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A staff account. The credential columns never leave the facility: not in the audit, not in the ledger.
public struct User: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "users"
    static let keyColumn = "user_id"
    static let privateColumns: Set<String> = ["password_hash", "failed_attempts", "locked_until", "last_login_at"]
    var key: String { userID }

    public var userID: String
    public var username: String
    public var displayName: String
    public var roleID: String
    public var departmentID: String?
    public var passwordHash: String
    public var active: Bool
    public var failedAttempts: Int
    public var lockedUntil: String?
    public var lastLoginAt: String?
    public var passwordChangedAt: String
    public var disabledReason: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", username, displayName = "display_name", roleID = "role_id"
        case departmentID = "department_id", passwordHash = "password_hash", active
        case failedAttempts = "failed_attempts", lockedUntil = "locked_until", lastLoginAt = "last_login_at"
        case passwordChangedAt = "password_changed_at", disabledReason = "disabled_reason"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// A human being: patient, next of kin or staff member.
public struct Person: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "persons"
    static let keyColumn = "person_id"
    var key: String { personID }

    public var personID: String
    public var firstName: String
    public var lastName: String
    public var middleName: String?
    public var dob: String?
    public var dobEstimated: Bool
    public var sex: String
    public var phone: String?
    public var email: String?
    public var address: String?
    public var nationalID: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?
    public var deletedAt: String?

    enum CodingKeys: String, CodingKey {
        case personID = "person_id", firstName = "first_name", lastName = "last_name", middleName = "middle_name"
        case dob, dobEstimated = "dob_estimated", sex, phone, email, address, nationalID = "national_id"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
        case deletedAt = "deleted_at"
    }
}

/// A person registered as a patient of this facility, with the facility's MRN.
public struct Patient: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "patients"
    static let keyColumn = "patient_id"
    var key: String { patientID }

    public var patientID: String
    public var personID: String
    public var facilityID: String
    public var mrn: String
    public var legacyID: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?
    public var deletedAt: String?
    /// The surviving record when this one was merged into it.
    public var mergedInto: String?
    public var status: String = "active"
    public var bloodType: String?
    public var chronicConditions: String?
    public var currentMedications: String?

    enum CodingKeys: String, CodingKey {
        case patientID = "patient_id", personID = "person_id", facilityID = "facility_id", mrn
        case legacyID = "legacy_id", mergedInto = "merged_into", status, bloodType = "blood_type"
        case chronicConditions = "chronic_conditions", currentMedications = "current_medications"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
        case deletedAt = "deleted_at"
    }
}

/// An entry of a controlled vocabulary (`ref.codes` in the blueprint).
public struct Code: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "codes"
    static let keyColumn = "code_id"
    var key: String { codeID }

    public var codeID: String
    public var system: String
    public var code: String
    public var display: String
    public var active: Bool
    public var createdAt: String
    public var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case codeID = "code_id", system, code, display, active, createdAt = "created_at", updatedAt = "updated_at"
    }
}
