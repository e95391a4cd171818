// Ledger kinds of patients, their persons and their wider registration: typed, no free strings.

/// What the ledger entries of patients, their persons and their wider registration record. Raw values are the ledger's `kind` column.
public enum PatientKind: String, LedgerKind, CaseIterable {
    case personCreated = "person.created"
    case personUpdated = "person.updated"
    case patientRegistered = "patient.registered"
    case patientUpdated = "patient.updated"
    case patientMerged = "patient.merged"
    case patientMergedAway = "patient.merged_away"
    case contactAdded = "contact.added"
    case contactRemoved = "contact.removed"
    case contactMoved = "contact.moved"
    case allergyAdded = "allergy.added"
    case allergyRemoved = "allergy.removed"
    case allergyMoved = "allergy.moved"
    case policyAdded = "policy.added"
    case policyRemoved = "policy.removed"
    case policyMoved = "policy.moved"

    /// person.created stays at version 1: since version 2, a registration's person row rides in its
    /// patient.registered entry.
    public var version: Int64 { self == .personCreated ? 1 : 2 }

    public var meaning: String {
        switch self {
        case .personCreated: return "Version 1 only (older stores): a person's demographics were recorded, as a patient was registered."
        case .personUpdated: return "A person's demographics were edited."
        case .patientRegistered: return "A patient record was opened, with its MRN: in version 2 one entry carries the person row, then the patient row (version 1: the patient row; the person came in person.created)."
        case .patientUpdated: return "A patient record's own fields (status, blood type, …) were edited."
        case .patientMerged: return "A supervisor merged a duplicate record into a survivor (the merge row)."
        case .patientMergedAway: return "The duplicate record now points at its survivor."
        case .contactAdded: return "A next of kin, emergency contact or guardian was added."
        case .contactRemoved: return "A contact was removed (the row stays, with deleted_at)."
        case .contactMoved: return "A merged record's contact was moved to the survivor."
        case .allergyAdded: return "An allergy was recorded."
        case .allergyRemoved: return "An allergy was removed (the row stays, with deleted_at)."
        case .allergyMoved: return "A merged record's allergy was moved to the survivor."
        case .policyAdded: return "An insurance policy was added."
        case .policyRemoved: return "An insurance policy was removed (the row stays, with deleted_at)."
        case .policyMoved: return "A merged record's insurance policy was moved to the survivor."
        }
    }

    public var tables: [String] {
        switch self {
        case .personCreated, .personUpdated: return ["persons"]
        case .patientRegistered: return ["persons", "patients"]
        case .patientUpdated, .patientMergedAway: return ["patients"]
        case .patientMerged: return ["patient_merges"]
        case .contactAdded, .contactRemoved, .contactMoved: return ["patient_contacts"]
        case .allergyAdded, .allergyRemoved, .allergyMoved: return ["patient_allergies"]
        case .policyAdded, .policyRemoved, .policyMoved: return ["insurance_policies"]
        }
    }
}
