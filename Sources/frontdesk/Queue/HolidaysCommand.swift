// `frontdesk holidays`: days the clinics are closed.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "Days the clinics are closed.", subcommands: [List.self, Add.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every holiday.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try store.reading { opened in for h in try opened.queue.holidays() { print("\(h.day)  \(h.name)") } }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the clinics on a day.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "YYYY-MM-DD.") var day: String
        @Argument(help: "Name, e.g. \"Jamhuri Day\".") var name: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                try opened.queue.addHoliday(try parseDay(day, option: "day", store: opened), name: name, by: try session.actor())
                print("\(day) is a holiday: \(name).")
            }
        }
    }
}
