// The queue desk's part of a merge: bookings still to come and the visits follow the person.
import FrontDeskCore
import GRDB

extension Appointment: PatientOwnedRecord {}
extension Encounter: PatientOwnedRecord {}
extension QueueEntry: PatientOwnedRecord {}
extension VitalSignsRecord: PatientOwnedRecord {}

extension PatientMergeStep {
    /// Booked appointments, visits (encounters), their queue entries and vital signs move to the
    /// survivor. Both records waiting for the same service on the same day cannot be merged until
    /// one of those visits ends (a patient waits once per service and day).
    static let queue = PatientMergeStep(desk: "queue") { mergedID, survivorID, tx in
        if let clash = try String.fetchOne(tx.db, sql: """
            SELECT m.token FROM queue_entries m JOIN queue_entries s
              ON s.service_id = m.service_id AND s.day = m.day AND s.patient_id = ?
            WHERE m.patient_id = ? AND m.status IN ('checked_in', 'called', 'in_consultation')
              AND s.status IN ('checked_in', 'called', 'in_consultation')
            LIMIT 1
            """, arguments: [survivorID, mergedID])
        {
            throw StoreError.invalid(ValidationError(
                "merge", "both records are in the same queue today (\(clash)); finish or cancel one of those visits first"))
        }
        try FacilityStore.moveToSurvivor(Appointment.self, where: "status = 'booked'", from: mergedID, to: survivorID,
                                         kind: QueueKind.appointmentMovedByMerge, tx: tx)
        try FacilityStore.moveToSurvivor(Encounter.self, from: mergedID, to: survivorID, kind: QueueKind.encounterMovedByMerge, tx: tx)
        try FacilityStore.moveToSurvivor(QueueEntry.self, from: mergedID, to: survivorID, kind: QueueKind.queueMovedByMerge, tx: tx)
        try FacilityStore.moveToSurvivor(VitalSignsRecord.self, from: mergedID, to: survivorID,
                                         kind: QueueKind.vitalsMovedByMerge, tx: tx)
    }
}
