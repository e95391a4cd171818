// Imports a fee schedule (CSV: code,name,amount,effective_from) into effective-dated rates.
import CSV
import Foundation
import FrontDeskCore
import FrontDeskStore

/// What a fee schedule import found and did.
public struct FeeImportReport: Sendable, Equatable {
    public var rows = 0
    /// Rates written (new, or a rate of the same code and day with another name or amount).
    public var ratesSet = 0
    /// Rows the schedule already says: nothing written for them.
    public var unchanged = 0
    public var badRows: [BadRow] = []
    /// Headers other than code, name, amount and effective_from.
    public var ignoredColumns: [String] = []
    /// False when bad rows stopped the import (no `--skip-bad`), or every row was unchanged.
    public var wroteAnything: Bool { ratesSet > 0 }

    public init() {}
}

/// One checked row of a fee schedule file.
struct FeeRow: Sendable, Equatable {
    var line: Int
    /// Upper case, as the store keeps it.
    var code: String
    var name: String
    var amountMinor: Int64
    var from: CalendarDay
    /// The file left effective_from empty: the rate starts today.
    var fromToday: Bool
}

/// Reads, checks and imports a fee schedule file: every row is checked first; with a bad row nothing
/// is written unless `skipBad`. Rows the schedule already says are skipped, so a re-run sets nothing.
public struct FeeScheduleImport {
    public static let required = ["code", "name", "amount"]
    public static let optional = ["effective_from"]

    public let store: FacilityStore

    public init(store: FacilityStore) {
        self.store = store
    }

    /// Each good row goes through `FacilityStore.setFee`, one transaction a rate, in file order. All rows
    /// are checked against the store's rules first, so a write fails only on the store itself (disk,
    /// permission changed meanwhile); the rates set before it stay (`ImportStopped` says how many), and
    /// running the import again finishes the job without setting anything twice.
    public func run(file: String, skipBad: Bool, by actor: Actor,
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> FeeImportReport {
        guard let role = actor.role, PermissionTable.allows(role, .manageFees) else {
            throw StoreError.notPermitted(action: "change the fee schedule", role: actor.role?.title.lowercased() ?? "user")
        }
        var report = FeeImportReport()
        let minorUnits = try store.facility().currencyMinorUnits
        let rows = try readRows(file: file, minorUnits: minorUnits, today: try store.localNow().day, report: &report)
        guard report.badRows.isEmpty || skipBad else { return report }
        let stored = try store.fees()
        let codesInFile = Dictionary(grouping: rows, by: \.code)
        for row in rows {
            let done = report.ratesSet + report.unchanged
            if Self.isUnchanged(row, stored: stored, onlyRowOfItsCode: codesInFile[row.code]?.count == 1) {
                report.unchanged += 1
            } else {
                do {
                    try store.setFee(code: row.code, name: row.name, amountMinor: row.amountMinor, from: row.from, by: actor)
                } catch let error as StoreError where done > 0 {
                    // The rows before this one are in the schedule: say so, not "nothing was saved".
                    throw ImportStopped(saved: done, total: rows.count, cause: error)
                }
                report.ratesSet += 1
            }
            progress(done + 1, rows.count)
        }
        return report
    }

    /// True when setting the row would change nothing: the schedule has a rate of this code from this
    /// day with this name and amount. A row without a date (from today) is also unchanged when the rate
    /// in force today already has its name and amount and no other row of the file touches its code
    /// (otherwise a re-run on another day would add a rate that says the same).
    static func isUnchanged(_ row: FeeRow, stored: [Fee], onlyRowOfItsCode: Bool) -> Bool {
        let day = row.from.description
        let rates = stored.filter { $0.code == row.code }
        if let same = rates.first(where: { $0.effectiveFrom == day }) {
            return same.name == row.name && same.amountMinor == row.amountMinor
        }
        guard row.fromToday, onlyRowOfItsCode,
            let current = rates.last(where: { $0.effectiveFrom <= day && ($0.effectiveTo ?? day) >= day })
        else { return false }
        return current.name == row.name && current.amountMinor == row.amountMinor
    }

    /// Every row checked by the store's rules, or a bad row with its reason.
    func readRows(file: String, minorUnits: Int, today: CalendarDay, report: inout FeeImportReport) throws -> [FeeRow] {
        // Read whole, not streamed (CSV.swift's stream reader reports an error at the end of every
        // file on Linux); UTF-8, else Windows-1252, as in the patients import.
        guard let data = FileManager.default.contents(atPath: file) else { throw ImportError.unreadable("cannot read \(file)") }
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw ImportError.unreadable("\(file) is neither UTF-8 nor Windows-1252 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw ImportError.unreadable("\(file) is not a CSV file with a header row (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = Self.required.filter { !header.contains($0) }
        guard missing.isEmpty else { throw ImportError.missingFeeColumns(missing) }
        try LegacyPatientImport.refuseDuplicates(header: reader.headerRow ?? [], columns: header,
                                                 reading: Set(Self.required + Self.optional))
        report.ignoredColumns = (reader.headerRow ?? []).filter {
            let name = $0.trimmingCharacters(in: .whitespaces).lowercased()
            return !Self.required.contains(name) && !Self.optional.contains(name)
        }

        var rows: [FeeRow] = []
        var seen: [String: Int] = [:]  // "CODE day" → its line
        var line = 2  // the header is line 1
        while true {
            guard let fields = reader.next() else {
                if let error = reader.error {
                    report.badRows.append(BadRow(line: line, reason: "the CSV cannot be read from here on (\(error))"))
                }
                break
            }
            let startLine = line
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }  // blank line
            report.rows += 1
            guard fields.count == header.count else {
                report.badRows.append(BadRow(line: startLine, reason: "has \(fields.count) fields; the header has \(header.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(header, fields) where values[column] == nil {
                values[column] = value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            do {
                let row = try Self.row(values, line: startLine, minorUnits: minorUnits, today: today)
                let key = "\(row.code) \(row.from)"
                if let first = seen[key] {
                    throw ValidationError("code", "\(row.code) from \(row.from) is also on line \(first)")
                }
                seen[key] = startLine
                rows.append(row)
            } catch let error as ValidationError {
                report.badRows.append(BadRow(line: startLine, reason: error.description))
            }
        }
        return rows
    }

    /// One row's values (by column) checked as `FacilityStore.setFee` checks them, errors named by column.
    static func row(_ v: [String: String], line: Int, minorUnits: Int, today: CalendarDay) throws -> FeeRow {
        let rawCode = v["code"] ?? ""
        guard !rawCode.isEmpty else { throw ValidationError("code", "is empty") }
        let code = try Validate.feeCode(rawCode, field: "code")
        let name = try Validate.name(v["name"] ?? "", field: "name")
        let amountText = v["amount"] ?? ""
        guard !amountText.isEmpty else { throw ValidationError("amount", "is empty") }
        let amount = try Money.parse(amountText, minorUnits: minorUnits)
        let from: CalendarDay
        let dateText = v["effective_from"] ?? ""
        if dateText.isEmpty {
            from = today
        } else if let day = CalendarDay(dateText) {
            from = day
        } else {
            throw ValidationError("effective_from", "'\(Quote.excerpt(dateText))' is not a YYYY-MM-DD date")
        }
        return FeeRow(line: line, code: code, name: name, amountMinor: amount, from: from, fromToday: dateText.isEmpty)
    }
}
