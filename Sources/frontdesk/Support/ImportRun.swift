// How every `frontdesk import …` command runs: options, the mapping file, progress, the summary, the exit code.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskImport
import FrontDeskStore

#if canImport(Glibc)
import Glibc
#endif

/// The options every import takes: the file, a header-mapping file, `--skip-bad`.
struct ImportOptions: ParsableArguments {
    @Option(help: "A file mapping this CSV's headers to the import's column names, one `Their Header = column` a line.")
    var mapping: String?
    @Flag(help: "Import the good rows even when some rows are bad (the bad ones are listed).") var skipBad = false
    @Argument(help: "The CSV file.") var file: String
}

/// One import's words: what its counts line and its unread-columns line say.
struct ImportWording: Sendable {
    /// "5 rows read: 3 patients imported, …" from the report.
    let counts: @Sendable (ImportReport) -> String
    /// "Columns not kept" / "Columns not read".
    let ignoredColumns: String
}

extension StoreOptions {
    /// Runs an import as the signed-in user: reads the mapping file, shows progress on a terminal,
    /// prints the summary, and exits 1 when bad rows stopped it (no `--skip-bad`).
    func importing<Kind: ImportKind>(as acting: ActingUser, _ options: ImportOptions, columns: ImportColumns,
                                     wording: ImportWording,
                                     kind makeKind: (FacilityStore, [String: String]) -> Kind) throws {
        try signedIn(as: acting) { session in
            let actor = try session.actor()
            var map: [String: String] = [:]
            if let mapping = options.mapping {
                guard let text = try? String(contentsOfFile: mapping, encoding: .utf8) else {
                    throw InputError(message: "cannot read the mapping file \(mapping)")
                }
                map = try refusingFile { try columns.mapping(from: text) }
            }
            let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
            defer { bar.finish() }  // also when a batch fails: its message starts on a line of its own
            let report = try refusingFile {
                try CSVImport(makeKind(session.store, map)).run(file: options.file, skipBad: options.skipBad, by: actor,
                                                                progress: bar.show)
            }
            bar.finish()
            print(ImportSummary.text(report, skipBad: options.skipBad, wording: wording))
            if !report.badRows.isEmpty, !options.skipBad { throw ExitCode.failure }
        }
    }

    /// A file refused whole is the person's input: one line, as any `InputError`.
    private func refusingFile<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ImportError { throw InputError(message: error.description) }
    }
}

/// What an import prints when it ends.
enum ImportSummary {
    static func text(_ r: ImportReport, skipBad: Bool, wording: ImportWording) -> String {
        var lines: [String] = []
        if !r.badRows.isEmpty {
            lines.append("\(r.badRows.count) bad row\(r.badRows.count == 1 ? "" : "s"):")
            lines += r.badRows.prefix(100).map { "  \($0)" }
            if r.badRows.count > 100 { lines.append("  … and \(r.badRows.count - 100) more") }
            if !skipBad {
                lines.append("Nothing was imported. Fix these rows, or run again with --skip-bad to import the others.")
            }
        }
        if r.badRows.isEmpty || skipBad { lines.append(wording.counts(r)) }
        if !r.ignoredColumns.isEmpty {
            lines.append("\(wording.ignoredColumns): \(Quote.list(r.ignoredColumns)).")
        }
        return lines.joined(separator: "\n")
    }
}
