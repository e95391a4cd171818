// Vital signs taken at triage, stored on the visit's encounter.
import FrontDeskCore
import GRDB

extension QueueStore {
    /// Records vital signs on an open encounter; out-of-range values are refused. Needs `vitals.record`.
    public func recordVitals(encounterID: String, _ vitals: VitalSigns, by actor: Actor) throws {
        let checked: VitalSigns
        do {
            checked = try vitals.validated()
            guard !checked.isEmpty else { throw ValidationError("vitals", "enter at least one value") }
        } catch let e as ValidationError { throw StoreError.invalid(e) }
        try perform(.recordVitals, action: "record vital signs", by: actor) { tx in
            guard let encounter = try Encounter.fetchOne(tx.db, key: encounterID) else {
                throw StoreError.invalid(ValidationError("vitals", "no such visit"))
            }
            guard encounter.status == .open else {
                throw StoreError.invalid(ValidationError("vitals", "the visit of \(encounter.day) is \(encounter.status.rawValue)"))
            }
            try tx.insert(VitalSignsRecord(
                vitalsID: Identifier.make(), encounterID: encounterID, patientID: encounter.patientID,
                systolic: checked.systolic, diastolic: checked.diastolic, pulse: checked.pulse,
                temperatureTenths: checked.temperatureTenths, spo2: checked.spo2, respiratoryRate: checked.respiratoryRate,
                weightGrams: checked.weightGrams, heightMm: checked.heightMillimetres, bmiTenths: checked.bmiTenths,
                recordedAt: tx.now, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
                updatedBy: tx.actor.userID), kind: QueueKind.vitalsRecorded)
        }
    }

    /// The latest vital signs recorded on an encounter, with when.
    public func latestVitals(encounterID: String) throws -> (vitals: VitalSigns, recordedAt: String)? {
        try read { db in
            guard let r = try VitalSignsRecord.filter(sql: "encounter_id = ?", arguments: [encounterID])
                .order(sql: "recorded_at DESC").fetchOne(db)
            else { return nil }
            return (VitalSigns(systolic: r.systolic, diastolic: r.diastolic, pulse: r.pulse,
                               temperatureTenths: r.temperatureTenths, spo2: r.spo2, respiratoryRate: r.respiratoryRate,
                               weightGrams: r.weightGrams, heightMillimetres: r.heightMm), r.recordedAt)
        }
    }

    /// A patient's last recorded vital signs, of any visit: what the summary shows, with when.
    public func latestVitals(patientID: String) throws -> (vitals: VitalSigns, recordedAt: String)? {
        try read { db in
            guard let r = try VitalSignsRecord.fetchOne(db, sql: """
                SELECT v.* FROM encounters e JOIN vital_signs v ON v.encounter_id = e.encounter_id
                WHERE e.patient_id = ? ORDER BY v.recorded_at DESC LIMIT 1
                """, arguments: [patientID])
            else { return nil }
            return (VitalSigns(systolic: r.systolic, diastolic: r.diastolic, pulse: r.pulse,
                               temperatureTenths: r.temperatureTenths, spo2: r.spo2, respiratoryRate: r.respiratoryRate,
                               weightGrams: r.weightGrams, heightMillimetres: r.heightMm), r.recordedAt)
        }
    }
}
