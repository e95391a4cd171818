// Registering and editing patients: person and patient rows, contacts, allergies and insurance,
// with a gap-free MRN in the facility's format and the lookup index kept in the same transaction.
import Foundation
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// The MRN for sequence number `n` in the standard format (`MR00000018`).
    public static func mrn(for n: Int64) -> String {
        MRNFormat.standard.mrn(sequence: n, year: 0)
    }

    /// `new` checked and normalised as registration would (phone in E.164, names trimmed), or
    /// the first problem as `StoreError.invalid`; nothing is written.
    public func validateRegistration(_ new: NewPatient) throws -> NewPatient {
        let checker = try PatientValidator(today: today(), countryCode: phoneCountryCode())
        return try checker.invalidAsStoreError { try checker.validated(new) }
    }

    /// Registers one patient; needs `patients.register`.
    @discardableResult
    public func registerPatient(_ new: NewPatient, by actor: Actor) throws -> RegisteredPatient {
        try registerPatients([new], by: actor)[0]
    }

    /// Registers several patients in one transaction (the demo, benchmarks): all or none.
    /// A registration fee in the schedule is posted as a charge with each patient.
    /// At most `registrationBatchLimit` at a time: a transaction travels whole in one push.
    /// The most patients one `registerPatients` call may take: each ledgers its patient and, with a fee in
    /// the schedule, its charge, and one transaction must fit in one push (500 entries).
    public static let registrationBatchLimit = 200

    public func registerPatients(_ batch: [NewPatient], by actor: Actor) throws -> [RegisteredPatient] {
        try register(batch, permission: .registerPatient, action: "register patients", chargeFee: true, by: actor)
    }

    /// Imports a batch from a legacy system in one transaction; needs `patients.import`. Rows whose
    /// legacy id is already stored are skipped, so an import run again imports nothing twice.
    public func importPatients(_ batch: [NewPatient], by actor: Actor) throws -> (imported: Int, alreadyThere: Int) {
        let withIDs = batch.filter { $0.legacyID != nil }
        guard withIDs.count == batch.count else {
            throw StoreError.invalid(ValidationError("legacy id", "every imported row needs its legacy id"))
        }
        var skipped = 0
        // Patients moved from a legacy system were registered (and charged) there: no fee here.
        let imported = try register(batch, permission: .importPatients, action: "import patients", chargeFee: false,
                                    by: actor) { db, new in
            let stored = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM patients WHERE facility_id = (SELECT facility_id FROM store_info) AND legacy_id = ?
                """), arguments: [new.legacyID]) == true
            if stored { skipped += 1 }
            return !stored
        }
        return (imported.count, skipped)
    }

    private func register(
        _ batch: [NewPatient], permission: Permission, action: String, chargeFee: Bool, by actor: Actor,
        keep: (Database, NewPatient) throws -> Bool = { _, _ in true }
    ) throws -> [RegisteredPatient] {
        try perform(permission, action: action, by: actor) { tx in
            // Checked inside the transaction: the settings it reads are the ones it commits under,
            // and a registration costs one round of locking, not two.
            let today = try tx.localNow().day
            let checker = try PatientValidator(today: today, countryCode: String.fetchOne(
                tx.db.cachedStatement(sql: "SELECT value FROM settings WHERE key = 'phone_country_code'")))
            let checked = try batch.map { new in try checker.invalidAsStoreError { try checker.validated(new) } }
                .filter { try keep(tx.db, $0) }
            let format = try Self.mrnFormat(in: tx.db)
            let year = today.year
            let fee = chargeFee ? try Self.fee(code: Self.registrationFeeCode, on: today, db: tx.db).flatMap {
                $0.amountMinor > 0 ? $0 : nil
            } : nil
            return try checked.map { new in
                let person = Person(
                    personID: Identifier.make(), firstName: new.firstName, lastName: new.lastName,
                    middleName: new.middleName, dob: new.dob, dobEstimated: new.dobEstimated, sex: new.sex,
                    phone: new.phone, email: new.email, address: new.address, nationalID: new.nationalID,
                    createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID,
                    deletedAt: nil)
                let sequence = try tx.nextNumber(format.includesYear ? "mrn-\(year)" : "mrn")
                let patient = Patient(
                    patientID: Identifier.make(), personID: person.personID, facilityID: tx.identity.facilityID,
                    mrn: format.mrn(sequence: sequence, year: year), legacyID: new.legacyID, createdAt: tx.now,
                    updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID, deletedAt: nil,
                    mergedInto: nil, status: new.status, bloodType: new.bloodType,
                    chronicConditions: new.chronicConditions, currentMedications: new.currentMedications)
                try tx.insert(person, patient, kind: PatientKind.patientRegistered)
                for contact in new.contacts { try Self.insertContact(contact, patientID: patient.patientID, tx: tx) }
                for allergy in new.allergies { try Self.insertAllergy(allergy, patientID: patient.patientID, tx: tx) }
                for policy in new.policies { try Self.insertPolicy(policy, patientID: patient.patientID, tx: tx) }
                try PatientSearchIndex.write(person: person, patient: patient, db: tx.db, isNew: true)
                let charge = try fee.map { try Self.postCharge($0, patientID: patient.patientID, source: "registration", tx: tx) }
                return RegisteredPatient(patientID: patient.patientID, mrn: patient.mrn, firstName: person.firstName,
                                         lastName: person.lastName, registrationCharge: charge?.amountMinor)
            }
        }
    }

    /// Saves new details of a registered patient (names, sex, birth date, phone, …); needs
    /// `patients.edit`. Contacts, allergies and policies are changed one by one.
    public func updatePatient(_ patientID: String, with details: NewPatient, by actor: Actor) throws {
        let checker = try PatientValidator(today: today(), countryCode: phoneCountryCode())
        let new = try checker.invalidAsStoreError { try checker.validated(details) }
        try perform(.editPatient, action: "edit patients", by: actor) { tx in
            var patient = try Self.livePatient(patientID, db: tx.db)
            guard var person = try Person.fetchOne(tx.db, key: patient.personID) else {
                throw StoreError.storageFailure("patient \(patientID) has no person row")
            }
            let before = (person, patient)
            person.firstName = new.firstName
            person.middleName = new.middleName
            person.lastName = new.lastName
            person.sex = new.sex
            person.dob = new.dob
            person.dobEstimated = new.dobEstimated
            person.phone = new.phone
            person.email = new.email
            person.address = new.address
            person.nationalID = new.nationalID
            patient.status = new.status
            patient.bloodType = new.bloodType
            patient.chronicConditions = new.chronicConditions
            patient.currentMedications = new.currentMedications
            if person != before.0 {
                person.updatedAt = tx.now
                person.updatedBy = tx.actor.userID
                try tx.update(person, kind: PatientKind.personUpdated)
            }
            if patient != before.1 {
                patient.updatedAt = tx.now
                patient.updatedBy = tx.actor.userID
                try tx.update(patient, kind: PatientKind.patientUpdated)
            }
            try PatientSearchIndex.write(person: person, patient: patient, db: tx.db)
        }
    }

    /// Adds a contact (next of kin, emergency, guardian); needs `patients.edit`.
    public func addContact(_ contact: NewContact, to patientID: String, by actor: Actor) throws {
        try addDetail(contact, to: patientID, by: actor, validate: { try $0.validated($1) }, insert: Self.insertContact)
    }

    /// Adds an allergy; needs `allergies.record` (nurses and doctors too, who may not edit the rest).
    public func addAllergy(_ allergy: NewAllergy, to patientID: String, by actor: Actor) throws {
        try addDetail(allergy, to: patientID, permission: .recordAllergies, action: "record allergies", by: actor,
                      validate: { try $0.validated($1) }, insert: Self.insertAllergy)
    }

    /// Adds an insurance policy; a second primary is refused; needs `patients.edit`.
    public func addPolicy(_ policy: NewPolicy, to patientID: String, by actor: Actor) throws {
        try addDetail(policy, to: patientID, by: actor, validate: { try $0.validated($1) }, insert: Self.insertPolicy)
    }

    /// Checks a detail, then inserts it for a live patient in one transaction.
    private func addDetail<Detail>(
        _ detail: Detail, to patientID: String, permission: Permission = .editPatient, action: String = "edit patients",
        by actor: Actor,
        validate: (PatientValidator, Detail) throws -> Detail,
        insert: (Detail, String, BusinessTransaction) throws -> Void
    ) throws {
        let checker = try PatientValidator(today: today(), countryCode: phoneCountryCode())
        let checked = try checker.invalidAsStoreError { try validate(checker, detail) }
        try perform(permission, action: action, by: actor) { tx in
            _ = try Self.livePatient(patientID, db: tx.db)
            try insert(checked, patientID, tx)
        }
    }

    /// Marks a contact, allergy or policy as removed (the row stays, with `deleted_at`); needs `patients.edit`.
    public func removeDetail(_ detail: PatientDetailKey, by actor: Actor) throws {
        try perform(.editPatient, action: "edit patients", by: actor) { tx in
            switch detail {
            case .contact(let id): try Self.remove(PatientContact.self, id: id, tx: tx)
            case .allergy(let id): try Self.remove(PatientAllergy.self, id: id, tx: tx)
            case .policy(let id): try Self.remove(InsurancePolicy.self, id: id, tx: tx)
            }
        }
    }

    private static func remove<R: PatientDetailRecord>(_ type: R.Type, id: String, tx: BusinessTransaction) throws {
        guard var row = try R.fetchOne(tx.db, key: id), row.deletedAt == nil else {
            throw StoreError.invalid(ValidationError(R.noun, "is already removed or does not exist"))
        }
        row.deletedAt = tx.now
        row.updatedAt = tx.now
        row.updatedBy = tx.actor.userID
        try tx.update(row, kind: R.removedKind)
    }

    /// Moves a merged record's live rows of `type` to the survivor; `adjust` may change each first.
    static func moveDetails<R: PatientDetailRecord>(
        _ type: R.Type, from mergedID: String, to survivorID: String, tx: BusinessTransaction,
        adjust: (inout R) -> Void = { _ in }
    ) throws {
        for var row in try R.filter(sql: "patient_id = ? AND deleted_at IS NULL", arguments: [mergedID]).fetchAll(tx.db) {
            row.patientID = survivorID
            adjust(&row)
            row.updatedAt = tx.now
            row.updatedBy = tx.actor.userID
            try tx.update(row, kind: R.movedKind)
        }
    }

    /// A patient's whole record, or nil when there is no such patient. A merged record's id
    /// gives its survivor.
    public func patientRecord(_ patientID: String) throws -> PatientRecord? {
        try read { db in
            guard var patient = try Patient.fetchOne(db, key: patientID) else { return nil }
            var hops = 0
            while let survivor = patient.mergedInto, hops < 32, let next = try Patient.fetchOne(db, key: survivor) {
                patient = next
                hops += 1
            }
            guard let person = try Person.fetchOne(db, key: patient.personID) else { return nil }
            let live = "patient_id = ? AND deleted_at IS NULL"
            return PatientRecord(
                patient: patient, person: person,
                contacts: try PatientContact.filter(sql: live, arguments: [patient.patientID]).order(sql: "created_at, name").fetchAll(db),
                allergies: try PatientAllergy.filter(sql: live, arguments: [patient.patientID]).order(sql: "created_at, substance")
                    .fetchAll(db),
                policies: try InsurancePolicy.filter(sql: live, arguments: [patient.patientID])
                    .order(sql: "priority, valid_from DESC").fetchAll(db),
                mergedMRNs: try String.fetchAll(db, sql: """
                    SELECT mrn FROM patient_search WHERE opens_patient_id = ? AND patient_id <> ? ORDER BY mrn
                    """, arguments: [patient.patientID, patient.patientID]))
        }
    }

    /// Number of patients registered (not deleted, not merged away).
    /// The first `limit` live patients in order of registration (the demo admits some of them).
    public func patientIDs(registeredFirst limit: Int) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT patient_id FROM patients WHERE deleted_at IS NULL AND merged_into IS NULL ORDER BY created_at, patient_id LIMIT ?
                """, arguments: [limit])
        }
    }

    public func patientCount() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM patients WHERE deleted_at IS NULL AND merged_into IS NULL") ?? 0
        }
    }

    // MARK: - Inside the transaction

    static func mrnFormat(in db: Database) throws -> MRNFormat {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT key, value FROM settings WHERE key IN ('mrn_prefix', 'mrn_includes_year', 'mrn_sequence_digits')
            """))
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as String, $0["value"] as String) })
        guard let prefix = values["mrn_prefix"], let digits = values["mrn_sequence_digits"].flatMap({ Int($0) }) else {
            return .standard
        }
        return MRNFormat(prefix: prefix, includesYear: values["mrn_includes_year"] == "1", sequenceDigits: digits)
    }

    static func livePatient(_ patientID: String, db: Database) throws -> Patient {
        // A cached statement: every desk's write checks its patient, and building the query each time was a third of a dispense's CPU.
        guard let patient = try Patient.fetchOne(db.cachedStatement(sql: "SELECT * FROM patients WHERE patient_id = ?"), arguments: [patientID]),
            patient.deletedAt == nil else {
            throw StoreError.invalid(ValidationError("patient", "no such patient"))
        }
        guard patient.mergedInto == nil else {
            throw StoreError.invalid(ValidationError("patient", "\(patient.mrn) was merged into another record; open that one"))
        }
        return patient
    }

    static func insertContact(_ c: NewContact, patientID: String, tx: BusinessTransaction) throws {
        if let related = c.relatedPatientID { _ = try livePatient(related, db: tx.db) }
        try tx.insert(PatientContact(
            contactID: Identifier.make(), patientID: patientID, kind: c.kind, name: c.name, relationship: c.relationship,
            phone: c.phone, address: c.address, relatedPatientID: c.relatedPatientID, createdAt: tx.now,
            updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID, deletedAt: nil),
            kind: PatientKind.contactAdded)
    }

    static func insertAllergy(_ a: NewAllergy, patientID: String, tx: BusinessTransaction) throws {
        try tx.insert(PatientAllergy(
            allergyID: Identifier.make(), patientID: patientID, substance: a.substance, reaction: a.reaction,
            severity: a.severity, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
            updatedBy: tx.actor.userID, deletedAt: nil), kind: PatientKind.allergyAdded)
    }

    static func insertPolicy(_ p: NewPolicy, patientID: String, tx: BusinessTransaction) throws {
        if p.priority == .primary,
            try Bool.fetchOne(tx.db, sql: """
                SELECT 1 FROM insurance_policies WHERE patient_id = ? AND priority = 'primary' AND deleted_at IS NULL
                """, arguments: [patientID]) == true
        {
            throw StoreError.invalid(ValidationError(
                "insurance", "the patient already has a primary policy; add this one as secondary or remove the other"))
        }
        if let percent = p.coveragePercent, !(0...100).contains(percent) {
            throw StoreError.invalid(ValidationError("coverage", "must be 0 to 100 percent"))
        }
        if let copay = p.copayMinor, copay < 0 { throw StoreError.invalid(ValidationError("co-pay", "must not be negative")) }
        try tx.insert(InsurancePolicy(
            policyID: Identifier.make(), patientID: patientID, payer: p.payer, policyNumber: p.policyNumber,
            holderName: p.holderName, holderRelationship: p.holderRelationship, priority: p.priority,
            validFrom: p.validFrom, validTo: p.validTo, coveragePercent: p.coveragePercent, copayMinor: p.copayMinor,
            createdAt: tx.now, updatedAt: tx.now,
            createdBy: tx.actor.userID, updatedBy: tx.actor.userID, deletedAt: nil), kind: PatientKind.policyAdded)
    }

    /// Today at the facility (a birth just after local midnight is today's, whatever UTC says).
    func today() throws -> CalendarDay { try localNow().day }
}
