// `frontdesk backup`: a copy that is verified, never written over anything.
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
        let report = try store.reading { opened -> BackupReport in
            defer { try? opened.close() }
            return try opened.backup(to: destination)
        }
        printReport(report, verb: "Backed up to")
        guard report.problems.isEmpty else { throw ExitCode.failure }
    }
}

/// What `backup` and `restore` print about the copy: its size, ledger head, and what verifying it found.
func printReport(_ report: BackupReport, verb: String) {
    print("\(verb) \(report.path): \(report.bytes / 1024) KiB, \(report.patients) patients.")
    print("Ledger head \(report.ledgerHead.seq):\(report.ledgerHead.hash.prefix(12))")
    if report.problems.isEmpty {
        print("Verified: OK.")
    } else {
        for problem in report.problems.prefix(20) { print("FAIL: \(problem)") }
    }
}
