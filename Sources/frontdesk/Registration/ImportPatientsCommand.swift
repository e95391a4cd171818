// `frontdesk import patients`: a legacy system's patients CSV into this facility, checked first, safe to re-run.
import ArgumentParser
import FrontDeskImport

struct ImportPatientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients",
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
    @OptionGroup var options: ImportOptions
    @Flag(help: "Dates are written month first (03/27/1990), as US systems export them. ISO dates are read either way.")
    var monthFirst = false

    static let wording = ImportWording(
        counts: { r in
            "\(r.rows) rows read: \(r.imported) patients imported, \(r.alreadyImported) already imported before, \(r.badRows.count) skipped as bad."
        },
        ignoredColumns: "Columns not kept")

    func run() throws {
        try store.importing(as: acting, options, columns: LegacyPatientColumns.columns, wording: Self.wording) { store, map in
            var importer = LegacyPatientImport(store: store, mapping: map)
            importer.monthFirst = monthFirst
            return importer
        }
    }
}
