// A central server's answer, read into the fields the sync machine decides on (ledger-protocol.md §3).
import Foundation
import FrontDeskLedger

/// What the server answered a head request or a push: the status and the body's fields the
/// protocol names. Bodies that do not parse leave the fields nil; the machine decides what that means.
public struct SyncReply: Sendable, Equatable {
    public var status: Int
    /// `error` of a refusal: `divergence`, `gap`, `bad_hash`, `malformed`, `split_transaction`, …
    public var error: String?
    public var seq: Int64?
    public var expectedSeq: Int64?
    public var ackedSeq: Int64?
    public var ackedHash: String?
    /// A head reply's `last_seq`/`last_hash`.
    public var lastSeq: Int64?
    public var lastHash: String?
    public var detail: String?
    /// `Retry-After`, in whole seconds (the HTTP-date form is not honoured: backoff applies then).
    public var retryAfter: Duration?

    public init(status: Int, error: String? = nil, seq: Int64? = nil, expectedSeq: Int64? = nil, ackedSeq: Int64? = nil,
                ackedHash: String? = nil, lastSeq: Int64? = nil, lastHash: String? = nil, detail: String? = nil,
                retryAfter: Duration? = nil) {
        self.status = status
        self.error = error
        self.seq = seq
        self.expectedSeq = expectedSeq
        self.ackedSeq = ackedSeq
        self.ackedHash = ackedHash
        self.lastSeq = lastSeq
        self.lastHash = lastHash
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// Reads a reply from its status, body and `Retry-After` header.
    public static func parse(status: Int, body: String, retryAfter header: String? = nil) -> SyncReply {
        var reply = SyncReply(status: status)
        if let header, let seconds = Int64(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            reply.retryAfter = .seconds(min(seconds, 3600))
        }
        guard let value = try? JSONValue.parse(body), case .object = value else { return reply }
        reply.error = value["error"]?.stringValue
        reply.seq = value["seq"]?.intValue
        reply.expectedSeq = value["expected_seq"]?.intValue
        reply.ackedSeq = value["acked_seq"]?.intValue
        reply.ackedHash = value["acked_hash"]?.stringValue.flatMap(Self.hashOrNil)
        reply.lastSeq = value["last_seq"]?.intValue
        reply.lastHash = value["last_hash"]?.stringValue.flatMap(Self.hashOrNil)
        reply.detail = value["detail"]?.stringValue
        return reply
    }

    /// 64 lowercase hex digits, or nil: a reply's hash goes into the store only in that form.
    static func hashOrNil(_ text: String) -> String? {
        text.utf8.count == 64 && text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) ? text : nil
    }

    /// One line for logs and the status: `409 gap expected_seq=13`.
    public var summary: String {
        var parts = ["\(status)"]
        if let error { parts.append(error) }
        if let seq { parts.append("seq=\(seq)") }
        if let expectedSeq { parts.append("expected_seq=\(expectedSeq)") }
        if let ackedSeq { parts.append("acked_seq=\(ackedSeq)") }
        if let lastSeq { parts.append("last_seq=\(lastSeq)") }
        if let detail { parts.append(String(detail.prefix(200))) }
        return parts.joined(separator: " ")
    }
}
