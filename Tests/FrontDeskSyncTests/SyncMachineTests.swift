// The client rules of ledger-protocol.md §4, one small test each, on the pure machine (no network, no clock).
import FrontDeskStore
import XCTest
@testable import FrontDeskSync

final class SyncMachineTests: XCTestCase {
    static let hashA = String(repeating: "a", count: 64)
    static let hashB = String(repeating: "b", count: 64)
    let t0: Duration = .seconds(100)

    /// A machine that checked the head (server at `acked`) and is now idle or pushing.
    func started(localHead: Int64, acked: Int64) -> (SyncMachine, SyncMachine.Action) {
        var machine = SyncMachine()
        XCTAssertEqual(machine.start(localHead: localHead, acked: acked), .requestHead)
        let action = machine.headReply(serverSeq: acked, serverHash: Self.hashA, localHashAtServerSeq: Self.hashA)
        return (machine, action)
    }

    func ok(_ seq: Int64, _ hash: String = hashA) -> SyncReply { SyncReply(status: 200, ackedSeq: seq, ackedHash: hash) }

    // MARK: start and the head check

    func testStartAsksForTheHeadFirst() {
        var machine = SyncMachine()
        XCTAssertEqual(machine.start(localHead: 10, acked: 4), .requestHead)
        XCTAssertEqual(machine.state, .checkingHead)
    }

    func testHeadAtTheAcknowledgementWithNothingWaitingIsUpToDate() {
        let (machine, action) = started(localHead: 7, acked: 7)
        XCTAssertEqual(action, .wait)
        XCTAssertTrue(machine.isUpToDate)
    }

    func testHeadAtTheAcknowledgementPushesWhatWaits() {
        let (machine, action) = started(localHead: 9, acked: 4)
        XCTAssertEqual(action, .push(afterSeq: 4))
        XCTAssertFalse(machine.isUpToDate)
    }

    func testLostReplyServerAheadWithTheSameHashFastForwardsTheAcknowledgement() {
        var machine = SyncMachine()
        _ = machine.start(localHead: 20, acked: 5)
        XCTAssertEqual(machine.headReply(serverSeq: 12, serverHash: Self.hashB, localHashAtServerSeq: Self.hashB),
                       .acknowledge(seq: 12, hash: Self.hashB))
        XCTAssertEqual(machine.acknowledged(seq: 12), .push(afterSeq: 12))
        XCTAssertEqual(machine.acked, 12)
    }

    func testLostReplyOfTheLastBatchFastForwardsToUpToDate() {
        var machine = SyncMachine()
        _ = machine.start(localHead: 12, acked: 5)
        XCTAssertEqual(machine.headReply(serverSeq: 12, serverHash: Self.hashA, localHashAtServerSeq: Self.hashA),
                       .acknowledge(seq: 12, hash: Self.hashA))
        XCTAssertEqual(machine.acknowledged(seq: 12), .wait)
        XCTAssertTrue(machine.isUpToDate)
    }

    func testServerHashThatDiffersIsDivergenceAndStopsForGood() {
        var machine = SyncMachine()
        _ = machine.start(localHead: 20, acked: 5)
        let action = machine.headReply(serverSeq: 12, serverHash: Self.hashA, localHashAtServerSeq: Self.hashB)
        guard case .raiseAlarm(.divergence, let detail) = action else { return XCTFail("\(action)") }
        XCTAssertTrue(detail.contains("seq 12"), detail)
        XCTAssertEqual(machine.alarm, .divergence)
        XCTAssertEqual(machine.localHeadChanged(21), .wait, "nothing is pushed after a divergence")
        XCTAssertEqual(machine.tick(now: t0 + .seconds(3600)), .wait)
        XCTAssertEqual(machine.networkError(now: t0, jitter: 0.5), .wait)
    }

    func testServerAheadOfTheLocalHeadIsDivergence() {
        // The store was replaced by an older backup: the server holds entries this store no longer has.
        var machine = SyncMachine()
        _ = machine.start(localHead: 8, acked: 8)
        let action = machine.headReply(serverSeq: 15, serverHash: Self.hashA, localHashAtServerSeq: nil)
        guard case .raiseAlarm(.divergence, _) = action else { return XCTFail("\(action)") }
    }

    func testServerBehindTheAcknowledgementIsPushedAgainFromItsHead() {
        // A central database restored from an older backup: the entries it lost are sent again.
        var machine = SyncMachine()
        _ = machine.start(localHead: 30, acked: 20)
        XCTAssertEqual(machine.headReply(serverSeq: 10, serverHash: Self.hashA, localHashAtServerSeq: Self.hashA),
                       .push(afterSeq: 10))
        XCTAssertEqual(machine.pushReply(ok(18), now: t0, jitter: 0), .push(afterSeq: 18), "no acknowledgement backwards")
        XCTAssertEqual(machine.acked, 20)
        XCTAssertEqual(machine.pushReply(ok(30), now: t0, jitter: 0), .acknowledge(seq: 30, hash: Self.hashA))
    }

