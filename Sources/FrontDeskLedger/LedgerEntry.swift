// One entry of a facility's hash-chained ledger (ledger-protocol.md, sections 1 and 2).
import Crypto
import Foundation

/// One row of `ledger_entries`, with its payload as an object.
public struct LedgerEntry: Sendable, Hashable {
    public var seq: Int64
    public var entryID: String
    public var facilityID: String
    public var storeID: String
    public var txID: String
    public var kind: String
    public var version: Int64
    public var occurredAt: String
    public var actorID: String?
    public var payload: JSONValue
    public var prevHash: String
    public var hash: String

    /// The `prev_hash` of seq 1.
    public static let genesisHash = String(repeating: "0", count: 64)

    public init(
        seq: Int64, entryID: String, facilityID: String, storeID: String, txID: String, kind: String,
        version: Int64, occurredAt: String, actorID: String?, payload: JSONValue, prevHash: String, hash: String = ""
    ) {
        self.seq = seq
        self.entryID = entryID
        self.facilityID = facilityID
        self.storeID = storeID
        self.txID = txID
        self.kind = kind
        self.version = version
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The object that is hashed: every column but `hash`, payload embedded as an object.
    public var hashedObject: JSONValue {
        .object([
            "actor_id": actorID.map(JSONValue.string) ?? .null,
            "entry_id": .string(entryID),
            "facility_id": .string(facilityID),
            "kind": .string(kind),
            "occurred_at": .string(occurredAt),
            "payload": payload,
            "prev_hash": .string(prevHash),
            "seq": .int(seq),
            "store_id": .string(storeID),
            "tx_id": .string(txID),
            "version": .int(version),
        ])
    }

    /// The entry as the push protocol sends it and `ledger export` prints it: with `hash`.
    public var wireObject: JSONValue {
        guard case .object(var members) = hashedObject else { return hashedObject }
        members["hash"] = .string(hash)
        return .object(members)
    }

    /// Lowercase hex SHA-256 of the canonical JSON of `hashedObject`.
    public func computeHash() throws -> String {
        try computeHash(canonicalPayload: CanonicalJSON.bytes(payload))
    }

    /// The same hash, with the payload already in canonical form (the store writes those bytes
    /// as the payload column too, so it encodes the payload once).
    public func computeHash(canonicalPayload: [UInt8]) throws -> String {
        try Self.hash(
            seq: seq, entryID: entryID, facilityID: facilityID, storeID: storeID, txID: txID, kind: kind,
            version: version, occurredAt: occurredAt, actorID: actorID, canonicalPayload: canonicalPayload,
            prevHash: prevHash)
    }

    /// The hash of an entry given its fields and its payload's canonical bytes. Keys are written
    /// in sorted order by hand; a test checks this equals canonicalising `hashedObject`.
    public static func hash(
        seq: Int64, entryID: String, facilityID: String, storeID: String, txID: String, kind: String,
        version: Int64, occurredAt: String, actorID: String?, canonicalPayload: [UInt8], prevHash: String
    ) throws -> String {
        var out = [UInt8]()
        out.reserveCapacity(canonicalPayload.count + 400)
        func key(_ name: String) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            CanonicalJSON.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        key("actor_id")
        if let actorID { CanonicalJSON.writeString(actorID, into: &out) } else { out.append(contentsOf: "null".utf8) }
        key("entry_id"); CanonicalJSON.writeString(entryID, into: &out)
        key("facility_id"); CanonicalJSON.writeString(facilityID, into: &out)
        key("kind"); CanonicalJSON.writeString(kind, into: &out)
        key("occurred_at"); CanonicalJSON.writeString(occurredAt, into: &out)
        key("payload"); out.append(contentsOf: canonicalPayload)
        key("prev_hash"); CanonicalJSON.writeString(prevHash, into: &out)
        key("seq"); try CanonicalJSON.writeInteger(seq, into: &out)
        key("store_id"); CanonicalJSON.writeString(storeID, into: &out)
        key("tx_id"); CanonicalJSON.writeString(txID, into: &out)
        key("version"); try CanonicalJSON.writeInteger(version, into: &out)
        out.append(UInt8(ascii: "}"))
        return LedgerHash.hex(of: out)
    }

    /// Returns a copy whose `hash` is computed from its other fields.
    public func sealed() throws -> LedgerEntry {
        var copy = self
        copy.hash = try computeHash()
        return copy
    }
}

/// SHA-256 as the ledger writes it: lowercase hex.
public enum LedgerHash {
    public static func hex(of bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
