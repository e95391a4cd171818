// The pharmacy desk's part of a merge: prescriptions and dispenses follow the person (their charges move with the charges step).
import GRDB

extension Prescription: PatientOwnedRecord {}
extension Dispense: PatientOwnedRecord {}

extension PatientMergeStep {
    static let pharmacy = PatientMergeStep(desk: "pharmacy") { mergedID, survivorID, tx in
        try FacilityStore.moveToSurvivor(Prescription.self, from: mergedID, to: survivorID, kind: PharmacyKind.prescriptionMovedByMerge, tx: tx)
        try FacilityStore.moveToSurvivor(Dispense.self, from: mergedID, to: survivorID, kind: PharmacyKind.dispenseMovedByMerge, tx: tx)
    }
}
