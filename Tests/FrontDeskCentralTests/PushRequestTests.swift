// The checks a push body passes before the database is touched (ledger-protocol.md §3), without a server.
import FrontDeskLedger
import FrontDeskTestSupport
import XCTest
@testable import FrontDeskCentral

final class PushRequestTests: XCTestCase {
    let facility = "01a23cdd-6d21-7bb6-8875-a43599f2411a"
    let store = "01a23cdd-6d21-7f83-87a5-b82984cef3e6"

    /// A chain of `count` entries, `perTx` to a transaction.
    func chain(_ count: Int, perTx: Int = 1, payload: JSONValue = ["rows": []]) throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        var previous = LedgerEntry.genesisHash
        var tx = UUID().uuidString.lowercased()
        for seq in 1...count {
            if (seq - 1) % perTx == 0 { tx = UUID().uuidString.lowercased() }
            let entry = try LedgerEntry(
                seq: Int64(seq), entryID: UUID().uuidString.lowercased(), facilityID: facility, storeID: store, txID: tx,
                kind: "patient.registered", version: 2, occurredAt: "2026-12-03T10:00:00.000Z", actorID: nil,
                payload: payload, prevHash: previous
            ).sealed()
            previous = entry.hash
            entries.append(entry)
        }
        return entries
    }

    func body(_ entries: [LedgerEntry], storeID: String? = nil) throws -> [UInt8] {
        try CanonicalJSON.bytes(["store_id": .string(storeID ?? store), "entries": .array(entries.map(\.wireObject))])
    }

    /// What a push should read from an entry.
    func pushed(_ entry: LedgerEntry) throws -> PushedEntry {
        let canonical = try CanonicalJSON.bytes(entry.payload)
        return PushedEntry(
            seq: entry.seq, entryID: entry.entryID, facilityID: entry.facilityID, storeID: entry.storeID, txID: entry.txID,
            kind: entry.kind, version: entry.version, occurredAt: entry.occurredAt, actorID: entry.actorID,
            prevHash: entry.prevHash, hash: entry.hash, canonicalPayload: canonical,
            payloadProblem: PushRequest.problem(canonical: canonical))
    }

    /// Agents send canonical bodies, which the scanner reads; anything else is read the careful way. Both
    /// must read a body alike.
    func testTheScannerReadsWhatTheCarefulWayReads() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let payload: JSONValue = round % 10 == 0 ? .array([1, "x"]) : ["v": RandomJSON.value(depth: 1, using: &random)]
            var entries = try chain(Int.random(in: 1...6, using: &random), perTx: 2, payload: payload)
            if round % 3 == 0 { entries[0].actorID = "01a23cdd-6d21-7bb6-8875-a43599f24aaa" }
            let bytes = try body(entries)
            let scanned = try XCTUnwrap(PushBodyScanner.scan(bytes), String(decoding: bytes, as: UTF8.self))
            let careful = try PushRequest.carefulRead(String(decoding: bytes, as: UTF8.self))
            XCTAssertEqual(scanned.storeID, careful.storeID)
            XCTAssertEqual(scanned.entries, careful.entries)
            XCTAssertEqual(scanned.entries, try entries.map(pushed))
        }
    }

    func testBodiesTheScannerLeavesToTheCarefulWayAreStillRead() throws {
        let entries = try chain(2, payload: ["b": 2, "a": 1])
        let canonical = String(decoding: try body(entries), as: UTF8.self)
        for text in [
            canonical.replacingOccurrences(of: #"{"a":1,"b":2}"#, with: #"{"b":2,"a":1}"#),  // payload keys unsorted
            canonical.replacingOccurrences(of: #"{"a":1,"b":2}"#, with: #"{ "a" : 1 , "b" : 2 }"#),
            canonical.replacingOccurrences(of: #","store_id":"#, with: "\n,\t\"store_id\" : "),
            canonical.replacingOccurrences(of: #""kind":"patient.registered""#, with: #""kind":"patient\u002eregistered""#),
        ] {
            let bytes = Array(text.utf8)
            XCTAssertNotEqual(text, canonical)
            let request = try PushRequest.parse(bytes, facilityID: facility)
            XCTAssertEqual(request.entries, try entries.map(pushed), text)
        }
    }

    func testTheFirstEntriesOfALongBodyAreHandedOverAheadAndOfAShortOneNot() async throws {
        let long = FirstEntries()
        let entries = try chain(FirstEntries.count + 50, perTx: 5)
        let read = try PushRequest.read(try body(entries), firstEntries: long)
        let ahead = await long.take()
        XCTAssertEqual(ahead, Array(read.entries.prefix(FirstEntries.count)))
        XCTAssertEqual(ahead?.count, FirstEntries.count)
        let short = FirstEntries()
        _ = try PushRequest.read(try body(try chain(FirstEntries.count)), firstEntries: short)
        let none = await short.take()
        XCTAssertNil(none)
    }

    /// The store a canonical body ends with is found without reading the body; any other ending gives
    /// no hint (the body read whole then names the store), never a wrong one taken from inside.
    func testTheStoreHintIsTheStoreACanonicalBodyEndsWith() throws {
        let bytes = try body(try chain(3))
        XCTAssertEqual(PushRequest.storeHint(bytes), store)
        XCTAssertEqual(PushRequest.storeHint(bytes + Array("\n".utf8)), store)
        let text = String(decoding: bytes, as: UTF8.self)
        for other in [
            text.replacingOccurrences(of: #","store_id":"#, with: #", "store_id":"#),
            text.replacingOccurrences(of: store + #""}"#, with: String(store.dropLast()) + #"x"}"#),
            String(text.dropLast()),
            #"{"store_id":"\#(store)"}"#,  // no entries before it: not a push body's ending
            "",
        ] {
            XCTAssertNil(PushRequest.storeHint(Array(other.utf8)), other)
        }
    }

    func testUUIDsAreEightFourFourFourTwelveHexDigits() {
        XCTAssertTrue(PushRequest.isUUID("01a23cdd-6d21-7bb6-8875-a43599f2411a"))
        XCTAssertTrue(PushRequest.isUUID("01A23CDD-6D21-7BB6-8875-A43599F2411A"))
        for text in ["01a23cdd-6d21-7bb6-8875-a43599f2411", "01a23cdd-6d21-7bb6-8875-a43599f2411aa", "01a23cdd6d21-7bb6-8875-a43599f2411a-",
                     "0xa23cdd-6d21-7bb6-8875-a43599f2411a", " 1a23cdd-6d21-7bb6-8875-a43599f2411a", "01a23cdd-6d21-7bb6-8875-a43599f2411g",
                     "", "01a23cdd-6d21-7bb6-8875_a43599f2411a"] {
            XCTAssertFalse(PushRequest.isUUID(text), text)
        }
    }

    func refusal(_ bytes: [UInt8]) -> PushRefusal? {
        do { _ = try PushRequest.parse(bytes, facilityID: facility); return nil } catch { return error as? PushRefusal }
    }

    func testAWholeChainIsReadWithTheCanonicalBytesOfEachPayload() throws {
        let entries = try chain(3, payload: ["b": 2, "a": "x"])
        let request = try PushRequest.parse(try body(entries), facilityID: facility)
        XCTAssertEqual(request.entries, try entries.map(pushed))
        XCTAssertEqual(String(decoding: request.entries[0].canonicalPayload, as: UTF8.self), #"{"a":"x","b":2}"#)
        XCTAssertNil(request.entries[0].payloadProblem)
    }

    func testAnEntryOfAnotherFacilityIsForbiddenAndNamed() throws {
        var entries = try chain(3)
        entries[1].facilityID = "01a23cdd-6d21-7bb6-8875-a43599f2411b"
        XCTAssertEqual(refusal(try body(entries)), .forbidden(seq: 2))
        XCTAssertEqual(PushRefusal.forbidden(seq: 2).status, 403)
    }

    func testMoreThan500EntriesOrAMebibyteIsTooLarge() throws {
        XCTAssertEqual(refusal(try body(try chain(501)))?.status, 413)
        XCTAssertEqual(refusal([UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1))?.status, 413)
    }

    func testMalformedBodiesAre400WithAReason() throws {
        XCTAssertEqual(refusal(Array("not json".utf8))?.status, 400)
        XCTAssertEqual(refusal(Array(#"{"store_id":"x","entries":[]}"#.utf8)), .malformed("store_id is missing or not a UUID"))
        XCTAssertEqual(refusal(try body([])), .malformed("entries is empty"))
        var entries = try chain(3)
        entries.swapAt(1, 2)
        if case .malformed(let why)? = refusal(try body(entries)) { XCTAssert(why.contains("contiguous")) } else { XCTFail() }
        XCTAssertEqual(refusal(try body(try chain(2), storeID: "01a23cdd-6d21-7f83-87a5-b82984cef3e7"))?.status, 400)
        // A fraction is not a ledger number (§1): refused, never rounded.
        let text = String(decoding: try body(try chain(1)), as: UTF8.self).replacingOccurrences(of: #""version":2"#, with: #""version":2.5"#)
        XCTAssertEqual(refusal(Array(text.utf8))?.status, 400)
    }

    func testATransactionThatRecursApartInABatchIsASplit() throws {
        var entries = try chain(3)
        entries[2].txID = entries[0].txID
        XCTAssertEqual(refusal(try body(entries)), .splitTransaction(seq: 3))
    }

    func testAPayloadJsonbCannotHoldIsKeptAndFlagged() throws {
        let nul = try PushRequest.parse(try body(try chain(1, payload: ["note": "a\u{0}b"])), facilityID: facility)
        XCTAssertNotNil(nul.entries[0].payloadProblem)
        let escapedBackslash = try PushRequest.parse(try body(try chain(1, payload: ["note": #"\u0000"#])), facilityID: facility)
        XCTAssertNil(escapedBackslash.entries[0].payloadProblem, "a backslash followed by u0000 as text is not U+0000")
        let notObject = try PushRequest.parse(try body(try chain(1, payload: .array([1]))), facilityID: facility)
        XCTAssertEqual(notObject.entries[0].payloadProblem, "the payload is not a JSON object")
    }

    func testMigrationStatementsSplitOutsideFunctionBodies() {
        let statements = CentralMigrator.statements(of: CentralSchema.v1)
        XCTAssertTrue(statements.contains { $0.contains("CREATE FUNCTION central.refuse_change()") && $0.contains("RAISE EXCEPTION") })
        XCTAssertFalse(statements.contains { $0.hasSuffix(";") })
        XCTAssertGreaterThan(statements.count, 20)
    }
}
