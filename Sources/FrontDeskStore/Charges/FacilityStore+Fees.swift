// The fee schedule (effective-dated rates) and charges posted by the desks for the cashier.
import FrontDeskCore
import GRDB

/// One rate of the fee schedule, valid from a day (and, once replaced, to a day).
public struct Fee: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "fee_schedule"
    static let keyColumn = "fee_id"
    var key: String { feeID }

    public var feeID: String
    public var code: String
    public var name: String
    public var amountMinor: Int64
    public var effectiveFrom: String
    public var effectiveTo: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case feeID = "fee_id", code, name, amountMinor = "amount_minor", effectiveFrom = "effective_from"
        case effectiveTo = "effective_to"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

/// Something a patient owes, posted by a desk; the cashier desk gathers charges into invoices.
public struct Charge: LedgeredRecord, Equatable, Sendable {
    public static let databaseTableName = "charges"
    static let keyColumn = "charge_id"
    var key: String { chargeID }

    public var chargeID: String
    public var patientID: String
    public var feeID: String?
    public var code: String
    public var description: String
    public var quantity: Int64
    public var unitAmountMinor: Int64
    public var amountMinor: Int64
    public var currency: String
    public var source: String
    public var status: String
    public var postedAt: String
    /// The visit (or admission) the charge belongs to; nil for counter sales and registration.
    public var encounterID: String?
    /// The live invoice the charge is on (none while open, or after that invoice was voided).
    public var invoiceID: String?
    public var voidReason: String?
    public var voidedBy: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    enum CodingKeys: String, CodingKey {
        case chargeID = "charge_id", patientID = "patient_id", feeID = "fee_id", code, description, quantity
        case unitAmountMinor = "unit_amount_minor", amountMinor = "amount_minor", currency, source, status
        case postedAt = "posted_at", encounterID = "encounter_id", invoiceID = "invoice_id", voidReason = "void_reason"
        case voidedBy = "voided_by"
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by", updatedBy = "updated_by"
    }
}

extension Charge {
    /// Written by hand: charges are written by every desk (a dispense writes one a batch part), and GRDB's
    /// Codable encoding cost more than the insert. Every column, optionals as NULL, as the Codable encoding did.
    public func encode(to container: inout PersistenceContainer) throws {
        container[CodingKeys.chargeID.rawValue] = chargeID
        container[CodingKeys.patientID.rawValue] = patientID
        container[CodingKeys.feeID.rawValue] = feeID
        container[CodingKeys.code.rawValue] = code
        container[CodingKeys.description.rawValue] = description
        container[CodingKeys.quantity.rawValue] = quantity
        container[CodingKeys.unitAmountMinor.rawValue] = unitAmountMinor
        container[CodingKeys.amountMinor.rawValue] = amountMinor
        container[CodingKeys.currency.rawValue] = currency
        container[CodingKeys.source.rawValue] = source
        container[CodingKeys.status.rawValue] = status
        container[CodingKeys.postedAt.rawValue] = postedAt
        container[CodingKeys.encounterID.rawValue] = encounterID
        container[CodingKeys.invoiceID.rawValue] = invoiceID
        container[CodingKeys.voidReason.rawValue] = voidReason
        container[CodingKeys.voidedBy.rawValue] = voidedBy
        container[CodingKeys.createdAt.rawValue] = createdAt
        container[CodingKeys.updatedAt.rawValue] = updatedAt
        container[CodingKeys.createdBy.rawValue] = createdBy
        container[CodingKeys.updatedBy.rawValue] = updatedBy
    }
}

extension FacilityStore {
    /// The fee code a new registration is charged under, when the schedule has a rate for it.
    public static let registrationFeeCode = "REGISTRATION"

