// At the counter: who is waiting to pay (charges not yet invoiced), and finding a fee by code or name.
import Foundation
import FrontDeskCore
import GRDB

/// A patient with charges no invoice has gathered yet: someone waiting at (or on the way to) the cashier.
public struct WaitingToPay: Sendable, Equatable {
    public let patientID: String
    public let patientName: String
    public let mrn: String
    public let charges: Int
    /// The patient's share and the insurer's, split as an invoice made now would split them.
    public let split: OpenChargesSplit
    /// When the oldest of those charges was posted.
    public let since: String
}

extension CashierStore {
    /// Patients with open charges, those waiting longest first (the first `limit` of them when given).
    public func waitingToPay(limit: Int? = nil) throws -> [WaitingToPay] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.patient_id, coalesce(s.display_name, '?') AS name, p.mrn, count(*) AS n, min(c.posted_at) AS since
                FROM charges c JOIN patients p ON p.patient_id = c.patient_id
                LEFT JOIN patient_search s ON s.patient_id = c.patient_id
                WHERE c.status = 'open' GROUP BY c.patient_id ORDER BY since LIMIT ?
                """, arguments: [limit ?? -1])
        }
        return try rows.map {
            WaitingToPay(patientID: $0["patient_id"], patientName: $0["name"], mrn: $0["mrn"], charges: $0["n"],
                         split: try openChargesSplit(of: $0["patient_id"]), since: $0["since"])
        }
    }

    /// Today's rates whose code is `text` or starts with it, or with a word of whose name starts with it
    /// (case and accents aside), by code. An exact code is the only match.
    public func fees(matching text: String) throws -> [Fee] {
        try read { db in
            try Self.matchingFees(text, on: LocalMoment(store.clock.now(), in: try FacilityStore.timeZone(db)).day, db: db)
        }
    }

    // MARK: Rules

    static func matchingFees(_ text: String, on day: CalendarDay, db: Database) throws -> [Fee] {
        let typed = SearchText.fold(text.trimmingCharacters(in: .whitespaces))
        guard !typed.isEmpty else { return [] }
        if let exact = try FacilityStore.fee(code: typed.uppercased(), on: day, db: db) { return [exact] }
        let current = try Fee.filter(sql: "effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)",
                                     arguments: [day.description, day.description]).order(sql: "code").fetchAll(db)
        return current.filter { fee in
            let name = SearchText.fold(fee.name)
            return SearchText.fold(fee.code).hasPrefix(typed) || name.hasPrefix(typed)
                || name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0.hasPrefix(typed) }
        }
    }

    /// The one fee `text` names at the counter, or a refusal that says what to type instead.
    static func counterFee(_ text: String, on day: CalendarDay, db: Database) throws -> Fee {
        let found = try matchingFees(text, on: day, db: db)
        let typed = "'" + Quote.excerpt(text.trimmingCharacters(in: .whitespaces), limit: 32) + "'"
        guard let first = found.first else {
            throw StoreError.invalid(ValidationError("code", "the fee schedule has no rate today for a code or name starting \(typed)"))
        }
        guard found.count == 1 else {
            let shown = found.prefix(4).map(\.code).joined(separator: ", ") + (found.count > 4 ? " and \(found.count - 4) more" : "")
            throw StoreError.invalid(ValidationError("code", "\(typed) matches \(shown); type more of the code"))
        }
        return first
    }

    /// The patient's newest draft invoice, where services added at the counter go.
    static func draftInvoiceID(of patientID: String, db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT invoice_id FROM invoices WHERE patient_id = ? AND status = 'draft' ORDER BY created_at DESC, invoice_id DESC LIMIT 1
            """, arguments: [patientID])
    }
}
