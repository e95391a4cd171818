// `frontdesk restore`: a verified backup put in place as the store; the store it replaces is kept.
import ArgumentParser
import Foundation
import FrontDeskStore

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a verified backup in place as the store (--db); the store it replaces is kept, renamed.",
        discussion: """
            The backup is verified first and refused if anything is wrong. An existing store is replaced only with
            --replace, only when no process has it open, and is kept as STORE.replaced-<time> with its -wal and -shm.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup to restore.") var backup: String
    @Flag(help: "Replace the existing store (it is kept, renamed).") var replace = false

    func run() throws {
        let report = try reportingErrors {
            try FacilityStore.restore(backup: backup, to: store.path, replacing: replace)
        }
        printReport(report, verb: "Restored")
        if let kept = report.replacedStoreKeptAt { print("The store it replaced is kept at \(kept).") }
        print("Entries made after this backup are not in the restored store; compare its ledger head with the last Z-report's.")
        guard report.problems.isEmpty else { throw ExitCode.failure }
    }
}
