// Cashier shifts: open with a float (or by accepting the last cashier's handover), close with a counted drawer.
import Foundation
import FrontDeskCore
import GRDB

/// A shift's takings, as the Z-report prints them.
public struct ShiftReport: Sendable, Equatable {
    public struct MethodTotal: Sendable, Equatable {
        public let method: PaymentMethod
        public let inMinor: Int64
        public let outMinor: Int64
    }

    public let shift: CashierShift
    public let cashierName: String
    /// The drawer's takings by method: an insurer's settlement is not among them (see `insurerSettledMinor`).
    public let byMethod: [MethodTotal]
    public let receipts: Int
    public let refunds: Int
    /// Insurers' settlements recorded in the shift (remittances): reported apart, never takings.
    public var insurerSettledMinor: Int64 = 0
    public var remittances: Int = 0
    /// Float + cash taken − cash refunded: what the drawer should hold.
    public let expectedCashMinor: Int64
}

extension CashierStore {
    /// Opens the acting cashier's shift with a float counted into the drawer. Needs `cashier.pay`.
    @discardableResult
    public func openShift(floatMinor: Int64, by actor: Actor) throws -> CashierShift {
        guard floatMinor >= 0 else { throw StoreError.invalid(ValidationError("float", "must not be negative")) }
        return try perform(.takePayment, action: "open a cashier shift", by: actor) { tx in
            try Self.insertShift(floatMinor: floatMinor, handoverFrom: nil, tx: tx)
        }
    }

    /// Opens a shift on the cash the last cashier left: the count must match what they handed over.
    @discardableResult
    public func acceptHandover(from shiftID: String, countedFloatMinor: Int64, by actor: Actor) throws -> CashierShift {
        try perform(.takePayment, action: "open a cashier shift", by: actor) { tx in
            guard let previous = try CashierShift.fetchOne(tx.db, key: shiftID), previous.status == .closed,
                let left = previous.floatLeftMinor
            else { throw StoreError.invalid(ValidationError("handover", "that shift is not closed")) }
            if try CashierShift.filter(sql: "handover_from = ?", arguments: [shiftID]).fetchCount(tx.db) > 0 {
                throw StoreError.invalid(ValidationError("handover", "shift \(previous.number)'s cash was already taken over"))
            }
            guard countedFloatMinor == left else {
                let currency = try Self.currency(tx.db)
                throw StoreError.invalid(ValidationError("handover", "you counted \(currency.format(countedFloatMinor)); shift \(previous.number) handed over \(currency.format(left)). Count again, or call a supervisor"))
            }
            return try Self.insertShift(floatMinor: left, handoverFrom: shiftID, tx: tx)
        }
    }

