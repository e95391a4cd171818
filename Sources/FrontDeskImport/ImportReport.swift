// What an import found and did, and why a whole file was refused.
import FrontDeskCore

/// One row that cannot be imported, by the line it starts on in the file.
public struct BadRow: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// What an import found and did (`CSVImport.run`), whatever it imports.
public struct ImportReport: Sendable, Equatable {
    /// Records read, blank lines not counted.
    public var rows = 0
    /// Rows written now.
    public var imported = 0
    /// Rows the store already held as the file says (an earlier run): counted, not written again.
    public var alreadyImported = 0
    public var badRows: [BadRow] = []
    /// Headers that map to nothing the import reads (e.g. `user_id`, `primary_doctor_id`).
    public var ignoredColumns: [String] = []
    /// False when bad rows stopped the import (no `--skip-bad`), or every row was there already.
    public var wroteAnything: Bool { imported > 0 }

    public init() {}
}

/// A fee schedule import's report, in the fee schedule's words.
public typealias FeeImportReport = ImportReport

extension ImportReport {
    /// Rates written (new, or a rate of the same code and day with another name or amount).
    public var ratesSet: Int { imported }
    /// Rows the schedule already says: nothing written for them.
    public var unchanged: Int { alreadyImported }
}

/// A file refused whole: nothing was imported.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case missingColumns([String])
    case badMapping(line: Int, reason: String)
    /// Two headers name (or are mapped onto) the same column: which one to read would be a guess.
    case duplicateColumn(String, headers: [String])
    /// The fee schedule file lacks a column it needs.
    case missingFeeColumns([String])
    /// The pharmacy items file lacks a column it needs.
    case missingItemColumns([String])

    public var description: String {
        switch self {
        case .unreadable(let why): return why
        case .missingColumns(let names):
            return "the file has no column for \(Quote.list(names)); name them in the header or map them with --mapping"
        case .badMapping(let line, let reason): return "mapping file line \(line): \(reason)"
        case .duplicateColumn(let column, let headers):
            let which = Set(headers).count == 1 ? "twice" : "in \(Quote.list(headers.map { "'\($0)'" }))"
            return "the header has the column \(Quote.excerpt(column)) \(which); nothing was imported. Keep one of them, or rename the other."
        case .missingFeeColumns(let names):
            return "the file has no column for \(Quote.list(names)); its header must name code, name and amount (effective_from is optional)"
        case .missingItemColumns(let names):
            return "the file has no column for \(Quote.list(names)); its header must name code, generic_name, form and unit"
        }
    }
}
