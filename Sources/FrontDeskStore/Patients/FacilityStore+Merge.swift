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
            // Cards with the names they were made from, in one query (the check runs on every save).
            func candidates(_ condition: String, _ arguments: StatementArguments) throws -> [Row] {
                try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT \(PatientLookup.Card.columns(of: "s")), r.first_name, r.last_name
                    FROM patient_search s JOIN patients p ON p.patient_id = s.patient_id
                    JOIN persons r ON r.person_id = p.person_id WHERE \(condition)
                    """), arguments: arguments)
            }
            var rows: [Row] = []
            if let nationalID, !nationalID.isEmpty {
                rows += try candidates("s.national_id = ? LIMIT 50", [nationalID])
            }
            if let phone {
                rows += try candidates("s.phone_reversed = ? LIMIT 200", [PatientSearchIndex.reversedDigits(phone)])
            }
            if let dob {
                let estimated = new.dobEstimated
                let from = estimated ? CalendarDay(year: dob.year - 1, month: 1, day: 1)! : dob
                let to = estimated ? CalendarDay(year: dob.year + 1, month: 12, day: 31)! : dob
                rows += try candidates("s.dob BETWEEN ? AND ? LIMIT 2000", [from.description, to.description])
                if !estimated {
                    // A record whose own birth date was estimated may be a year or so off.
                    rows += try candidates("s.dob BETWEEN ? AND ? AND s.dob_estimated = 1 LIMIT 2000",
                                           ["\(dob.year - 1)-01-01", "\(dob.year + 1)-12-31"])
                }
            }
            var seen = Set<String>()
            var hits: [PatientHit] = []
            for row in rows {
                let card = PatientLookup.Card(row: row)
                guard card.opens == card.patientID, card.patientID != patientID, !seen.contains(card.patientID) else { continue }
                let (firstName, lastName): (String, String) = (row["first_name"], row["last_name"])
                let sameID = nationalID != nil && card.nationalID == nationalID
                let similar = NameSimilarity.isSimilar(first: new.firstName, last: new.lastName,
                                                       first: firstName, last: lastName)
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
    /// record stays, marked `merged_into`; each desk's merge step moves what is its own to the
    /// survivor (contacts, allergies, policies; booked appointments and visits; open charges;
    /// unpaid invoices and money on account); its MRN still finds the survivor.
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
                mergedMRN: merged.mrn, reason: why, createdAt: tx.now, createdBy: tx.actor.userID), kind: PatientKind.patientMerged)
            merged.mergedInto = survivor.patientID
            merged.updatedAt = tx.now
            merged.updatedBy = tx.actor.userID
            try tx.update(merged, kind: PatientKind.patientMergedAway)

            // Each desk moves what is its own (PatientMergeSteps.swift: one list).
            for step in Self.mergeSteps { try step.run(mergedID, survivorID, tx) }
            // Every card that opened the merged record (its own, and any merged into it before) opens the survivor.
            try tx.db.execute(sql: "UPDATE patient_search SET opens_patient_id = ? WHERE opens_patient_id = ?",
                              arguments: [survivorID, mergedID])
        }
    }
}
