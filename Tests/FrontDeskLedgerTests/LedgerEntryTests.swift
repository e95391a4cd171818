// Ledger hashes: the hand-ordered hash input equals the generic canonical form, and Python agrees.
import XCTest

@testable import FrontDeskLedger

final class LedgerEntryTests: XCTestCase {
    static func entry(seq: Int64, prev: String, actor: String? = "0190c0de-0000-7000-8000-000000000001") -> LedgerEntry {
        LedgerEntry(
            seq: seq, entryID: "0190c0de-0000-7000-8000-0000000000\(String(format: "%02d", seq))",
            facilityID: "0190c0de-0000-7000-8000-00000000face", storeID: "0190c0de-0000-7000-8000-00000000babe",
            txID: "0190c0de-0000-7000-8000-0000000000aa", kind: "patient.registered", version: 1,
            occurredAt: "2026-11-22T04:12:14.123Z", actorID: actor,
            payload: ["table": "persons", "row": ["first_name": "Ọlọ́wọ̀", "last_name": "Nguyễn\t\"x\"", "n": 42]],
            prevHash: prev)
    }

    func testSplicedHashEqualsCanonicalHashOfTheWholeObject() throws {
        for actor in ["0190c0de-0000-7000-8000-000000000001", nil] {
            let e = Self.entry(seq: 7, prev: LedgerEntry.genesisHash, actor: actor)
            XCTAssertEqual(try e.computeHash(), LedgerHash.hex(of: try CanonicalJSON.bytes(e.hashedObject)))
        }
    }

    func testHashEqualsThePythonFormFromTheProtocol() throws {
        let e = try Self.entry(seq: 1, prev: LedgerEntry.genesisHash).sealed()
        let python = try Python.run(
            """
            import hashlib, json, sys
            e = json.loads(sys.stdin.read())
            e.pop("hash")
            print(hashlib.sha256(json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")).hexdigest())
            """, input: try CanonicalJSON.string(e.wireObject))
        XCTAssertEqual(python.trimmingCharacters(in: .whitespacesAndNewlines), e.hash)
    }

    func testChainCheckerNamesTheFirstBadEntry() throws {
        let e1 = try Self.entry(seq: 1, prev: LedgerEntry.genesisHash).sealed()
        let e2 = try Self.entry(seq: 2, prev: e1.hash).sealed()
        let e3 = try Self.entry(seq: 3, prev: e2.hash).sealed()

        var ok = ChainChecker()
        for e in [e1, e2, e3] { try ok.check(e) }
        XCTAssertEqual(ok.lastGoodSeq, 3)

        var gap = ChainChecker()
        try gap.check(e1)
        XCTAssertThrowsError(try gap.check(e3)) { XCTAssertEqual($0 as? ChainFault, .gap(expected: 2, found: 3)) }

        var edited = e2
        edited.payload = ["table": "persons", "row": ["first_name": "Mallory"]]
        var tampered = ChainChecker()
        try tampered.check(e1)
        XCTAssertThrowsError(try tampered.check(edited)) { XCTAssertEqual($0 as? ChainFault, .hashMismatch(seq: 2)) }

        var relinked = try Self.entry(seq: 2, prev: String(repeating: "f", count: 64)).sealed()
        relinked.entryID = e2.entryID
        var broken = ChainChecker()
        try broken.check(e1)
        XCTAssertThrowsError(try broken.check(try relinked.sealed())) { XCTAssertEqual($0 as? ChainFault, .brokenLink(seq: 2)) }
    }

    func testAReusedEntryIDIsNamedWhateverItsCase() throws {
        let e1 = try Self.entry(seq: 1, prev: LedgerEntry.genesisHash).sealed()
        var e2 = Self.entry(seq: 2, prev: e1.hash)
        e2.entryID = e1.entryID
        var checker = ChainChecker()
        try checker.check(e1)
        XCTAssertThrowsError(try checker.check(try e2.sealed())) { XCTAssertEqual($0 as? ChainFault, .duplicateEntryID(seq: 2)) }

        // An id differing only in case is another id (as in the protocol's Python check); one
        // that is not a UUID is still tracked.
        var upper = Self.entry(seq: 2, prev: e1.hash)
        upper.entryID = e1.entryID.uppercased()
        let sealedUpper = try upper.sealed()
        var odd = Self.entry(seq: 3, prev: sealedUpper.hash)
        odd.entryID = "not-a-uuid"
        let sealedOdd = try odd.sealed()
        var again = Self.entry(seq: 4, prev: sealedOdd.hash)
        again.entryID = "not-a-uuid"
        var mixed = ChainChecker()
        for entry in [e1, sealedUpper, sealedOdd] { try mixed.check(entry) }
        XCTAssertThrowsError(try mixed.check(try again.sealed())) { XCTAssertEqual($0 as? ChainFault, .duplicateEntryID(seq: 4)) }
    }

    func testPayloadNumbersOutsideTheProtocolAreRefusedByName() {
        XCTAssertThrowsError(try JSONValue.parse(#"{"n":9007199254740993}"#)) {
            XCTAssertEqual($0 as? JSONValueError, .numberNotAllowed(text: "9007199254740993", isFraction: false))
        }
        XCTAssertThrowsError(try JSONValue.parse(#"{"n":-99999999999999999999999}"#)) {
            XCTAssertEqual($0 as? JSONValueError, .numberNotAllowed(text: "-99999999999999999999999", isFraction: false))
        }
        XCTAssertThrowsError(try JSONValue.parse(#"[1.5e3]"#)) {
            XCTAssertEqual($0 as? JSONValueError, .numberNotAllowed(text: "1.5e3", isFraction: true))
        }
        XCTAssertEqual(try JSONValue.parse("[9007199254740992,-9007199254740992]"), [9_007_199_254_740_992, -9_007_199_254_740_992])
    }
}
