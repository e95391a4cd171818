// `frontdesk-central serve`: the push protocol, health and metrics over HTTP (Hummingbird 2).
import CGlibcMalloc
import FrontDeskLedger
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import PostgresNIO
import Synchronization

/// How `serve` listens.
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    /// PEM files; both or neither. Without them, plain HTTP (behind a TLS reverse proxy, or on loopback).
    public var certificatePath: String?
    public var keyPath: String?

    public init(host: String, port: Int, certificatePath: String?, keyPath: String?) {
        self.host = host
        self.port = port
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}

/// The central server. It keeps no state between requests: everything is in PostgreSQL, so any
/// number of `serve` processes over one database answer alike.
public enum CentralServer {
    public static func run(database: CentralDatabase, options: ServeOptions, logger: Logger) async throws {
        // A push's buffers kept in the heap rather than mapped afresh each push (shim.h says why).
        if frontdesk_keep_large_buffers_in_heap() != 1 { logger.warning("glibc refused the malloc settings; pushes run slower") }
        let client = PostgresClient(configuration: database.configuration, backgroundLogger: logger)
        let metrics = CentralMetrics()
        let router = Router()
        router.middlewares.add(MetricsMiddleware())
        CentralRoutes(client: client, metrics: metrics, logger: logger).add(to: router)
        let server: HTTPServerBuilder
        switch (options.certificatePath, options.keyPath) {
        case let (cert?, key?):
            let chain = try NIOSSLCertificate.fromPEMFile(cert).map { NIOSSLCertificateSource.certificate($0) }
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            server = try .tls(.http1(), tlsConfiguration: tls)
        case (nil, nil):
            server = .http1()
        default:
            throw CentralError.usage("give both --tls-cert and --tls-key, or neither")
        }
        let app = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "frontdesk-central"),
            services: [client], logger: logger)
        logger.info("serving", metadata: [
            "address": "\(options.host):\(options.port)", "tls": "\(options.certificatePath != nil)",
            "database": "\(database.displayURL)",
        ])
        try await app.runService()
    }
}

/// A continuation resumed once, by whichever of the work and the deadline comes first.
final class OneAnswer<T: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, early: Result<T, any Error>?, done: Bool)>(
        (nil, nil, false))

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = state.withLock { state in
            if let early = state.early { state.done = true; return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func give(_ result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard !state.done else { return nil }
            guard let continuation = state.continuation else {
                if state.early == nil { state.early = result }
                return nil
            }
            state.done = true
            return continuation
        }
        waiting?.resume(with: result)
    }
}

/// PostgreSQL did not answer a request within its deadline.
struct DatabaseDeadlineExceeded: Error, CustomStringConvertible {
    var description: String { "PostgreSQL did not answer within \(CentralRoutes.databaseDeadline)" }
}

/// The routes: `/healthz`, `/metrics`, `/v1/ledger/head`, `/v1/ledger/push`.
struct CentralRoutes: Sendable {
    let client: PostgresClient
    let metrics: CentralMetrics
    let logger: Logger

