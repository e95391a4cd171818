// `frontdesk user`: manage staff accounts as a signed-in administrator.
import ArgumentParser
import FrontDeskCore
import FrontDeskStore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff accounts.",
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self])
}

/// The administrator a user command acts as, signed in with their password.
struct ActingUser: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("The administrator doing this.", valueName: "username"))
    var username: String
    @Flag(help: "Read passwords from standard input, one a line: yours first (then, for a new or reset account, its new one).")
    var passwordStdin = false

    var passwords: PasswordSource { PasswordSource(fromStdin: passwordStdin) }

    func signIn(_ store: FacilityStore) throws -> Actor {
        let password = try passwords.read(prompt: "Your password (\(username))")
        return try store.signIn(username: username, password: password, terminal: "cli")
    }
}

/// `--as` for commands that show a value without it and change it with it (settings).
struct ChangingUser: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("The administrator changing the value.", valueName: "username"))
    var username: String?
    @Flag(help: "Read your password from standard input.") var passwordStdin = false

    func signIn(_ store: FacilityStore) throws -> Actor {
        guard let username else { throw InputError(message: "changing a setting needs --as USERNAME") }
        return try ActingUser.parse(["--as", username] + (passwordStdin ? ["--password-stdin"] : [])).signIn(store)
    }
}

extension UserCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff account.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Login name: 3-32 of a-z 0-9 . - _") var username: String
        @Option(help: "Full name as shown on screens.") var name: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String

        func run() throws {
            try reportingErrors {
                guard let role = Role(rawValue: role.lowercased()) else {
                    throw InputError(message: "unknown role '\(Quote.excerpt(self.role))'; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let opened = try store.open()
                let actor = try acting.signIn(opened)
                let password = try acting.passwords.read(prompt: "New password for \(username)", confirm: true)
                let user = try opened.addUser(NewUser(username: username, displayName: name, role: role, password: password), by: actor)
                print("Added \(user.username) (\(user.role.title)): \(user.displayName)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let users = try store.openForReading().users()
                print(pad("USERNAME", 16) + pad("ROLE", 14) + pad("STATUS", 10) + pad("LAST SIGN-IN", 26) + "NAME")
                for user in users {
                    let status = !user.active ? "disabled" : (user.lockedUntil.map { $0 > Timestamp.string(.now) } == true ? "locked" : "active")
                    print(pad(user.username, 16) + pad(user.role.rawValue, 14) + pad(status, 10)
                          + pad(user.lastLoginAt ?? "never", 26) + user.displayName)
                }
            }
        }

        private func pad(_ s: String, _ width: Int) -> String {
            s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a staff account (it is never deleted).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument var username: String
        @Option(help: "Why, for the audit log.") var reason: String

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                try opened.disableUser(username, reason: reason, by: try acting.signIn(opened))
                print("Disabled \(username).")
            }
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password for an account and lift any lockout.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Argument var username: String

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let actor = try acting.signIn(opened)
                let password = try acting.passwords.read(prompt: "New password for \(username)", confirm: true)
                try opened.resetPassword(of: username, to: password, by: actor)
                print("Password reset for \(username); any lockout is lifted.")
            }
        }
    }
}
