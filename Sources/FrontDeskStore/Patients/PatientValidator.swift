// Checks registration input before any transaction starts: each problem names its field.
import FrontDeskCore

/// Validates and normalises what a desk or an import typed for a patient.
struct PatientValidator {
    let today: CalendarDay
    /// The facility's country calling code; without one only international numbers are accepted.
    let countryCode: String?

    static let sexes = ["female", "male", "other", "unknown"]
    static let bloodTypes = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"]
    static let statuses = ["active", "inactive", "deceased"]

    func invalidAsStoreError<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ValidationError { throw StoreError.invalid(error) }
    }

    func validated(_ new: NewPatient) throws -> NewPatient {
        var out = new
        out.firstName = try Validate.personName(new.firstName, field: "first name")
        out.lastName = try Validate.personName(new.lastName, field: "last name")
        out.middleName = try optionalText(new.middleName, field: "middle name", max: 100)
        guard Self.sexes.contains(new.sex) else { throw ValidationError("sex", "must be female, male, other or unknown") }
        guard let dob = new.dob else {
            throw ValidationError("date of birth", "a date of birth or an estimated age is required")
        }
        out.dob = try birthDate(dob).description
        out.phone = try phone(new.phone)
        out.email = try optionalText(new.email, field: "email", max: 254)
        if let email = out.email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
                throw ValidationError("email", "'\(email)' is not an email address")
            }
        }
        out.address = try optionalText(new.address, field: "address", max: 500)
        out.nationalID = try optionalText(new.nationalID, field: "national ID", max: 40)
        if let id = out.nationalID, !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" || $0 == " " }) {
            throw ValidationError("national ID", "may hold only letters, digits, spaces, - and /")
        }
        out.legacyID = try optionalText(new.legacyID, field: "legacy id", max: 64)
        if let blood = out.bloodType?.uppercased().replacingOccurrences(of: " ", with: "") {
            guard Self.bloodTypes.contains(blood) else {
                throw ValidationError("blood type", "'\(blood)' is not one of \(Self.bloodTypes.joined(separator: " "))")
            }
            out.bloodType = blood
        }
        out.chronicConditions = try optionalText(new.chronicConditions, field: "chronic conditions", max: 2000)
        out.currentMedications = try optionalText(new.currentMedications, field: "current medications", max: 2000)
        guard Self.statuses.contains(new.status) else { throw ValidationError("status", "must be active, inactive or deceased") }
        out.contacts = try new.contacts.map(validated)
        out.allergies = try new.allergies.map(validated)
        out.policies = try new.policies.map(validated)
        return out
    }

    /// A date of birth: a real day, not in the future, at most 130 years ago.
    func birthDate(_ text: String) throws -> CalendarDay {
        // ISO first: what screens and imports mostly pass, and far cheaper than the general parser.
        guard let day = CalendarDay(text) ?? DateOfBirthParser.parse(text) else {
            throw ValidationError("date of birth", "'\(text)' is not a date (e.g. 12/04/1990 or 1990-04-12)")
        }
        guard day <= today else { throw ValidationError("date of birth", "is in the future") }
        guard day.years(until: today) <= 130 else { throw ValidationError("date of birth", "gives an age over 130") }
        return day
    }

    /// A phone number in E.164, read with the facility's country code; nil stays nil.
    func phone(_ raw: String?, field: String = "phone") throws -> String? {
        guard let raw else { return nil }
        // Already E.164 (+ and 8 to 15 digits): nothing to normalise.
        if raw.utf8.count >= 9, raw.utf8.count <= 16, raw.utf8.first == UInt8(ascii: "+"),
            raw.utf8.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), raw.utf8.dropFirst().first != UInt8(ascii: "0")
        {
            return raw
        }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if countryCode == nil, !trimmed.hasPrefix("+"), !trimmed.hasPrefix("00") {
            throw ValidationError(field, "'\(raw)' needs its country code (+…): this facility has no phone country set")
        }
        do {
            return try PhoneNormalizer(countryCode: countryCode ?? "").normalize(trimmed)
        } catch let error as ValidationError {
            throw ValidationError(field, error.message)
        }
    }

    func validated(_ c: NewContact) throws -> NewContact {
        var out = c
        out.name = try Validate.personName(c.name, field: "\(c.kind.label.lowercased()) name", maxLength: 200)
        out.relationship = try Validate.name(c.relationship, field: "relationship", maxLength: 40)
        out.phone = try phone(c.phone, field: "\(c.kind.label.lowercased()) phone")
        out.address = try optionalText(c.address, field: "\(c.kind.label.lowercased()) address", max: 500)
        return out
    }

    func validated(_ a: NewAllergy) throws -> NewAllergy {
        var out = a
        out.substance = try Validate.name(a.substance, field: "allergy", maxLength: 100)
        out.reaction = try optionalText(a.reaction, field: "reaction", max: 200)
        return out
    }

    func validated(_ p: NewPolicy) throws -> NewPolicy {
        var out = p
        out.payer = try Validate.name(p.payer, field: "payer", maxLength: 100)
        out.policyNumber = try Validate.name(p.policyNumber, field: "policy number", maxLength: 40)
        out.holderName = try Validate.personName(p.holderName, field: "policy holder", maxLength: 200)
        guard let from = DateOfBirthParser.parse(p.validFrom) else {
            throw ValidationError("valid from", "'\(p.validFrom)' is not a date")
        }
        // A policy starts within the facility's planning horizon and lasts at most a lifetime:
        // 9999-12-31 is a slip of the keyboard, not a policy.
        guard from <= today.adding(days: FacilityStore.planningHorizonDays), from.years(until: today) <= 130 else {
            throw ValidationError("valid from", "\(from) is not a day a policy can start; check the year")
        }
        out.validFrom = from.description
        if let toText = p.validTo, !toText.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let to = DateOfBirthParser.parse(toText) else { throw ValidationError("valid to", "'\(toText)' is not a date") }
            guard to >= from else { throw ValidationError("valid to", "is before valid from") }
            guard from.years(until: to) <= 100 else { throw ValidationError("valid to", "\(to) is too far ahead; check the year") }
            out.validTo = to.description
        } else {
            out.validTo = nil
        }
        return out
    }

    /// Trimmed text, nil when blank, at most `max` characters, nothing invisible (`Validate.text`).
    func optionalText(_ raw: String?, field: String, max: Int) throws -> String? {
        try Validate.text(raw, field: field, maxLength: max)
    }
}
