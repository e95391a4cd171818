// `frontdesk fees`: the fee schedule, effective-dated rates by service code.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct FeesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fees", abstract: "Show or set the fee schedule.", subcommands: [List.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every rate, by code and date.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.reading { opened in
                let facility = try opened.facility()
                let fees = try opened.fees()
                if fees.isEmpty { print("The fee schedule is empty."); return }
                for fee in fees {
                    let amount = Money.format(fee.amountMinor, minorUnits: facility.currencyMinorUnits)
                    let dates = "from \(fee.effectiveFrom)" + (fee.effectiveTo.map { " to \($0)" } ?? "")
                    print("\(fee.code.padding(toLength: 16, withPad: " ", startingAt: 0)) \(facility.currency) \(amount.padding(toLength: 12, withPad: " ", startingAt: 0)) \(dates)  \(fee.name)")
                }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the rate of a service code from a day on (the rate before it ends the day before).",
            discussion: "REGISTRATION is charged to each newly registered patient when it has a rate.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "What the charge is called on receipts.") var name: String
        @Option(help: "First day the rate applies (YYYY-MM-DD); today if left out.") var from: String?
        @Argument(help: "Service code, e.g. REGISTRATION.") var code: String
        @Argument(help: "Amount in the facility's currency, e.g. 500 or 1,250.50.") var amount: String

        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let facility = try opened.facility()
                let minor: Int64
                do { minor = try Money.parse(amount, minorUnits: facility.currencyMinorUnits) } catch let e as FrontDeskCore.ValidationError {
                    throw InputError(message: e.description)
                }
                let day: CalendarDay
                if let from {
                    guard let parsed = CalendarDay(from) else { throw InputError(message: "--from '\(Quote.excerpt(from))' is not a YYYY-MM-DD date") }
                    day = parsed
                } else {
                    day = try opened.localNow().day
                }
                try opened.setFee(code: code, name: name, amountMinor: minor, from: day, by: try session.actor())
                print("\(code.uppercased()): \(facility.currency) \(Money.format(minor, minorUnits: facility.currencyMinorUnits)) from \(day).")
            }
        }
    }
}