    /// Closes the acting cashier's shift: the drawer counted by denomination (value in minor units → pieces),
    /// and the cash left in it for the next cashier. Over or short is recorded, never hidden.
    @discardableResult
    public func closeShift(count: [Int64: Int], floatLeftMinor: Int64, note: String? = nil, by actor: Actor) throws -> ShiftReport {
        guard count.allSatisfy({ $0.key > 0 && $0.value >= 0 }) else {
            throw StoreError.invalid(ValidationError("count", "denominations and pieces must be positive"))
        }
        let counted = count.reduce(Int64(0)) { $0 + $1.key * Int64($1.value) }
        guard floatLeftMinor >= 0, floatLeftMinor <= counted else {
            throw StoreError.invalid(ValidationError("float left", "must be between nothing and the cash counted"))
        }
        let detail = "{" + count.filter { $0.value > 0 }.sorted { $0.key > $1.key }.map { "\"\($0.key)\":\($0.value)" }
            .joined(separator: ",") + "}"
        let cleanNote: String?
        do { cleanNote = try Validate.text(note, field: "note", maxLength: 500) } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.takePayment, action: "close a cashier shift", by: actor) { tx in
            var shift = try Self.openShift(of: tx.actor, db: tx.db)
            let expected = try Self.expectedCash(shift, db: tx.db)
            shift.status = .closed
            shift.closedAt = tx.now
            shift.expectedCashMinor = expected
            shift.countedCashMinor = counted
            shift.overShortMinor = counted - expected
            shift.countDetail = detail
            shift.floatLeftMinor = floatLeftMinor
            shift.closeNote = cleanNote
            shift.updatedAt = tx.now
            shift.updatedBy = tx.actor.userID
            try tx.update(shift, kind: CashierKind.shiftClosed)
            return try Self.shiftReport(shift, db: tx.db)
        }
    }

    /// The acting user's open shift, if any.
    public func currentShift(of actor: Actor) throws -> CashierShift? {
        try read { db in
            try CashierShift.filter(sql: "cashier_id = ? AND status = 'open'", arguments: [actor.userID]).fetchOne(db)
        }
    }

    /// Closed shifts whose cash nobody has taken over yet, latest first.
    public func pendingHandovers() throws -> [CashierShift] {
        try read { db in
            try CashierShift.filter(sql: """
                status = 'closed' AND float_left_minor > 0
                AND NOT EXISTS (SELECT 1 FROM cashier_shifts n WHERE n.handover_from = cashier_shifts.shift_id)
                """).order(sql: "closed_at DESC").fetchAll(db)
        }
    }

    /// The Z-report of a shift (open or closed).
    public func shiftReport(_ shiftID: String) throws -> ShiftReport {
        try read { db in
            guard let shift = try CashierShift.fetchOne(db, key: shiftID) else {
                throw StoreError.invalid(ValidationError("shift", "no such shift"))
            }
            return try Self.shiftReport(shift, db: db)
        }
    }

    /// Every shift opened from `from` to `to` (local days), for supervisors, newest first.
    public func shifts(from: CalendarDay, to: CalendarDay) throws -> [ShiftReport] {
        try Self.checkRange(from, to)
        return try read { db in
            let zone = try FacilityStore.timeZone(db)
            let start = Timestamp.string(LocalMoment(day: from, minute: 0).date(in: zone))
            let end = Timestamp.string(LocalMoment(day: to.adding(days: 1), minute: 0).date(in: zone))
            return try CashierShift.filter(sql: "opened_at >= ? AND opened_at < ?", arguments: [start, end])
                .order(sql: "number DESC").fetchAll(db).map { try Self.shiftReport($0, db: db) }
        }
    }

    // MARK: Rules

    static func insertShift(floatMinor: Int64, handoverFrom: String?, tx: BusinessTransaction) throws -> CashierShift {
        if let open = try CashierShift.filter(sql: "cashier_id = ? AND status = 'open'", arguments: [tx.actor.userID]).fetchOne(tx.db) {
            throw StoreError.invalid(ValidationError("shift", "your shift \(open.number) is still open; close it first"))
        }
        let shift = CashierShift(
            shiftID: Identifier.make(), number: Int(try tx.nextNumber("shift")), cashierID: tx.actor.userID ?? "",
            status: .open, openedAt: tx.now, floatMinor: floatMinor, handoverFrom: handoverFrom, closedAt: nil,
            expectedCashMinor: nil, countedCashMinor: nil, overShortMinor: nil, countDetail: nil, floatLeftMinor: nil,
            closeNote: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
        try tx.insert(shift, kind: CashierKind.shiftOpened)
        return shift
    }

    static func openShift(of actor: Actor, db: Database) throws -> CashierShift {
        guard let shift = try CashierShift.filter(sql: "cashier_id = ? AND status = 'open'", arguments: [actor.userID]).fetchOne(db)
        else { throw StoreError.invalid(ValidationError("shift", "open a shift first: no shift, no payment")) }
        return shift
    }

    /// Float + cash in − cash out over the shift's receipts.
    static func expectedCash(_ shift: CashierShift, db: Database) throws -> Int64 {
        let net = try Int64.fetchOne(db, sql: """
            SELECT coalesce(sum(CASE p.kind WHEN 'payment' THEN m.amount_minor ELSE -m.amount_minor END), 0)
            FROM payments p JOIN payment_methods m ON m.payment_id = p.payment_id
            WHERE p.shift_id = ? AND m.method = 'cash'
            """, arguments: [shift.shiftID]) ?? 0
        return shift.floatMinor + net
    }

    static func shiftReport(_ shift: CashierShift, db: Database) throws -> ShiftReport {
        var totals: [PaymentMethod: (Int64, Int64)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT m.method, p.kind, sum(m.amount_minor) AS total FROM payments p
            JOIN payment_methods m ON m.payment_id = p.payment_id WHERE p.shift_id = ? GROUP BY m.method, p.kind
            """, arguments: [shift.shiftID]) {
            guard let method = PaymentMethod(rawValue: row["method"]), method != .insurance else { continue }
            let total: Int64 = row["total"]
            var entry = totals[method] ?? (0, 0)
            if (row["kind"] as String) == "payment" { entry.0 += total } else { entry.1 += total }
            totals[method] = entry
        }
        let counts = try Row.fetchOne(db, sql: """
            SELECT sum(kind = 'payment' AND receipt_number NOT LIKE 'REM-%') AS receipts, sum(kind = 'refund') AS refunds,
                   sum(receipt_number LIKE 'REM-%') AS remittances,
                   (SELECT coalesce(sum(m.amount_minor), 0) FROM payments q JOIN payment_methods m ON m.payment_id = q.payment_id
                    WHERE q.shift_id = ?1 AND m.method = 'insurance' AND q.kind = 'payment') AS insurer
            FROM payments WHERE shift_id = ?1
            """, arguments: [shift.shiftID])
        let name = try String.fetchOne(db, sql: "SELECT display_name FROM users WHERE user_id = ?", arguments: [shift.cashierID]) ?? "?"
        var report = ShiftReport(
            shift: shift, cashierName: name,
            byMethod: PaymentMethod.allCases.compactMap { m in totals[m].map { .init(method: m, inMinor: $0.0, outMinor: $0.1) } },
            receipts: counts?["receipts"] ?? 0, refunds: counts?["refunds"] ?? 0,
            expectedCashMinor: try expectedCash(shift, db: db))
        report.insurerSettledMinor = counts?["insurer"] ?? 0
        report.remittances = counts?["remittances"] ?? 0
        return report
    }

    /// The facility's currency, for amounts shown or printed.
    public func currency() throws -> Currency { try read { db in try Self.currency(db) } }

    static func currency(_ db: Database) throws -> Currency {
        Currency(code: try String.fetchOne(db.cachedStatement(sql: "SELECT currency FROM facilities LIMIT 1")) ?? "XXX")
    }
}

extension Currency {
    /// `KES 1,500.00`.
    public func format(_ minor: Int64) -> String { "\(code) \(Money.format(minor, minorUnits: minorUnits))" }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
