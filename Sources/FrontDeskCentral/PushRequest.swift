// A push request read and checked before the database is touched (ledger-protocol.md §3).
import Foundation
import FrontDeskLedger

/// Why a push is refused, with the status and body the protocol gives it.
public enum PushRefusal: Error, Equatable, Sendable {
    case unauthorized
    case forbidden(seq: Int64)
    case malformed(String)
    case tooLarge(String)
    case splitTransaction(seq: Int64)
    case divergence(seq: Int64)
    case gap(expectedSeq: Int64)
    case badHash(seq: Int64)

    public var status: Int {
        switch self {
        case .unauthorized: return 401
        case .forbidden: return 403
        case .malformed, .splitTransaction: return 400
        case .tooLarge: return 413
        case .divergence, .gap: return 409
        case .badHash: return 422
        }
    }

    /// The reply body: `{"error":…}` and the seq it concerns.
    public var body: JSONValue {
        switch self {
        case .unauthorized: return ["error": "unauthorized"]
        case .forbidden(let seq): return ["error": "forbidden", "seq": .int(seq)]
        case .malformed(let detail): return ["error": "malformed", "detail": .string(detail)]
        case .tooLarge(let detail): return ["error": "too_large", "detail": .string(detail)]
        case .splitTransaction(let seq): return ["error": "split_transaction", "seq": .int(seq)]
        case .divergence(let seq): return ["error": "divergence", "seq": .int(seq)]
        case .gap(let expected): return ["error": "gap", "expected_seq": .int(expected)]
        case .badHash(let seq): return ["error": "bad_hash", "seq": .int(seq)]
        }
    }

    /// The label metrics count it under.
    public var reason: String {
        guard case .object(let members) = body, case .string(let error)? = members["error"] else { return "unknown" }
        return error
    }
}

/// One pushed entry: its fields, and its payload as canonical bytes (hashed, and stored as the exact
/// text). The payload is never needed as a value, so it is not kept as one.
public struct PushedEntry: Sendable, Equatable {
    public let seq: Int64
    public let entryID: String
    public let facilityID: String
    public let storeID: String
    public let txID: String
    public let kind: String
    public let version: Int64
    public let occurredAt: String
    public let actorID: String?
    public let prevHash: String
    public let hash: String
    public let canonicalPayload: [UInt8]
    /// Why the payload cannot be queried as `jsonb`, if it cannot; it is stored all the same.
    public let payloadProblem: String?

    /// The hash its fields and payload give (ledger-protocol.md §2), to compare with `hash`.
    func computedHash() throws -> String {
        try LedgerEntry.hash(
            seq: seq, entryID: entryID, facilityID: facilityID, storeID: storeID, txID: txID, kind: kind,
            version: version, occurredAt: occurredAt, actorID: actorID, canonicalPayload: canonicalPayload,
            prevHash: prevHash)
    }
}

/// A push body, checked: whole, contiguous, every entry of the token's facility and the named store.
public struct PushRequest: Sendable {
    public static let maxEntries = 500
    public static let maxBodyBytes = 1 << 20

    public let storeID: String
    public let entries: [PushedEntry]

    static let entryFields: Set<String> = [
        "seq", "entry_id", "facility_id", "store_id", "tx_id", "kind", "version", "occurred_at", "actor_id",
        "payload", "prev_hash", "hash",
    ]

    /// Reads `body` for the facility `facilityID` (the token's). Throws the refusal the protocol gives.
    public static func parse(_ body: [UInt8], facilityID: String) throws -> PushRequest {
        try read(body).checked(forFacility: facilityID)
    }

    /// What a body says, read and its fields checked (413, 400), before its facility is known: the server
    /// reads it while PostgreSQL looks the token up.
    public static func read(_ body: [UInt8], firstEntries: FirstEntries? = nil) throws -> UncheckedPush {
        guard body.count <= maxBodyBytes else { throw PushRefusal.tooLarge("the body is over 1 MiB (\(body.count) bytes)") }
        // Validated in place: the careful way's copy as a String is made only when it is needed.
        guard (try? UTF8Span(validating: body.span)) != nil else { throw PushRefusal.malformed("the body is not UTF-8") }
        let (storeID, entries) = try PushBodyScanner.scan(body, firstEntries: firstEntries)
            ?? carefulRead(String(decoding: body, as: UTF8.self))
        return UncheckedPush(storeID: storeID, entries: entries)
    }

