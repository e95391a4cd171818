// The one CSV import: read the file, map its headers, check every row, then write the good ones in batches.
import CSV
import Foundation
import FrontDeskCore
import FrontDeskStore

/// One kind of record a CSV file can bring in (patients, fee rates; later items, wards): its columns,
/// how one row is checked, and how checked rows are written. `CSVImport` does the rest the same way
/// for every kind: encodings, headers, "line N: reason", all-or-nothing or skip-bad, re-runs.
public protocol ImportKind {
    /// A row checked by the store's rules, ready to write.
    associatedtype Row
    var columns: ImportColumns { get }
    /// Headers renamed onto `columns` (a legacy export's names); other headers are matched case-insensitively.
    var mapping: [String: String] { get }
    /// What importing needs, checked before a million rows are read (the store checks again when writing).
    var permission: Permission { get }
    /// The permission's action in words, for "not permitted": "import patients".
    var action: String { get }
    /// Rows written by one `write` call (one transaction each, or one a row).
    var batchSize: Int { get }
    /// True when a record of empty fields is a blank line; false when only a record of one empty field is.
    var emptyRecordsAreBlank: Bool { get }
    /// The header's columns are missing: the error that says so in this import's words.
    func missing(_ columns: [String]) -> ImportError
    /// Reads what checking rows needs from the store (the currency, today), once, before any row.
    mutating func prepare() throws
    /// A cell as the row reads it; empty means the column is left empty.
    func clean(_ cell: String) -> String
    /// One record's values by column, checked; throws `ValidationError` or `StoreError.invalid` for a bad row.
    func check(_ values: [String: String]) throws -> Row
    /// What no two rows of one file may share, and the reason given for the later one.
    func key(of row: Row) -> String
    func repeated(_ row: Row, firstLine: Int) -> ValidationError
    /// Reads what writing needs (what the store holds now), once every row is checked and before any is written.
    mutating func planned(_ rows: [Row]) throws
    /// Writes one batch of checked rows. A row the store already holds as the file says is counted in
    /// `alreadyThere`, never written twice.
    func write(_ batch: ArraySlice<Row>, by actor: Actor) throws -> (written: Int, alreadyThere: Int)
}

extension ImportKind {
    public var mapping: [String: String] { [:] }
    /// Within the 500 entries one push may carry, since a push never splits a transaction.
    public var batchSize: Int { 250 }
    public var emptyRecordsAreBlank: Bool { false }
    public mutating func prepare() throws {}
    public mutating func planned(_ rows: [Row]) throws {}
    public func clean(_ cell: String) -> String { cell.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Runs an import of one kind: every row is checked first; with a bad row nothing is written unless
/// `skipBad`; good rows go in batches, and a batch that fails after others committed throws
/// `ImportStopped` (how many rows are saved). Running the same file again writes nothing new.
public struct CSVImport<Kind: ImportKind> {
    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public func run(file: String, skipBad: Bool, by actor: Actor,
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportReport {
        guard let role = actor.role, PermissionTable.allows(role, kind.permission) else {
            throw StoreError.notPermitted(action: kind.action, role: actor.role?.title.lowercased() ?? "user")
        }
        var kind = self.kind
        try kind.prepare()
        var report = ImportReport()
        let rows = try Self.readRows(file: file, kind: kind, report: &report)
        guard report.badRows.isEmpty || skipBad else { return report }
        try kind.planned(rows)
        var done = 0
        for start in stride(from: 0, to: rows.count, by: max(1, kind.batchSize)) {
            let batch = rows[start..<min(rows.count, start + max(1, kind.batchSize))]
            let result: (written: Int, alreadyThere: Int)
            do {
                result = try kind.write(batch, by: actor)
            } catch let error as StoreError where done > 0 {
                // The batches before this one are committed: say so, not "nothing was saved".
                throw ImportStopped(saved: done, total: rows.count, cause: error)
            }
            report.imported += result.written
            report.alreadyImported += result.alreadyThere
            done += batch.count
            progress(done, rows.count)
        }
        return report
    }

    /// Every record turned into a checked row, or a bad row with its reason; blank lines skipped.
    static func readRows(file: String, kind: Kind, report: inout ImportReport) throws -> [Kind.Row] {
        let reader = try CSVText.reader(file: file)
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = header.map { kind.mapping[$0] ?? $0.lowercased() }
        let missing = kind.columns.required.filter { !columns.contains($0) }
        guard missing.isEmpty else { throw kind.missing(missing) }
        try CSVText.refuseDuplicates(header: header, columns: columns, reading: kind.columns.read)
        report.ignoredColumns = zip(header, columns).filter { !kind.columns.read.contains($0.1) }.map(\.0)

        var rows: [Kind.Row] = []
        var seen: [String: Int] = [:]  // key → the line it is first on
        var line = 2  // the header is line 1 (a header with a quoted line break is not expected)
        while true {
            guard let fields = reader.next() else {
                if let error = reader.error {
                    report.badRows.append(BadRow(line: line, reason: "the CSV cannot be read from here on (\(error))"))
                }
                break
            }
            let startLine = line
            // Quoted fields may hold line breaks: count them, so later rows keep their line numbers.
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
            if CSVText.isBlank(fields, emptyRecordsAreBlank: kind.emptyRecordsAreBlank) { continue }
            report.rows += 1
            guard fields.count == header.count else {
                report.badRows.append(BadRow(line: startLine, reason: "has \(fields.count) fields; the header has \(header.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(columns, fields) {
                let cleaned = kind.clean(value)
                if !cleaned.isEmpty, values[column] == nil { values[column] = cleaned }
            }
            do {
                let row = try kind.check(values)
                let key = kind.key(of: row)
                if let first = seen[key] { throw kind.repeated(row, firstLine: first) }
                seen[key] = startLine
                rows.append(row)
            } catch StoreError.invalid(let error) {
                report.badRows.append(BadRow(line: startLine, reason: error.description))
            } catch let error as ValidationError {
                report.badRows.append(BadRow(line: startLine, reason: error.description))
            }
        }
        return rows
    }
}
