// The central PostgreSQL: a database URL, a client that runs for the length of one command, and migrations.
import Foundation
import HummingbirdTLS
import Logging
import PostgresNIO

/// Where the central database is, read from a URL: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME`,
/// optionally `?sslmode=require` (TLS to PostgreSQL) or `?host=/run/postgresql` (a unix socket folder).
public struct CentralDatabase: Sendable {
    public let configuration: PostgresClient.Configuration
    /// The URL without its password, for logs and messages.
    public let displayURL: String

    public init(url: String) throws {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              let user = parts.user, !user.isEmpty
        else {
            throw CentralError.usage("the database URL must look like postgresql://USER[:PASSWORD]@HOST:PORT/DBNAME")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        let query = Dictionary((parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        let port = parts.port ?? 5432
        var config: PostgresClient.Configuration
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            config = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user,
                           password: parts.password, database: database.isEmpty ? nil : database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] ?? "disable" {
            case "disable": tls = .disable
            case "prefer": tls = .prefer(.makeClientConfiguration())
            case "require", "verify-full": tls = .require(.makeClientConfiguration())
            case let other: throw CentralError.usage("sslmode=\(other) is not understood (disable, prefer, require)")
            }
            config = .init(host: parts.host ?? "127.0.0.1", port: port, username: user, password: parts.password,
                           database: database.isEmpty ? nil : database, tls: tls)
        }
        config.options.maximumConnections = 16
        // A PostgreSQL that is down must be noticed within a request's deadline (CentralRoutes.databaseDeadline).
        config.options.connectTimeout = .seconds(3)
        configuration = config
        var shown = parts
        shown.password = parts.password == nil ? nil : "***"
        displayURL = shown.string ?? "(database)"
    }

    /// Runs `body` with a connected client; the client's connections close when it returns. PostgreSQL must
    /// answer within `reachWithin`, or the command says so instead of waiting on a pool that keeps retrying.
    public func withClient<T: Sendable>(
        logger: Logger, reachWithin: Duration = .seconds(15), _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let url = displayURL
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await Self.firstOf(
                { try await client.query("SELECT 1", logger: logger) },
                orAfter: reachWithin, throwing: CentralError.unreachable(url))
            return try await body(client)
        }
    }

    /// Waits for `work`, or throws `error` once `limit` has passed.
    static func firstOf(_ work: @escaping @Sendable () async throws -> Void, orAfter limit: Duration, throwing error: CentralError) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await work(); return true }
            group.addTask { try await Task.sleep(for: limit); return false }
            defer { group.cancelAll() }
            guard try await group.next() == true else { throw error }
        }
    }
}

/// Applying the schema's migrations.
public enum CentralMigrator {
    /// Applies every migration not yet applied, each in its own transaction, and returns their names.
    /// Two `migrate` runs at once are serialised by a lock on the migrations table.
    public static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await connection.query("CREATE SCHEMA IF NOT EXISTS central", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS central.schema_migrations (
                  version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: [String] = []
            for migration in CentralSchema.migrations {
                let done = try await connection.withTransaction(logger: logger) { tx -> Bool in
                    try await tx.query("LOCK TABLE central.schema_migrations IN EXCLUSIVE MODE", logger: logger)
                    let rows = try await tx.query(
                        "SELECT 1 FROM central.schema_migrations WHERE version = \(migration.version)", logger: logger)
                    for try await _ in rows { return false }
                    for statement in statements(of: migration.sql) {
                        try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await tx.query(
                        "INSERT INTO central.schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: logger)
                    return true
                }
                if done { applied.append("\(migration.version) \(migration.name)") }
            }
            return applied
        }
    }

    /// A migration's statements, one at a time (the extended protocol takes one per query): a statement
    /// ends with a line ending in `;` outside a `$$` body.
    static func statements(of sql: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        var inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                let statement = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                result.append(String(statement.dropLast()))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty, !rest.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }) {
            result.append(rest)
        }
        return result
    }
}

/// A client handed to a command's body (a named type, so the executable need not import PostgresNIO).
public struct PostgresClientHandle: Sendable {
    public let client: PostgresClient
    public init(_ client: PostgresClient) { self.client = client }
}

extension CentralDatabase {
    /// A database error as one sentence a person can act on (never SQL).
    public static func sentence(for error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return "PostgreSQL refused: \(message)" }
            switch psql.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown:
                return "cannot reach PostgreSQL (is it running, and is the database URL right?)"
            default: return "PostgreSQL error: \(psql.code)"
            }
        }
        if String(reflecting: error).contains("ConnectionPoolError") {
            return "cannot connect to PostgreSQL (is it running, does the database exist, may this user connect?)"
        }
        return "\(error)"
    }
}