    func testStartAgainAfterAnAlarmChecksTheHeadAfresh() {
        var machine = SyncMachine()
        _ = machine.start(localHead: 8, acked: 8)
        _ = machine.headReply(serverSeq: 9, serverHash: Self.hashA, localHashAtServerSeq: nil)
        XCTAssertNotNil(machine.alarm)
        XCTAssertEqual(machine.start(localHead: 9, acked: 8), .requestHead)
        XCTAssertNil(machine.alarm)
    }

    // MARK: 200 and the acknowledgement

    func testAcknowledgementIsWrittenBeforeTheNextPush() {
        var (machine, _) = started(localHead: 9, acked: 4)
        XCTAssertEqual(machine.pushReply(ok(9, Self.hashB), now: t0, jitter: 0), .acknowledge(seq: 9, hash: Self.hashB))
        XCTAssertEqual(machine.acked, 4, "the acknowledgement moves only once the store wrote it")
        XCTAssertEqual(machine.localHeadChanged(11), .none, "nothing new is pushed while the acknowledgement is written")
        XCTAssertEqual(machine.acknowledged(seq: 9), .push(afterSeq: 9))
        XCTAssertEqual(machine.acked, 9)
    }

    func testLastBatchAcknowledgedIsUpToDate() {
        var (machine, _) = started(localHead: 9, acked: 4)
        _ = machine.pushReply(ok(9), now: t0, jitter: 0)
        XCTAssertEqual(machine.acknowledged(seq: 9), .wait)
        XCTAssertTrue(machine.isUpToDate)
        XCTAssertEqual(machine.localHeadChanged(10), .push(afterSeq: 9), "a new commit is pushed at once")
    }

    func testAnUnreadable200IsALostReplyCheckedByTheHead() {
        var (machine, _) = started(localHead: 9, acked: 4)
        let action = machine.pushReply(SyncReply(status: 200), now: t0, jitter: 0.5)
        guard case .retry(let at) = action else { return XCTFail("\(action)") }
        XCTAssertEqual(machine.tick(now: at), .requestHead)
    }

    func testAcknowledgementRefusedForItsHashIsDivergence() {
        var (machine, _) = started(localHead: 9, acked: 4)
        _ = machine.pushReply(ok(9), now: t0, jitter: 0)
        let action = machine.acknowledgeFailed(mismatch: true, detail: "other hash", now: t0, jitter: 0)
        XCTAssertEqual(action, .raiseAlarm(.divergence, detail: "other hash"))
    }

    func testAcknowledgementNotWrittenRetriesThroughTheHead() {
        var (machine, _) = started(localHead: 9, acked: 4)
        _ = machine.pushReply(ok(9), now: t0, jitter: 0)
        let action = machine.acknowledgeFailed(mismatch: false, detail: "busy", now: t0, jitter: 1)
        XCTAssertEqual(action, .retry(at: t0 + .milliseconds(250)))
        XCTAssertEqual(machine.tick(now: t0 + .milliseconds(250)), .requestHead)
        XCTAssertEqual(machine.headReply(serverSeq: 9, serverHash: Self.hashA, localHashAtServerSeq: Self.hashA),
                       .acknowledge(seq: 9, hash: Self.hashA))
    }

    func testEmptyBatchMeansNothingWaits() {
        var (machine, action) = started(localHead: 9, acked: 4)
        XCTAssertEqual(action, .push(afterSeq: 4))
        XCTAssertEqual(machine.nothingToPush(), .wait)
    }

    // MARK: one push in flight

    func testOnePushInFlight() {
        var (machine, action) = started(localHead: 5, acked: 0)
        XCTAssertEqual(action, .push(afterSeq: 0))
        for head in Int64(6)...20 { XCTAssertEqual(machine.localHeadChanged(head), .none) }
        XCTAssertEqual(machine.pushReply(ok(5), now: t0, jitter: 0), .acknowledge(seq: 5, hash: Self.hashA))
        XCTAssertEqual(machine.acknowledged(seq: 5), .push(afterSeq: 5), "the commits made meanwhile go next, in one push")
    }

    func testNewCommitsDuringABackoffWaitForIt() {
        var (machine, _) = started(localHead: 5, acked: 0)
        let retry = machine.networkError(now: t0, jitter: 1)
        XCTAssertEqual(retry, .retry(at: t0 + .milliseconds(250)))
        XCTAssertEqual(machine.localHeadChanged(6), retry, "a commit does not cut a backoff short")
    }
}
