// Admit, give a bed, transfer, swap and unassign: each one transaction through the one write path.
import Foundation
import FrontDeskCore
import GRDB

/// What a nurse fills in to admit a patient.
public struct NewAdmission: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case inpatient, dayCase = "day_case" }

    public var patientID: String
    public var kind: Kind
    public var reason: String
    public var attendingDoctorID: String?
    public var diagnosis: String
    /// Days; empty when not known.
    public var expectedDays: String
    /// Nil: admitted without a bed (waiting for one, or a day case in a chair).
    public var bedID: String?

    public init(patientID: String, kind: Kind = .inpatient, reason: String, attendingDoctorID: String? = nil,
                diagnosis: String = "", expectedDays: String = "", bedID: String? = nil) {
        self.patientID = patientID
        self.kind = kind
        self.reason = reason
        self.attendingDoctorID = attendingDoctorID
        self.diagnosis = diagnosis
        self.expectedDays = expectedDays
        self.bedID = bedID
    }
}

/// An admission made, and the bed it was given (if any), named as messages name it (`A A3`).
public struct Admitted: Sendable, Equatable {
    public let admission: Admission
    public let bedName: String?
}

extension BedsStore {
    /// Admits a patient: the inpatient (or day-case) encounter, the admission and, with a bed, its
    /// allocation, in one transaction. The bed must be free, or reserved for this patient. Needs `beds.allocate`.
    public func admit(_ new: NewAdmission, by actor: Actor) throws -> Admitted {
        let reason = try FacilityStore.reason(new.reason, field: "reason")
        let diagnosis = try Self.optionalText(new.diagnosis, field: "diagnosis")
        let expected = try Self.expectedDays(new.expectedDays)
        return try perform(.allocateBeds, action: "admit patients", by: actor) { tx in
            let patient = try FacilityStore.livePatient(new.patientID, db: tx.db)
            if let open = try Self.openAdmission(patientID: patient.patientID, db: tx.db) {
                throw StoreError.invalid(ValidationError("patient", "\(patient.mrn) is already admitted (since \(try Self.localText(open.admittedAt, db: tx.db))); transfer or discharge instead"))
            }
            if let doctorID = new.attendingDoctorID {
                guard try Int.fetchOne(tx.db, sql: "SELECT 1 FROM doctors WHERE doctor_id = ? AND active = 1", arguments: [doctorID]) != nil else {
                    throw StoreError.invalid(ValidationError("doctor", "no such doctor"))
                }
            }
            let today = try tx.localNow().day
            let encounter = Encounter(
                encounterID: Identifier.make(), patientID: patient.patientID, kind: new.kind.rawValue, serviceID: nil,
                doctorID: new.attendingDoctorID, day: today.description, status: .open, startedAt: tx.now, endedAt: nil,
                createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(encounter, kind: QueueKind.encounterOpened)
            let admission = Admission(
                admissionID: Identifier.make(), encounterID: encounter.encounterID, patientID: patient.patientID,
                admittedAt: tx.now, attendingDoctorID: new.attendingDoctorID, reason: reason, diagnosis: diagnosis,
                expectedDays: expected, dischargedAt: nil, disposition: nil, dischargeNote: nil, clearance: nil, clearedBy: nil,
                clearanceReason: nil, balanceAtDischargeMinor: nil, createdAt: tx.now, updatedAt: tx.now,
                createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(admission, kind: BedsKind.admissionOpened)
            var bedName: String?
            if let bedID = new.bedID {
                bedName = try Self.allocate(bedID, to: admission, reason: nil, tx: tx)
            }
            return Admitted(admission: admission, bedName: bedName)
        }
    }

    /// Gives an admitted patient a bed: the first one (from the waiting list), or another one (a transfer:
    /// a reason is needed, and the bed left goes to cleaning). Needs `beds.allocate`.
    @discardableResult
    public func moveToBed(admissionID: String, bedID: String, reason rawReason: String = "", by actor: Actor) throws -> String {
        let reason = try Self.optionalText(rawReason, field: "reason")
        return try perform(.allocateBeds, action: "allocate beds", by: actor) { tx in
            let admission = try Self.openAdmission(admissionID, db: tx.db)
            if let current = try Self.openAllocation(admissionID: admissionID, db: tx.db) {
                guard current.bedID != bedID else {
                    throw StoreError.invalid(ValidationError("bed", "the patient is already in \(try Self.bedName(Self.bed(bedID, db: tx.db), db: tx.db))"))
                }
                guard reason != nil else { throw StoreError.invalid(ValidationError("reason", "say why the patient moves")) }
                try Self.release(current, because: .transfer, tx: tx)
            }
            return try Self.allocate(bedID, to: admission, reason: reason, tx: tx)
        }
    }

    /// Swaps the beds of two admitted patients in one step; neither bed goes to cleaning. Needs `beds.allocate`.
    public func swapBeds(_ firstAdmissionID: String, _ secondAdmissionID: String, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason, field: "reason")
        try perform(.allocateBeds, action: "allocate beds", by: actor) { tx in
            guard firstAdmissionID != secondAdmissionID else {
                throw StoreError.invalid(ValidationError("patient", "choose two different patients"))
            }
            let first = try Self.openAdmission(firstAdmissionID, db: tx.db)
            let second = try Self.openAdmission(secondAdmissionID, db: tx.db)
            guard let a = try Self.openAllocation(admissionID: first.admissionID, db: tx.db),
                let b = try Self.openAllocation(admissionID: second.admissionID, db: tx.db)
            else { throw StoreError.invalid(ValidationError("patient", "both patients must be in a bed to swap")) }
            try Self.end(a, because: .swap, tx: tx)
            try Self.end(b, because: .swap, tx: tx)
            try Self.open(bedID: b.bedID, admissionID: first.admissionID, reason: reason, tx: tx)
            try Self.open(bedID: a.bedID, admissionID: second.admissionID, reason: reason, tx: tx)
        }
    }

    /// Takes an admitted patient out of their bed without another (back on the waiting list); the bed
    /// goes to cleaning. Needs `beds.allocate`.
    public func unassignBed(admissionID: String, by actor: Actor) throws {
        try perform(.allocateBeds, action: "allocate beds", by: actor) { tx in
            _ = try Self.openAdmission(admissionID, db: tx.db)
            guard let current = try Self.openAllocation(admissionID: admissionID, db: tx.db) else {
                throw StoreError.invalid(ValidationError("bed", "the patient has no bed"))
            }
            try Self.release(current, because: .unassigned, tx: tx)
        }
    }

    // MARK: Rules inside a transaction

    static func openAdmission(_ admissionID: String, db: Database) throws -> Admission {
        let admission = try admission(admissionID, db: db)
        guard admission.dischargedAt == nil else {
            throw StoreError.invalid(ValidationError("admission", "the patient was discharged on \(try localText(admission.dischargedAt!, db: db))"))
        }
        return admission
    }

    /// Puts `admission` in the bed, if the bed takes it now; returns the bed's name.
    static func allocate(_ bedID: String, to admission: Admission, reason: String?, tx: BusinessTransaction) throws -> String {
        var bed = try bed(bedID, db: tx.db)
        let name = try bedName(bed, db: tx.db)
        try requireAvailable(bed, name: name, for: admission.patientID, tx: tx)
        if bed.state == .reserved {  // for this patient, or run out: either way it ends now
            bed.state = .free
            bed.reservedFor = nil
            bed.reservedUntil = nil
            bed.stateReason = nil
            bed.stateChangedAt = tx.now
            try tx.update(bed, kind: BedsKind.bedReservationEnded)
        }
        try open(bedID: bed.bedID, admissionID: admission.admissionID, reason: reason, tx: tx)
        return name
    }

    /// Refuses a bed that cannot take `patientID` now, saying who or what holds it.
    static func requireAvailable(_ bed: Bed, name: String, for patientID: String, tx: BusinessTransaction) throws {
        guard bed.retiredAt == nil else { throw StoreError.invalid(ValidationError("bed", "\(name) is retired")) }
        if let holder = try openAllocation(bedID: bed.bedID, db: tx.db) {
            let who = try String.fetchOne(tx.db, sql: """
                SELECT p.mrn FROM admissions a JOIN patients p ON p.patient_id = a.patient_id WHERE a.admission_id = ?
                """, arguments: [holder.admissionID]) ?? "another patient"
            throw StoreError.invalid(ValidationError("bed", "\(name) was taken by \(who) at \(try localText(holder.startAt, db: tx.db)); choose another bed"))
        }
        switch bed.state {
        case .free: return
        case .reserved:
            if bed.reservedFor == patientID || isExpired(bed, now: tx.now) { return }
            let whom = try String.fetchOne(tx.db, sql: "SELECT mrn FROM patients WHERE patient_id = ?", arguments: [bed.reservedFor]) ?? "another patient"
            throw StoreError.invalid(ValidationError("bed", "\(name) is reserved for \(whom) until \(try localText(bed.reservedUntil!, db: tx.db))"))
        case .cleaning: throw StoreError.invalid(ValidationError("bed", "\(name) needs cleaning first"))
        case .blocked: throw StoreError.invalid(ValidationError("bed", "\(name) is blocked (\(bed.stateReason ?? "no reason given"))"))
        }
    }

    static func open(bedID: String, admissionID: String, reason: String?, tx: BusinessTransaction) throws {
        try tx.insert(BedAllocation(
            allocationID: Identifier.make(), admissionID: admissionID, bedID: bedID, startAt: tx.now, endAt: nil, endReason: nil,
            reason: reason, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID),
                      kind: BedsKind.bedAllocated)
    }

    static func end(_ allocation: BedAllocation, because reason: AllocationEnd, at instant: String? = nil,
                    tx: BusinessTransaction) throws {
        var ended = allocation
        ended.endAt = instant ?? tx.now
        ended.endReason = reason
        try tx.update(ended, kind: BedsKind.bedReleased)
    }

    /// Ends the allocation and sends its bed to cleaning.
    static func release(_ allocation: BedAllocation, because reason: AllocationEnd, at instant: String? = nil,
                        tx: BusinessTransaction) throws {
        try end(allocation, because: reason, at: instant, tx: tx)
        var bed = try bed(allocation.bedID, db: tx.db)
        bed.state = .cleaning
        bed.stateReason = nil
        bed.reservedFor = nil
        bed.reservedUntil = nil
        bed.stateChangedAt = tx.now
        try tx.update(bed, kind: BedsKind.bedToCleaning)
    }

    // MARK: Input

    static func optionalText(_ raw: String, field: String) throws -> String? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : try FacilityStore.reason(text, field: field)
    }

    static func expectedDays(_ raw: String) throws -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let days = Int(text), (1...365).contains(days) else {
            throw StoreError.invalid(ValidationError("expected stay", "give whole days, 1 to 365"))
        }
        return days
    }

    /// An instant as the facility's wall clock: `2026-12-03 14:05`.
    static func localText(_ timestamp: String, db: Database) throws -> String {
        guard let date = Timestamp.date(timestamp) else { return timestamp }
        return LocalMoment(date, in: try FacilityStore.timeZone(db)).description
    }
}
