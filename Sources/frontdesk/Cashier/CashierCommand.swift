// `frontdesk cashier`: collections, outstanding balances and shifts, for supervisors and the accounts office.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct CashierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cashier", abstract: "Collections, outstanding invoices and cashier shifts.",
        subcommands: [CollectionsReport.self, Outstanding.self, Shifts.self, Printer.self, Limits.self])

    struct CollectionsReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "collections",
            abstract: "Money taken and refunded by method and by cashier, each receipt on the day it was taken.")
        @OptionGroup var store: StoreOptions
        @Option(help: "First day (YYYY-MM-DD); today if left out.") var from: String?
        @Option(help: "Last day (YYYY-MM-DD); the first day if left out.") var to: String?
        func run() throws {
            try store.reading { opened in
                let currency = try opened.facility()
                let (first, last) = try parseDayRange(from: from, to: to, store: opened)
                let report = try opened.cashier.collections(from: first, to: last)
                func amount(_ m: Int64) -> String {
                    let t = Money.format(m, minorUnits: currency.currencyMinorUnits)
                    return String(repeating: " ", count: max(0, 14 - t.count)) + t
                }
                print("Collections \(first)\(last == first ? "" : " to \(last)") (\(currency.currency))")
                for (heading, lines) in [("By method", report.byMethod), ("By cashier", report.byCashier)] {
                    print("\(heading.padding(toLength: 26, withPad: " ", startingAt: 0))            in           out           net")
                    for line in lines {
                        print("  \(line.name.padding(toLength: 24, withPad: " ", startingAt: 0))\(amount(line.inMinor))\(amount(line.outMinor))\(amount(line.netMinor))")
                    }
                }
                print("Net collected".padding(toLength: 54, withPad: " ", startingAt: 0) + amount(report.netMinor))
                // Insurers' settlements are not the counter's money: apart, never in the net.
                for line in report.byInsurer {
                    print("\(line.name) remittances (not drawer money)".padding(toLength: 54, withPad: " ", startingAt: 0) + amount(line.netMinor))
                }
            }
        }
    }

    struct Outstanding: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issued invoices still owed, oldest first.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try store.reading { opened in
                let minor = try opened.facility().currencyMinorUnits
                var patientTotal: Int64 = 0, payerTotal: Int64 = 0
                for row in try opened.cashier.outstandingInvoices() {
                    let i = row.invoice
                    patientTotal += i.patientBalanceMinor
                    payerTotal += i.payerBalanceMinor
                    print("\(i.number ?? "?")  \(i.issuedAt?.prefix(10) ?? "")  \(row.patientName) (\(row.mrn))  patient owes \(Money.format(i.patientBalanceMinor, minorUnits: minor))"
                        + (i.payerBalanceMinor > 0 ? ", \(i.payer ?? "insurer") owes \(Money.format(i.payerBalanceMinor, minorUnits: minor))" : ""))
                }
                print("Total: patients owe \(Money.format(patientTotal, minorUnits: minor)), insurers owe \(Money.format(payerTotal, minorUnits: minor)).")
            }
        }
    }

    struct Shifts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every shift opened on a day (or range): float, takings, expected and counted cash, over or short.")
        @OptionGroup var store: StoreOptions
        @Option(help: "First day (YYYY-MM-DD); today if left out.") var from: String?
        @Option(help: "Last day; the first day if left out.") var to: String?
        func run() throws {
            try store.reading { opened in
                let minor = try opened.facility().currencyMinorUnits
                let (first, last) = try parseDayRange(from: from, to: to, store: opened)
                for report in try opened.cashier.shifts(from: first, to: last) {
                    let s = report.shift
                    let close = s.status == .open ? "open" : "counted \(Money.format(s.countedCashMinor ?? 0, minorUnits: minor)), "
                        + ((s.overShortMinor ?? 0) == 0 ? "balanced" : ((s.overShortMinor ?? 0) > 0 ? "over " : "short ") + Money.format(abs(s.overShortMinor ?? 0), minorUnits: minor))
                    print("Shift \(s.number)  \(report.cashierName)  float \(Money.format(s.floatMinor, minorUnits: minor))  receipts \(report.receipts)  refunds \(report.refunds)  expected cash \(Money.format(report.expectedCashMinor, minorUnits: minor))  \(close)")
                }
            }
        }
    }

    struct Printer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, or set, the command receipts are printed through (it reads the text on standard input) and their width.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Option(help: "42 (80 mm thermal) or 80 columns.") var width: Int?
        @Argument(help: "e.g. \"lp -d counter1\"; leave out to show the current one.") var command: String?
        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                let current = try opened.cashier.receiptPrinter()
                if command != nil || width != nil {
                    try opened.cashier.setReceiptPrinter(command: command ?? current.command, width: width ?? current.width, by: try session.actor())
                }
                let now = try opened.cashier.receiptPrinter()
                print("Receipts print through `\(now.command)`, \(now.width) columns wide.")
            }
        }
    }

    struct Limits: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, or set, the thresholds past which a float, a drawer count or a fee asks \"are you sure?\" first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Option(help: "An opening float above this asks first (an amount, e.g. 100000).") var float: String?
        @Option(help: "A drawer counted at close above this asks first.") var count: String?
        @Option(help: "A fee above this asks first.") var fee: String?
        @Option(name: .customLong("fee-days"), help: "A rate starting more than this many days ahead asks first.") var feeDays: Int?
        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                let units = try opened.facility().currencyMinorUnits
                var limits = try opened.cashier.plausibleLimits()
                if float != nil || count != nil || fee != nil || feeDays != nil {
                    if let float { limits.floatMinor = try Money.parse(float, minorUnits: units, field: "float") }
                    if let count { limits.countMinor = try Money.parse(count, minorUnits: units, field: "count") }
                    if let fee { limits.feeMinor = try Money.parse(fee, minorUnits: units, field: "fee") }
                    if let feeDays { limits.feeDaysAhead = feeDays }
                    try opened.cashier.setPlausibleLimits(limits, by: try session.actor())
                    limits = try opened.cashier.plausibleLimits()
                }
                let currency = try opened.facility().currency
                func money(_ minor: Int64) -> String { "\(currency) \(Money.format(minor, minorUnits: units))" }
                print("Asks first: a float above \(money(limits.floatMinor)), a drawer count above \(money(limits.countMinor)), "
                      + "a fee above \(money(limits.feeMinor)) or starting more than \(limits.feeDaysAhead) days ahead.")
            }
        }
    }
}
