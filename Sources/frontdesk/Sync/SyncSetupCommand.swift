// `frontdesk sync setup`: the central server's URL and the facility's token, set by an administrator.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore
import FrontDeskSync

extension SyncCommand {
    struct Setup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "setup",
            abstract: "Set the central server's URL and the facility's token (administrators).",
            discussion: """
                With --password-stdin and --token-stdin, standard input holds your password on the first line and the \
                token on the second. The token is kept in a file of mode 0600 beside the store (STORE.sync-token), never \
                in the store, its ledger or its audit. Plain http:// is refused except to this machine, unless --insecure. \
                Setting up again clears a sync alarm, so the agent tries again. A central server whose certificate is \
                signed by the hospital's own certificate authority: either install that authority for the whole \
                machine (Debian: copy it to /usr/local/share/ca-certificates/ and run update-ca-certificates), or give \
                it here with --ca-file, kept beside the store (STORE.sync-ca.pem) and trusted instead of the system's \
                for this store's agent alone; --system-trust goes back to the system's. Without either, the trust \
                stays as it was.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: ArgumentHelp("The central server's base address, e.g. https://central.example.org.", valueName: "url"))
        var url: String
        @Flag(help: "Read the token from standard input (after the password).") var tokenStdin = false
        @Flag(help: "Allow plain http:// to another machine: the token and patient records cross the network unencrypted.")
        var insecure = false
        @Option(help: ArgumentHelp("Trust only these certificates (PEM: the hospital's certificate authority) for the server.",
                                   valueName: "file"))
        var caFile: String?
        @Flag(help: "Trust the system's certificates for the server again, instead of a --ca-file given before.")
        var systemTrust = false

        func validate() throws {
            if caFile != nil && systemTrust { throw ArgumentParser.ValidationError("--ca-file and --system-trust cannot be given together") }
        }

        /// The trust the options ask for; a file TLS cannot use is refused before any password is asked for.
        func trust() throws -> SyncTrust {
            if systemTrust { return .system }
            guard let caFile else { return .unchanged }
            guard let data = FileManager.default.contents(atPath: caFile), let pem = String(data: data, encoding: .utf8) else {
                throw InputError(message: "--ca-file \(caFile): cannot be read")
            }
            do {
                _ = try SyncServerAddress.checkedCertificates(pem)
                _ = try SyncTrustRoots.certificates(fromPEM: pem)
            } catch let error as FrontDeskCore.ValidationError {
                throw InputError(message: "--ca-file \(caFile): \(error.message)")
            } catch {
                throw InputError(message: "--ca-file \(caFile): \(error)")
            }
            return .certificates(pem)
        }

        func run() throws {
            try store.signedIn(as: acting) { session in
                // A wrong address is refused before any password is asked for.
                do { _ = try SyncServerAddress.checked(url, insecure: insecure) } catch let error as FrontDeskCore.ValidationError {
                    throw StoreError.invalid(error)
                }
                let trust = try trust()
                let actor = try session.actor()
                let token = try PasswordSource(fromStdin: tokenStdin).read(prompt: "The facility's token")
                try session.store.setSyncServer(url: url, insecure: insecure, token: token, trust: trust, by: actor, terminal: "cli")
                let status = try session.store.syncStatus()
                print("server \(status.serverURL ?? url)")
                print("token_file \(SyncFiles.tokenPath(forStore: session.store.path))")
                print("trust " + (status.trustsOwnCertificates ? "own \(SyncFiles.trustPath(forStore: session.store.path))" : "system"))
                print("Sync is set up; `frontdesk sync once` pushes the \(status.waiting) entries waiting, `frontdesk sync run` keeps pushing.")
            }
        }
    }
}
