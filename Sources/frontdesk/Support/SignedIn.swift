// Who a command acts as (`--as`, `--password-stdin`) and the store it opened as that user.
import ArgumentParser
import FrontDeskCore
import FrontDeskStore

/// A command's user: signs in on a store with the password its options say where to read.
protocol SignsIn {
    func signIn(_ store: FacilityStore) throws -> Actor
}

/// The store a changing command opened (`StoreOptions.signedIn`) and the user it acts as.
/// The password is read on the first `actor()`, not on opening, so that a command refuses bad
/// input (an unknown doctor, a malformed amount) before it asks for a password, as it always has.
final class SignedInStore {
    let store: FacilityStore
    private let user: any SignsIn
    private var signedIn: Actor?

    init(store: FacilityStore, user: any SignsIn) {
        self.store = store
        self.user = user
    }

    /// The signed-in user; signs in once, on the first call.
    func actor() throws -> Actor {
        if let signedIn { return signedIn }
        let actor = try user.signIn(store)
        signedIn = actor
        return actor
    }
}

/// The user a command acts as, signed in with their password.
struct ActingUser: ParsableArguments, SignsIn {
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
struct ChangingUser: ParsableArguments, SignsIn {
    @Option(name: .customLong("as"), help: ArgumentHelp("The administrator changing the value.", valueName: "username"))
    var username: String?
    @Flag(help: "Read your password from standard input.") var passwordStdin = false

    func signIn(_ store: FacilityStore) throws -> Actor {
        guard let username else { throw InputError(message: "changing a setting needs --as USERNAME") }
        return try ActingUser.parse(["--as", username] + (passwordStdin ? ["--password-stdin"] : [])).signIn(store)
    }
}
