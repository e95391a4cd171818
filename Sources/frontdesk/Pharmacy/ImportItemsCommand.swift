// `frontdesk import items`: the pharmacy's item list from CSV, checked first, safe to re-run.
import ArgumentParser
import FrontDeskImport

struct ImportItemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items",
        abstract: "Import the pharmacy's items CSV (code,generic_name,brand,form,strength,route,unit,pack_size,reorder_level,fee_code,active).",
        discussion: """
            code, generic_name, form and unit are needed; the rest may be left out. A code is letters, digits, - and _ \
            starting with a letter, and is also the fee code of the item's price per unit unless fee_code names another. \
            Every row is checked first; with any bad row nothing is imported unless --skip-bad. A row whose code is \
            already an item changes that item; rows the store already says are left alone, so a re-run changes nothing.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @OptionGroup var options: ImportOptions

    static let wording = ImportWording(
        counts: { r in
            "\(r.rows) row\(r.rows == 1 ? "" : "s") read: \(r.imported) item\(r.imported == 1 ? "" : "s") added or changed, \(r.alreadyImported) unchanged, \(r.badRows.count) skipped as bad."
        },
        ignoredColumns: "Columns not read")

    func run() throws {
        try store.importing(as: acting, options, columns: PharmacyItemImport.columns, wording: Self.wording) { store, map in
            PharmacyItemImport(store: store, mapping: map)
        }
    }
}
