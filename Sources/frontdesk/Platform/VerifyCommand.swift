// `frontdesk verify`: check the store and its ledger; one line per problem, grouped, non-zero on any.
import ArgumentParser
import FrontDeskStore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the store: SQLite integrity, the schema, the ledger chain, and every record against the ledger.",
        discussion: """
            Every business row is compared with the ledger's last entry for it; audit records with their \
            entries; number sequences with the numbers issued; the schema and triggers with what the \
            migrations make. --head checks an anchor printed on a Z-report or close-of-day report \
            ("Ledger head 48213:3fa9c2e01b7d"): only it shows the last entries deleted or the chain rewritten.
            """)
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("A ledger head printed on a report, SEQ:HASH (at least 12 hex digits): the ledger must still hold it.",
                               valueName: "seq:hash")) var head: String?

    func run() throws {
        let anchor = try reportingErrors {
            try head.map { text -> LedgerHead in
                let parsed = LedgerHead.parse(text)
                guard let head = parsed.head else { throw InputError(message: "--head: \(parsed.reason ?? "not SEQ:HASH")") }
                return head
            }
        }
        let opened = try store.reading { $0 }
        let report = try reportingErrors { try opened.verify(head: anchor) }
        for warning in opened.filePermissionWarnings() { print("WARNING: \(warning)") }
        if report.isClean {
            print("OK: integrity and foreign keys clean; ledger seq 1..\(report.ledgerEntries) contiguous, every hash recomputed and linked.")
            print("OK: \(report.rowsCompared) rows in \(report.tablesCompared) tables equal their last ledger entry; "
                + "\(report.auditRecords) audit records match their entries; \(report.sequencesChecked) number sequence\(report.sequencesChecked == 1 ? "" : "s") where the ledger left \(report.sequencesChecked == 1 ? "it" : "them"); "
                + "schema and triggers (\(report.schemaObjects) objects) as the migrations made them; security log 1..\(report.securityEvents) without gaps.")
            if let anchor { print("OK: the ledger still holds seq \(anchor.seq) with hash \(anchor.hash).") }
            print(report.head)
            return
        }
        var count = 0
        for group in report.groups {
            for problem in group.problems { print("FAIL: \(group.check.rawValue): \(problem)") }
            if group.more > 0 { print("FAIL: \(group.check.rawValue): … and \(group.more) more \(group.check.rawValue) problem\(group.more == 1 ? "" : "s")") }
            count += group.problems.count + group.more
        }
        if let seq = report.firstBadSeq { print("first bad seq: \(seq)") }
        print("\(count) problem\(count == 1 ? "" : "s") found. \(report.head)")
        throw ExitCode.failure
    }
}
