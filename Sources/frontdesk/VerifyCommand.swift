// `frontdesk verify`: check the store and its ledger; non-zero naming the first bad seq.
import ArgumentParser
import FrontDeskStore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the store: SQLite integrity, foreign keys, and the whole ledger chain.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let opened = try reportingErrors { try store.openForReading() }
        let report = try reportingErrors { try opened.verify() }
        for warning in opened.filePermissionWarnings() { print("WARNING: \(warning)") }
        if report.isClean {
            print("OK: integrity and foreign keys clean; ledger seq 1..\(report.ledgerEntries) contiguous, every hash recomputed and linked.")
            return
        }
        for problem in report.problems { print("FAIL: \(problem)") }
        if let seq = report.firstBadSeq { print("first bad seq: \(seq)") }
        throw ExitCode.failure
    }
}

/// `frontdesk reindex`: rebuild the patient lookup index when `verify` says it is out of step.
struct Reindex: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the patient lookup index from the patient records (when verify reports it out of step).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            let cards = try opened.rebuildLookupIndex(by: try acting.signIn(opened))
            print("Lookup index rebuilt: \(cards) patient records indexed.")
        }
    }
}
