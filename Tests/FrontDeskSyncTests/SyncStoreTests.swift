// The store's sync bookkeeping: acknowledgements forward only and checked, the token file, the states.
import Foundation
import FrontDeskCore
import FrontDeskLedger
import FrontDeskStore
import XCTest

final class SyncStoreTests: SyncStoreTestCase {
    func testAcknowledgeMovesForwardWithTheLocalHash() throws {
        try addUser("one")
        let head = try store.ledgerHead()
        try store.acknowledge(seq: head.seq, hash: head.hash)
        let status = try store.syncStatus()
        XCTAssertEqual(status.ackedSeq, head.seq)
        XCTAssertEqual(status.ackedHash, head.hash)
        XCTAssertEqual(status.state, .upToDate)
        XCTAssertNotNil(status.lastAckedAt)
        try store.acknowledge(seq: head.seq, hash: head.hash)  // the same acknowledgement again: nothing changes
        XCTAssertEqual(try store.syncStatus().ackedSeq, head.seq)
    }

    func testAcknowledgeRefusesToMoveBackwards() throws {
        try addUser("one")
        let head = try store.ledgerHead()
        try store.acknowledge(seq: head.seq, hash: head.hash)
        let earlier = head.seq - 1
        XCTAssertThrowsError(try store.acknowledge(seq: earlier, hash: try store.localHash(at: earlier)!)) { error in
            XCTAssertEqual(error as? SyncStoreError, .acknowledgementBackwards(stored: head.seq, offered: earlier))
        }
        XCTAssertEqual(try store.syncStatus().ackedSeq, head.seq)
    }

    func testAcknowledgeRefusesAHashThatIsNotTheLocalOne() throws {
        let head = try store.ledgerHead()
        let wrong = String(repeating: "f", count: 64)
        XCTAssertThrowsError(try store.acknowledge(seq: head.seq, hash: wrong)) { error in
            XCTAssertEqual(error as? SyncStoreError, .acknowledgementMismatch(seq: head.seq, local: head.hash, offered: wrong))
        }
        XCTAssertThrowsError(try store.acknowledge(seq: head.seq + 5, hash: head.hash), "a seq this store does not have")
        XCTAssertEqual(try store.syncStatus().ackedSeq, 0)
        XCTAssertTrue(try store.verify().isClean)
    }

    /// Terminals reload what they show after every commit: the agent's heartbeat, every few seconds
    /// all day, must not be one. It is the lock file's time, and still tells that the agent runs.
    func testTheAgentsHeartbeatIsSeenWithoutACommit() throws {
        let watcher = try store.changeWatcher()
        XCTAssertFalse(try store.syncStatus().agentAlive(now: clock.now()), "no agent has run yet")
        try store.recordAgentHeartbeat()
        XCTAssertFalse(watcher.hasChanged(), "no terminal reloads for a heartbeat")
        XCTAssertEqual(try store.syncStatus().agentSeenAt, Timestamp.string(clock.now()))
        XCTAssertTrue(try store.syncStatus().agentAlive(now: clock.now()))
        clock.advance(31)
        XCTAssertFalse(try store.syncStatus().agentAlive(now: clock.now()), "no heartbeat for 31 s: not running")
        try store.recordAgentHeartbeat()
        XCTAssertTrue(try store.syncStatus().agentAlive(now: clock.now()))
    }

    func testLocalHash() throws {
        XCTAssertEqual(try store.localHash(at: 0), LedgerEntry.genesisHash)
        XCTAssertEqual(try store.localHash(at: 1), try ledger()[0].hash)
        XCTAssertNil(try store.localHash(at: 10_000))
    }

    func testStatusStates() throws {
        var status = try store.syncStatus()
        XCTAssertEqual(status.state, .waiting)
        XCTAssertEqual(status.waiting, status.localHead)
        XCTAssertEqual(status.oldestWaitingAt, try ledger()[0].occurredAt)
        XCTAssertFalse(status.isConfigured)

        try store.recordSyncError("head: connection refused", offline: true)
        let since = try store.syncStatus().offlineSince
        XCTAssertEqual(try store.syncStatus().state, .offline)
        clock.advance(60)
        try store.recordSyncError("head: connection refused", offline: true)
        XCTAssertEqual(try store.syncStatus().offlineSince, since, "offline since the first failure, not the last")
        XCTAssertEqual(try store.syncStatus().lastErrorAt, Timestamp.string(clock.now()))

        try store.recordSyncReply("head 3")
        status = try store.syncStatus()
        XCTAssertNil(status.offlineSince)
        XCTAssertEqual(status.state, .waiting)
        XCTAssertEqual(status.lastReply, "head 3")

        let head = try store.ledgerHead()
        try store.acknowledge(seq: head.seq, hash: head.hash, reply: "200 acked \(head.seq)")
        status = try store.syncStatus()
        XCTAssertEqual(status.state, .upToDate)
        XCTAssertNil(status.oldestWaitingAt)
        XCTAssertEqual(status.lastReply, "200 acked \(head.seq)")

        try store.recordSyncAlarm(.divergence, detail: "divergence: the server holds seq 4 with another hash")
        status = try store.syncStatus()
        XCTAssertEqual(status.state, .alarm)
        XCTAssertEqual(status.alarmKind, "divergence")
        try store.recordSyncError("still refused", offline: true)
        XCTAssertEqual(try store.syncStatus().state, .alarm, "an alarm outranks offline")

        try store.clearSyncAlarm(by: admin)
        XCTAssertNil(try store.syncStatus().alarm)
        XCTAssertEqual(try store.securityLog(limit: 1).first?.event, "sync.alarm.cleared")
        XCTAssertTrue(try store.verify().isClean, "sync bookkeeping leaves the store verifiable")
    }

