// Dispensing: first expiry first out across batches, never expired, never more than on hand; charges to the cashier; returns.
import Foundation
import FrontDeskCore
import GRDB

/// What dispensing a line would take now: first expiry first, as much of what is owed as is on hand.
public struct DispensePlanLine: Sendable, Equatable {
    public let status: PrescriptionLineStatus
    public let picks: [BatchPick]
    /// Units on hand in batches not expired.
    public let usable: Int
    /// The item's price per unit today (nil: not in the fee schedule, so not charged).
    public let unitPriceMinor: Int64?
    public var proposed: Int { picks.reduce(0) { $0 + $1.quantity } }
}

/// One line to dispense now. `batchID` chooses a batch other than first expiry first (with a reason).
public struct DispenseLineRequest: Sendable, Equatable {
    public var lineID: String
    public var quantity: Int
    public var batchID: String?
    public var overrideReason: String?
    public var acknowledgeAllergy: Bool

    public init(lineID: String, quantity: Int, batchID: String? = nil, overrideReason: String? = nil, acknowledgeAllergy: Bool = false) {
        self.lineID = lineID
        self.quantity = quantity
        self.batchID = batchID
        self.overrideReason = overrideReason
        self.acknowledgeAllergy = acknowledgeAllergy
    }
}

public struct DispensedLine: Sendable, Equatable {
    public let lineNo: Int
    public let item: PharmacyItem
    public let line: PrescriptionLine
    public let picks: [BatchPick]
    /// Charged for it; nil when the item has no price.
    public let chargedMinor: Int64?
    public let owedAfter: Int
}

public struct DispenseResult: Sendable, Equatable {
    public let prescription: Prescription
    public let patientName: String
    public let mrn: String
    public let lines: [DispensedLine]
    public let dispensedAt: String
    public let pharmacist: String
    public var chargedMinor: Int64 { lines.reduce(0) { $0 + ($1.chargedMinor ?? 0) } }
    public var unpriced: [PharmacyItem] { lines.filter { $0.chargedMinor == nil }.map(\.item) }
}

extension PharmacyStore {
    /// What dispensing every owed line of a prescription would take now.
    public func plan(_ rxID: String) throws -> [DispensePlanLine] {
        try read { db in
            let detail = try Self.detail(rxID, db: db)
            let today = try today(db)
            return try detail.lines.filter { $0.owed > 0 }.map { status in
                // One read of the usable batches gives both what is on hand and what would be taken.
                let batches = try Self.usableBatches(itemID: status.item.itemID, today: today, db: db)
                let usable = batches.reduce(0) { $0 + $1.onHand }
                let picks = Self.firstExpiryFirst(quantity: min(status.owed, usable), from: batches).picks
                let fee = try FacilityStore.fee(code: status.item.priceCode, on: today, db: db)
                return DispensePlanLine(status: status, picks: picks, usable: usable, unitPriceMinor: fee?.amountMinor)
            }
        }
    }