    /// Sets the rate of `code` from `from` on; the rate before it ends the day before. Needs `cashier.fees`.
    public func setFee(code rawCode: String, name rawName: String, amountMinor: Int64, from: CalendarDay,
                       by actor: Actor) throws {
        let code: String, name: String
        do {
            code = try Validate.feeCode(rawCode)
            name = try Validate.name(rawName, field: "fee name")
        } catch let e as ValidationError { throw StoreError.invalid(e) }
        guard amountMinor >= 0 else { throw StoreError.invalid(ValidationError("amount", "must not be negative")) }
        try perform(.manageFees, action: "change the fee schedule", by: actor) { tx in
            try tx.requirePlannable(from, field: "from")
            let day = from.description
            if var same = try Fee.filter(sql: "code = ? AND effective_from = ?", arguments: [code, day]).fetchOne(tx.db) {
                same.name = name
                same.amountMinor = amountMinor
                same.updatedAt = tx.now
                same.updatedBy = tx.actor.userID
                try tx.update(same, kind: ChargeKind.feeChanged)
                return
            }
            // The rate in force on `from` ends the day before; a later rate bounds the new one.
            if var current = try Fee.filter(sql: """
                code = ? AND effective_from < ? AND (effective_to IS NULL OR effective_to >= ?)
                """, arguments: [code, day, day]).fetchOne(tx.db)
            {
                current.effectiveTo = from.adding(days: -1).description
                current.updatedAt = tx.now
                current.updatedBy = tx.actor.userID
                try tx.update(current, kind: ChargeKind.feeEnded)
            }
            let next = try String.fetchOne(tx.db, sql: """
                SELECT min(effective_from) FROM fee_schedule WHERE code = ? AND effective_from > ?
                """, arguments: [code, day])
            try tx.insert(Fee(
                feeID: Identifier.make(), code: code, name: name, amountMinor: amountMinor, effectiveFrom: day,
                effectiveTo: next.flatMap { CalendarDay($0) }.map { $0.adding(days: -1).description },
                createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID),
                kind: ChargeKind.feeSet)
        }
    }

    /// Every rate of the schedule, by code then date.
    public func fees() throws -> [Fee] {
        try read { db in try Fee.order(sql: "code, effective_from").fetchAll(db) }
    }

    /// The rate of `code` in force on `day`, if any.
    static func fee(code: String, on day: CalendarDay, db: Database) throws -> Fee? {
        // A cached statement: every registration and check-in looks its fee up, and building and
        // compiling the query afresh each time was a sixth of a registration's CPU.
        try Fee.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM fee_schedule WHERE code = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)
            ORDER BY effective_from DESC LIMIT 1
            """), arguments: [code, day.description, day.description])
    }

    /// Posts one charge of `fee` to a patient inside `tx`.
    static func postCharge(_ fee: Fee, patientID: String, source: String, encounterID: String? = nil,
                           tx: BusinessTransaction) throws -> Charge {
        let currency = try String.fetchOne(tx.db, sql: "SELECT currency FROM facilities WHERE facility_id = ?",
                                           arguments: [tx.identity.facilityID]) ?? "XXX"
        let charge = Charge(
            chargeID: Identifier.make(), patientID: patientID, feeID: fee.feeID, code: fee.code, description: fee.name,
            quantity: 1, unitAmountMinor: fee.amountMinor, amountMinor: fee.amountMinor, currency: currency,
            source: source, status: "open", postedAt: tx.now, encounterID: encounterID, invoiceID: nil, voidReason: nil, voidedBy: nil, createdAt: tx.now, updatedAt: tx.now,
            createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
        try tx.insert(charge, kind: ChargeKind.chargePosted)
        return charge
    }

    /// What a patient owes in charges not yet invoiced or voided (minor units), and how many.
    public func openCharges(of patientID: String) throws -> (count: Int, amountMinor: Int64) {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(amount_minor), 0) AS total FROM charges WHERE patient_id = ? AND status = 'open'
                """, arguments: [patientID])!
            return (row["n"], row["total"])
        }
    }
}
