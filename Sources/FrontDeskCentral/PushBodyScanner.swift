// A push body read straight from its bytes: the fast way for the bodies agents send.
// Building a JSON tree of every entry and re-encoding each payload was most of the server's time
// per push; here fields are decoded in place and a payload already canonical is kept as it came.
import FrontDeskLedger

/// Reads a well-formed push body in one pass over its bytes. Returns nil on anything unusual (an
/// escape in a field, an unknown or missing field, a payload not in canonical form, a value out of
/// bounds): `PushRequest.parse` then reads the body the careful way, which finds and words the refusal.
/// So this never refuses anything itself, and what it accepts it reads exactly as the careful way would.
struct PushBodyScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Where the first entries go as soon as they are read, if anywhere.
    var firstEntries: FirstEntries?

    /// The store and entries of a valid UTF-8 body, or nil. `firstEntries` gets the first
    /// `FirstEntries.count` of a longer body as soon as they are read, or nil.
    static func scan(_ body: [UInt8], firstEntries: FirstEntries? = nil) -> (storeID: String, entries: [PushedEntry])? {
        body.withUnsafeBufferPointer { buffer in
            var scanner = PushBodyScanner(bytes: buffer, firstEntries: firstEntries)
            let result = scanner.body()
            firstEntries?.give(nil)  // nothing handed over early: the taker goes the one-statement way
            return result
        }
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// Skips spaces, then consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard current == byte else { return false }
        index += 1
        return true
    }

    mutating func body() -> (storeID: String, entries: [PushedEntry])? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var storeID: String?
        var entries: [PushedEntry]?
        repeat {
            guard let key = plainString() else { return nil }
            guard take(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "store_id" where storeID == nil: storeID = plainString()
            case "entries" where entries == nil: entries = entryList()
            default: return nil
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")) else { return nil }
        skipSpace()
        guard index == bytes.count, let storeID, PushRequest.isUUID(storeID), let entries else { return nil }
        return (storeID, entries)
    }

    mutating func entryList() -> [PushedEntry]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var entries: [PushedEntry] = []
        entries.reserveCapacity(PushRequest.maxEntries)
        repeat {
            guard entries.count < PushRequest.maxEntries, let entry = entry() else { return nil }
            entries.append(entry)
            if entries.count == FirstEntries.count, current == UInt8(ascii: ",") { firstEntries?.give(entries) }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "]")) else { return nil }
        return entries
    }

    mutating func entry() -> PushedEntry? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var seq: Int64?, version: Int64?
        var entryID: String?, facilityID: String?, storeID: String?, txID: String?
        var kind: String?, occurredAt: String?, prevHash: String?, hash: String?
        var actorID: String??
        var payload: Range<Int>?
        // Reads a field once: a second occurrence of a key is the careful way's to refuse.
        func once<T>(_ slot: inout T?, _ read: () -> T?) -> Bool {
            guard slot == nil, let value = read() else { return false }
            slot = value
            return true
        }
        repeat {
            guard let key = plainString(), take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            let read: Bool
            switch key {
            case "seq": read = once(&seq) { integer() }
            case "version": read = once(&version) { integer() }
            case "entry_id": read = once(&entryID) { field(uuid: true) }
            case "facility_id": read = once(&facilityID) { field(uuid: true) }
            case "store_id": read = once(&storeID) { field(uuid: true) }
            case "tx_id": read = once(&txID) { field(uuid: true) }
            case "kind": read = once(&kind) { field(uuid: false) }
            case "occurred_at": read = once(&occurredAt) { field(uuid: false) }
            case "prev_hash": read = once(&prevHash) { field(uuid: false) }
            case "hash": read = once(&hash) { field(uuid: false) }
            case "actor_id": read = once(&actorID) { current == UInt8(ascii: "n") ? (null() ? .some(nil) : nil) : field(uuid: true).map { .some($0) } }
            case "payload":
                read = once(&payload) {
                    guard let end = CanonicalJSON.canonicalEnd(in: bytes, from: index) else { return nil }
                    defer { index = end }
                    return index..<end
                }
            default: read = false
            }
            guard read else { return nil }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), let seq, seq >= 1, let version, version >= 1, let entryID, let facilityID,
              let storeID, let txID, let kind, let occurredAt, let prevHash, let hash, let actorID, let payload
        else { return nil }
        let canonical = Array(bytes[payload])
        return PushedEntry(
            seq: seq, entryID: entryID, facilityID: facilityID, storeID: storeID, txID: txID, kind: kind,
            version: version, occurredAt: occurredAt, actorID: actorID, prevHash: prevHash, hash: hash,
            canonicalPayload: canonical, payloadProblem: PushRequest.problem(canonical: canonical))
    }

    /// A field's string as `PushRequest.readEntry` accepts it: 1–200 bytes, no NUL, a UUID where asked.
    mutating func field(uuid: Bool) -> String? {
        guard let content = plainContent(), !content.isEmpty, content.count <= 200 else { return nil }
        if uuid, !PushRequest.isUUID(content) { return nil }
        return String(decoding: content, as: UTF8.self)
    }

    /// A string without escapes or control characters (the body is valid UTF-8, so its content is too).
    mutating func plainString() -> String? {
        plainContent().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes between the quotes of a string without escapes or control characters.
    mutating func plainContent() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// A non-negative integer without leading zeros, within ±2^53.
    mutating func integer() -> Int64? {
        let start = index
        var value: Int64 = 0
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            guard index - start < 16 else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            index += 1
        }
        guard index > start, !(bytes[start] == UInt8(ascii: "0") && index - start > 1),
              value <= JSONValue.maxSafeInteger
        else { return nil }
        return value
    }

    mutating func null() -> Bool {
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }
}
