// `frontdesk sync setup`: the central server's URL and the facility's token, set by an administrator.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct SyncSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Set the central server's URL and the facility's token (administrators).",
        discussion: """
            With --password-stdin and --token-stdin, standard input holds your password on the first line and the \
            token on the second. The token is kept in a file of mode 0600 beside the store (STORE.sync-token), never \
            in the store, its ledger or its audit. Plain http:// is refused except to this machine, unless --insecure. \
            Setting up again clears a sync alarm, so the agent tries again.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @Option(help: ArgumentHelp("The central server's base address, e.g. https://central.example.org.", valueName: "url"))
    var url: String
    @Flag(help: "Read the token from standard input (after the password).") var tokenStdin = false
    @Flag(help: "Allow plain http:// to another machine: the token and patient records cross the network unencrypted.")
    var insecure = false

    func run() throws {
        try store.signedIn(as: acting) { session in
            // A wrong address is refused before any password is asked for.
            do { _ = try SyncServerAddress.checked(url, insecure: insecure) } catch let error as FrontDeskCore.ValidationError {
                throw StoreError.invalid(error)
            }
            let actor = try session.actor()
            let token = try PasswordSource(fromStdin: tokenStdin).read(prompt: "The facility's token")
            try session.store.setSyncServer(url: url, insecure: insecure, token: token, by: actor, terminal: "cli")
            let status = try session.store.syncStatus()
            print("server \(status.serverURL ?? url)")
            print("token_file \(SyncFiles.tokenPath(forStore: session.store.path))")
            print("Sync is set up; `frontdesk sync once` pushes the \(status.waiting) entries waiting, `frontdesk sync run` keeps pushing.")
        }
    }
}
