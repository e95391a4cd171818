// A patient's visits (encounters), newest first, as the patient summary lists them.
import FrontDeskCore
import GRDB

/// One visit with the service and token it was seen under.
public struct VisitListing: Sendable, Equatable {
    public let encounterID: String
    public let day: String
    public let kind: String
    public let status: Encounter.Status
    public let serviceCode: String?
    public let token: String?
}

extension QueueStore {
    public func visits(ofPatient patientID: String, limit: Int = 10) throws -> [VisitListing] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.encounter_id, e.day, e.kind, e.status, s.code, q.token FROM encounters e
                LEFT JOIN services s ON s.service_id = e.service_id
                LEFT JOIN queue_entries q ON q.encounter_id = e.encounter_id
                WHERE e.patient_id = ? ORDER BY e.started_at DESC LIMIT ?
                """, arguments: [patientID, limit]).map { row in
                VisitListing(encounterID: row["encounter_id"], day: row["day"], kind: row["kind"],
                             status: Encounter.Status(rawValue: row["status"]) ?? .open, serviceCode: row["code"],
                             token: row["token"])
            }
        }
    }
}

extension QueueStore {
    /// The patient an MRN opens (a merged record's MRN opens its survivor); nil when none has it.
    public func patientID(mrn rawMRN: String) throws -> String? {
        let mrn = rawMRN.trimmingCharacters(in: .whitespaces).uppercased()
        return try read { db in
            if let merged = try String.fetchOne(db, sql: "SELECT survivor_patient_id FROM patient_merges WHERE merged_mrn = ?",
                                                arguments: [mrn]) { return merged }
            return try String.fetchOne(db, sql: "SELECT patient_id FROM patients WHERE mrn = ? AND merged_into IS NULL", arguments: [mrn])
        }
    }
}
