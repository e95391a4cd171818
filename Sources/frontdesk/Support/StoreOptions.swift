// `--db` and the two ways a command opens the store: to change it as a signed-in user, or only to read it.
import ArgumentParser
import Foundation
import FrontDeskStore

/// `--db`, accepted by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The facility store (SQLite file).", valueName: "path"))
    var db: String?

    var path: String { StoreLocation.resolve(explicit: db) }

    /// True when the path is FrontDesk's own data folder (no --db, no FRONTDESK_DB): the only
    /// folder `init` creates by itself.
    var isDefaultLocation: Bool { path.hasPrefix(StoreLocation.dataDirectory() + "/") && db == nil }

    /// Opens the store for a command that writes; an older schema is brought up to date, and
    /// the command says so.
    func open() throws -> FacilityStore {
        let store = try FacilityStore.open(at: path, mode: .readWrite)
        if !store.upgradedMigrations.isEmpty {
            FileHandle.standardError.write(Data(
                "frontdesk: brought the store's schema up to date (\(store.upgradedMigrations.joined(separator: ", "))).\n".utf8))
        }
        return store
    }

    /// Opens the store for a command that only reads: nothing is written, not even a migration,
    /// so a read-only backup or another user's copy can be read.
    func openForReading() throws -> FacilityStore {
        try FacilityStore.open(at: path, mode: .readOnly)
    }

    /// The way every command that changes the store starts: opens it for writing and hands `body`
    /// the store and its user (`SignedInStore`); any failure, the sign-in's included, is one line on
    /// standard error and a non-zero exit (`reportingErrors`).
    func signedIn<T>(as user: some SignsIn, _ body: (SignedInStore) throws -> T) throws -> T {
        try reportingErrors { try body(SignedInStore(store: try open(), user: user)) }
    }

    /// The way every command that only reads starts: opens the store read-only (`openForReading`);
    /// failures are reported as `signedIn`'s are.
    func reading<T>(_ body: (FacilityStore) throws -> T) throws -> T {
        try reportingErrors { try body(try openForReading()) }
    }
}
