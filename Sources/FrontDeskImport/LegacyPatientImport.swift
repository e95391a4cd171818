// Imports a legacy system's `patients` export (CSV, seeds/004 column names) into persons and patients.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// The legacy `patients` table's columns (seeds/004) and how each lands in FrontDesk.
public enum LegacyPatientColumns {
    public static let known: Set<String> = [
        "id", "first_name", "last_name", "date_of_birth", "gender", "phone", "email", "address", "city", "state",
        "zip_code", "country", "emergency_contact_name", "emergency_contact_phone", "emergency_contact_relationship",
        "blood_type", "allergies", "chronic_conditions", "current_medications", "status",
    ]
    /// Columns of the legacy table FrontDesk does not keep: portal accounts, doctors of another system, timestamps.
    public static let dropped: Set<String> = ["user_id", "primary_doctor_id", "created_at", "updated_at"]
    public static let required = ["id", "first_name", "last_name", "date_of_birth", "gender"]

    /// The columns `CSVImport` reads and maps for a legacy patients file.
    public static let columns = ImportColumns(required: required, read: known, dropped: dropped, table: "the legacy patients table")

    /// Reads a mapping file: `Their Header = our_column` per line, `#` starts a comment.
    public static func mapping(from text: String) throws -> [String: String] {
        try columns.mapping(from: text)
    }
}

/// A legacy patients file as `CSVImport` reads it: rows become checked registrations, written in
/// batches that skip legacy ids already imported.
public struct LegacyPatientImport: ImportKind {
    public let store: FacilityStore
    public let mapping: [String: String]
    /// Dates written month first (03/27/1990), as US systems export them; day first otherwise.
    public var monthFirst = false
    /// Registrations per transaction: one ledger entry each, so a batch stays within the 500 entries
    /// a push may carry (ledger-protocol.md §3; a push never splits a transaction).
    public var batchSize = 250

    public var columns: ImportColumns { LegacyPatientColumns.columns }
    public var permission: Permission { .importPatients }
    public var action: String { "import patients" }

    public init(store: FacilityStore, mapping: [String: String] = [:]) {
        self.store = store
        self.mapping = mapping
    }

    /// Checks every row first. With bad rows and `skipBad` false nothing is imported; otherwise
    /// good rows go in batches (each one transaction), skipping legacy ids already imported.
    /// A batch that fails after others committed throws `ImportStopped` (how many rows are saved).
    public func run(file: String, skipBad: Bool, by actor: Actor,
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportReport {
        try CSVImport(self).run(file: file, skipBad: skipBad, by: actor, progress: progress)
    }

    public func missing(_ columns: [String]) -> ImportError { .missingColumns(columns) }

    /// Line breaks inside a quoted field (multi-line addresses) become ", ".
    public func clean(_ cell: String) -> String {
        cell.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ", ")
    }

    public func check(_ values: [String: String]) throws -> NewPatient {
        var values = values
        if monthFirst, let date = values["date_of_birth"] { values["date_of_birth"] = Self.dayFirst(date) }
        return try store.validateRegistration(try Self.patient(from: values))
    }

    public func key(of row: NewPatient) -> String { row.legacyID ?? "" }

    public func repeated(_ row: NewPatient, firstLine: Int) -> ValidationError {
        ValidationError("id", "'\(Quote.excerpt(row.legacyID ?? ""))' is also on line \(firstLine)")
    }

    public func write(_ batch: ArraySlice<NewPatient>, by actor: Actor) throws -> (written: Int, alreadyThere: Int) {
        let result = try store.importPatients(Array(batch), by: actor)
        return (result.imported, result.alreadyThere)
    }

    /// "03/27/1990" → "27/03/1990"; ISO dates and anything else unchanged.
    static func dayFirst(_ date: String) -> String {
        let parts = date.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
        guard parts.count == 3, parts[0].count <= 2, parts[2].count == 4 else { return date }
        return "\(parts[1])/\(parts[0])/\(parts[2])"
    }

    /// A legacy row's values (by legacy column name) as a registration; store validation follows.
    static func patient(from v: [String: String]) throws -> NewPatient {
        guard let id = v["id"] else { throw ValidationError("id", "is empty; every legacy row needs its id") }
        let sex: String
        switch v["gender"]?.lowercased() {
        case "male", "m": sex = "male"
        case "female", "f": sex = "female"
        case "other", "o": sex = "other"
        case "prefer_not_to_say", "unknown", "u": sex = "unknown"
        case nil: throw ValidationError("gender", "is empty")
        case let other?: throw ValidationError("gender", "'\(Quote.excerpt(other))' is not male, female, other or prefer_not_to_say")
        }
        guard let dob = v["date_of_birth"] else { throw ValidationError("date of birth", "is empty") }
        let place = [v["address"], v["city"], [v["state"], v["zip_code"]].compactMap { $0 }.joined(separator: " "), v["country"]]
            .compactMap { $0 }.filter { !$0.isEmpty }
        var new = NewPatient(firstName: v["first_name"] ?? "", lastName: v["last_name"] ?? "", sex: sex, dob: dob,
                             phone: v["phone"], email: v["email"], address: place.isEmpty ? nil : place.joined(separator: ", "),
                             legacyID: id)
        if let name = v["emergency_contact_name"] {
            new.contacts = [NewContact(kind: .emergency, name: name, relationship: v["emergency_contact_relationship"] ?? "not recorded",
                                       phone: v["emergency_contact_phone"])]
        } else if v["emergency_contact_phone"] != nil {
            throw ValidationError("emergency contact name", "is empty but the emergency contact has a phone")
        }
        new.bloodType = v["blood_type"]
        let noAllergies: Set<String> = ["none", "nkda", "nka", "n/a", "na", "no known allergies", "-"]
        new.allergies = (v["allergies"] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !noAllergies.contains($0.lowercased()) }
            .map { NewAllergy(substance: $0) }
        new.chronicConditions = v["chronic_conditions"]
        new.currentMedications = v["current_medications"]
        new.status = v["status"]?.lowercased() ?? "active"
        return new
    }
}
