// A central server in memory, answering §3's table, with faults a test can switch on: no network at all.
import FrontDeskLedger
import FrontDeskStore
@testable import FrontDeskSync

/// Holds one store's chain as the protocol's server would, and answers `SyncTransport` calls.
final class FakeCentral: SyncTransport {
    /// seq → (hash, canonical wire line) of what the server holds.
    private(set) var held: [Int64: (hash: String, line: String)] = [:]
    var head: Int64 { held.keys.max() ?? 0 }
    private(set) var pushes = 0
    private(set) var heads = 0
    /// The next pushes are committed but their reply is lost (a network error instead).
    var dropRepliesAfterCommit = 0
    /// The next requests fail before reaching the server.
    var networkFailures = 0
    /// The next pushes are answered with this status (and not committed).
    var refuseNextPushes: [SyncReply] = []

    func head(storeID: String, server: String, token: String) throws -> SyncReply {
        heads += 1
        if networkFailures > 0 { networkFailures -= 1; throw SyncNetworkError("connection refused") }
        return SyncReply(status: 200, lastSeq: head, lastHash: held[head]?.hash ?? LedgerEntry.genesisHash)
    }

    func push(body: [UInt8], server: String, token: String) throws -> SyncReply {
        pushes += 1
        if networkFailures > 0 { networkFailures -= 1; throw SyncNetworkError("connection reset") }
        if !refuseNextPushes.isEmpty { return refuseNextPushes.removeFirst() }
        guard let request = try? JSONValue.parse(String(decoding: body, as: UTF8.self)),
              case .array(let entries)? = request["entries"], !entries.isEmpty
        else { return SyncReply(status: 400, error: "malformed") }
        var staged: [Int64: (String, String)] = [:]
        var expected = head + 1
        for entry in entries {
            guard let seq = entry["seq"]?.intValue, let hash = entry["hash"]?.stringValue,
                  let prev = entry["prev_hash"]?.stringValue else { return SyncReply(status: 400, error: "malformed") }
            if let stored = held[seq] {
                if stored.hash != hash { return SyncReply(status: 409, error: "divergence", seq: seq) }
                continue
            }
            if seq != expected { return SyncReply(status: 409, error: "gap", expectedSeq: expected) }
            let previous = seq == 1 ? LedgerEntry.genesisHash : (staged[seq - 1]?.0 ?? held[seq - 1]?.hash)
            if prev != previous { return SyncReply(status: 422, error: "bad_hash", seq: seq) }
            staged[seq] = (hash, try CanonicalJSON.string(entry))
            expected += 1
        }
        for (seq, value) in staged { held[seq] = (hash: value.0, line: value.1) }
        if dropRepliesAfterCommit > 0 { dropRepliesAfterCommit -= 1; throw SyncNetworkError("reply lost") }
        return SyncReply(status: 200, ackedSeq: head, ackedHash: held[head]!.hash)
    }

    /// Puts entries in as if pushed before (another history, for divergence).
    func preload(_ entries: [LedgerEntry]) throws {
        for entry in entries { held[entry.seq] = (entry.hash, try CanonicalJSON.string(entry.wireObject)) }
    }
}
