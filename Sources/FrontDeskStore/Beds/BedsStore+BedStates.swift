// A bed's own states: reserve for an expected admission, block and unblock, clean after a patient leaves.
import Foundation
import FrontDeskCore
import GRDB

extension BedsStore {
    /// Reserves a free bed for a patient expected to come, until `until` (then it reads as free again).
    /// Needs `beds.allocate`.
    public func reserve(bedID: String, for patientID: String, until: Date, by actor: Actor) throws {
        try perform(.allocateBeds, action: "reserve beds", by: actor) { tx in
            let patient = try FacilityStore.livePatient(patientID, db: tx.db)
            var bed = try Self.bed(bedID, db: tx.db)
            let name = try Self.bedName(bed, db: tx.db)
            guard until > tx.clockNow else { throw StoreError.invalid(ValidationError("until", "must be later than now")) }
            guard until <= tx.clockNow.addingTimeInterval(7 * 86_400) else {
                throw StoreError.invalid(ValidationError("until", "a bed is reserved for at most 7 days"))
            }
            if let other = try String.fetchOne(tx.db, sql: """
                SELECT w.code || ' ' || b.label FROM beds b JOIN wards w ON w.ward_id = b.ward_id
                WHERE b.reserved_for = ? AND b.state = 'reserved' AND b.reserved_until > ? AND b.bed_id <> ?
                """, arguments: [patient.patientID, tx.now, bedID]) {
                throw StoreError.invalid(ValidationError("patient", "\(patient.mrn) already has \(other) reserved; cancel that first"))
            }
            try Self.requireAvailable(bed, name: name, for: "", tx: tx)
            bed.state = .reserved
            bed.reservedFor = patient.patientID
            bed.reservedUntil = Timestamp.string(until)
            bed.stateReason = nil
            bed.stateChangedAt = tx.now
            try tx.update(bed, kind: BedsKind.bedReserved)
        }
    }

    /// Ends a bed's reservation (the patient will not come, or not to this bed). Needs `beds.allocate`.
    public func cancelReservation(bedID: String, by actor: Actor) throws {
        try perform(.allocateBeds, action: "reserve beds", by: actor) { tx in
            var bed = try Self.bed(bedID, db: tx.db)
            guard bed.state == .reserved else {
                throw StoreError.invalid(ValidationError("bed", "\(try Self.bedName(bed, db: tx.db)) is not reserved"))
            }
            Self.makeFree(&bed, now: tx.now)
            try tx.update(bed, kind: BedsKind.bedReservationEnded)
        }
    }

    /// Blocks a bed with a reason (broken, infection control): refused while a patient is in it. Needs `beds.allocate`.
    public func block(bedID: String, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason, field: "reason")
        try perform(.allocateBeds, action: "block beds", by: actor) { tx in
            var bed = try Self.bed(bedID, db: tx.db)
            let name = try Self.bedName(bed, db: tx.db)
            guard bed.retiredAt == nil else { throw StoreError.invalid(ValidationError("bed", "\(name) is retired")) }
            guard bed.state != .blocked else { throw StoreError.invalid(ValidationError("bed", "\(name) is already blocked")) }
            guard try Self.openAllocation(bedID: bedID, db: tx.db) == nil else {
                throw StoreError.invalid(ValidationError("bed", "\(name) has a patient in it; transfer them first"))
            }
            guard bed.state != .reserved || Self.isExpired(bed, now: tx.now) else {
                throw StoreError.invalid(ValidationError("bed", "\(name) is reserved; cancel the reservation first"))
            }
            bed.state = .blocked
            bed.stateReason = reason
            bed.reservedFor = nil
            bed.reservedUntil = nil
            bed.stateChangedAt = tx.now
            try tx.update(bed, kind: BedsKind.bedBlocked)
        }
    }

    /// Makes a blocked bed free again. Needs `beds.allocate`.
    public func unblock(bedID: String, by actor: Actor) throws {
        try perform(.allocateBeds, action: "block beds", by: actor) { tx in
            var bed = try Self.bed(bedID, db: tx.db)
            let name = try Self.bedName(bed, db: tx.db)
            guard bed.state == .blocked, bed.retiredAt == nil else {
                throw StoreError.invalid(ValidationError("bed", bed.retiredAt == nil ? "\(name) is not blocked" : "\(name) is retired"))
            }
            Self.makeFree(&bed, now: tx.now)
            try tx.update(bed, kind: BedsKind.bedUnblocked)
        }
    }

    /// Housekeeping: a bed that needed cleaning is clean and free. Needs `beds.allocate`.
    public func markClean(bedID: String, by actor: Actor) throws {
        try perform(.allocateBeds, action: "clean beds", by: actor) { tx in
            var bed = try Self.bed(bedID, db: tx.db)
            guard bed.state == .cleaning else {
                throw StoreError.invalid(ValidationError("bed", "\(try Self.bedName(bed, db: tx.db)) does not need cleaning"))
            }
            Self.makeFree(&bed, now: tx.now)
            try tx.update(bed, kind: BedsKind.bedCleaned)
        }
    }

    static func makeFree(_ bed: inout Bed, now: String) {
        bed.state = .free
        bed.stateReason = nil
        bed.reservedFor = nil
        bed.reservedUntil = nil
        bed.stateChangedAt = now
    }
}
