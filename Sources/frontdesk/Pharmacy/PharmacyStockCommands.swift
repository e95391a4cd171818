// `frontdesk pharmacy adjust|issue|supplier-return|write-off|count-sheet`: the stock ledger's movements besides receipts and dispensing.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

extension PharmacyCommand {
    struct Adjust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a batch's stock by --by N (negative: fewer), with a reason; the pharmacist in charge approves.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code.") var code: String
        @Option(help: "The batch number.") var batch: String
        @Option(name: .customLong("by"), parsing: .unconditional, help: "Units to add (or, negative, take away: --by -3).") var delta: Int
        @Option(help: "Why (damaged, count, found…).") var reason: String
        @Option(name: .customLong("approved-by"), help: "The pharmacist in charge, when it is not you (their password is read after yours).")
        var approver: String?
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let item = try PharmacyCommand.item(code, in: opened)
                let found = try PharmacyCommand.batch(batch, of: item, in: opened)
                let actor = try session.actor()
                let approval = try approver.map {
                    try opened.pharmacy.authorizeInCharge(username: $0, password: try acting.passwords.read(prompt: "Pharmacist in charge's password (\($0))"),
                                                          terminal: "cli")
                }
                try opened.pharmacy.adjust(batchID: found.batchID, by: delta, reason: reason, approval: approval, by: actor)
                print("\(item.code) batch \(found.batchNo) adjusted by \(delta); \(try opened.pharmacy.stock(itemID: item.itemID).onHand) on hand.")
            }
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue stock to a ward or department, first expiry first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code.") var code: String
        @Option(help: "Units.") var quantity: Int
        @Option(help: "The ward or department.") var to: String
        @Option(help: "Why (ward stock, theatre…).") var reason: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let item = try PharmacyCommand.item(code, in: session.store)
                let picks = try session.store.pharmacy.issue(itemID: item.itemID, quantity: quantity, to: to, reason: reason, by: try session.actor())
                print("\(quantity) \(item.unit)(s) of \(item.code) issued to \(to): " + picks.map { "\($0.quantity) from \($0.batchNo)" }.joined(separator: ", ") + ".")
            }
        }
    }

    struct SupplierReturn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "supplier-return", abstract: "Send some of a batch back to its supplier.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code.") var code: String
        @Option(help: "The batch number.") var batch: String
        @Option(help: "Units.") var quantity: Int
        @Option(help: "The supplier.") var supplier: String
        @Option(help: "Why (recall, damaged…).") var reason: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let item = try PharmacyCommand.item(code, in: session.store)
                let found = try PharmacyCommand.batch(batch, of: item, in: session.store)
                try session.store.pharmacy.returnToSupplier(batchID: found.batchID, quantity: quantity, supplier: supplier, reason: reason,
                                                            by: try session.actor())
                print("\(quantity) \(item.unit)(s) of batch \(found.batchNo) returned to \(supplier).")
            }
        }
    }

    struct WriteOff: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-off", abstract: "Write off all that is left of an expired batch.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code.") var code: String
        @Option(help: "The batch number.") var batch: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let item = try PharmacyCommand.item(code, in: session.store)
                let found = try PharmacyCommand.batch(batch, of: item, in: session.store)
                let units = try session.store.pharmacy.writeOffExpired(batchID: found.batchID, by: try session.actor())
                print("\(units) \(item.unit)(s) of expired batch \(found.batchNo) written off.")
            }
        }
    }

    struct CountSheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count-sheet", abstract: "Print a stock count sheet: every batch on hand with what the ledger says now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Only these items' codes.") var codes: [String] = []
        @Flag(help: "As CSV (as_of,code,item,batch,expiry,system,counted).") var csv = false
        func run() throws {
            try store.reading { opened in
                let sheet = try opened.pharmacy.countSheet(itemCodes: codes)
                if csv {
                    print(CSVLine.make(["as_of", "code", "item", "batch", "expiry", "system", "counted"]))
                    for line in sheet.lines {
                        print(CSVLine.make([sheet.asOf, line.item.code, line.item.title, line.batch.batchNo, line.batch.expiry, "\(line.system)", ""]))
                    }
                    return
                }
                print("Stock count sheet, as of \(sheet.asOf)")
                for line in sheet.lines {
                    print("\(line.item.code.padding(toLength: 12, withPad: " ", startingAt: 0)) \(line.batch.batchNo.padding(toLength: 12, withPad: " ", startingAt: 0)) "
                          + "exp \(line.batch.expiry) \(String(format: "%7d", line.system))  counted: ______")
                }
            }
        }
    }
}
