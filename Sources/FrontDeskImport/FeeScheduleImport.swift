// Imports a fee schedule (CSV: code,name,amount,effective_from) into effective-dated rates.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// One checked row of a fee schedule file.
public struct FeeRow: Sendable, Equatable {
    /// Upper case, as the store keeps it.
    var code: String
    var name: String
    var amountMinor: Int64
    var from: CalendarDay
    /// The file left effective_from empty: the rate starts today.
    var fromToday: Bool
}

/// A fee schedule file as `CSVImport` reads it: each row sets the rate of its code from its day through
/// `FacilityStore.setFee`, one transaction a rate, in file order. Rows the schedule already says are
/// counted as unchanged, so a re-run sets nothing.
public struct FeeScheduleImport: ImportKind {
    public static let required = ["code", "name", "amount"]
    public static let optional = ["effective_from"]
    /// The columns `CSVImport` reads and maps for a fee schedule file.
    public static let columns = ImportColumns(required: required, read: Set(optional), table: "a fee schedule (code, name, amount, effective_from)")

    public let store: FacilityStore
    public let mapping: [String: String]
    /// The facility's currency's minor units and today, read once before the rows are checked.
    var minorUnits = 2
    var today = CalendarDay(year: 2000, month: 1, day: 1)!
    /// The schedule before the import, and each code's rows in the file (`planned`).
    var stored: [Fee] = []
    var rowsPerCode: [String: Int] = [:]

    public var columns: ImportColumns { Self.columns }
    public var permission: Permission { .manageFees }
    public var action: String { "change the fee schedule" }
    /// One rate a transaction: a failure leaves the rates before it set, and says how many.
    public var batchSize: Int { 1 }
    public var emptyRecordsAreBlank: Bool { true }

    public init(store: FacilityStore, mapping: [String: String] = [:]) {
        self.store = store
        self.mapping = mapping
    }

    /// Every row is checked against the store's rules first, so a write fails only on the store itself
    /// (disk, permission changed meanwhile); the rates set before it stay (`ImportStopped` says how
    /// many), and running the import again finishes the job without setting anything twice.
    public func run(file: String, skipBad: Bool, by actor: Actor,
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportReport {
        try CSVImport(self).run(file: file, skipBad: skipBad, by: actor, progress: progress)
    }

    public mutating func prepare() throws {
        minorUnits = try store.facility().currencyMinorUnits
        today = try store.localNow().day
    }

    public func missing(_ columns: [String]) -> ImportError { .missingFeeColumns(columns) }

    public func check(_ values: [String: String]) throws -> FeeRow {
        try Self.row(values, minorUnits: minorUnits, today: today)
    }

    public func key(of row: FeeRow) -> String { "\(row.code) \(row.from)" }

    public func repeated(_ row: FeeRow, firstLine: Int) -> ValidationError {
        ValidationError("code", "\(row.code) from \(row.from) is also on line \(firstLine)")
    }

    /// The schedule as it stands before the import, and how many rows of the file each code has.
    public mutating func planned(_ rows: [FeeRow]) throws {
        stored = try store.fees()
        rowsPerCode = rows.reduce(into: [:]) { $0[$1.code, default: 0] += 1 }
    }

    public func write(_ batch: ArraySlice<FeeRow>, by actor: Actor) throws -> (written: Int, alreadyThere: Int) {
        var written = 0, unchanged = 0
        for row in batch {
            if Self.isUnchanged(row, stored: stored, onlyRowOfItsCode: rowsPerCode[row.code] == 1) {
                unchanged += 1
            } else {
                try store.setFee(code: row.code, name: row.name, amountMinor: row.amountMinor, from: row.from, by: actor)
                written += 1
            }
        }
        return (written, unchanged)
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

    /// One row's values (by column) checked as `FacilityStore.setFee` checks them, errors named by column.
    static func row(_ v: [String: String], minorUnits: Int, today: CalendarDay) throws -> FeeRow {
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
        return FeeRow(code: code, name: name, amountMinor: amount, from: from, fromToday: dateText.isEmpty)
    }
}
