// The `frontdesk` command: the entry point and its subcommands.
import ArgumentParser
import Foundation
import FrontDeskStore

@main
struct FrontDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontdesk",
        abstract: "FrontDesk: the front desk of a hospital or clinic, in a terminal.",
        discussion: """
            With no subcommand, opens the application on the facility store.
            The store is --db PATH, else $FRONTDESK_DB, else $XDG_DATA_HOME/frontdesk/facility.sqlite.
            """,
        subcommands: [Open.self, Init.self, UserCommand.self, AuditCommand.self, SettingsCommand.self, FeesCommand.self, ServicesCommand.self, DoctorsCommand.self, ScheduleCommand.self, LeaveCommand.self, HolidaysCommand.self, AppointmentsCommand.self, QueueCommand.self, CashierCommand.self, ImportCommand.self, Verify.self, Reindex.self, Migrate.self, Backup.self, Restore.self, LedgerCommand.self, Demo.self,
                      Keybindings.self],
        defaultSubcommand: Open.self
    )
}

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
}

/// Prints any failure as one sentence on standard error and exits non-zero: store errors as their
/// sentence, SQLite's as a sentence too (never its SQL), folded to one bounded line whatever the
/// input quoted in it. ArgumentParser's own exits pass through.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        FileHandle.standardError.write(Data("frontdesk: \(OneLine.make(error.message))\n".utf8))
        throw ExitCode.failure
    } catch let error where error is ExitCode || error is CleanExit || error is ArgumentParser.ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("frontdesk: \(OneLine.make(StoreError.sentence(for: error)))\n".utf8))
        throw ExitCode.failure
    }
}

/// Input that could not be read (a password prompt with no terminal, say).
struct InputError: Error {
    let message: String
}
