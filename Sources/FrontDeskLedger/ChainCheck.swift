// Checks a run of ledger entries the way section 5 of the protocol says anyone can.
import Foundation

/// What is wrong with a ledger, naming the first bad seq.
public enum ChainFault: Error, Equatable, CustomStringConvertible {
    case gap(expected: Int64, found: Int64)
    case hashMismatch(seq: Int64)
    case brokenLink(seq: Int64)
    case duplicateEntryID(seq: Int64)
    case foreignEntry(seq: Int64, field: String)
    case unreadablePayload(seq: Int64, reason: String)
    case nonCanonicalPayload(seq: Int64)
    /// A payload number the protocol does not allow (§1: integers within ±2^53), as written.
    case payloadNumber(seq: Int64, text: String, isFraction: Bool)

    /// The first seq the fault concerns.
    public var seq: Int64 {
        switch self {
        case .gap(let expected, _): return expected
        case .hashMismatch(let s), .brokenLink(let s), .duplicateEntryID(let s), .nonCanonicalPayload(let s):
            return s
        case .foreignEntry(let s, _), .unreadablePayload(let s, _), .payloadNumber(let s, _, _): return s
        }
    }

    public var description: String {
        switch self {
        case .gap(let expected, let found): return "seq \(expected): missing (next entry found is seq \(found))"
        case .hashMismatch(let s): return "seq \(s): hash does not match the entry's contents"
        case .brokenLink(let s): return "seq \(s): prev_hash is not the hash of seq \(s - 1)"
        case .duplicateEntryID(let s): return "seq \(s): entry_id already used by an earlier entry"
        case .foreignEntry(let s, let field): return "seq \(s): \(field) does not belong to this store"
        case .unreadablePayload(let s, let reason): return "seq \(s): payload unreadable (\(reason))"
        case .nonCanonicalPayload(let s): return "seq \(s): payload is not canonical JSON"
        case .payloadNumber(let s, let text, true):
            return "seq \(s): payload holds the number \(text), which is not an integer (protocol §1: payload numbers are integers)"
        case .payloadNumber(let s, let text, false):
            return "seq \(s): payload holds the integer \(text), outside ±2^53 (protocol §1: payload integers stay within ±2^53)"
        }
    }
}

/// Walks entries in seq order and stops at the first fault. Feed it one entry at a time so
/// that a ledger of millions of rows never has to sit in memory.
public struct ChainChecker {
    public private(set) var expectedSeq: Int64
    public private(set) var lastHash: String
    /// Entry ids seen so far: a lowercase UUID as its 16 bytes (a ledger of millions of entries
    /// would otherwise hold millions of strings), anything else as written.
    private var seenUUIDs = Set<UUID>()
    private var seenOtherIDs = Set<String>()
    private let facilityID: String?
    private let storeID: String?

    /// Starts after `seq`/`hash` (0 and 64 zeros for the beginning of the ledger).
    public init(after seq: Int64 = 0, hash: String = LedgerEntry.genesisHash, facilityID: String? = nil, storeID: String? = nil) {
        self.expectedSeq = seq + 1
        self.lastHash = hash
        self.facilityID = facilityID
        self.storeID = storeID
    }

    /// Checks the next entry; throws the first fault found.
    public mutating func check(_ entry: LedgerEntry) throws {
        try check(entry, canonicalPayload: CanonicalJSON.bytes(entry.payload))
    }

    /// The same, with the entry's payload already in canonical form.
    public mutating func check(_ entry: LedgerEntry, canonicalPayload: [UInt8]) throws {
        guard entry.seq == expectedSeq else { throw ChainFault.gap(expected: expectedSeq, found: entry.seq) }
        if let facilityID, entry.facilityID != facilityID {
            throw ChainFault.foreignEntry(seq: entry.seq, field: "facility_id")
        }
        if let storeID, entry.storeID != storeID { throw ChainFault.foreignEntry(seq: entry.seq, field: "store_id") }
        guard (try? entry.computeHash(canonicalPayload: canonicalPayload)) == entry.hash else { throw ChainFault.hashMismatch(seq: entry.seq) }
        guard entry.prevHash == lastHash else { throw ChainFault.brokenLink(seq: entry.seq) }
        guard Self.isCanonicalUUID(entry.entryID) ? seenUUIDs.insert(UUID(uuidString: entry.entryID)!).inserted
            : seenOtherIDs.insert(entry.entryID).inserted
        else { throw ChainFault.duplicateEntryID(seq: entry.seq) }
        lastHash = entry.hash
        expectedSeq += 1
    }

    /// A UUID exactly as the ledger writes it (lowercase, hyphenated), so that its 16 bytes stand
    /// for the text: "A…" and "a…" stay two different ids, as in any other checker.
    static func isCanonicalUUID(_ text: String) -> Bool {
        text.utf8.count == 36 && !text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
            && UUID(uuidString: text) != nil
    }

    /// The last seq that passed (the start point when nothing has been checked yet).
    public var lastGoodSeq: Int64 { expectedSeq - 1 }
}
