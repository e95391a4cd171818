// `frontdesk user`: manage staff accounts as a signed-in administrator.
import ArgumentParser
import FrontDeskCore
import FrontDeskStore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff accounts.",
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self])
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
            // The role is checked before the store is opened, as it always was.
            let newRole = try reportingErrors {
                guard let parsed = Role(rawValue: role.lowercased()) else {
                    throw InputError(message: "unknown role '\(Quote.excerpt(role))'; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return parsed
            }
            try store.signedIn(as: acting) { session in
                let actor = try session.actor()
                let password = try acting.passwords.read(prompt: "New password for \(username)", confirm: true)
                let user = try session.store.addUser(NewUser(username: username, displayName: name, role: newRole, password: password), by: actor)
                print("Added \(user.username) (\(user.role.title)): \(user.displayName)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff accounts.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try store.reading { opened in
                let users = try opened.users()
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
            try store.signedIn(as: acting) { session in
                try session.store.disableUser(username, reason: reason, by: try session.actor())
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
            try store.signedIn(as: acting) { session in
                let actor = try session.actor()
                let password = try acting.passwords.read(prompt: "New password for \(username)", confirm: true)
                try session.store.resetPassword(of: username, to: password, by: actor)
                print("Password reset for \(username); any lockout is lifted.")
            }
        }
    }
}
