// §4's retry rules on the pure machine: backoff with full jitter, Retry-After, 409s, and the refusals that alarm.
import FrontDeskStore
import XCTest
@testable import FrontDeskSync

final class SyncMachineRetryTests: XCTestCase {
    static let hash = String(repeating: "c", count: 64)
    let t0: Duration = .seconds(1000)

    func pushing(localHead: Int64 = 9, acked: Int64 = 4) -> SyncMachine {
        var machine = SyncMachine()
        _ = machine.start(localHead: localHead, acked: acked)
        XCTAssertEqual(machine.headReply(serverSeq: acked, serverHash: Self.hash, localHashAtServerSeq: Self.hash),
                       .push(afterSeq: acked))
        return machine
    }

    func testBackoffCeilingDoublesFrom250msUpTo60s() {
        let expected: [Duration] = [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4),
                                    .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60), .seconds(60)]
        for (attempt, ceiling) in expected.enumerated() {
            XCTAssertEqual(SyncMachine.backoffDelay(attempt: attempt, jitter: 1, retryAfter: nil), ceiling, "attempt \(attempt)")
        }
        XCTAssertEqual(SyncMachine.backoffDelay(attempt: 1000, jitter: 1, retryAfter: nil), .seconds(60))
    }

    func testFullJitterSpansZeroToTheCeiling() {
        XCTAssertEqual(SyncMachine.backoffDelay(attempt: 3, jitter: 0, retryAfter: nil), .zero)
        XCTAssertEqual(SyncMachine.backoffDelay(attempt: 3, jitter: 0.5, retryAfter: nil), .seconds(1))
        XCTAssertEqual(SyncMachine.backoffDelay(attempt: 3, jitter: 0.25, retryAfter: nil), .milliseconds(500))
    }

    func testNetworkErrorsBackOffAndRetryTheSamePush() {
        var machine = pushing()
        XCTAssertEqual(machine.networkError(now: t0, jitter: 1), .retry(at: t0 + .milliseconds(250)))
        XCTAssertEqual(machine.tick(now: t0 + .milliseconds(249)), .retry(at: t0 + .milliseconds(250)), "not before its time")
        XCTAssertEqual(machine.tick(now: t0 + .milliseconds(250)), .push(afterSeq: 4))
        XCTAssertEqual(machine.networkError(now: t0 + .seconds(1), jitter: 1), .retry(at: t0 + .seconds(1) + .milliseconds(500)))
        XCTAssertEqual(machine.attempt, 2)
    }

    func testPushNowEndsABackoffAtOnceButNeverAnAlarmOrAPushInFlight() {
        var machine = pushing()
        XCTAssertEqual(machine.networkError(now: t0, jitter: 1), .retry(at: t0 + .milliseconds(250)))
        XCTAssertEqual(machine.pushNowRequested(), .push(afterSeq: 4), "the held-back push goes out now")
        XCTAssertNotEqual(machine.pushNowRequested(), .push(afterSeq: 4), "one push in flight")
        _ = machine.pushReply(SyncReply(status: 401, ackedSeq: nil, ackedHash: nil), now: t0, jitter: 0)
        XCTAssertEqual(machine.alarm, .refusedToken)
        XCTAssertEqual(machine.pushNowRequested(), .wait, "an alarm waits for an administrator")
    }

    func testSuccessResetsTheBackoff() {
        var machine = pushing()
        _ = machine.networkError(now: t0, jitter: 1)
        _ = machine.tick(now: t0 + .seconds(1))
        _ = machine.networkError(now: t0 + .seconds(1), jitter: 1)
        _ = machine.tick(now: t0 + .seconds(2))
        _ = machine.pushReply(SyncReply(status: 200, ackedSeq: 9, ackedHash: Self.hash), now: t0 + .seconds(2), jitter: 0)
        XCTAssertEqual(machine.attempt, 0)
    }

    func testFiveHundredsBackOff() {
        for status in [500, 502, 503, 504] {
            var machine = pushing()
            XCTAssertEqual(machine.pushReply(SyncReply(status: status), now: t0, jitter: 1), .retry(at: t0 + .milliseconds(250)),
                           "\(status)")
        }
    }

    func testTooManyRequestsHonoursRetryAfter() {
        var machine = pushing()
        let reply = SyncReply(status: 429, retryAfter: .seconds(7))
        XCTAssertEqual(machine.pushReply(reply, now: t0, jitter: 0.1), .retry(at: t0 + .seconds(7)))
        XCTAssertEqual(machine.tick(now: t0 + .seconds(6)), .retry(at: t0 + .seconds(7)))
        XCTAssertEqual(machine.tick(now: t0 + .seconds(7)), .push(afterSeq: 4))
    }

    func testUnavailableHonoursRetryAfterButNeverShortensTheBackoff() {
        var machine = pushing()
        for _ in 0..<8 { _ = machine.networkError(now: t0, jitter: 0); _ = machine.tick(now: t0) }
        // attempt 8: ceiling 60 s, jitter 1 → 60 s, longer than the server's 2 s.
        XCTAssertEqual(machine.pushReply(SyncReply(status: 503, retryAfter: .seconds(2)), now: t0, jitter: 1),
                       .retry(at: t0 + .seconds(60)))
    }

    func testRefusalsRaiseTheirAlarmAndAreNeverRetried() {
        let cases: [(Int, SyncAlarmKind)] = [(400, .malformed), (401, .refusedToken), (403, .forbidden), (413, .tooLarge), (422, .badHash)]
        for (status, kind) in cases {
            var machine = pushing()
            let action = machine.pushReply(SyncReply(status: status, error: "x"), now: t0, jitter: 0.5)
            guard case .raiseAlarm(let raised, _) = action else { XCTFail("\(status): \(action)"); continue }
            XCTAssertEqual(raised, kind, "\(status)")
            XCTAssertEqual(machine.tick(now: t0 + .seconds(3600)), .wait, "\(status) is not retried")
            XCTAssertEqual(machine.localHeadChanged(50), .wait, "\(status): nothing more is pushed")
        }
    }

    func testConflictAsksForTheHeadAtOnceThenBacksOffWhenItRepeats() {
        var machine = pushing()
        let gap = SyncReply(status: 409, error: "gap", expectedSeq: 3)
        XCTAssertEqual(machine.pushReply(gap, now: t0, jitter: 1), .requestHead)
        XCTAssertEqual(machine.headReply(serverSeq: 4, serverHash: Self.hash, localHashAtServerSeq: Self.hash), .push(afterSeq: 4))
        let again = machine.pushReply(gap, now: t0, jitter: 1)
        XCTAssertEqual(again, .retry(at: t0 + .milliseconds(250)), "a repeated conflict must not spin")
        XCTAssertEqual(machine.tick(now: t0 + .seconds(1)), .requestHead)
    }

    func testDivergenceReplyLeadsToTheHeadCheckThatRaisesTheAlarm() {
        var machine = pushing(localHead: 9, acked: 4)
        XCTAssertEqual(machine.pushReply(SyncReply(status: 409, error: "divergence", seq: 5), now: t0, jitter: 0), .requestHead)
        let action = machine.headReply(serverSeq: 6, serverHash: Self.hash, localHashAtServerSeq: String(repeating: "d", count: 64))
        guard case .raiseAlarm(.divergence, _) = action else { return XCTFail("\(action)") }
    }

    func testHeadRequestFailuresBackOffOrAlarm() {
        var machine = SyncMachine()
        _ = machine.start(localHead: 3, acked: 0)
        XCTAssertEqual(machine.networkError(now: t0, jitter: 1), .retry(at: t0 + .milliseconds(250)))
        XCTAssertEqual(machine.tick(now: t0 + .seconds(1)), .requestHead, "a failed head check retries the head check")
        XCTAssertEqual(machine.headFailed(SyncReply(status: 502), now: t0 + .seconds(1), jitter: 1),
                       .retry(at: t0 + .seconds(1) + .milliseconds(500)))
        _ = machine.tick(now: t0 + .seconds(2))
        let action = machine.headFailed(SyncReply(status: 401, error: "unauthorized"), now: t0 + .seconds(2), jitter: 0)
        guard case .raiseAlarm(.refusedToken, _) = action else { return XCTFail("\(action)") }
    }

    func testTheClockGoingBackNeverFiresARetryEarly() {
        // Time is the driver's monotonic reading; even a reading that went back changes nothing but the wait.
        var machine = pushing()
        let retry = machine.networkError(now: t0, jitter: 1)
        XCTAssertEqual(machine.tick(now: t0 - .seconds(3600)), retry)
        XCTAssertEqual(machine.tick(now: t0 + .seconds(315_360_000)), .push(afterSeq: 4), "ten years ahead: the same push, the same seq")
    }

    func testReplyParsingReadsTheProtocolsFields() {
        let reply = SyncReply.parse(status: 409, body: #"{"error":"gap","expected_seq":13}"#, retryAfter: " 5 ")
        XCTAssertEqual(reply.error, "gap")
        XCTAssertEqual(reply.expectedSeq, 13)
        XCTAssertEqual(reply.retryAfter, .seconds(5))
        let ok = SyncReply.parse(status: 200, body: #"{"acked_hash":"\#(Self.hash)","acked_seq":9,"store_id":"s"}"#)
        XCTAssertEqual(ok.ackedSeq, 9)
        XCTAssertEqual(ok.ackedHash, Self.hash)
        XCTAssertNil(SyncReply.parse(status: 200, body: #"{"acked_hash":"XYZ","acked_seq":9}"#).ackedHash)
        XCTAssertNil(SyncReply.parse(status: 200, body: #"{"acked_seq":9,"ack"#).ackedSeq, "a truncated body reads as nothing")
    }
}
