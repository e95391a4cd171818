// The driver against an in-memory server: everything acknowledged exactly once, lost replies, divergence, refusals.
import FrontDeskLedger
import FrontDeskStore
import Logging
import XCTest
@testable import FrontDeskSync

final class SyncDriverTests: SyncStoreTestCase {
    var central: FakeCentral!

    override func setUpWithError() throws {
        try super.setUpWithError()
        central = FakeCentral()
        try store.setSyncServer(url: "http://127.0.0.1:9", insecure: false, token: Self.token, by: admin)
    }

    func driver() -> SyncDriver {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return SyncDriver(store: store, transport: central, logger: logger, random: { 0 })
    }

    /// The central copy equals the local ledger byte for byte up to the acknowledgement (§5).
    func assertCentralEqualsLocal(file: StaticString = #filePath, line: UInt = #line) throws {
        let acked = try store.syncStatus().ackedSeq
        for entry in try ledger() where entry.seq <= acked {
            XCTAssertEqual(central.held[entry.seq]?.line, try CanonicalJSON.string(entry.wireObject), file: file, line: line)
        }
        XCTAssertGreaterThanOrEqual(central.head, acked, "the acknowledgement is never ahead of the server", file: file, line: line)
    }

    func testOncePushesEverythingAndAcknowledgesTheHead() throws {
        for i in 0..<5 { try addUser("user\(i)"); try changeMRNFormat(i) }
        let outcome = try driver().runOnce(timeout: .seconds(5))
        let head = try store.ledgerHead()
        XCTAssertEqual(outcome, .upToDate(ackedSeq: head.seq))
        XCTAssertEqual(try store.syncStatus().state, .upToDate)
        XCTAssertEqual(central.head, head.seq)
        try assertCentralEqualsLocal()
        XCTAssertEqual(try driver().runOnce(timeout: .seconds(5)), .upToDate(ackedSeq: head.seq), "nothing waiting: still 0")
    }

    func testALostReplyIsNeitherLostNorDuplicated() throws {
        try addUser("user_a")
        central.dropRepliesAfterCommit = 1
        let outcome = try driver().runOnce(timeout: .seconds(5))
        XCTAssertEqual(outcome, .upToDate(ackedSeq: try store.ledgerHead().seq))
        XCTAssertEqual(central.pushes, 2, "the retry was answered from what the server already held")
        try assertCentralEqualsLocal()
    }

    func testALostReplyThenARestartFastForwardsFromTheHead() throws {
        try addUser("user_a")
        central.dropRepliesAfterCommit = 1
        central.networkFailures = 0
        // The first run gives up at once (timeout 0 s): the server committed, the store never heard.
        let first = try driver().runOnce(timeout: .zero)
        XCTAssertEqual(first, .offline(lastError: "push 1..\(try store.ledgerHead().seq): reply lost"))
        XCTAssertEqual(try store.syncStatus().ackedSeq, 0, "no acknowledgement without a 200")
        XCTAssertEqual(try store.syncStatus().state, .offline)
        let pushes = central.pushes
        XCTAssertEqual(try driver().runOnce(timeout: .seconds(5)), .upToDate(ackedSeq: central.head))
        XCTAssertEqual(central.pushes, pushes, "the head check alone moved the acknowledgement")
        try assertCentralEqualsLocal()
    }

    func testNetworkErrorsAndFiveHundredsAreRetried() throws {
        try addUser("user_a")
        central.networkFailures = 2
        central.refuseNextPushes = [SyncReply(status: 503), SyncReply(status: 429, retryAfter: .zero)]
        XCTAssertEqual(try driver().runOnce(timeout: .seconds(5)), .upToDate(ackedSeq: try store.ledgerHead().seq))
        try assertCentralEqualsLocal()
        XCTAssertNil(try store.syncStatus().offlineSince, "a 200 ends offline")
    }

    func testDivergenceStopsAndOverwritesNothing() throws {
        try addUser("user_a")
        // The server holds another history at seq 3 (this store's older backup pushed other work).
        var other = try ledger()
        other[2].hash = String(repeating: "e", count: 64)
        try central.preload(Array(other.prefix(3)))
        let before = central.held.mapValues(\.line)
        let outcome = try driver().runOnce(timeout: .seconds(5))
        guard case .alarm(.divergence, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(central.held.mapValues(\.line), before, "nothing on the server was overwritten")
        let status = try store.syncStatus()
        XCTAssertEqual(status.state, .alarm)
        XCTAssertEqual(status.alarmKind, "divergence")
        XCTAssertEqual(status.ackedSeq, 0)
        let pushes = central.pushes
        guard case .alarm(.divergence, _) = try driver().runOnce(timeout: .seconds(5)) else { return XCTFail() }
        XCTAssertEqual(central.pushes, pushes, "a standing alarm pushes nothing")
    }

    func testRefusalsRaiseTheAlarmOnce() throws {
        try addUser("user_a")
        central.refuseNextPushes = [SyncReply(status: 401, error: "unauthorized")]
        guard case .alarm(.refusedToken, _) = try driver().runOnce(timeout: .seconds(5)) else { return XCTFail() }
        XCTAssertEqual(central.pushes, 1)
        XCTAssertEqual(try store.syncStatus().alarmKind, "refused_token")
        // The administrator sets up a new token: the alarm is cleared and the push goes through.
        try store.setSyncServer(url: "http://127.0.0.1:9", insecure: false, token: Self.token + "x", by: admin)
        XCTAssertEqual(try driver().runOnce(timeout: .seconds(5)), .upToDate(ackedSeq: try store.ledgerHead().seq))
    }

    func testNotConfigured() throws {
        try FileManager.default.removeItem(atPath: SyncFiles.tokenPath(forStore: store.path))
        XCTAssertEqual(try driver().runOnce(timeout: .seconds(1)), .notConfigured)
    }
}