    func testHeartbeatShowsTheAgentAlive() throws {
        XCTAssertFalse(try store.syncStatus().agentAlive(now: clock.now()))
        try store.recordAgentHeartbeat()
        XCTAssertTrue(try store.syncStatus().agentAlive(now: clock.now()))
        XCTAssertFalse(try store.syncStatus().agentAlive(now: clock.now().addingTimeInterval(120)))
    }

    func testSetupWritesTheTokenOwnerOnlyBesideTheStoreAndNowhereElse() throws {
        try store.setSyncServer(url: "https://central.example.org/", insecure: false, token: Self.token, by: admin)
        let tokenPath = SyncFiles.tokenPath(forStore: store.path)
        let mode = try FileManager.default.attributesOfItem(atPath: tokenPath)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertEqual(try store.syncConfiguration(),
                       SyncConfiguration(serverURL: "https://central.example.org", insecure: false, token: Self.token))
        let status = try store.syncStatus()
        XCTAssertTrue(status.isConfigured)
        XCTAssertEqual(status.serverURL, "https://central.example.org")
        // Not in the ledger, the audit, the security log, nor anywhere in the database's bytes.
        XCTAssertFalse(try ledger().contains { try CanonicalJSON.string($0.wireObject).contains(Self.token) })
        let event = try store.securityLog(limit: 1).first
        XCTAssertEqual(event?.event, "sync.server.set")
        XCTAssertEqual(event?.detail, "url=https://central.example.org")
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: store.path + suffix) ?? Data()
            XCTAssertNil(bytes.range(of: Data(Self.token.utf8)), "the token is in \(store.path + suffix)")
        }
        // A backup carries the database only: the token stays beside the live store.
        let copy = temporary.directory + "/backup.sqlite"
        _ = try store.backup(to: copy)
        XCTAssertNil((FileManager.default.contents(atPath: copy) ?? Data()).range(of: Data(Self.token.utf8)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: SyncFiles.tokenPath(forStore: copy)))
        XCTAssertTrue(try store.verify().isClean)
    }

    func testSetupNeedsAnAdministrator() throws {
        try addUser("desk1")
        let receptionist = try store.signIn(username: "desk1", password: "pass-desk1-1")
        XCTAssertThrowsError(try store.setSyncServer(url: "https://central.example.org", insecure: false, token: Self.token,
                                                     by: receptionist))
        XCTAssertFalse(FileManager.default.fileExists(atPath: SyncFiles.tokenPath(forStore: store.path)))
        XCTAssertNil(try store.syncStatus().serverURL)
    }

    func testSetupRefusesPlainHTTPToAnotherMachineUnlessInsecure() throws {
        XCTAssertThrowsError(try store.setSyncServer(url: "http://10.0.0.5:8123", insecure: false, token: Self.token, by: admin))
        XCTAssertNil(try store.syncStatus().serverURL)
        try store.setSyncServer(url: "http://10.0.0.5:8123", insecure: true, token: Self.token, by: admin)
        XCTAssertEqual(try store.syncStatus().insecure, true)
        for loopback in ["http://127.0.0.1:8123", "http://localhost:8123", "http://[::1]:8123"] {
            XCTAssertNoThrow(try store.setSyncServer(url: loopback, insecure: false, token: Self.token, by: admin), loopback)
        }
        for bad in ["ftp://central", "https://", "central.example.org", "https://u:p@central", "https://c/x", "https://c?q=1"] {
            XCTAssertThrowsError(try store.setSyncServer(url: bad, insecure: true, token: Self.token, by: admin), bad)
        }
        XCTAssertThrowsError(try store.setSyncServer(url: "https://c.example", insecure: false, token: "short", by: admin))
    }

    func testSetupClearsTheAlarm() throws {
        try store.recordSyncAlarm(.refusedToken, detail: "refused_token: 401 unauthorized")
        try store.setSyncServer(url: "https://central.example.org", insecure: false, token: Self.token, by: admin)
        XCTAssertNil(try store.syncStatus().alarm)
    }

    func testOneAgentLockPerStore() throws {
        let first = try XCTUnwrap(try SyncAgentLock.acquire(storePath: store.path))
        XCTAssertNil(try SyncAgentLock.acquire(storePath: store.path), "a second agent refuses to start")
        first.release()
        XCTAssertNotNil(try SyncAgentLock.acquire(storePath: store.path))
    }
}
