// `frontdesk pharmacy alerts|report|in-charge|days`: stock alerts, reports (--csv), and the pharmacy's settings.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

extension PharmacyCommand {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Items at or below their reorder level, batches expiring soon, and expired stock on the shelf.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try store.reading { opened in
                let alerts = try opened.pharmacy.alerts()
                if alerts.isEmpty { print("No stock alerts."); return }
                for stock in alerts.belowReorder {
                    print("REORDER   \(stock.item.code) \(stock.item.title): \(stock.usable) left, reorder at \(stock.item.reorderLevel)")
                }
                for batch in alerts.expiringSoon {
                    print("EXPIRING  \(batch.item.code) batch \(batch.batch.batchNo) exp \(batch.batch.expiry): \(batch.onHand) on hand")
                }
                for batch in alerts.expiredOnShelf {
                    print("EXPIRED   \(batch.item.code) batch \(batch.batch.batchNo) exp \(batch.batch.expiry): \(batch.onHand) to write off")
                }
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports: stock (on hand and value at cost), movements, dispensing (by item), expiries; --csv for a spreadsheet.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "stock, movements, dispensing or expiries.") var kind: String
        @Option(help: "First day (movements, dispensing); today if left out.") var from: String?
        @Option(help: "Last day.") var to: String?
        @Option(help: "Expiries: within this many days (default: the facility's alert window).") var days: Int?
        @Flag(help: "As CSV.") var csv = false
        func run() throws {
            try store.reading { opened in
                let pharmacy = opened.pharmacy
                let currency = try opened.cashier.currency()
                let money = { (minor: Int64) in Money.format(minor, minorUnits: currency.minorUnits) }
                var rows: [[String]]
                switch kind {
                case "stock":
                    rows = [["code", "item", "unit", "on_hand", "usable", "value_\(currency.code.lowercased())"]]
                    rows += try pharmacy.stockOnHand().map { [$0.item.code, $0.item.title, $0.item.unit, "\($0.onHand)", "\($0.usable)", money($0.valueMinor)] }
                case "movements":
                    let (first, last) = try parseDayRange(from: from, to: to, store: opened)
                    rows = [["time", "type", "code", "batch", "quantity", "by", "counterparty", "reason"]]
                    rows += try pharmacy.movements(from: first, to: last).map {
                        [$0.movement.occurredAt, $0.movement.type.rawValue, $0.itemCode, $0.batchNo, "\($0.movement.quantity)", $0.by,
                         $0.movement.counterparty ?? "", $0.movement.reason ?? ""]
                    }
                case "dispensing":
                    let (first, last) = try parseDayRange(from: from, to: to, store: opened)
                    rows = [["code", "item", "quantity", "returned", "prescriptions", "charged_\(currency.code.lowercased())"]]
                    rows += try pharmacy.dispensing(from: first, to: last).map {
                        [$0.item.code, $0.item.title, "\($0.quantity)", "\($0.returned)", "\($0.prescriptions)", money($0.chargedMinor)]
                    }
                case "expiries":
                    let window = try days ?? pharmacy.settings().expiryAlertDays
                    rows = [["expiry", "code", "item", "batch", "on_hand"]]
                    rows += try pharmacy.expiries(withinDays: window).map { [$0.batch.expiry, $0.item.code, $0.item.title, $0.batch.batchNo, "\($0.onHand)"] }
                default:
                    throw InputError(message: "the report is stock, movements, dispensing or expiries")
                }
                if csv {
                    for row in rows { print(CSVLine.make(row)) }
                    return
                }
                let widths = rows[0].indices.map { column in min(40, rows.map { $0[column].count }.max() ?? 0) }
                for row in rows {
                    print(row.enumerated().map { String($1.prefix(40)).padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
                }
                if rows.count == 1 { print("(nothing)") }
            }
        }
    }

    struct InCharge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "in-charge", abstract: "Show or name the pharmacist in charge, who approves stock adjustments.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The pharmacist's username.") var username: String?
        func run() throws {
            try store.signedIn(as: acting) { session in
                if let username { try session.store.pharmacy.setInCharge(username: username, by: try session.actor()) }
                print("Pharmacist in charge: \(try session.store.pharmacy.settings().inChargeName ?? "nobody yet").")
            }
        }
    }

    struct Days: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set the expiry alert window (default 90 days) and the minimum shelf life at receipt (default 30 days).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(name: .customLong("expiry-alert"), help: "Days.") var expiryAlert: Int?
        @Option(name: .customLong("minimum-shelf"), help: "Days.") var minimumShelf: Int?
        func run() throws {
            try store.signedIn(as: acting) { session in
                let pharmacy = session.store.pharmacy
                let current = try pharmacy.settings()
                if expiryAlert != nil || minimumShelf != nil {
                    try pharmacy.setDays(expiryAlert: expiryAlert ?? current.expiryAlertDays, minimumShelf: minimumShelf ?? current.minimumShelfDays,
                                         by: try session.actor())
                }
                let now = try pharmacy.settings()
                print("Expiry alert: \(now.expiryAlertDays) days. Minimum shelf life at receipt: \(now.minimumShelfDays) days.")
            }
        }
    }
}
