// `frontdesk pharmacy`: the group of the pharmacy's commands, receiving goods and the stock card (the others in Pharmacy*Commands.swift).
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct PharmacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharmacy", abstract: "Pharmacy: receive goods, prescriptions and dispensing, stock movements, alerts and reports.",
        subcommands: [Receive.self, Stock.self, Prescribe.self, Prescriptions.self, Dispense.self, Return.self, Adjust.self, Issue.self,
                      SupplierReturn.self, WriteOff.self, CountSheet.self, Alerts.self, Report.self, InCharge.self, Days.self])

    /// The item of `code`, or a sentence saying there is none.
    static func item(_ code: String, in store: FacilityStore) throws -> PharmacyItem {
        guard let item = try store.pharmacy.item(code: code) else { throw InputError(message: "there is no item \(code.uppercased())") }
        return item
    }

    /// The batch `number` of `item`.
    static func batch(_ number: String, of item: PharmacyItem, in store: FacilityStore) throws -> PharmacyBatch {
        guard let found = try store.pharmacy.batches(itemID: item.itemID, withStockOnly: false)
            .first(where: { $0.batch.batchNo == number.uppercased() }) else {
            throw InputError(message: "\(item.code) has no batch \(number.uppercased())")
        }
        return found.batch
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive a delivery: --line CODE,BATCH,EXPIRY,QUANTITY,COST for each line (COST is the line's total).",
            discussion: "EXPIRY is 2027-03-31, 2027-03 or 03/2027 (a month means its last day). QUANTITY is in the item's dispensing unit. A batch expired or expiring within the minimum shelf life is refused, and so is the whole delivery.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "The supplier.") var supplier: String
        @Option(help: "The supplier's invoice or delivery note number.") var invoice: String?
        @Option(name: .customLong("line"), help: "CODE,BATCH,EXPIRY,QUANTITY,COST") var lines: [String]
        func run() throws {
            try store.signedIn(as: acting) { session in
                let currency = try session.store.cashier.currency()
                let parsed = try lines.enumerated().map { index, text -> ReceiptLineInput in
                    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 5, let quantity = Int(parts[3]) else {
                        throw InputError(message: "--line \(index + 1) '\(Quote.excerpt(text))' is not CODE,BATCH,EXPIRY,QUANTITY,COST")
                    }
                    let cost = try Money.parse(parts[4], minorUnits: currency.minorUnits, field: "line \(index + 1) cost")
                    return ReceiptLineInput(itemCode: parts[0], batchNo: parts[1], expiry: parts[2], quantity: quantity, costMinor: cost)
                }
                let receipt = try session.store.pharmacy.receive(GoodsReceiptInput(supplier: supplier, invoiceNo: invoice, lines: parsed),
                                                                 by: try session.actor())
                print("Goods received note \(receipt.number): \(parsed.count) line(s) from \(receipt.supplier).")
            }
        }
    }

    struct Stock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An item's stock card: batches on hand, then every movement with the running balance.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The item's code.") var code: String
        @Option(help: "At most this many movements (the latest).") var last: Int = 50
        func run() throws {
            try store.reading { opened in
                let item = try PharmacyCommand.item(code, in: opened)
                let card = try opened.pharmacy.stockCard(itemID: item.itemID, limit: last)
                print("\(item.code) \(item.title): \(card.onHand) \(item.unit)(s) on hand")
                for stock in card.batches where stock.onHand != 0 {
                    print("  batch \(stock.batch.batchNo) exp \(stock.batch.expiry): \(stock.onHand)\(stock.expired ? " EXPIRED" : "")")
                }
                if card.opening != 0 { print("  (balance before the movements below: \(card.opening))") }
                for line in card.lines {
                    let m = line.movement
                    let detail = [m.counterparty, m.reason].compactMap { $0 }.joined(separator: ": ")
                    print("\(m.occurredAt.prefix(16)) \(m.type.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) "
                          + "\(line.batchNo.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%+6d", m.quantity)) "
                          + "\(String(format: "%7d", line.balance))  \(line.by)\(detail.isEmpty ? "" : "  \(detail)")")
                }
            }
        }
    }

}
