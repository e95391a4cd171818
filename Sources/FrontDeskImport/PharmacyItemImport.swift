// Imports the pharmacy's item list (CSV: code, generic_name, brand, form, strength, route, unit, pack_size, reorder_level, fee_code).
import Foundation
import FrontDeskCore
import FrontDeskStore

/// A pharmacy items file as `CSVImport` reads it: each row adds an item, or changes the item of its code
/// when the file says something else about it; rows the store already says are counted as unchanged.
public struct PharmacyItemImport: ImportKind {
    public static let required = ["code", "generic_name", "form", "unit"]
    public static let optional = ["brand", "strength", "route", "pack_size", "reorder_level", "fee_code", "active"]
    public static let columns = ImportColumns(required: required, read: Set(optional),
                                              table: "a pharmacy item list (code, generic_name, form, unit, …)")

    public let store: FacilityStore
    public let mapping: [String: String]
    /// The items before the import, by code.
    var stored: [String: PharmacyItem] = [:]

    public var columns: ImportColumns { Self.columns }
    public var permission: Permission { .manageStock }
    public var action: String { "import pharmacy items" }
    /// Each item is its own transaction: a failure keeps those before it, and a re-run finishes the job.
    public var batchSize: Int { 1 }
    public var emptyRecordsAreBlank: Bool { true }

    public init(store: FacilityStore, mapping: [String: String] = [:]) {
        self.store = store
        self.mapping = mapping
    }

    public func run(file: String, skipBad: Bool, by actor: Actor,
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportReport {
        try CSVImport(self).run(file: file, skipBad: skipBad, by: actor, progress: progress)
    }

    public func missing(_ columns: [String]) -> ImportError { .missingItemColumns(columns) }

    public func check(_ v: [String: String]) throws -> ItemInput {
        func number(_ column: String, default value: Int) throws -> Int {
            let text = (v[column] ?? "").replacingOccurrences(of: ",", with: "")
            if text.isEmpty { return value }
            guard let n = Int(text), n >= 0 else { throw ValidationError(column, "'\(Quote.excerpt(text))' is not a whole number") }
            return n
        }
        let active: Bool
        switch (v["active"] ?? "").lowercased() {
        case "", "1", "yes", "y", "true": active = true
        case "0", "no", "n", "false": active = false
        case let other: throw ValidationError("active", "'\(Quote.excerpt(other))' is not yes or no")
        }
        let input = ItemInput(
            code: v["code"] ?? "", genericName: v["generic_name"] ?? "", brand: v["brand"], form: v["form"] ?? "",
            strength: v["strength"], route: v["route"], unit: v["unit"] ?? "", packSize: try number("pack_size", default: 1),
            reorderLevel: try number("reorder_level", default: 0), feeCode: v["fee_code"], active: active)
        do { return try input.checked() } catch let e as ValidationError {
            // Errors name the file's columns, not the form's fields.
            let columns = ["generic name": "generic_name", "pack size": "pack_size", "reorder level": "reorder_level", "fee code": "fee_code"]
            throw ValidationError(columns[e.field] ?? e.field, e.message)
        }
    }

    public func key(of row: ItemInput) -> String { row.code }

    public func repeated(_ row: ItemInput, firstLine: Int) -> ValidationError {
        ValidationError("code", "\(row.code) is also on line \(firstLine)")
    }

    public mutating func planned(_ rows: [ItemInput]) throws {
        stored = Dictionary(uniqueKeysWithValues: try store.pharmacy.items(includingInactive: true).map { ($0.code, $0) })
    }

    public func write(_ batch: ArraySlice<ItemInput>, by actor: Actor) throws -> (written: Int, alreadyThere: Int) {
        var written = 0, unchanged = 0
        for row in batch {
            if let item = stored[row.code] {
                if Self.says(item, row) { unchanged += 1; continue }
                try store.pharmacy.updateItem(item.itemID, row, by: actor)
            } else {
                try store.pharmacy.addItem(row, by: actor)
            }
            written += 1
        }
        return (written, unchanged)
    }

    /// True when the stored item already says what the row says.
    static func says(_ item: PharmacyItem, _ row: ItemInput) -> Bool {
        item.genericName == row.genericName && item.brand == row.brand && item.form == row.form && item.strength == row.strength
            && item.route == row.route && item.unit == row.unit && item.packSize == row.packSize && item.reorderLevel == row.reorderLevel
            && item.feeCode == row.feeCode && item.active == row.active
    }
}
