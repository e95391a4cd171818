// What desks and imports hand the store for a patient, and what the store hands back.
import FrontDeskCore

/// A contact to record with a patient.
public struct NewContact: Sendable, Equatable {
    public var kind: PatientContact.Kind
    public var name: String
    public var relationship: String
    public var phone: String?
    public var address: String?
    public var relatedPatientID: String?

    public init(kind: PatientContact.Kind, name: String, relationship: String, phone: String? = nil,
                address: String? = nil, relatedPatientID: String? = nil) {
        self.kind = kind
        self.name = name
        self.relationship = relationship
        self.phone = phone
        self.address = address
        self.relatedPatientID = relatedPatientID
    }
}

/// An allergy to record with a patient.
public struct NewAllergy: Sendable, Equatable {
    public var substance: String
    public var reaction: String?
    public var severity: PatientAllergy.Severity

    public init(substance: String, reaction: String? = nil, severity: PatientAllergy.Severity = .unknown) {
        self.substance = substance
        self.reaction = reaction
        self.severity = severity
    }
}

/// An insurance policy to record with a patient.
public struct NewPolicy: Sendable, Equatable {
    public var payer: String
    public var policyNumber: String
    public var holderName: String
    public var holderRelationship: InsurancePolicy.HolderRelationship
    public var priority: InsurancePolicy.Priority
    public var validFrom: String
    public var validTo: String?
    /// What the payer covers (percent of an invoice), or a fixed co-pay the patient pays; neither: unknown.
    public var coveragePercent: Int?
    public var copayMinor: Int64?

    public init(payer: String, policyNumber: String, holderName: String,
                holderRelationship: InsurancePolicy.HolderRelationship = .self, priority: InsurancePolicy.Priority = .primary,
                validFrom: String, validTo: String? = nil, coveragePercent: Int? = nil, copayMinor: Int64? = nil) {
        self.coveragePercent = coveragePercent
        self.copayMinor = copayMinor
        self.payer = payer
        self.policyNumber = policyNumber
        self.holderName = holderName
        self.holderRelationship = holderRelationship
        self.priority = priority
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// A registration, or the new details of a patient being edited. Only the names, the sex and
/// a date of birth (or an estimated one) are required; a phone is read with the facility's
/// country code.
public struct NewPatient: Sendable, Equatable {
    public var firstName: String
    public var middleName: String?
    public var lastName: String
    public var sex: String
    public var dob: String?
    public var dobEstimated: Bool
    public var phone: String?
    public var email: String?
    public var address: String?
    public var nationalID: String?
    public var legacyID: String?
    public var bloodType: String?
    public var chronicConditions: String?
    public var currentMedications: String?
    public var status: String = "active"
    public var contacts: [NewContact] = []
    public var allergies: [NewAllergy] = []
    public var policies: [NewPolicy] = []

    public init(firstName: String, middleName: String? = nil, lastName: String, sex: String, dob: String?,
                dobEstimated: Bool = false, phone: String? = nil, email: String? = nil, address: String? = nil,
                nationalID: String? = nil, legacyID: String? = nil) {
        self.firstName = firstName
        self.middleName = middleName
        self.lastName = lastName
        self.sex = sex
        self.dob = dob
        self.dobEstimated = dobEstimated
        self.phone = phone
        self.email = email
        self.address = address
        self.nationalID = nationalID
        self.legacyID = legacyID
    }
}

/// A registered patient as the desks show one.
public struct RegisteredPatient: Sendable, Equatable {
    public let patientID: String
    public let mrn: String
    public let firstName: String
    public let lastName: String
    /// The registration fee posted as a charge (minor units), when the schedule has one.
    public var registrationCharge: Int64? = nil
}

/// Everything the patient summary shows.
public struct PatientRecord: Sendable, Equatable {
    public let patient: Patient
    public let person: Person
    public let contacts: [PatientContact]
    public let allergies: [PatientAllergy]
    public let policies: [InsurancePolicy]
    /// MRNs of records merged into this one; they still find it.
    public let mergedMRNs: [String]

    public var displayName: String {
        PatientSearchIndex.displayName(first: person.firstName, middle: person.middleName, last: person.lastName)
    }
}

/// A removable detail of a patient's record.
public enum PatientDetailKey: Sendable, Equatable {
    case contact(String), allergy(String), policy(String)
}
