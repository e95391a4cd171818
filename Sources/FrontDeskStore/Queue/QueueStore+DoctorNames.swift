// Doctors by name or key: one display name per doctor, and a lookup that never picks one of two silently.
import Foundation
import FrontDeskCore
import GRDB

extension QueueStore {
    /// Renames a doctor; refused when another active doctor has that name. Needs `facility.manage`.
    @discardableResult
    public func renameDoctor(_ doctorID: String, to rawName: String, by actor: Actor) throws -> Doctor {
        let name: String
        do { name = try Validate.name(rawName, field: "doctor's name") } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageFacility, action: "set up doctors", by: actor) { tx in
            var doctor = try Self.doctor(doctorID, db: tx.db)
            try Self.checkDoctorNameFree(name, excluding: doctorID, db: tx.db)
            doctor.name = name
            doctor.updatedAt = tx.now
            doctor.updatedBy = tx.actor.userID
            try tx.update(doctor, kind: QueueKind.doctorRenamed)
            return doctor
        }
    }

    /// The one active doctor `text` names: their id, their account's username, their whole name
    /// (case, accents and punctuation aside), or a part of the name only one of them has. Several
    /// matches are refused with each candidate and the key that picks it.
    public func doctor(matching text: String) throws -> Doctor {
        try read { db in
            let doctors = try Doctor.filter(sql: "active = 1").order(sql: "name").fetchAll(db)
            let usernames = try Self.doctorUsernames(db)
            let key = text.trimmingCharacters(in: .whitespaces)
            if let byID = doctors.first(where: { $0.doctorID == key.lowercased() }) { return byID }
            if let byUser = doctors.first(where: { $0.userID.flatMap { usernames[$0] } == key.lowercased() }) { return byUser }
            let wanted = Self.doctorNameKey(key)
            let whole = doctors.filter { Self.doctorNameKey($0.name) == wanted }
            let matches = whole.isEmpty && !wanted.isEmpty
                ? doctors.filter { Self.doctorNameKey($0.name).contains(wanted) } : whole
            guard matches.count == 1 else {
                if matches.isEmpty {
                    throw StoreError.invalid(ValidationError("doctor", "no doctor matches '\(Quote.excerpt(text))' (see `frontdesk doctors list`)"))
                }
                let services = try Dictionary(uniqueKeysWithValues: Service.fetchAll(db).map { ($0.serviceID, $0.code) })
                let listed = matches.map { d in
                    "\(d.name) (\(services[d.serviceID] ?? "?"); --doctor \(d.userID.flatMap { usernames[$0] } ?? d.doctorID))"
                }
                throw StoreError.invalid(ValidationError("doctor", "'\(Quote.excerpt(text))' matches \(matches.count) doctors: \(Quote.list(listed)); pick one by its --doctor key"))
            }
            return matches[0]
        }
    }

    /// The key that picks `doctor` on the command line: their username, else their id.
    public func doctorKey(_ doctor: Doctor) throws -> String {
        try read { db in try doctor.userID.flatMap { try Self.doctorUsernames(db)[$0] } ?? doctor.doctorID }
    }

    /// Refuses `name` when an active doctor other than `excluding` has the same name, compared
    /// folded (case, accents, punctuation and spacing aside): "Dr. Mwangi" is "dr mwangi".
    static func checkDoctorNameFree(_ name: String, excluding doctorID: String? = nil, db: Database) throws {
        let key = doctorNameKey(name)
        for other in try Doctor.filter(sql: "active = 1").fetchAll(db) where other.doctorID != doctorID && doctorNameKey(other.name) == key {
            let service = try Service.fetchOne(db, key: other.serviceID)?.code ?? "?"
            throw StoreError.invalid(ValidationError(
                "doctor's name",
                "\(other.name) (\(service)\(other.room.map { ", room \($0)" } ?? "")) already has this name; add an initial or a middle name so that the two can be told apart"))
        }
    }

    static func doctorNameKey(_ name: String) -> String { SearchText.tokens(name).joined(separator: " ") }

    static func doctorUsernames(_ db: Database) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT u.user_id, u.username FROM users u JOIN doctors d ON d.user_id = u.user_id") {
            names[row["user_id"]] = row["username"]
        }
        return names
    }
}
