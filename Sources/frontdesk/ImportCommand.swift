// `frontdesk import patients`: a legacy system's patients CSV into this facility, checked first, safe to re-run.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskImport
import FrontDeskStore

#if canImport(Glibc)
import Glibc
#endif

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from a legacy system.", subcommands: [Patients.self, Fees.self])

    struct Patients: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a legacy `patients` CSV (seeds/004 column names) into persons and patients.",
            discussion: """
                The header names the legacy columns (id, first_name, last_name, date_of_birth, gender, phone, email, \
                address, city, state, zip_code, country, emergency_contact_name, emergency_contact_phone, \
                emergency_contact_relationship, blood_type, allergies, chronic_conditions, current_medications, status). \
                A mapping file renames other headers, one `Their Header = column` a line. Every row is checked first; \
                with any bad row nothing is imported unless --skip-bad. Legacy ids are kept, and a row whose id is \
                already imported is skipped, so running the import again imports nothing twice.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "A file mapping this CSV's headers to the legacy column names.") var mapping: String?
        @Flag(help: "Import the good rows even when some rows are bad (the bad ones are listed).") var skipBad = false
        @Flag(help: "Dates are written month first (03/27/1990), as US systems export them. ISO dates are read either way.")
        var monthFirst = false
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let actor = try acting.signIn(opened)
                var map: [String: String] = [:]
                if let mapping {
                    guard let text = try? String(contentsOfFile: mapping, encoding: .utf8) else {
                        throw InputError(message: "cannot read the mapping file \(mapping)")
                    }
                    map = try importing { try LegacyPatientColumns.mapping(from: text) }
                }
                let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
                defer { bar.finish() }  // also when a batch fails: its message starts on a line of its own
                let report = try importing {
                    var importer = LegacyPatientImport(store: opened, mapping: map)
                    importer.monthFirst = monthFirst
                    return try importer.run(file: file, skipBad: skipBad, by: actor, progress: bar.show)
                }
                bar.finish()
                print(Self.summary(report, skipBad: skipBad))
                if !report.badRows.isEmpty, !skipBad { throw ExitCode.failure }
            }
        }

        private func importing<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as ImportError { throw InputError(message: error.description) }
        }

        static func summary(_ r: ImportReport, skipBad: Bool) -> String {
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
                lines.append("\(r.rows) rows read: \(r.imported) patients imported, \(r.alreadyImported) already imported before, \(r.badRows.count) skipped as bad.")
            }
            if !r.ignoredColumns.isEmpty {
                lines.append("Columns not kept: \(Quote.list(r.ignoredColumns)).")
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// A progress bar on standard error, drawn only on a terminal.
final class ProgressBar {
    private let enabled: Bool
    private var lastPercent = -1

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
        FileHandle.standardError.write(Data("\r  [\(bar)] \(percent)%  \(done)/\(total) rows".utf8))
    }

    func finish() {
        if enabled, lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        lastPercent = -1
    }
}
