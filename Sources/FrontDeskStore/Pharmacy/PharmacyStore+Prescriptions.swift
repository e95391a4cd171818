// Prescriptions: entered at the counter from paper (or by a doctor), what each line still owes, cancelling what is owed.
import Foundation
import FrontDeskCore
import GRDB

/// A prescription line as typed. `quantity` nil: dose × frequency × days, when those give a count.
public struct PrescriptionLineInput: Sendable, Equatable {
    public var itemCode: String
    public var dose: String
    public var frequency: String
    public var durationDays: Int?
    public var route: String?
    public var instructions: String?
    public var quantity: Int?
    /// The pharmacist saw the allergy warning for this item and goes on.
    public var acknowledgeAllergy: Bool

    public init(itemCode: String, dose: String, frequency: String, durationDays: Int? = nil, route: String? = nil,
                instructions: String? = nil, quantity: Int? = nil, acknowledgeAllergy: Bool = false) {
        self.itemCode = itemCode
        self.dose = dose
        self.frequency = frequency
        self.durationDays = durationDays
        self.route = route
        self.instructions = instructions
        self.quantity = quantity
        self.acknowledgeAllergy = acknowledgeAllergy
    }
}

public struct PrescriptionInput: Sendable, Equatable {
    public var patientID: String
    public var prescriber: String
    /// The day written on the paper; nil: today.
    public var writtenOn: CalendarDay?
    public var lines: [PrescriptionLineInput]

    public init(patientID: String, prescriber: String, writtenOn: CalendarDay? = nil, lines: [PrescriptionLineInput]) {
        self.patientID = patientID
        self.prescriber = prescriber
        self.writtenOn = writtenOn
        self.lines = lines
    }
}

/// A line with what has happened to it.
public struct PrescriptionLineStatus: Sendable, Equatable {
    public let line: PrescriptionLine
    public let item: PharmacyItem
    /// Units dispensed (before any came back).
    public let dispensed: Int
    public let returned: Int
    /// Still to give: nothing once the rest was cancelled.
    public var owed: Int { line.restCancelledReason == nil ? max(0, line.quantity - dispensed) : 0 }
    /// A recorded allergy the item's name meets now (it may have been recorded after the line).
    public let allergyNow: String?
}

public struct PrescriptionDetail: Sendable, Equatable {
    public let prescription: Prescription
    public let patientName: String
    public let mrn: String
    public let lines: [PrescriptionLineStatus]
    public var owedLines: Int { lines.filter { $0.owed > 0 }.count }
}

/// A prescription in a list.
public struct PrescriptionSummary: Sendable, Equatable {
    public let prescription: Prescription
    public let patientName: String
    public let mrn: String
    public let lines: Int
    public let owedLines: Int
}

/// A prescription line as the store would save it.
public struct CheckedPrescriptionLine: Sendable, Equatable {
    public let item: PharmacyItem
    public let quantity: Int
    /// The recorded allergy the item meets, to acknowledge.
    public let allergy: String?
}

/// A recorded allergy the item's name meets: refused until someone acknowledges it.
public struct AllergyWarning: Error, Sendable, Equatable, CustomStringConvertible {
    public let itemCode: String
    public let allergy: String
    public var description: String { "\(itemCode) meets the patient's recorded allergy: \(allergy); nothing was saved. Acknowledge it to go on." }
}

extension PharmacyStore {
    /// At most this many lines on one prescription.
    public static let maxLines = 20
    /// How old a paper prescription may be when it is entered.
    public static let prescriptionValidDays = 365

    /// The patient's recorded allergies the item meets, in words ("Penicillin (severe: rash)").
    public func allergyWarning(patientID: String, itemID: String) throws -> String? {
        try read { db in try Self.allergy(patientID: patientID, item: try Self.item(itemID, db: db), db: db) }
    }

    static func allergy(patientID: String, item: PharmacyItem, db: Database) throws -> String? {
        allergy(in: try allergies(of: patientID, db: db), item: item)
    }

