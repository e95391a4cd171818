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
    /// Money the counter took and gave back: insurers' settlements are not in it.
    public let byMethod: [Line]
    public let byCashier: [Line]
    /// Insurers' settlements (remittances) by payer, reported apart from the counter's money.
    public var byInsurer: [Line] = []
    public var netMinor: Int64 { byMethod.reduce(0) { $0 + $1.netMinor } }
    public var insurersMinor: Int64 { byInsurer.reduce(0) { $0 + $1.netMinor } }
}

extension CashierStore {
    /// Receipts of `from` to `to` (local days, inclusive). Applying a deposit moves no money and is not
    /// counted; a payment on an older invoice counts on the day it was paid. Insurers' settlements are
    /// reported apart, by payer.
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
                    WHERE p.local_day BETWEEN ? AND ? AND m.method <> 'insurance' GROUP BY \(group) ORDER BY name
                    """, arguments: [from.description, to.description]).map {
                    Collections.Line(name: $0["name"], inMinor: $0["money_in"], outMinor: $0["money_out"])
                }
            }
            let methods = try lines("m.method", "m.method").map { line in
                Collections.Line(name: PaymentMethod(rawValue: line.name)?.title ?? line.name, inMinor: line.inMinor, outMinor: line.outMinor)
            }
            var collections = Collections(from: from, to: to, byMethod: methods, byCashier: try lines("u.display_name", "p.cashier_id"))
            collections.byInsurer = try Row.fetchAll(db, sql: """
                SELECT coalesce(i.payer, 'Insurer') AS name, sum(m.amount_minor) AS money_in FROM payments p
                JOIN payment_methods m ON m.payment_id = p.payment_id AND m.method = 'insurance'
                LEFT JOIN invoices i ON i.invoice_id = (SELECT a.invoice_id FROM payment_allocations a
                                                        WHERE a.payment_id = p.payment_id AND a.share = 'payer' LIMIT 1)
                WHERE p.local_day BETWEEN ? AND ? AND p.kind = 'payment' GROUP BY 1 ORDER BY 1
                """, arguments: [from.description, to.description]).map {
                Collections.Line(name: $0["name"], inMinor: $0["money_in"], outMinor: 0)
            }
            return collections
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
