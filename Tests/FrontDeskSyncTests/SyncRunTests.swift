// The long-running agent loop against an in-memory server: a commit is pushed within a second, an alarm waits for a clear.
import Foundation
import FrontDeskStore
import Logging
import XCTest
@testable import FrontDeskSync

final class SyncRunTests: SyncStoreTestCase {
    /// Runs the agent on a thread of its own until `stop()`.
    final class Agent: @unchecked Sendable {  // the flag is read under the lock
        private let lock = NSLock()
        private var stopping = false
        private let done = DispatchSemaphore(value: 0)
        let driver: SyncDriver

        init(driver: SyncDriver) {
            self.driver = driver
            Thread.detachNewThread { [self] in
                try? self.driver.run { self.lock.withLock { self.stopping } }
                self.done.signal()
            }
        }

        func stop() {
            lock.withLock { stopping = true }
            XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "the agent stops between steps")
        }
    }

    func waitUntil(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    func testACommitIsAcknowledgedWithinASecondAndAnAlarmWaitsForAClear() throws {
        try store.setSyncServer(url: "http://127.0.0.1:9", insecure: false, token: Self.token, by: admin)
        let central = FakeCentral()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let driver = SyncDriver(store: store, transport: central, logger: logger, random: { 0 })
        driver.heartbeatInterval = .milliseconds(200)
        let agent = Agent(driver: driver)
        defer { agent.stop() }
        XCTAssertTrue(try waitUntil(5) { try store.syncStatus().state == .upToDate }, "the waiting entries go first")

        try addUser("fresh_user")
        let head = try store.ledgerHead().seq
        let started = Date()
        XCTAssertTrue(try waitUntil(5) { try store.syncStatus().ackedSeq == head })
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, "pushed and acknowledged within a second")
        XCTAssertTrue(try waitUntil(2) { try store.syncStatus().agentAlive(now: clock.now(), within: 30) })

        // `sync once` while the agent runs: asks it to push now and waits for it to catch up.
        try addUser("waiting_user")
        XCTAssertEqual(try SyncDriver.awaitRunningAgent(store: store, timeout: .seconds(5)),
                       .upToDate(ackedSeq: try store.ledgerHead().seq))
        XCTAssertTrue(waitUntil(2) { !FileManager.default.fileExists(atPath: SyncFiles.nudgePath(forStore: store.path)) },
                      "the agent takes the request")

        // A refusal stops the agent; it pushes nothing until an administrator clears the alarm.
        central.refuseNextPushes = [SyncReply(status: 403, error: "forbidden", seq: head + 1)]
        try addUser("second_user")
        XCTAssertTrue(try waitUntil(5) { try store.syncStatus().state == .alarm })
        let pushes = central.pushes
        try addUser("third_user")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(central.pushes, pushes, "no push while the alarm stands")
        try store.clearSyncAlarm(by: admin)
        let last = try store.ledgerHead().seq
        XCTAssertTrue(try waitUntil(5) { try store.syncStatus().ackedSeq == last }, "cleared: the agent goes on")
        XCTAssertEqual(central.head, last)
    }
}
