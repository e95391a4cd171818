// `frontdesk-central`: the central server and its administration, one subcommand each.
import ArgumentParser
import Foundation
import FrontDeskCentral
import Logging

@main
struct FrontDeskCentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontdesk-central",
        abstract: "The central server: receives every facility's ledger (ledger-protocol.md, version 1).",
        subcommands: [Serve.self, Migrate.self, FacilityCommand.self, Verify.self])
}

/// `--database-url` (or FRONTDESK_CENTRAL_DATABASE_URL) and `--log-level`, shared by every subcommand.
struct CentralOptions: ParsableArguments {
    @Option(help: "postgresql://USER[:PASSWORD]@HOST:PORT/DBNAME (default: $FRONTDESK_CENTRAL_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    /// Logs go to standard error, one line per event, for journald.
    func logger(_ label: String) throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }

    func database() throws -> CentralDatabase {
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment["FRONTDESK_CENTRAL_DATABASE_URL"] else {
            throw ValidationError("give --database-url or set FRONTDESK_CENTRAL_DATABASE_URL")
        }
        return try CentralDatabase(url: url)
    }

    /// Runs `body` with a client; any failure is one line on standard error and exit status 1.
    func withClient<T: Sendable>(_ label: String, _ body: @Sendable (PostgresClientHandle, Logger) async throws -> T) async throws -> T {
        let logger = try logger(label)
        let database = try database()
        do {
            return try await database.withClient(logger: quiet(logger)) { client in try await body(PostgresClientHandle(client), logger) }
        } catch let error as CentralError {
            FileHandle.standardError.write(Data("frontdesk-central: \(error)\n".utf8))
            throw ExitCode.failure
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("frontdesk-central: \(CentralDatabase.sentence(for: error))\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The client's background chatter only at warning and above: the command's own lines are what a person reads.
    func quiet(_ logger: Logger) -> Logger {
        var copy = logger
        copy.logLevel = max(logger.logLevel, .warning)
        return copy
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the push protocol, /healthz and /metrics.")
    @OptionGroup var options: CentralOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8443
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain; with --tls-key, serve HTTPS.") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.") var tlsKey: String?

    func run() async throws {
        let logger = try options.logger("frontdesk-central")
        let database = try options.database()
        do {
            try await CentralServer.run(
                database: database, options: ServeOptions(host: host, port: port, certificatePath: tlsCert, keyPath: tlsKey),
                logger: logger)
        } catch {
            FileHandle.standardError.write(Data("frontdesk-central: \(CentralDatabase.sentence(for: error))\n".utf8))
            throw ExitCode.failure
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or bring up to date the central schema (idempotent).")
    @OptionGroup var options: CentralOptions

    func run() async throws {
        let applied = try await options.withClient("frontdesk-central") { handle, logger in
            try await CentralMigrator.migrate(handle.client, logger: logger)
        }
        print(applied.isEmpty ? "The central schema is up to date." : applied.map { "Applied migration \($0)" }.joined(separator: "\n"))
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every chain held from seq 1; name the first bad entry (exit 1 when one is bad).")
    @OptionGroup var options: CentralOptions
    @Option(help: "Only this facility's stores.") var facility: String?

    func run() async throws {
        let reports = try await options.withClient("frontdesk-central") { handle, logger in
            try await CentralVerify.run(facility: facility, client: handle.client, logger: logger)
        }
        for report in reports { print(report.line) }
        if reports.isEmpty { print("No ledger has been pushed yet.") }
        if reports.contains(where: { $0.fault != nil }) { throw ExitCode.failure }
    }
}
