// `frontdesk init`: create a facility store and its first administrator.
import ArgumentParser
import FrontDeskStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new facility store and its first administrator.",
        discussion: "Refuses to touch an existing file. With --password-stdin, the admin's password is the first line of standard input.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The facility's name, e.g. \"Riverside District Hospital\".") var facility: String
    @Option(help: "IANA time zone the facility's clocks show, e.g. Africa/Nairobi.") var timezone: String
    @Option(help: "ISO 4217 currency code, e.g. KES.") var currency: String
    @Option(help: "Username of the first administrator.") var admin: String
    @Option(help: "Display name of the first administrator (defaults to the username).") var adminName: String?
    @Flag(help: "Read the admin password from standard input.") var passwordStdin = false

    func run() throws {
        try reportingErrors {
            let password = try PasswordSource(fromStdin: passwordStdin).read(prompt: "Password for \(admin)", confirm: true)
            let created = try FacilityStore.create(
                at: store.path,
                NewFacility(name: facility, timezone: timezone, currency: currency, adminUsername: admin,
                            adminDisplayName: adminName, adminPassword: password),
                creatingFolder: store.isDefaultLocation)
            print("Created \(facility) at \(created.path)")
            print("facility_id \(created.identity.facilityID)")
            print("store_id    \(created.identity.storeID)")
            try created.close()
        }
    }
}
