// Collections by method and by cashier over local days: each receipt counted once, on the day it was taken.
import Foundation
import FrontDeskCore
import GRDB

/// Money taken and given back over a range of days.
public struct Collections: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let name: String
        public let inMinor: Int64
        public let outMinor: Int64
        public var netMinor: Int64 { inMinor - outMinor }
    }

    public let from: CalendarDay
    public let to: CalendarDay
    public let byMethod: [Line]
    public let byCashier: [Line]
    public var netMinor: Int64 { byMethod.reduce(0) { $0 + $1.netMinor } }
}

extension CashierStore {
    /// Receipts of `from` to `to` (local days, inclusive). Applying a deposit moves no money and is not
    /// counted; a payment on an older invoice counts on the day it was paid.
    public func collections(from: CalendarDay, to: CalendarDay) throws -> Collections {
        try Self.checkRange(from, to)
        return try read { db in
            func lines(_ select: String, _ group: String) throws -> [Collections.Line] {
                try Row.fetchAll(db, sql: """
                    SELECT \(select) AS name,
                           coalesce(sum(CASE p.kind WHEN 'payment' THEN m.amount_minor END), 0) AS money_in,
                           coalesce(sum(CASE p.kind WHEN 'refund' THEN m.amount_minor END), 0) AS money_out
                    FROM payments p JOIN payment_methods m ON m.payment_id = p.payment_id
                    JOIN users u ON u.user_id = p.cashier_id
                    WHERE p.local_day BETWEEN ? AND ? GROUP BY \(group) ORDER BY name
                    """, arguments: [from.description, to.description]).map {
                    Collections.Line(name: $0["name"], inMinor: $0["money_in"], outMinor: $0["money_out"])
                }
            }
            let methods = try lines("m.method", "m.method").map { line in
                Collections.Line(name: PaymentMethod(rawValue: line.name)?.title ?? line.name, inMinor: line.inMinor, outMinor: line.outMinor)
            }
            return Collections(from: from, to: to, byMethod: methods, byCashier: try lines("u.display_name", "p.cashier_id"))
        }
    }
}

extension CashierStore {
    /// Refuses a range of days whose first day is after its last.
    static func checkRange(_ first: CalendarDay, _ last: CalendarDay) throws {
        guard first <= last else {
            throw StoreError.invalid(ValidationError("days", "the first day (\(first)) is after the last (\(last)); give the earlier day first"))
        }
    }
}
