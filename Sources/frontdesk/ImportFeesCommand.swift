// `frontdesk import fees`: a fee schedule CSV into effective-dated rates, checked first, safe to re-run.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskImport
import FrontDeskStore

extension ImportCommand {
    struct Fees: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a fee schedule CSV (code,name,amount,effective_from): rates by service code and day.",
            discussion: """
                The header names the columns code, name, amount and effective_from (optional). Amounts are in \
                the facility's currency as typed (500 or 1,500.00); effective_from is YYYY-MM-DD, and an empty \
                one means today. Each row sets the rate of its code from that day, as `frontdesk fees set` does. \
                Every row is checked first; with any bad row nothing is imported unless --skip-bad. Rows the \
                schedule already says are left alone, so running the import again sets nothing twice.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Flag(help: "Import the good rows even when some rows are bad (the bad ones are listed).") var skipBad = false
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let actor = try acting.signIn(opened)
                let report: FeeImportReport
                do {
                    report = try FeeScheduleImport(store: opened).run(file: file, skipBad: skipBad, by: actor)
                } catch let error as ImportError {
                    throw InputError(message: error.description)
                }
                print(Self.summary(report, skipBad: skipBad))
                if !report.badRows.isEmpty, !skipBad { throw ExitCode.failure }
            }
        }

        static func summary(_ r: FeeImportReport, skipBad: Bool) -> String {
            var lines: [String] = []
            if !r.badRows.isEmpty {
                lines.append("\(r.badRows.count) bad row\(r.badRows.count == 1 ? "" : "s"):")
                lines += r.badRows.prefix(100).map { "  \($0)" }
                if r.badRows.count > 100 { lines.append("  … and \(r.badRows.count - 100) more") }
                if !skipBad {
                    lines.append("Nothing was imported. Fix these rows, or run again with --skip-bad to import the others.")
                }
            }
            if r.badRows.isEmpty || skipBad {
                lines.append("\(r.rows) row\(r.rows == 1 ? "" : "s") read: \(r.ratesSet) rate\(r.ratesSet == 1 ? "" : "s") set, \(r.unchanged) unchanged, \(r.badRows.count) skipped as bad.")
            }
            if !r.ignoredColumns.isEmpty {
                lines.append("Columns not read: \(Quote.list(r.ignoredColumns)).")
            }
            return lines.joined(separator: "\n")
        }
    }
}
