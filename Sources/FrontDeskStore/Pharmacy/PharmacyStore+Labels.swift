// The labels of what was just dispensed: one per line, in the facility's name and local date.
import Foundation
import FrontDeskCore
import GRDB

extension PharmacyStore {
    /// One label per line dispensed in `result`.
    public func labels(for result: DispenseResult) throws -> [PharmacyLabel] {
        try read { db in
            let facility = try String.fetchOne(db, sql: "SELECT name FROM facilities LIMIT 1") ?? ""
            let zone = try FacilityStore.timeZone(db)
            let when = Timestamp.date(result.dispensedAt).map { LocalMoment($0, in: zone).description } ?? result.dispensedAt
            return result.lines.map { line in
                PharmacyLabel(
                    facility: facility, patientName: result.patientName, mrn: result.mrn, item: line.item.title,
                    quantity: line.picks.reduce(0) { $0 + $1.quantity }, unit: line.item.unit, dose: line.line.dose,
                    frequency: line.line.frequency, durationDays: line.line.durationDays, instructions: line.line.instructions,
                    prescriptionNumber: result.prescription.number, batches: line.picks.map { ($0.batchNo, $0.expiry) },
                    dispensedOn: when, pharmacist: result.pharmacist, allergy: line.line.allergy)
            }
        }
    }
}
