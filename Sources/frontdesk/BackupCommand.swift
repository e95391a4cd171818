// `frontdesk backup` and `frontdesk restore`: copies that are verified, never over anything.
import ArgumentParser
import Foundation
import FrontDeskStore

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store to DEST while terminals keep working; the copy is verified before it takes its name.",
        discussion: """
            DEST must not exist: a backup never replaces a file. The copy is one self-contained SQLite file,
            owner-only (0600). Keep the ledger head it prints: `frontdesk verify --db DEST --head SEQ:HASH`
            checks a copy against it later. See docs/backup-and-restore.md for the restore drill.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The file to write, e.g. /srv/backups/facility-2026-12-03.sqlite.") var destination: String

    func run() throws {
        let report = try reportingErrors { () -> BackupReport in
            let opened = try store.openForReading()
            defer { try? opened.close() }
            return try opened.backup(to: destination)
        }
        printReport(report, verb: "Backed up to")
        guard report.problems.isEmpty else { throw ExitCode.failure }
    }
}

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

private func printReport(_ report: BackupReport, verb: String) {
    print("\(verb) \(report.path): \(report.bytes / 1024) KiB, \(report.patients) patients.")
    print("Ledger head \(report.ledgerHead.seq):\(report.ledgerHead.hash.prefix(12))")
    if report.problems.isEmpty {
        print("Verified: OK.")
    } else {
        for problem in report.problems.prefix(20) { print("FAIL: \(problem)") }
    }
}
