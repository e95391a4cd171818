// The two requests of the push protocol over AsyncHTTPClient: the head, and a push.
import AsyncHTTPClient
import NIOSSL
import Foundation
import NIOCore
import NIOHTTP1

/// How the driver reaches the central server. A protocol so that the driver can be tested with a
/// scripted server and no network.
public protocol SyncTransport: AnyObject {
    /// `GET /v1/ledger/head?store_id=…`.
    func head(storeID: String, server: String, token: String) throws -> SyncReply
    /// `POST /v1/ledger/push` with `body` (canonical JSON).
    func push(body: [UInt8], server: String, token: String) throws -> SyncReply
    /// Trusts `certificates` (PEM) for the server from now on, or the system's (nil).
    func trust(_ certificates: String?) throws
}

extension SyncTransport {
    public func trust(_ certificates: String?) throws {}
}

/// No reply came: the connection was refused, timed out or broke.
public struct SyncNetworkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// `SyncTransport` over AsyncHTTPClient, on the process-wide event loop group. Connect times out
/// after 5 s, a read after 30 s; redirects are not followed (the token goes to the address set up
/// and nowhere else). Calls block the calling thread: the agent has one push in flight at a time.
public final class SyncHTTPClient: SyncTransport {
    private var client: HTTPClient
    /// The certificates `client` trusts (PEM), nil for the system's.
    private var trusted: String?

    public init() {
        client = Self.makeClient(trustRoots: nil)
    }

    private static func makeClient(trustRoots: [NIOSSLCertificate]?) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: .seconds(30)))
        configuration.decompression = .disabled
        if let trustRoots {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(trustRoots)
            configuration.tlsConfiguration = tls
        }
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// A new client when the certificates changed (a set-up made while the agent runs); else nothing.
    public func trust(_ certificates: String?) throws {
        guard certificates != trusted else { return }
        let next = Self.makeClient(trustRoots: try certificates.map(SyncTrustRoots.certificates(fromPEM:)))
        try? client.syncShutdown()
        client = next
        trusted = certificates
    }

    deinit {
        try? client.syncShutdown()
    }

    public func head(storeID: String, server: String, token: String) throws -> SyncReply {
        try send(url: server + "/v1/ledger/head?store_id=" + storeID, method: .GET, body: nil, token: token)
    }

    public func push(body: [UInt8], server: String, token: String) throws -> SyncReply {
        try send(url: server + "/v1/ledger/push", method: .POST, body: body, token: token)
    }

    private func send(url: String, method: HTTPMethod, body: [UInt8]?, token: String) throws -> SyncReply {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(token)")
        headers.add(name: "Accept", value: "application/json")
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let response: HTTPClient.Response
        do {
            let request = try HTTPClient.Request(url: url, method: method, headers: headers, body: body.map { .bytes($0) })
            // The overall deadline backs up the read timeout for a server that trickles bytes.
            response = try client.execute(request: request, deadline: .now() + .seconds(120)).wait()
        } catch {
            throw SyncNetworkError(Self.describe(error))
        }
        let text = response.body.map { String(decoding: $0.readableBytesView, as: UTF8.self) } ?? ""
        return SyncReply.parse(status: Int(response.status.code), body: text,
                               retryAfter: response.headers.first(name: "Retry-After"))
    }

    /// A short sentence for the status and the log, without the token (it is never in an error).
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return String(text.split(whereSeparator: \.isNewline).first ?? "network error").prefix(300).description
    }
}
