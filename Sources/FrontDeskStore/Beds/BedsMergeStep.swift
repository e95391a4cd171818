// The beds desk's part of a merge: admissions and bed reservations follow the person.
import FrontDeskCore
import GRDB

extension Admission: PatientOwnedRecord {}

extension PatientMergeStep {
    /// Admissions (with their allocations and bed-days, which hang off the admission) move to the survivor,
    /// and so does a bed reserved for the merged record. Both records admitted at once cannot be merged
    /// until one of those stays ends (a patient is admitted once at a time).
    static let beds = PatientMergeStep(desk: "beds") { mergedID, survivorID, tx in
        let open = try Int.fetchOne(tx.db, sql: """
            SELECT count(*) FROM admissions WHERE patient_id IN (?, ?) AND discharged_at IS NULL
            """, arguments: [mergedID, survivorID]) ?? 0
        guard open < 2 else {
            throw StoreError.invalid(ValidationError(
                "merge", "both records are admitted now; discharge one of those stays first"))
        }
        try FacilityStore.moveToSurvivor(Admission.self, from: mergedID, to: survivorID, kind: BedsKind.admissionMovedByMerge, tx: tx)
        for var bed in try Bed.filter(sql: "reserved_for = ?", arguments: [mergedID]).order(sql: "bed_id").fetchAll(tx.db) {
            bed.reservedFor = survivorID
            try tx.update(bed, kind: BedsKind.bedReserved)
        }
    }
}