    /// Dispenses lines of a prescription in one transaction: each from first-expiring batches (split when
    /// one is not enough) or the batch the pharmacist chose with a reason; never an expired batch, never more
    /// than on hand or owed. A line whose item meets a recorded allergy needs `acknowledgeAllergy`. Each
    /// batch's part posts a charge at the item's price per unit to the prescription's visit. Needs `pharmacy.dispense`.
    @discardableResult
    public func dispense(_ rxID: String, lines requests: [DispenseLineRequest], by actor: Actor) throws -> DispenseResult {
        guard !requests.isEmpty else { throw StoreError.invalid(ValidationError("quantity", "nothing to dispense")) }
        return try perform(.dispense, action: "dispense", by: actor) { tx in
            let detail = try Self.detail(rxID, db: tx.db)
            guard detail.prescription.status == .open else {
                throw StoreError.invalid(ValidationError("prescription", "prescription \(detail.prescription.number) is \(detail.prescription.status.rawValue)"))
            }
            _ = try FacilityStore.livePatient(detail.prescription.patientID, db: tx.db)
            let today = try Self.today(tx)
            var done: [DispensedLine] = []
            var given: [String: Int] = [:]
            var held: [any LedgeredRecord]?
            for request in requests {
                // What an earlier line took is written before this line's batches are read.
                if let waiting = held { try tx.insert(all: waiting, kind: PharmacyKind.dispensed) }
                held = nil
                guard let status = detail.lines.first(where: { $0.line.lineID == request.lineID }) else {
                    throw StoreError.invalid(ValidationError("line", "that line is not on prescription \(detail.prescription.number)"))
                }
                let field = "line \(status.line.lineNo) "
                guard request.quantity >= 1 else { throw StoreError.invalid(ValidationError(field + "quantity", "must be 1 or more")) }
                let owed = status.owed - given[status.line.lineID, default: 0]
                guard request.quantity <= owed else {
                    throw StoreError.invalid(ValidationError(field + "quantity", owed == 0
                        ? "nothing is owed on it" : "only \(owed) \(status.item.unit)\(owed == 1 ? " is" : "s are") owed"))
                }
                if let allergy = status.allergyNow, !request.acknowledgeAllergy, status.line.allergy != allergy {
                    throw AllergyWarning(itemCode: status.item.code, allergy: allergy)
                }
                let picks = try Self.picks(for: request, item: status.item, today: today, field: field, db: tx.db)
                let fee = try FacilityStore.fee(code: status.item.priceCode, on: today, db: tx.db)
                var charged: Int64? = fee == nil ? nil : 0
                for pick in picks {
                    // One entry a batch part: its charge, the dispense that names it, and the movement out of stock.
                    let charge = try fee.map { try Self.charge(quantity: pick.quantity, fee: $0, item: status.item, prescription: detail.prescription, tx: tx) }
                    charged = charged.map { $0 + (charge?.amountMinor ?? 0) }
                    let dispense = Dispense(
                        dispenseID: Identifier.make(), lineID: status.line.lineID, itemID: status.item.itemID, batchID: pick.batchID, quantity: pick.quantity, chargeID: charge?.chargeID,
                        overrideReason: request.batchID == nil ? nil : request.overrideReason, dispensedAt: tx.now,
                        createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
                    var movement = Self.movement(.dispensed, item: status.item.itemID, batch: pick.batchID, quantity: -pick.quantity, tx: tx)
                    movement.dispenseID = dispense.dispenseID
                    // The last part waits: when it completes the prescription, its entry carries the prescription too.
                    if let waiting = held { try tx.insert(all: waiting, kind: PharmacyKind.dispensed) }
                    held = (charge.map { [$0] } ?? []) + [dispense, movement]
                }
                given[status.line.lineID, default: 0] += request.quantity
                done.append(DispensedLine(lineNo: status.line.lineNo, item: status.item, line: status.line, picks: picks,
                                          chargedMinor: charged, owedAfter: status.owed - given[status.line.lineID]!))
            }
            // Done when no line owes anything after this: worked out from what was read, not read again.
            var completed: [any LedgeredRecord] = []
            if detail.lines.allSatisfy({ $0.owed - given[$0.line.lineID, default: 0] <= 0 }) {
                var prescription = detail.prescription
                prescription.status = .done
                prescription.updatedAt = tx.now
                prescription.updatedBy = tx.actor.userID
                completed = [prescription]
            }
            if let held { try tx.write(inserting: held, updating: completed, kind: PharmacyKind.dispensed) }
            return DispenseResult(prescription: detail.prescription, patientName: detail.patientName, mrn: detail.mrn,
                                  lines: done, dispensedAt: tx.now, pharmacist: tx.actor.displayName)
        }
    }

    /// The batches one request takes: first expiry first, or all from the batch chosen (with a reason).
    static func picks(for request: DispenseLineRequest, item: PharmacyItem, today: CalendarDay, field: String,
                      db: Database) throws -> [BatchPick] {
        guard let batchID = request.batchID else {
            do { return try firstExpiryFirst(item: item, quantity: request.quantity, today: today, db: db) } catch StoreError.invalid(let e) {
                throw StoreError.invalid(ValidationError(field + e.field, e.message))
            }
        }
        let batch = try self.batch(batchID, db: db)
        guard batch.itemID == item.itemID else { throw StoreError.invalid(ValidationError(field + "batch", "batch \(batch.batchNo) is not \(item.code)")) }
        guard let expiry = CalendarDay(batch.expiry), !ExpiryDate.isExpired(expiry, on: today) else {
            throw StoreError.invalid(ValidationError(field + "batch", "batch \(batch.batchNo) expired on \(batch.expiry); it is never dispensed"))
        }
        guard let reason = request.overrideReason?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
            throw StoreError.invalid(ValidationError(field + "reason", "say why this batch and not the first to expire"))
        }
        guard reason.count <= 200 else { throw StoreError.invalid(ValidationError(field + "reason", "at most 200 characters")) }
        let onHand = try onHand(batchID: batchID, db: db)
        guard request.quantity <= onHand else {
            throw StoreError.invalid(ValidationError(field + "quantity", "batch \(batch.batchNo) has only \(onHand) on hand"))
        }
        return [BatchPick(batchID: batchID, batchNo: batch.batchNo, expiry: batch.expiry, quantity: request.quantity)]
    }

