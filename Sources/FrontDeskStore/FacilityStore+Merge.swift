// Duplicate records: the check a desk runs on save, and a supervisor's merge of two records.
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// Registered patients who are likely the same person as `new`: the same national ID, or a
    /// similar name (folded, one typo, same first initial, or first and family swapped) with the
    /// same phone or date of birth (within a year either way when a birth date is estimated).
    /// Never blocks a registration: the desk shows these and the user decides.
    public func likelyDuplicates(of new: NewPatient, excluding patientID: String? = nil) throws -> [PatientHit] {
        let checker = try PatientValidator(today: today(), countryCode: phoneCountryCode())
        let phone = try? checker.phone(new.phone)
        let dob = new.dob.flatMap { try? checker.birthDate($0) }
        let nationalID = new.nationalID.map { SearchText.fold($0).filter { $0.isLetter || $0.isNumber } }
        return try read { db in
            var rows: [Row] = []
            if let nationalID, !nationalID.isEmpty {
                rows += try Row.fetchAll(db, sql: "SELECT \(PatientLookup.Card.columns) FROM patient_search WHERE national_id = ? LIMIT 50",
                                         arguments: [nationalID])
            }
            if let phone {
                rows += try Row.fetchAll(db, sql: """
                    SELECT \(PatientLookup.Card.columns) FROM patient_search WHERE phone_reversed = ? LIMIT 200
                    """, arguments: [PatientSearchIndex.reversedDigits(phone)])
            }
            if let dob {
                let estimated = new.dobEstimated
                let from = estimated ? CalendarDay(year: dob.year - 1, month: 1, day: 1)! : dob
                let to = estimated ? CalendarDay(year: dob.year + 1, month: 12, day: 31)! : dob
                rows += try Row.fetchAll(db, sql: """
                    SELECT \(PatientLookup.Card.columns) FROM patient_search WHERE dob BETWEEN ? AND ? LIMIT 2000
                    """, arguments: [from.description, to.description])
                if !estimated {
                    // A record whose own birth date was estimated may be a year or so off.
                    rows += try Row.fetchAll(db, sql: """
                        SELECT \(PatientLookup.Card.columns) FROM patient_search WHERE dob BETWEEN ? AND ? AND dob_estimated = 1 LIMIT 2000
                        """, arguments: ["\(dob.year - 1)-01-01", "\(dob.year + 1)-12-31"])
                }
            }
            var seen = Set<String>()
            var hits: [PatientHit] = []
            for row in rows {
                let card = PatientLookup.Card(row: row)
                guard card.opens == card.patientID, card.patientID != patientID, !seen.contains(card.patientID),
                    let names = try Row.fetchOne(db, sql: """
                        SELECT r.first_name, r.last_name FROM patients p JOIN persons r USING (person_id) WHERE p.patient_id = ?
                        """, arguments: [card.patientID])
                else { continue }
                let sameID = nationalID != nil && card.nationalID == nationalID
                let similar = NameSimilarity.isSimilar(first: new.firstName, last: new.lastName,
                                                       first: names["first_name"], last: names["last_name"])
                let samePhone = phone != nil && card.phone == phone
                let sameBirth: Bool = {
                    guard let dob, let theirs = card.dob.flatMap({ CalendarDay($0) }) else { return false }
                    if new.dobEstimated || card.dobEstimated { return abs(theirs.year - dob.year) <= 1 }
                    return theirs == dob
                }()
                guard sameID || (similar && (samePhone || sameBirth)) else { continue }
                seen.insert(card.patientID)
                hits.append(PatientHit(
                    patientID: card.patientID, displayName: card.displayName, sex: card.sex, dob: card.dob,
                    dobEstimated: card.dobEstimated, mrn: card.mrn, phone: card.phone, lastVisitAt: card.lastVisitAt,
                    matchedBy: sameID ? .nationalID : (samePhone ? .phone : .dateOfBirth), exact: sameID,
                    foundByMergedMRN: nil))
            }
            return hits
        }
    }

    /// Folds `mergedID` into `survivorID`; needs `patients.merge` (a supervisor). The merged
    /// record stays, marked `merged_into`; its contacts, allergies and policies move to the
    /// survivor (a second primary policy becomes secondary); its MRN still finds the survivor.
    public func mergePatients(survivor survivorID: String, merged mergedID: String, reason: String, by actor: Actor) throws {
        let why: String
        do { why = try Validate.name(reason, field: "reason", maxLength: 500) } catch let e as ValidationError {
            throw StoreError.invalid(e)
        }
        guard survivorID != mergedID else {
            throw StoreError.invalid(ValidationError("merge", "a record cannot be merged into itself"))
        }
        try perform(.mergePatients, action: "merge patient records", by: actor) { tx in
            let survivor = try Self.livePatient(survivorID, db: tx.db)
            var merged = try Self.livePatient(mergedID, db: tx.db)
            try tx.insert(PatientMerge(
                mergeID: Identifier.make(), survivorPatientID: survivor.patientID, mergedPatientID: merged.patientID,
                mergedMRN: merged.mrn, reason: why, createdAt: tx.now, createdBy: tx.actor.userID), kind: "patient.merged")
            merged.mergedInto = survivor.patientID
            merged.updatedAt = tx.now
            merged.updatedBy = tx.actor.userID
            try tx.update(merged, kind: "patient.merged_away")

            let live = "patient_id = ? AND deleted_at IS NULL"
            for var contact in try PatientContact.filter(sql: live, arguments: [mergedID]).fetchAll(tx.db) {
                contact.patientID = survivorID
                contact.updatedAt = tx.now
                contact.updatedBy = tx.actor.userID
                try tx.update(contact, kind: "contact.moved")
            }
            for var allergy in try PatientAllergy.filter(sql: live, arguments: [mergedID]).fetchAll(tx.db) {
                allergy.patientID = survivorID
                allergy.updatedAt = tx.now
                allergy.updatedBy = tx.actor.userID
                try tx.update(allergy, kind: "allergy.moved")
            }
            var survivorHasPrimary = try Bool.fetchOne(tx.db, sql: """
                SELECT 1 FROM insurance_policies WHERE patient_id = ? AND priority = 'primary' AND deleted_at IS NULL
                """, arguments: [survivorID]) ?? false
            for var policy in try InsurancePolicy.filter(sql: live, arguments: [mergedID]).fetchAll(tx.db) {
                policy.patientID = survivorID
                if policy.priority == .primary {
                    if survivorHasPrimary { policy.priority = .secondary } else { survivorHasPrimary = true }
                }
                policy.updatedAt = tx.now
                policy.updatedBy = tx.actor.userID
                try tx.update(policy, kind: "policy.moved")
            }
            // Every card that opened the merged record (its own, and any merged into it before) opens the survivor.
            try tx.db.execute(sql: "UPDATE patient_search SET opens_patient_id = ? WHERE opens_patient_id = ?",
                              arguments: [survivorID, mergedID])
        }
    }
}
