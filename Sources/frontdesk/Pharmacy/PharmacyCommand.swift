// `frontdesk pharmacy`: receive goods, prescriptions and dispensing, stock movements, alerts and reports.
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

    struct Prescribe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter a prescription from paper: --line \"CODE;DOSE;FREQUENCY;DAYS[;QUANTITY]\" for each line.",
            discussion: "FREQUENCY is OD, BD, TDS, QDS, q6h, q8h, nocte, PRN, stat… The quantity is dose × times a day × days unless given (PRN needs it). A line whose item meets a recorded allergy is refused unless --acknowledge-allergy.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @OptionGroup var patient: PatientByMRN
        @Option(help: "Who wrote it.") var prescriber: String
        @Option(name: .customLong("written-on"), help: "The day on the paper (YYYY-MM-DD); today if left out.") var writtenOn: String?
        @Option(name: .customLong("line"), help: "CODE;DOSE;FREQUENCY;DAYS[;QUANTITY]") var lines: [String]
        @Flag(name: .customLong("acknowledge-allergy"), help: "You saw the allergy warning and go on.") var acknowledge = false
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let parsed = try lines.enumerated().map { index, text -> PrescriptionLineInput in
                    let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard (4...5).contains(parts.count) else { throw InputError(message: "--line \(index + 1) '\(Quote.excerpt(text))' is not CODE;DOSE;FREQUENCY;DAYS[;QUANTITY]") }
                    guard parts[3].isEmpty || Int(parts[3]) != nil else { throw InputError(message: "--line \(index + 1): days '\(parts[3])' is not a number") }
                    guard parts.count == 4 || parts[4].isEmpty || Int(parts[4]) != nil else {
                        throw InputError(message: "--line \(index + 1): quantity '\(parts[4])' is not a number")
                    }
                    return PrescriptionLineInput(itemCode: parts[0], dose: parts[1], frequency: parts[2], durationDays: Int(parts[3]),
                                                 quantity: parts.count == 5 ? Int(parts[4]) : nil, acknowledgeAllergy: acknowledge)
                }
                let written = try writtenOn.map { try parseDay($0, option: "--written-on", store: opened) }
                let rx = try opened.pharmacy.writePrescription(PrescriptionInput(patientID: try patient.id(in: opened), prescriber: prescriber,
                                                                                 writtenOn: written, lines: parsed), by: try session.actor())
                let detail = try opened.pharmacy.prescription(rx.rxID)
                print("Prescription \(rx.number) for \(detail.patientName) (\(detail.mrn)):")
                for line in detail.lines { print("  \(line.line.lineNo). \(line.item.code) \(line.line.quantity) \(line.item.unit)(s)") }
            }
        }
    }

    struct Prescriptions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prescriptions with something still owed (of one patient with --patient), oldest first.")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("patient"), help: "Only this patient's (MRN), all of them.") var mrn: String?
        func run() throws {
            try store.reading { opened in
                let list: [PrescriptionSummary]
                if let mrn {
                    list = try opened.pharmacy.prescriptions(patientID: try PatientByMRN.named(mrn).id(in: opened))
                } else {
                    list = try opened.pharmacy.openPrescriptions()
                }
                if list.isEmpty { print(mrn == nil ? "No prescription is waiting." : "No prescriptions."); return }
                for rx in list {
                    print("\(String(rx.prescription.number).padding(toLength: 6, withPad: " ", startingAt: 0)) \(rx.prescription.writtenOn) "
                          + "\(rx.patientName) (\(rx.mrn)): \(rx.owedLines) of \(rx.lines) line(s) owed, \(rx.prescription.status.rawValue)")
                }
            }
        }
    }

    struct Dispense: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dispense a prescription by its number: every owed line in full, or --line N=QUANTITY for some.",
            discussion: "Batches are first expiry first, split when one is not enough; --batch N=BATCH takes line N from that batch instead (with --reason). Each part posts its charge for the cashier. --label FILE writes the labels (42 columns) to FILE.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The prescription's number.") var number: Int64
        @Option(name: .customLong("line"), help: "N=QUANTITY: dispense this much of line N.") var lines: [String] = []
        @Option(name: .customLong("batch"), help: "N=BATCH: line N from this batch, not first expiry first.") var batches: [String] = []
        @Option(help: "Why another batch than the first to expire.") var reason: String?
        @Flag(name: .customLong("acknowledge-allergy"), help: "You saw the allergy warning and go on.") var acknowledge = false
        @Option(help: "Write the labels to this file.") var label: String?

        static func pairs(_ values: [String], option: String) throws -> [Int: String] {
            try Dictionary(values.map { text in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let n = Int(parts[0]) else { throw InputError(message: "\(option) '\(Quote.excerpt(text))' is not N=VALUE") }
                return (n, parts[1])
            }, uniquingKeysWith: { $1 })
        }

        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let detail = try opened.pharmacy.prescription(number: number)
                let quantities = try Self.pairs(lines, option: "--line")
                let chosen = try Self.pairs(batches, option: "--batch")
                var requests: [DispenseLineRequest] = []
                for status in detail.lines where status.owed > 0 && (quantities.isEmpty || quantities[status.line.lineNo] != nil) {
                    guard let quantity = quantities[status.line.lineNo].map({ Int($0) }) ?? status.owed else {
                        throw InputError(message: "--line \(status.line.lineNo)= needs a whole number")
                    }
                    let batchID = try chosen[status.line.lineNo].map { try PharmacyCommand.batch($0, of: status.item, in: opened).batchID }
                    requests.append(DispenseLineRequest(lineID: status.line.lineID, quantity: quantity, batchID: batchID,
                                                        overrideReason: reason, acknowledgeAllergy: acknowledge))
                }
                for n in quantities.keys where !detail.lines.contains(where: { $0.line.lineNo == n && $0.owed > 0 }) {
                    throw InputError(message: "prescription \(number) has no line \(n) with anything owed")
                }
                guard !requests.isEmpty else { throw InputError(message: "prescription \(number) owes nothing") }
                let result = try opened.pharmacy.dispense(detail.prescription.rxID, lines: requests, by: try session.actor())
                let currency = try opened.cashier.currency()
                for line in result.lines {
                    let from = line.picks.map { "\($0.quantity) from \($0.batchNo) (exp \($0.expiry))" }.joined(separator: ", ")
                    print("\(line.lineNo). \(line.item.code): \(from)" + (line.chargedMinor.map { "; charged \(currency.format($0))" } ?? "; no price, not charged")
                          + (line.owedAfter > 0 ? "; \(line.owedAfter) still owed" : ""))
                }
                if let label {
                    let text = try opened.pharmacy.labels(for: result).map(\.text).joined(separator: "\n")
                    do { try OutputFile(label, force: true, protecting: [opened.path]).write(text) } catch let error as OutputFileError {
                        throw InputError(message: "dispensed, but the labels were not written: \(error.description)")
                    }
                    print("Labels written to \(label).")
                }
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take back dispensed medicine: it goes back into its batch and its charge is reversed.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The prescription's number.") var number: Int64
        @Option(help: "The line brought back.") var line: Int
        @Option(help: "How many units.") var quantity: Int
        @Option(help: "Why it came back.") var reason: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let detail = try opened.pharmacy.prescription(number: number)
                guard let status = detail.lines.first(where: { $0.line.lineNo == line }) else {
                    throw InputError(message: "prescription \(number) has no line \(line)")
                }
                // Latest dispense first: what was given last comes back first.
                var left = quantity
                let given = try opened.pharmacy.dispenses(rxID: detail.prescription.rxID).filter { $0.dispense.lineID == status.line.lineID }
                let kept = given.reduce(0) { $0 + $1.dispense.quantity - $1.returned }
                guard quantity >= 1, quantity <= kept else { throw InputError(message: "--quantity must be 1 to \(kept) (what line \(line) has out)") }
                let actor = try session.actor()
                for part in given where left > 0 && part.dispense.quantity > part.returned {
                    let take = min(left, part.dispense.quantity - part.returned)
                    try opened.pharmacy.returnDispensed(part.dispense.dispenseID, quantity: take, reason: reason, by: actor)
                    left -= take
                }
                print("\(quantity) \(status.item.unit)(s) of \(status.item.code) taken back into stock; the charge is reversed.")
            }
        }
    }

    struct Adjust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a batch's stock by --by N (negative: fewer), with a reason; the pharmacist in charge approves.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The item's code.") var code: String
        @Option(help: "The batch number.") var batch: String
        @Option(name: .customLong("by"), help: "Units to add (or, negative, take away).") var delta: Int
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