    /// The `store_id` a body ends with, found without reading it: a canonical body's last member
    /// (its keys are sorted), so the store's head can be locked while the rest is read. Only a hint,
    /// which the body read whole confirms; nil when the body does not end that way.
    public static func storeHint(_ body: [UInt8]) -> String? {
        let prefix = Array(#","store_id":""#.utf8), idLength = 36
        var end = body.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(body[end - 1]) { end -= 1 }
        let start = end - 2 - idLength - prefix.count
        guard start >= 0, body[end - 1] == UInt8(ascii: "}"), body[end - 2] == UInt8(ascii: "\""),
              body[start..<start + prefix.count].elementsEqual(prefix)
        else { return nil }
        let id = String(decoding: body[(end - 2 - idLength)..<(end - 2)], as: UTF8.self)
        return isUUID(id) ? id : nil
    }

    /// A body read, not yet checked against the token's facility or for its shape.
    public struct UncheckedPush: Sendable {
        let storeID: String
        let entries: [PushedEntry]

        /// 403 for an entry of another facility, then the batch's shape (400).
        public func checked(forFacility facilityID: String) throws -> PushRequest {
            // 403 before any other check of the entries: a foreign entry must never be looked at further.
            if let foreign = entries.first(where: { $0.facilityID != facilityID }) {
                throw PushRefusal.forbidden(seq: foreign.seq)
            }
            try checkShape(entries, storeID: storeID)
            return PushRequest(storeID: storeID, entries: entries)
        }
    }

    /// Reads the body as a JSON tree, field by field, naming the first thing wrong. The way for any
    /// body `PushBodyScanner` does not take (agents send bodies it does).
    static func carefulRead(_ text: String) throws -> (storeID: String, entries: [PushedEntry]) {
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch { throw PushRefusal.malformed("\(error)") }
        guard case .object(let top) = json else { throw PushRefusal.malformed("the body is not a JSON object") }
        guard case .string(let storeID)? = top["store_id"], isUUID(storeID) else {
            throw PushRefusal.malformed("store_id is missing or not a UUID")
        }
        guard case .array(let items)? = top["entries"] else { throw PushRefusal.malformed("entries is missing or not an array") }
        if let extra = Set(top.keys).subtracting(["store_id", "entries"]).sorted().first {
            throw PushRefusal.malformed("unknown field \(extra)")
        }
        guard !items.isEmpty else { throw PushRefusal.malformed("entries is empty") }
        guard items.count <= maxEntries else {
            throw PushRefusal.tooLarge("\(items.count) entries; a batch holds at most \(maxEntries)")
        }
        return (storeID, try items.enumerated().map { try readEntry($0.element, index: $0.offset) })
    }

    /// Contiguous ascending seqs of one store, and each transaction's entries together.
    static func checkShape(_ entries: [PushedEntry], storeID: String) throws {
        var seenTx = Set<String>()
        var previous: PushedEntry?
        for entry in entries {
            guard entry.storeID == storeID else { throw PushRefusal.malformed("seq \(entry.seq): store_id is not the batch's store_id") }
            if let previous {
                guard entry.seq == previous.seq + 1 else {
                    throw PushRefusal.malformed("seq \(entry.seq) follows seq \(previous.seq): entries must be contiguous and ascending")
                }
                if entry.txID != previous.txID, seenTx.contains(entry.txID) {
                    throw PushRefusal.splitTransaction(seq: entry.seq)
                }
            }
            seenTx.insert(entry.txID)
            previous = entry
        }
    }

    static func readEntry(_ value: JSONValue, index: Int) throws -> PushedEntry {
        guard case .object(let fields) = value else { throw PushRefusal.malformed("entry \(index) is not an object") }
        if let extra = Set(fields.keys).subtracting(entryFields).sorted().first {
            throw PushRefusal.malformed("entry \(index): unknown field \(extra)")
        }
        func string(_ key: String, uuid: Bool = false) throws -> String {
            guard case .string(let s)? = fields[key] else { throw PushRefusal.malformed("entry \(index): \(key) is missing or not a string") }
            guard !s.isEmpty, s.utf8.count <= 200, !s.utf8.contains(0) else {
                throw PushRefusal.malformed("entry \(index): \(key) is empty, too long or holds a NUL")
            }
            if uuid, !isUUID(s) { throw PushRefusal.malformed("entry \(index): \(key) is not a UUID") }
            return s
        }
        func integer(_ key: String, min: Int64) throws -> Int64 {
            guard case .int(let i)? = fields[key], i >= min else {
                throw PushRefusal.malformed("entry \(index): \(key) is missing or not an integer ≥ \(min)")
            }
            return i
        }
        let actorID: String?
        switch fields["actor_id"] {
        case .null?: actorID = nil
        case .string?: actorID = try string("actor_id", uuid: true)
        default: throw PushRefusal.malformed("entry \(index): actor_id is missing (null for the system)")
        }
        guard let payload = fields["payload"] else { throw PushRefusal.malformed("entry \(index): payload is missing") }
        let seq = try integer("seq", min: 1), entryID = try string("entry_id", uuid: true)
        let facilityID = try string("facility_id", uuid: true), storeID = try string("store_id", uuid: true)
        let txID = try string("tx_id", uuid: true), kind = try string("kind"), version = try integer("version", min: 1)
        let occurredAt = try string("occurred_at"), prevHash = try string("prev_hash"), hash = try string("hash")
        let canonical: [UInt8]
        do { canonical = try CanonicalJSON.bytes(payload) } catch { throw PushRefusal.malformed("entry \(index): payload: \(error)") }
        return PushedEntry(
            seq: seq, entryID: entryID, facilityID: facilityID, storeID: storeID, txID: txID, kind: kind,
            version: version, occurredAt: occurredAt, actorID: actorID, prevHash: prevHash, hash: hash,
            canonicalPayload: canonical, payloadProblem: problem(canonical: canonical))
    }

    /// Why PostgreSQL's `jsonb` cannot hold a payload the ledger can: it is kept as text, flagged.
    static func problem(canonical: [UInt8]) -> String? {
        // Only an object's canonical form starts with a brace.
        guard canonical.first == UInt8(ascii: "{") else { return "the payload is not a JSON object" }
        // jsonb refuses the character U+0000, which canonical JSON writes as \u0000. Escapes are read
        // left to right, two bytes at a time, so an escaped backslash before `u0000` is not mistaken for one.
        let holdsNul = canonical.withUnsafeBufferPointer { bytes -> Bool in
            var i = 0
            while i + 5 < bytes.count {
                guard bytes[i] == UInt8(ascii: "\\") else { i += 1; continue }
                if bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "0"), bytes[i + 3] == UInt8(ascii: "0"),
                   bytes[i + 4] == UInt8(ascii: "0"), bytes[i + 5] == UInt8(ascii: "0") { return true }
                i += 2
            }
            return false
        }
        return holdsNul ? "the payload holds U+0000, which jsonb cannot store" : nil
    }

    /// Hex digits (either case) in groups of 8-4-4-4-12. By hand: Foundation's `UUID(uuidString:)`
    /// went through `sscanf` and was a tenth of the server's time per push.
    static func isUUID(_ text: String) -> Bool { isUUID(text.utf8) }

    static func isUUID<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard bytes.count == 36 else { return false }
        var position = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "-"):
                guard position == 8 || position == 13 || position == 18 || position == 23 else { return false }
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                 UInt8(ascii: "A")...UInt8(ascii: "F"):
                guard position != 8 && position != 13 && position != 18 && position != 23 else { return false }
            default: return false
            }
            position += 1
        }
        return true
    }
}
