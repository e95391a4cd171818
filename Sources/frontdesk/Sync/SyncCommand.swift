// `frontdesk sync`: the agent that pushes this store's ledger to the central server.
import ArgumentParser
import Logging

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push this store's ledger to the central server: set up, push once, run the agent, show the state.",
        subcommands: [SyncSetupCommand.self, SyncOnceCommand.self, SyncRunCommand.self, SyncStatusCommand.self])
}

/// `--log-level`, and swift-log writing to standard error (journald reads it there).
struct SyncLogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What the agent logs: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: String = "info"

    /// Sets up logging once for the process and returns the agent's logger.
    func logger() throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw InputError(message: "--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "frontdesk.sync")
        logger.logLevel = level
        return logger
    }
}
