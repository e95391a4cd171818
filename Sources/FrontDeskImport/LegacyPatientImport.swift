// Imports a legacy system's `patients` export (CSV, seeds/004 column names) into persons and patients.
import CSV
import Foundation
import FrontDeskCore
import FrontDeskStore

/// One row that cannot be imported, by the line it starts on in the file.
public struct BadRow: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// What an import found and did.
public struct ImportReport: Sendable, Equatable {
    public var rows = 0
    public var imported = 0
    public var alreadyImported = 0
    public var badRows: [BadRow] = []
    /// Headers that map to nothing FrontDesk keeps (e.g. `user_id`, `primary_doctor_id`).
    public var ignoredColumns: [String] = []
    /// False when bad rows stopped the import (no `--skip-bad`): nothing was written.
    public var wroteAnything = false
}

public enum ImportError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case missingColumns([String])
    case badMapping(line: Int, reason: String)
    /// Two headers name (or are mapped onto) the same column: which one to read would be a guess.
    case duplicateColumn(String, headers: [String])
    /// The fee schedule file lacks a column it needs (that import has no --mapping).
    case missingFeeColumns([String])

    public var description: String {
        switch self {
        case .unreadable(let why): return why
        case .missingColumns(let names):
            return "the file has no column for \(Quote.list(names)); name them in the header or map them with --mapping"
        case .badMapping(let line, let reason): return "mapping file line \(line): \(reason)"
        case .duplicateColumn(let column, let headers):
            let which = Set(headers).count == 1 ? "twice" : "in \(Quote.list(headers.map { "'\($0)'" }))"
            return "the header has the column \(Quote.excerpt(column)) \(which); nothing was imported. Keep one of them, or rename the other."
        case .missingFeeColumns(let names):
            return "the file has no column for \(Quote.list(names)); its header must name code, name and amount (effective_from is optional)"
        }
    }
}

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

    /// Reads a mapping file: `Their Header = our_column` per line, `#` starts a comment.
    public static func mapping(from text: String) throws -> [String: String] {
        var map: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ImportError.badMapping(line: index + 1, reason: "write it as `Their Header = column`")
            }
            guard known.contains(parts[1]) || dropped.contains(parts[1]) else {
                throw ImportError.badMapping(line: index + 1, reason: "'\(Quote.excerpt(parts[1]))' is not a column of the legacy patients table")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }
}

/// Reads, checks and imports a legacy patients file.
public struct LegacyPatientImport {
    public let store: FacilityStore
    public let mapping: [String: String]
    /// Dates written month first (03/27/1990), as US systems export them; day first otherwise.
    public var monthFirst = false
    public var batchSize = 1000

    public init(store: FacilityStore, mapping: [String: String] = [:]) {
        self.store = store
        self.mapping = mapping
    }

    /// Checks every row first. With bad rows and `skipBad` false nothing is imported; otherwise
    /// good rows go in batches (each one transaction), skipping legacy ids already imported.
    /// A batch that fails after others committed throws `ImportStopped` (how many rows are saved).
    public func run(file: String, skipBad: Bool, by actor: Actor,
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportReport {
        // Say "not permitted" before reading a million rows, not after (the store checks again).
        guard let role = actor.role, PermissionTable.allows(role, .importPatients) else {
            throw StoreError.notPermitted(action: "import patients", role: actor.role?.title.lowercased() ?? "user")
        }
        var report = ImportReport()
        let (rows, ignored) = try readRows(file: file, report: &report)
        report.ignoredColumns = ignored
        guard report.badRows.isEmpty || skipBad else { return report }
        var done = 0
        for start in stride(from: 0, to: rows.count, by: batchSize) {
            let batch = Array(rows[start..<min(rows.count, start + batchSize)])
            let result: (imported: Int, alreadyThere: Int)
            do {
                result = try store.importPatients(batch, by: actor)
            } catch let error as StoreError where done > 0 {
                // The batches before this one are committed: say so, not "nothing was saved".
                throw ImportStopped(saved: done, total: rows.count, cause: error)
            }
            report.imported += result.imported
            report.alreadyImported += result.alreadyThere
            report.wroteAnything = report.wroteAnything || result.imported > 0
            done += batch.count
            progress(done, rows.count)
        }
        return report
    }

    /// Every row turned into a checked registration, or a bad row with its reason.
    func readRows(file: String, report: inout ImportReport) throws -> (rows: [NewPatient], ignored: [String]) {
        // Read whole, not streamed: CSV.swift's stream reader reports an error at the end of
        // every file on Linux. Exports are UTF-8, else Windows-1252 (older systems' default).
        guard let data = FileManager.default.contents(atPath: file) else { throw ImportError.unreadable("cannot read \(file)") }
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw ImportError.unreadable("\(file) is neither UTF-8 nor Windows-1252 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a byte-order mark from spreadsheet exports
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw ImportError.unreadable("\(file) is not a CSV file with a header row (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = header.map { mapping[$0] ?? $0.lowercased() }
        let missing = LegacyPatientColumns.required.filter { !columns.contains($0) }
        guard missing.isEmpty else { throw ImportError.missingColumns(missing) }
        try Self.refuseDuplicates(header: header, columns: columns, reading: LegacyPatientColumns.known)
        let ignored = zip(header, columns).filter { !LegacyPatientColumns.known.contains($0.1) }.map(\.0)

        var rows: [NewPatient] = []
        var seenIDs: [String: Int] = [:]
        var line = 2  // the header is line 1 (a header with a quoted line break is not expected)
        while true {
            guard let fields = reader.next() else {
                if let error = reader.error {
                    report.badRows.append(BadRow(line: line, reason: "the CSV cannot be read from here on (\(error))"))
                }
                break
            }
            let startLine = line
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
            if fields.count == 1, fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }  // blank line
            report.rows += 1
            guard fields.count == header.count else {
                report.badRows.append(BadRow(line: startLine, reason: "has \(fields.count) fields; the header has \(header.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(columns, fields) {
                // Line breaks inside a quoted field (multi-line addresses) become ", ".
                let trimmed = value.split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ", ")
                if !trimmed.isEmpty, values[column] == nil { values[column] = trimmed }
            }
            do {
                if monthFirst, let date = values["date_of_birth"] { values["date_of_birth"] = Self.dayFirst(date) }
                let patient = try store.validateRegistration(try Self.patient(from: values))
                let id = patient.legacyID!
                if let first = seenIDs[id] {
                    throw ValidationError("id", "'\(Quote.excerpt(id))' is also on line \(first)")
                }
                seenIDs[id] = startLine
                rows.append(patient)
            } catch StoreError.invalid(let error) {
                report.badRows.append(BadRow(line: startLine, reason: error.description))
            } catch let error as ValidationError {
                report.badRows.append(BadRow(line: startLine, reason: error.description))
            }
        }
        return (rows, ignored)
    }

    /// Refuses a column the import reads that two headers give: the first would win silently.
    static func refuseDuplicates(header: [String], columns: [String], reading: Set<String>) throws {
        var seen: [String: String] = [:]
        for (name, column) in zip(header, columns) where reading.contains(column) {
            if let first = seen[column] { throw ImportError.duplicateColumn(column, headers: [first, name]) }
            seen[column] = name
        }
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
