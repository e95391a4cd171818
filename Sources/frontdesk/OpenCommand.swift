// `frontdesk` with no subcommand: open the application on the store.
import ArgumentParser
import Foundation
import FrontDeskStore

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the application on the facility store (the default).")

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            let facility = try opened.facility()
            // The terminal shell arrives with its own issue; until then say what is here.
            print("""
                \(facility.name) — store \(opened.path)
                \(try opened.patientCount()) patients, \(try opened.users().count) users, ledger at seq \(try opened.ledgerHead().seq).
                The terminal screens are not built yet. Available now: frontdesk user, verify, ledger export.
                """)
        }
    }
}
