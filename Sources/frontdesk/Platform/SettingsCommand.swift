// `frontdesk settings`: facility-wide settings, changed by an administrator.
import ArgumentParser
import FrontDeskCore
import FrontDeskStore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change facility settings.", subcommands: [IdleLock.self, PhoneCountry.self, MRNFormatCommand.self])

    struct IdleLock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "idle-lock", abstract: "Show, or set, the minutes without a key before a terminal locks (1-120).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Argument(help: "New value in minutes; leave out to show the current one.") var minutes: Int?

        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                guard let minutes else {
                    print("Terminals lock after \(try opened.idleLockMinutes()) minutes without a key.")
                    return
                }
                try opened.setIdleLockMinutes(minutes, by: try session.actor())
                print("Terminals now lock after \(minutes) minutes without a key.")
            }
        }
    }

    struct PhoneCountry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "phone-country",
            abstract: "Show, or set, the country calling code that local phone numbers are read with (e.g. 254).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Argument(help: "Country calling code; leave out to show the current one.") var code: String?

        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                guard let code else {
                    if let current = try opened.phoneCountryCode() {
                        print("Local phone numbers are read as +\(current).")
                    } else {
                        print("No phone country code is set: phone numbers must be typed with + and their country code.")
                    }
                    return
                }
                try opened.setPhoneCountryCode(code, by: try session.actor())
                print("Local phone numbers are now read as +\(try opened.phoneCountryCode() ?? code).")
            }
        }
    }

    struct MRNFormatCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mrn-format",
            abstract: "Show, or set, how new MRNs are written: prefix, optional year, sequence digits, check digit.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Option(help: "Letters before the number (0 to 6, e.g. MR or a site code).") var prefix: String?
        @Flag(inversion: .prefixedNo, help: "Put the year of registration after the prefix.") var year: Bool?
        @Option(help: "Digits of the sequence number (4 to 10).") var digits: Int?

        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                let current = try opened.mrnFormat()
                guard prefix != nil || year != nil || digits != nil else {
                    print("New MRNs: \(current.summary).")
                    return
                }
                let format = MRNFormat(prefix: prefix ?? current.prefix, includesYear: year ?? current.includesYear,
                                       sequenceDigits: digits ?? current.sequenceDigits)
                try opened.setMRNFormat(format, by: try session.actor())
                print("New MRNs: \(try opened.mrnFormat().summary). MRNs already issued do not change.")
            }
        }
    }
}
