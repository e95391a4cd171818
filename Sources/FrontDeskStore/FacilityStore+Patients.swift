// Registering patients: person and patient rows with a gap-free, check-digited MRN.
import Foundation
import FrontDeskCore
import GRDB

/// The least a registration needs: a name, a sex and a date of birth (or an estimated age).
public struct NewPatient: Sendable {
    public var firstName: String
    public var lastName: String
    public var sex: String
    public var dob: String?
    public var dobEstimated: Bool
    public var phone: String?
    public var legacyID: String?

    public init(firstName: String, lastName: String, sex: String, dob: String?, dobEstimated: Bool = false,
                phone: String? = nil, legacyID: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.sex = sex
        self.dob = dob
        self.dobEstimated = dobEstimated
        self.phone = phone
        self.legacyID = legacyID
    }
}

/// A registered patient as the desks show one.
public struct RegisteredPatient: Sendable, Equatable {
    public let patientID: String
    public let mrn: String
    public let firstName: String
    public let lastName: String
}

extension FacilityStore {
    /// The MRN for sequence number `n`: `MR`, seven digits, and a Luhn check digit.
    public static func mrn(for n: Int64) -> String {
        MRNFormat.standard.mrn(sequence: n, year: 0)
    }

    /// Registers one patient; needs `patients.register`.
    @discardableResult
    public func registerPatient(_ new: NewPatient, by actor: Actor) throws -> RegisteredPatient {
        try registerPatients([new], by: actor)[0]
    }

    /// Registers several patients in one transaction (imports, the demo): all or none.
    public func registerPatients(_ batch: [NewPatient], by actor: Actor) throws -> [RegisteredPatient] {
        let today = CalendarDay(timestamp: Timestamp.string(clock.now()))!
        let checked: [NewPatient]
        do { checked = try batch.map { try Self.validated($0, today: today) } } catch let e as ValidationError {
            throw StoreError.invalid(e)
        }
        return try perform(.registerPatient, action: "register patients", by: actor) { tx in
            try checked.map { new in
                let person = Person(
                    personID: Identifier.make(), firstName: new.firstName, lastName: new.lastName, middleName: nil,
                    dob: new.dob, dobEstimated: new.dobEstimated, sex: new.sex, phone: new.phone, email: nil,
                    address: nil, nationalID: nil, createdAt: tx.now, updatedAt: tx.now,
                    createdBy: tx.actor.userID, updatedBy: tx.actor.userID, deletedAt: nil)
                try tx.insert(person, kind: "person.created")
                let patient = Patient(
                    patientID: Identifier.make(), personID: person.personID, facilityID: tx.identity.facilityID,
                    mrn: Self.mrn(for: try tx.nextNumber("mrn")), legacyID: new.legacyID, createdAt: tx.now,
                    updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID, deletedAt: nil)
                try tx.insert(patient, kind: "patient.registered")
                return RegisteredPatient(patientID: patient.patientID, mrn: patient.mrn, firstName: person.firstName,
                                         lastName: person.lastName)
            }
        }
    }

    /// Number of patients registered (not deleted).
    public func patientCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM patients WHERE deleted_at IS NULL") ?? 0 }
    }

    static func validated(_ new: NewPatient, today: CalendarDay) throws -> NewPatient {
        var out = new
        out.firstName = try Validate.name(new.firstName, field: "first name")
        out.lastName = try Validate.name(new.lastName, field: "last name")
        guard ["female", "male", "other", "unknown"].contains(new.sex) else {
            throw ValidationError("sex", "must be female, male, other or unknown")
        }
        guard let dob = new.dob else { throw ValidationError("date of birth", "a date of birth or an estimated age is required") }
        guard let day = CalendarDay(dob) else {
            throw ValidationError("date of birth", "'\(dob)' is not a date (YYYY-MM-DD)")
        }
        guard day <= today else { throw ValidationError("date of birth", "is in the future") }
        guard day.years(until: today) <= 130 else { throw ValidationError("date of birth", "gives an age over 130") }
        if let phone = new.phone {
            guard phone.hasPrefix("+"), (8...16).contains(phone.count), phone.dropFirst().allSatisfy(\.isASCII),
                phone.dropFirst().allSatisfy(\.isNumber)
            else { throw ValidationError("phone", "'\(phone)' is not an international number (+ and 7 to 15 digits)") }
        }
        return out
    }
}