    func add(to router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in await health() }
        router.get("metrics") { _, _ in
            do {
                let text = try await withDeadline { try await metrics.render(client: client, logger: logger) }
                return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
            } catch {
                return unavailable(error)
            }
        }
        router.get("v1/ledger/head") { request, _ in await head(request) }
        router.post("v1/ledger/push") { request, _ in await push(request) }
    }

    func health() async -> Response {
        do {
            _ = try await withDeadline { try await client.query("SELECT 1", logger: logger) }
            return json(.ok, ["status": "ok"])
        } catch {
            return unavailable(error)
        }
    }

    func head(_ request: Request) async -> Response {
        guard let storeID = request.uri.queryParameters.get("store_id"), PushRequest.isUUID(storeID) else {
            return refusal(.malformed("store_id is missing or not a UUID"), metadata: [:], of: .head)
        }
        do {
            let token = Self.bearer(request)
            let (facilityID, head) = try await withDeadline {
                try await LedgerPush.head(storeID: storeID, token: token, client: client, logger: logger)
            }
            return json(.ok, ["facility_id": .string(facilityID), "store_id": .string(storeID),
                              "last_seq": .int(head.seq), "last_hash": .string(head.hash)])
        } catch let refused as PushRefusal {
            return refusal(refused, metadata: ["store": "\(storeID)"], of: .head)
        } catch {
            return unavailable(error, of: .head)
        }
    }

    func push(_ incoming: Request) async -> Response {
        var request = incoming
        let token = Self.bearer(request)
        let labels = PushLabels()
        do {
            // The body is parsed on another core while PostgreSQL opens the transaction and looks the token
            // up; the answers keep their order all the same (`LedgerPush.push`): 401, then 413 or 400, then 403.
            let bytes: Result<[UInt8], PushRefusal>
            do {
                bytes = .success(Array(buffer: try await request.collectBody(upTo: PushRequest.maxBodyBytes)))
            } catch {
                bytes = .failure(.tooLarge("the body is over 1 MiB"))
            }
            let firstEntries = FirstEntries()
            let reading = Task {
                try await offThePool {
                    defer { firstEntries.give(nil) }  // however the reading ends, the transaction is not left waiting
                    return try PushRequest.read(try bytes.get(), firstEntries: firstEntries)
                }
            }
            let accepted = try await withDeadline {
                try await LedgerPush.push(reading: reading, firstEntries: firstEntries,
                                          storeHint: (try? bytes.get()).flatMap(PushRequest.storeHint), token: token,
                                          labels: labels, client: client, logger: logger)
            }
            let outcome = accepted.outcome, storeID = accepted.request.storeID
            metrics.push(accepted: outcome.stored, skipped: outcome.skipped)
            let entries = accepted.request.entries
            logger.info("push accepted", metadata: labels.metadata.merging([
                "seq": "\(entries[0].seq)-\(entries[entries.count - 1].seq)",
                "stored": "\(outcome.stored)", "skipped": "\(outcome.skipped)", "head": "\(outcome.head.seq)",
                "statements": "\(accepted.statements)",
            ]) { $1 })
            return json(.ok, ["store_id": .string(storeID), "acked_seq": .int(outcome.head.seq),
                              "acked_hash": .string(outcome.head.hash)])
        } catch let refused as PushRefusal {
            return refusal(refused, metadata: labels.metadata, of: .push)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505"
            && error.serverInfo?[.constraintName]?.contains("entry_id") == true
        {
            return refusal(.malformed("an entry_id is already used by another entry of this facility"), metadata: labels.metadata,
                           of: .push)
        } catch {
            return unavailable(error, of: .push)
        }
    }

    /// How long a request may wait on PostgreSQL. A database that is down or restarting must be a prompt
    /// 503 (the agent backs off and retries), never a request that hangs and keeps `serve` from stopping.
    static let databaseDeadline: Duration = .seconds(5)

    /// Runs `work`, or gives up after `databaseDeadline` and cancels it (its transaction rolls back). The
    /// reply does not wait for `work` to notice the cancellation: a query on a connection PostgreSQL dropped
    /// mid-crash may never answer, and a task group would wait for it.
    func withDeadline<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        let answer = OneAnswer<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                answer.set(continuation)
                Task { answer.give(await task.result) }
                Task {
                    try? await Task.sleep(for: Self.databaseDeadline)
                    task.cancel()
                    answer.give(.failure(DatabaseDeadlineExceeded()))
                }
            }
        } onCancel: {
            task.cancel()
        }
    }

    func refusal(_ refused: PushRefusal, metadata: Logger.Metadata, of request: ProtocolRequest) -> Response {
        metrics.refused(refused.reason, request)
        var meta = metadata
        meta["status"] = "\(refused.status)"
        meta["reason"] = "\(refused.reason)"
        if case .object(let members) = refused.body {
            for key in ["seq", "expected_seq", "detail"] { if let value = members[key] { meta[key] = "\(Self.plain(value))" } }
        }
        logger.warning("\(request.rawValue) refused", metadata: meta)
        return json(HTTPResponse.Status(code: refused.status), refused.body)
    }

    /// The database could not answer: 503, try again shortly (the agent backs off).
    func unavailable(_ error: any Error, of request: ProtocolRequest? = nil) -> Response {
        if let request { metrics.refused("unavailable", request) }
        logger.error("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
        var response = json(.serviceUnavailable, ["error": "unavailable"])
        response.headers[.retryAfter] = "1"
        return response
    }

    func json(_ status: HTTPResponse.Status, _ body: JSONValue) -> Response {
        let bytes = (try? CanonicalJSON.bytes(body)) ?? Array("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return "\(value)"
        }
    }
}
