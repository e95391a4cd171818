// `frontdesk settings`: facility-wide settings, changed by an administrator.
import ArgumentParser
import FrontDeskStore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change facility settings.", subcommands: [IdleLock.self])

    struct IdleLock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "idle-lock", abstract: "Show, or set, the minutes without a key before a terminal locks (1-120).")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("as"), help: ArgumentHelp("The administrator doing this.", valueName: "username"))
        var username: String?
        @Flag(help: "Read your password from standard input.") var passwordStdin = false
        @Argument(help: "New value in minutes; leave out to show the current one.") var minutes: Int?

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                guard let minutes else {
                    print("Terminals lock after \(try opened.idleLockMinutes()) minutes without a key.")
                    return
                }
                guard let username else { throw InputError(message: "changing a setting needs --as USERNAME") }
                let acting = try ActingUser.parse(["--as", username] + (passwordStdin ? ["--password-stdin"] : []))
                try opened.setIdleLockMinutes(minutes, by: try acting.signIn(opened))
                print("Terminals now lock after \(minutes) minutes without a key.")
            }
        }
    }
}
