// `frontdesk import fees`: a fee schedule CSV into effective-dated rates, checked first, safe to re-run.
import ArgumentParser
import FrontDeskImport

struct ImportFeesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fees",
        abstract: "Import a fee schedule CSV (code,name,amount,effective_from): rates by service code and day.",
        discussion: """
            The header names the columns code, name, amount and effective_from (optional); a mapping file \
            renames other headers, one `Their Header = column` a line. Amounts are in \
            the facility's currency as typed (500 or 1,500.00); effective_from is YYYY-MM-DD, and an empty \
            one means today. Each row sets the rate of its code from that day, as `frontdesk fees set` does. \
            Every row is checked first; with any bad row nothing is imported unless --skip-bad. Rows the \
            schedule already says are left alone, so running the import again sets nothing twice. \
            Resources/fees/fee-schedule-template.csv is a schedule to start from.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @OptionGroup var options: ImportOptions

    static let wording = ImportWording(
        counts: { r in
            "\(r.rows) row\(r.rows == 1 ? "" : "s") read: \(r.ratesSet) rate\(r.ratesSet == 1 ? "" : "s") set, \(r.unchanged) unchanged, \(r.badRows.count) skipped as bad."
        },
        ignoredColumns: "Columns not read")

    func run() throws {
        try store.importing(as: acting, options, columns: FeeScheduleImport.columns, wording: Self.wording) { store, map in
            FeeScheduleImport(store: store, mapping: map)
        }
    }
}