    /// The patient's recorded allergies (not removed), oldest first.
    static func allergies(of patientID: String, db: Database) throws -> [PatientAllergy] {
        try PatientAllergy.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM patient_allergies WHERE patient_id = ? AND deleted_at IS NULL ORDER BY created_at
            """), arguments: [patientID])
    }

    /// The first of `allergies` the item's names meet, in words ("Penicillin (severe: rash)").
    static func allergy(in allergies: [PatientAllergy], item: PharmacyItem) -> String? {
        guard !allergies.isEmpty,
            let substance = AllergyMatch.firstMatch(allergies: allergies.map(\.substance), names: [item.genericName, item.brand].compactMap { $0 }),
            let allergy = allergies.first(where: { $0.substance == substance })
        else { return nil }
        let detail = [allergy.severity == .unknown ? nil : allergy.severity.rawValue, allergy.reaction].compactMap { $0 }
        return String((substance + (detail.isEmpty ? "" : " (\(detail.joined(separator: ": ")))")).prefix(200))
    }

    /// Enters a prescription. A line whose item meets a recorded allergy is refused (`AllergyWarning`)
    /// unless acknowledged, and the acknowledgement is kept on the line. Its charges go to the patient's
    /// open admission, else today's visit, else the patient's account. Needs `pharmacy.prescribe`.
    @discardableResult
    public func writePrescription(_ input: PrescriptionInput, by actor: Actor) throws -> Prescription {
        let prescriber = try FacilityStore.reason(input.prescriber, field: "prescriber")
        guard !input.lines.isEmpty else { throw StoreError.invalid(ValidationError("lines", "a prescription needs at least one line")) }
        guard input.lines.count <= Self.maxLines else {
            throw StoreError.invalid(ValidationError("lines", "at most \(Self.maxLines) lines on one prescription"))
        }
        return try perform(.prescribe, action: "enter prescriptions", by: actor) { tx in
            _ = try FacilityStore.livePatient(input.patientID, db: tx.db)
            let today = try Self.today(tx)
            let written = input.writtenOn ?? today
            guard !(today < written) else { throw StoreError.invalid(ValidationError("written on", "is after today")) }
            guard !(written < today.adding(days: -Self.prescriptionValidDays)) else {
                throw StoreError.invalid(ValidationError("written on", "is more than a year ago; the prescription is too old"))
            }
            let prescription = Prescription(
                rxID: Identifier.make(), number: try tx.nextNumber("prescription"), patientID: input.patientID,
                encounterID: try Self.encounterForCharges(patientID: input.patientID, today: today, db: tx.db),
                prescriber: prescriber, doctorID: try String.fetchOne(tx.db, sql: "SELECT doctor_id FROM doctors WHERE user_id = ?",
                                                                      arguments: [tx.actor.userID]),
                writtenOn: written.description, source: tx.actor.role == .doctor ? .doctor : .counter, status: .open,
                closedReason: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(prescription, kind: PharmacyKind.prescriptionWritten)
            for (index, entry) in input.lines.enumerated() {
                let (item, dose, frequency, route, instructions, quantity, allergy) = try Self.checked(
                    entry, patientID: input.patientID, field: "line \(index + 1) ", db: tx.db)
                let line = PrescriptionLine(
                    lineID: Identifier.make(), rxID: prescription.rxID, lineNo: index + 1, itemID: item.itemID, dose: dose,
                    frequency: frequency, durationDays: entry.durationDays, route: route ?? item.route, instructions: instructions,
                    quantity: quantity, allergy: allergy, allergyAcknowledgedBy: allergy == nil ? nil : tx.actor.userID,
                    restCancelledReason: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
                try tx.insert(line, kind: PharmacyKind.prescriptionLineAdded)
            }
            return prescription
        }
    }

    /// A prescription line checked as `writePrescription` will, errors named by field (item, dose, frequency,
    /// days, quantity): the quantity it comes to and any allergy the item meets. The line form shows the
    /// problems beside its fields, and asks about an allergy, before the prescription is saved.
    public func checkPrescriptionLine(_ line: PrescriptionLineInput, patientID: String) throws -> CheckedPrescriptionLine {
        try read { db in
            var unacknowledged = line
            unacknowledged.acknowledgeAllergy = true
            let checked = try Self.checked(unacknowledged, patientID: patientID, field: "", db: db)
            return CheckedPrescriptionLine(item: checked.item, quantity: checked.quantity, allergy: checked.allergy)
        }
    }

    static func checked(_ entry: PrescriptionLineInput, patientID: String, field: String, db: Database) throws
        -> (item: PharmacyItem, dose: String, frequency: String, route: String?, instructions: String?, quantity: Int, allergy: String?)
    {
        let item = try Self.item(code: entry.itemCode, db: db, field: field + "item")
        guard item.active else { throw StoreError.invalid(ValidationError(field + "item", "\(item.code) is no longer stocked")) }
        let dose: String, frequency: String, route: String?, instructions: String?
        do {
            dose = try Validate.name(entry.dose, field: field + "dose", maxLength: 40)
            frequency = try Validate.name(entry.frequency, field: field + "frequency", maxLength: 40)
            route = try Validate.text(entry.route, field: field + "route", maxLength: 40)
            instructions = try Validate.text(entry.instructions, field: field + "instructions", maxLength: 200)
        } catch let e as ValidationError { throw StoreError.invalid(e) }
        if let days = entry.durationDays, !(1...365).contains(days) {
            throw StoreError.invalid(ValidationError(field + "days", "must be 1 to 365"))
        }
        guard let quantity = entry.quantity ?? DoseQuantity.compute(dose: dose, frequency: frequency, days: entry.durationDays) else {
            throw StoreError.invalid(ValidationError(field + "quantity", "give the quantity (the dose, frequency and days do not make a count)"))
        }
        guard (1...100_000).contains(quantity) else {
            throw StoreError.invalid(ValidationError(field + "quantity", "must be 1 to 100000 \(item.unit)s"))
        }
        let allergy = try Self.allergy(patientID: patientID, item: item, db: db)
        if let allergy, !entry.acknowledgeAllergy { throw AllergyWarning(itemCode: item.code, allergy: allergy) }
        return (item, dose, frequency, route ?? item.route, instructions, quantity, allergy)
    }

    /// The visit a prescription's charges go to: the open admission's, else the latest of today's visits.
    static func encounterForCharges(patientID: String, today: CalendarDay, db: Database) throws -> String? {
        if let admission = try BedsStore.openAdmission(patientID: patientID, db: db) { return admission.encounterID }
        return try String.fetchOne(db, sql: """
            SELECT encounter_id FROM encounters WHERE patient_id = ? AND day = ? AND kind = 'outpatient'
            ORDER BY started_at DESC LIMIT 1
            """, arguments: [patientID, today.description])
    }

    /// A prescription with each line's dispensed, returned and owed units.
    public func prescription(_ rxID: String) throws -> PrescriptionDetail {
        try read { db in try Self.detail(rxID, db: db) }
    }

    /// The prescription of `number` (as printed on the label and the list).
    public func prescription(number: Int64) throws -> PrescriptionDetail {
        try read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT rx_id FROM prescriptions WHERE number = ?", arguments: [number]) else {
                throw StoreError.invalid(ValidationError("prescription", "there is no prescription \(number)"))
            }
            return try Self.detail(id, db: db)
        }
    }

    static func detail(_ rxID: String, db: Database) throws -> PrescriptionDetail {
        guard let prescription = try Prescription.fetchOne(db.cachedStatement(sql: "SELECT * FROM prescriptions WHERE rx_id = ?"),
                                                           arguments: [rxID]) else {
            throw StoreError.invalid(ValidationError("prescription", "no such prescription"))
        }
        let who = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(s.display_name, '?') AS name, p.mrn FROM patients p LEFT JOIN patient_search s ON s.patient_id = p.patient_id
            WHERE p.patient_id = ?
            """), arguments: [prescription.patientID])
        let allergies = try allergies(of: prescription.patientID, db: db)
        // Each line with its item and what was dispensed and returned of it, in one read.
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT l.*, (SELECT total(d.quantity) FROM dispenses d WHERE d.line_id = l.line_id) AS dispensed,
              (SELECT total(m.quantity) FROM dispenses d JOIN stock_movements m ON m.dispense_id = d.dispense_id
               WHERE d.line_id = l.line_id AND m.type = 'RETURN') AS returned
            FROM prescription_lines l WHERE l.rx_id = ? ORDER BY l.line_no
            """), arguments: [rxID])
        let statuses = try rows.map { row -> PrescriptionLineStatus in
            let line = try PrescriptionLine(row: row)
            let item = try item(line.itemID, db: db)
            return PrescriptionLineStatus(line: line, item: item, dispensed: Int(row["dispensed"] as Double),
                                          returned: Int(row["returned"] as Double), allergyNow: allergy(in: allergies, item: item))
        }
        return PrescriptionDetail(prescription: prescription, patientName: who?["name"] ?? "?", mrn: who?["mrn"] ?? "?", lines: statuses)
    }

    /// Prescriptions with something still owed, oldest first (of one patient when given).
    public func openPrescriptions(patientID: String? = nil, limit: Int = 500) throws -> [PrescriptionSummary] {
        try summaries(condition: "r.status = 'open'" + (patientID == nil ? "" : " AND r.patient_id = ?"),
                      arguments: patientID.map { [$0] } ?? [], order: "r.written_on, r.number", limit: limit)
    }

    /// A patient's prescriptions, newest first.
    public func prescriptions(patientID: String, limit: Int = 100) throws -> [PrescriptionSummary] {
        try summaries(condition: "r.patient_id = ?", arguments: [patientID], order: "r.number DESC", limit: limit)
    }

    private func summaries(condition: String, arguments: StatementArguments, order: String, limit: Int) throws -> [PrescriptionSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, coalesce(s.display_name, '?') AS patient_name, p.mrn,
                  (SELECT count(*) FROM prescription_lines l WHERE l.rx_id = r.rx_id) AS line_count,
                  (SELECT count(*) FROM prescription_lines l WHERE l.rx_id = r.rx_id AND l.rest_cancelled_reason IS NULL
                     AND l.quantity > (SELECT total(d.quantity) FROM dispenses d WHERE d.line_id = l.line_id)) AS owed_count
                FROM prescriptions r JOIN patients p ON p.patient_id = r.patient_id
                LEFT JOIN patient_search s ON s.patient_id = r.patient_id
                WHERE \(condition) ORDER BY \(order) LIMIT \(limit)
                """, arguments: arguments).map {
                PrescriptionSummary(prescription: try Prescription(row: $0), patientName: $0["patient_name"], mrn: $0["mrn"],
                                    lines: $0["line_count"], owedLines: $0["owed_count"])
            }
        }
    }

    /// Cancels what a line still owes (out of stock for good, the doctor changed it), with a reason.
    /// Needs `pharmacy.dispense`.
    public func cancelRest(lineID: String, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason)
        try perform(.dispense, action: "cancel what a prescription owes", by: actor) { tx in
            guard var line = try PrescriptionLine.fetchOne(tx.db, key: lineID) else {
                throw StoreError.invalid(ValidationError("line", "no such prescription line"))
            }
            guard line.restCancelledReason == nil else { throw StoreError.invalid(ValidationError("line", "its rest was already cancelled")) }
            line.restCancelledReason = reason
            line.updatedAt = tx.now
            line.updatedBy = tx.actor.userID
            try tx.update(line, kind: PharmacyKind.prescriptionRestCancelled)
            try Self.closeIfDone(line.rxID, reason: nil, tx: tx)
        }
    }

    /// Cancels a whole prescription: what its lines owe is cancelled and it closes (as cancelled when
    /// nothing was dispensed). Needs `pharmacy.dispense`.
    public func cancelPrescription(_ rxID: String, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason)
        try perform(.dispense, action: "cancel prescriptions", by: actor) { tx in
            let detail = try Self.detail(rxID, db: tx.db)
            guard detail.prescription.status == .open else {
                throw StoreError.invalid(ValidationError("prescription", "it is already \(detail.prescription.status.rawValue)"))
            }
            for status in detail.lines where status.owed > 0 {
                var line = status.line
                line.restCancelledReason = reason
                line.updatedAt = tx.now
                line.updatedBy = tx.actor.userID
                try tx.update(line, kind: PharmacyKind.prescriptionRestCancelled)
            }
            let anyDispensed = detail.lines.contains { $0.dispensed > 0 }
            var prescription = detail.prescription
            prescription.status = anyDispensed ? .done : .cancelled
            prescription.closedReason = reason
            prescription.updatedAt = tx.now
            prescription.updatedBy = tx.actor.userID
            try tx.update(prescription, kind: PharmacyKind.prescriptionClosed)
        }
    }

    /// Closes the prescription as done when no line owes anything.
    static func closeIfDone(_ rxID: String, reason: String?, tx: BusinessTransaction) throws {
        let detail = try detail(rxID, db: tx.db)
        guard detail.prescription.status == .open, detail.owedLines == 0 else { return }
        var prescription = detail.prescription
        prescription.status = .done
        prescription.closedReason = reason
        prescription.updatedAt = tx.now
        prescription.updatedBy = tx.actor.userID
        try tx.update(prescription, kind: PharmacyKind.prescriptionClosed)
    }
}