    /// The charge for `quantity` units of `item` at `fee`, to the prescription's visit (the caller ledgers it).
    static func charge(quantity: Int, fee: Fee, item: PharmacyItem, prescription: Prescription, tx: BusinessTransaction) throws -> Charge {
        let charge = Charge(
            chargeID: Identifier.make(), patientID: prescription.patientID, feeID: fee.feeID, code: fee.code,
            description: String("\(item.title) (Rx \(prescription.number))".prefix(200)), quantity: Int64(quantity),
            unitAmountMinor: fee.amountMinor, amountMinor: fee.amountMinor * Int64(quantity), currency: try CashierStore.currency(tx.db).code,
            source: "pharmacy", status: "open", postedAt: tx.now, encounterID: prescription.encounterID, invoiceID: nil, voidReason: nil,
            voidedBy: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
        return charge
    }

    /// The dispenses of a prescription's lines, with what has come back of each: newest first, and of one dispense the
    /// later-expiring batch first (what a patient brings back is most likely the pack opened last).
    public func dispenses(rxID: String) throws -> [(dispense: Dispense, batchNo: String, returned: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.*, b.batch_no,
                  (SELECT total(m.quantity) FROM stock_movements m WHERE m.dispense_id = d.dispense_id AND m.type = 'RETURN') AS returned
                FROM dispenses d JOIN prescription_lines l ON l.line_id = d.line_id JOIN pharmacy_batches b ON b.batch_id = d.batch_id
                WHERE l.rx_id = ? ORDER BY d.dispensed_at DESC, b.expiry DESC, l.line_no
                """, arguments: [rxID]).map { (try Dispense(row: $0), $0["batch_no"], Int($0["returned"] as Double)) }
        }
    }

    /// A patient brings back `quantity` of what one dispense gave: it goes back into its batch (unless the
    /// batch has expired since) and its charge is reversed — voided, and charged again for what was kept.
    /// A charge already on an invoice is the cashier's to void first. Needs `pharmacy.dispense`.
    public func returnDispensed(_ dispenseID: String, quantity: Int, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason)
        try perform(.dispense, action: "take back dispensed medicine", by: actor) { tx in
            guard var dispense = try Dispense.fetchOne(tx.db, key: dispenseID) else {
                throw StoreError.invalid(ValidationError("dispense", "no such dispense"))
            }
            let returned = try Int.fetchOne(tx.db, sql: """
                SELECT total(quantity) FROM stock_movements WHERE dispense_id = ? AND type = 'RETURN'
                """, arguments: [dispenseID]) ?? 0
            let kept = dispense.quantity - returned
            guard quantity >= 1, quantity <= kept else {
                throw StoreError.invalid(ValidationError("quantity", kept == 0 ? "all of it has come back already" : "at most \(kept) can come back"))
            }
            let batch = try Self.batch(dispense.batchID, db: tx.db)
            if let expiry = CalendarDay(batch.expiry), ExpiryDate.isExpired(expiry, on: try Self.today(tx)) {
                throw StoreError.invalid(ValidationError("batch", "batch \(batch.batchNo) has expired; destroy it, do not take it back into stock"))
            }
            if let chargeID = dispense.chargeID, var charge = try Charge.fetchOne(tx.db, key: chargeID), charge.status != "void" {
                guard charge.status == "open" else {
                    let number = try Int64.fetchOne(tx.db, sql: "SELECT number FROM invoices WHERE invoice_id = ?", arguments: [charge.invoiceID])
                    throw StoreError.invalid(ValidationError("charge", "its charge is on invoice \(number.map(String.init) ?? "(a draft)"); "
                        + "the cashier takes it off (void or refund) first"))
                }
                charge.status = "void"
                charge.voidReason = String("returned: \(reason)".prefix(200))
                charge.voidedBy = tx.actor.userID
                charge.updatedAt = tx.now
                charge.updatedBy = tx.actor.userID
                try tx.update(charge, kind: PharmacyKind.dispenseReturned)
                dispense.chargeID = nil
                if kept - quantity > 0, let fee = try Fee.fetchOne(tx.db, key: charge.feeID ?? "") {
                    let prescription = try Prescription.fetchOne(tx.db, sql: """
                        SELECT r.* FROM prescriptions r JOIN prescription_lines l ON l.rx_id = r.rx_id WHERE l.line_id = ?
                        """, arguments: [dispense.lineID])!
                    let again = try Self.charge(quantity: kept - quantity, fee: fee, item: try Self.item(dispense.itemID, db: tx.db),
                                                prescription: prescription, tx: tx)
                    try tx.insert(again, kind: PharmacyKind.dispenseCharged)
                    dispense.chargeID = again.chargeID
                }
                dispense.updatedAt = tx.now
                dispense.updatedBy = tx.actor.userID
                try tx.update(dispense, kind: PharmacyKind.dispenseReturned)
            }
            var movement = Self.movement(.returned, item: dispense.itemID, batch: dispense.batchID, quantity: quantity, tx: tx)
            movement.dispenseID = dispenseID
            movement.reason = reason
            try tx.insert(movement, kind: PharmacyKind.dispenseReturned)
        }
    }
}
