// The pharmacy desk's part of a merge: prescriptions follow the person, their lines and dispenses with them (charges move with the charges step).
import GRDB

extension Prescription: PatientOwnedRecord {}

extension PatientMergeStep {
    static let pharmacy = PatientMergeStep(desk: "pharmacy") { mergedID, survivorID, tx in
        try FacilityStore.moveToSurvivor(Prescription.self, from: mergedID, to: survivorID, kind: PharmacyKind.prescriptionMovedByMerge, tx: tx)
    }
}
