// The records of a patient's wider registration: contacts, allergies, insurance and merges.
import GRDB

/// A next of kin, emergency contact or guardian of a patient.
public struct PatientContact: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "patient_contacts"
    static let keyColumn = "contact_id"
    var key: String { contactID }

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case nextOfKin = "next_of_kin", emergency, guardian

        public var label: String {
            switch self {
            case .nextOfKin: return "Next of kin"
            case .emergency: return "Emergency contact"
            case .guardian: return "Guardian"
            }
        }
    }

    public var contactID: String
    public var patientID: String
    public var kind: Kind
    public var name: String
    public var relationship: String
    public var phone: String?
    public var address: String?
    public var relatedPatientID: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?
    public var deletedAt: String?

    enum CodingKeys: String, CodingKey {
        case contactID = "contact_id", patientID = "patient_id", kind, name, relationship, phone, address
        case relatedPatientID = "related_patient_id"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
        case deletedAt = "deleted_at"
    }
}

/// A recorded allergy: what to, what happens, how badly.
public struct PatientAllergy: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "patient_allergies"
    static let keyColumn = "allergy_id"
    var key: String { allergyID }

    public enum Severity: String, Codable, CaseIterable, Sendable { case mild, moderate, severe, unknown }

    public var allergyID: String
    public var patientID: String
    public var substance: String
    public var reaction: String?
    public var severity: Severity
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?
    public var deletedAt: String?

    enum CodingKeys: String, CodingKey {
        case allergyID = "allergy_id", patientID = "patient_id", substance, reaction, severity
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
        case deletedAt = "deleted_at"
    }
}

/// An insurance policy covering a patient; at most one primary at a time.
public struct InsurancePolicy: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "insurance_policies"
    static let keyColumn = "policy_id"
    var key: String { policyID }

    public enum Priority: String, Codable, CaseIterable, Sendable { case primary, secondary }
    public enum HolderRelationship: String, Codable, CaseIterable, Sendable { case `self`, spouse, parent, child, other }

    public var policyID: String
    public var patientID: String
    public var payer: String
    public var policyNumber: String
    public var holderName: String
    public var holderRelationship: HolderRelationship
    public var priority: Priority
    public var validFrom: String
    public var validTo: String?
    /// What the payer covers of an invoice (percent), unless a fixed co-pay is set.
    public var coveragePercent: Int?
    /// A fixed amount the patient pays per invoice; the payer pays the rest.
    public var copayMinor: Int64?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?
    public var deletedAt: String?

    enum CodingKeys: String, CodingKey {
        case coveragePercent = "coverage_percent", copayMinor = "copay_minor"
        case policyID = "policy_id", patientID = "patient_id", payer, policyNumber = "policy_number"
        case holderName = "holder_name", holderRelationship = "holder_relationship", priority
        case validFrom = "valid_from", validTo = "valid_to"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
        case deletedAt = "deleted_at"
    }
}

/// A duplicate record folded into a survivor.
public struct PatientMerge: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "patient_merges"
    static let keyColumn = "merge_id"
    var key: String { mergeID }

    public var mergeID: String
    public var survivorPatientID: String
    public var mergedPatientID: String
    public var mergedMRN: String
    public var reason: String
    public var createdAt: String
    public var createdBy: String?

    enum CodingKeys: String, CodingKey {
        case mergeID = "merge_id", survivorPatientID = "survivor_patient_id", mergedPatientID = "merged_patient_id"
        case mergedMRN = "merged_mrn", reason, createdAt = "created_at", createdBy = "created_by"
    }
}

/// A row of a patient's wider record: it belongs to one patient, moves with a merge, and is
/// removed by marking it (the row and its history stay).
protocol PatientDetailRecord: LedgeredRecord {
    /// What the row is called in ledger kinds and messages ("contact" → `contact.removed`).
    static var noun: String { get }
    /// The ledger kinds of removing this detail and of moving it to a merge's survivor.
    static var removedKind: PatientKind { get }
    static var movedKind: PatientKind { get }
    var patientID: String { get set }
    var deletedAt: String? { get set }
    var updatedAt: String { get set }
    var updatedBy: String? { get set }
}

extension PatientContact: PatientDetailRecord {
    static let noun = "contact"
    static let removedKind = PatientKind.contactRemoved
    static let movedKind = PatientKind.contactMoved
}
extension PatientAllergy: PatientDetailRecord {
    static let noun = "allergy"
    static let removedKind = PatientKind.allergyRemoved
    static let movedKind = PatientKind.allergyMoved
}
extension InsurancePolicy: PatientDetailRecord {
    static let noun = "policy"
    static let removedKind = PatientKind.policyRemoved
    static let movedKind = PatientKind.policyMoved
}
