// Keeps the lookup index (patient_search cards and the FTS5 name index) true to persons and patients.
import FrontDeskCore
import GRDB

/// The derived lookup index. Every write that changes what finds a patient calls `write`
/// inside its own transaction, so the index commits or rolls back with the change.
enum PatientSearchIndex {
    /// "Okafor, Amina Chidi": family name first, as desks read lists.
    static func displayName(first: String, middle: String?, last: String) -> String {
        last + ", " + [first, middle].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The digits of an MRN, reversed, so "ends with 4567" is a range on an index.
    static func reversedDigits(_ text: String) -> String {
        String(text.filter { $0.isASCII && $0.isNumber }.reversed())
    }

    /// Writes the card of `patient` (found as itself, opening `opens`, the survivor after a merge).
    /// `isNew`: the patient was registered in this transaction, so there is no card to replace.
    static func write(person: Person, patient: Patient, db: Database, isNew: Bool = false) throws {
        let opens = try survivor(of: patient, db: db)
        // The family name is folded once and its terms reused for the whole name's.
        let family = SearchText.nameTerms(person.lastName)
        var seen = Set(family)
        let given = SearchText.nameTerms([person.firstName, person.middleName].compactMap { $0 }.joined(separator: " "))
        let terms = (given.filter { seen.insert($0).inserted } + family).joined(separator: " ")
        let familyTerms = family.joined(separator: " ")
        let phoneReversed = person.phone.map(reversedDigits)
        let nationalID = person.nationalID.map { SearchText.fold($0).filter { $0.isLetter || $0.isNumber } }
        let display = displayName(first: person.firstName, middle: person.middleName, last: person.lastName)

        if !isNew, let old = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT card_id, terms FROM patient_search WHERE patient_id = ?"),
            arguments: [patient.patientID])
        {
            let cardID: Int64 = old["card_id"]
            let oldTerms: String = old["terms"]
            if oldTerms != terms {
                try db.cachedStatement(sql: """
                    INSERT INTO patient_name_index (patient_name_index, rowid, terms) VALUES ('delete', ?, ?)
                    """).execute(arguments: [cardID, oldTerms])
                try db.cachedStatement(sql: "INSERT INTO patient_name_index (rowid, terms) VALUES (?, ?)")
                    .execute(arguments: [cardID, terms])
            }
            try db.cachedStatement(sql: """
                UPDATE patient_search SET opens_patient_id = ?, terms = ?, family_terms = ?, display_name = ?,
                  sex = ?, dob = ?, dob_estimated = ?, phone = ?, phone_reversed = ?, mrn = ?, mrn_reversed = ?,
                  national_id = ?
                WHERE card_id = ?
                """).execute(arguments: [
                    opens, terms, familyTerms, display, person.sex, person.dob, person.dobEstimated, person.phone,
                    phoneReversed, patient.mrn.uppercased(), reversedDigits(patient.mrn), nationalID, cardID,
                ])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO patient_search (patient_id, opens_patient_id, terms, family_terms, display_name, sex, dob,
                  dob_estimated, phone, phone_reversed, mrn, mrn_reversed, national_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    patient.patientID, opens, terms, familyTerms, display, person.sex, person.dob, person.dobEstimated,
                    person.phone, phoneReversed, patient.mrn.uppercased(), reversedDigits(patient.mrn), nationalID,
                ])
            try db.cachedStatement(sql: "INSERT INTO patient_name_index (rowid, terms) VALUES (?, ?)")
                .execute(arguments: [db.lastInsertedRowID, terms])
        }
    }

    /// Rewrites the card of one patient from the stored rows.
    static func refresh(patientID: String, db: Database) throws {
        guard let patient = try Patient.fetchOne(db, key: patientID),
            let person = try Person.fetchOne(db, key: patient.personID)
        else { return }
        try write(person: person, patient: patient, db: db)
    }

    /// Throws the whole index away and indexes every patient again, oldest first.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM patient_search")
        try db.execute(sql: "INSERT INTO patient_name_index (patient_name_index) VALUES ('delete-all')")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.*, r.first_name, r.middle_name, r.last_name, r.dob, r.dob_estimated, r.sex, r.phone,
                   r.email, r.address, r.national_id, r.created_at AS person_created_at
            FROM patients p JOIN persons r USING (person_id)
            WHERE p.deleted_at IS NULL ORDER BY p.created_at, p.mrn
            """)
        while let row = try rows.next() {
            let patient = try Patient(row: row)
            let person = Person(
                personID: patient.personID, firstName: row["first_name"], lastName: row["last_name"],
                middleName: row["middle_name"], dob: row["dob"], dobEstimated: row["dob_estimated"], sex: row["sex"],
                phone: row["phone"], email: row["email"], address: row["address"], nationalID: row["national_id"],
                createdAt: row["person_created_at"], updatedAt: "", createdBy: nil, updatedBy: nil, deletedAt: nil)
            try write(person: person, patient: patient, db: db)
        }
    }

    /// The record a patient's card opens: itself, or the end of its chain of merges.
    static func survivor(of patient: Patient, db: Database) throws -> String {
        var current = patient.patientID
        var next = patient.mergedInto
        var hops = 0
        while let id = next, hops < 32 {
            current = id
            next = try String.fetchOne(db.cachedStatement(sql: "SELECT merged_into FROM patients WHERE patient_id = ?"),
                                       arguments: [id])
            hops += 1
        }
        return current
    }
}
