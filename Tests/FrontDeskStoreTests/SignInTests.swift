// Sign-in: wrong passwords, the five-strikes lockout, and the security log.
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class SignInTests: StoreTestCase {
    func testWrongPasswordAndUnknownUserGetTheSameAnswer() throws {
        XCTAssertThrowsError(try store.signIn(username: "admin", password: "wrong-pass")) {
            XCTAssertEqual($0 as? StoreError, .wrongCredentials)
        }
        XCTAssertThrowsError(try store.signIn(username: "nobody", password: "wrong-pass")) {
            XCTAssertEqual($0 as? StoreError, .wrongCredentials)
        }
        let log = try store.securityLog(limit: 2)
        XCTAssertEqual(log.map(\.event), ["login.failed", "login.failed"])
        XCTAssertEqual(log.map(\.username), ["nobody", "admin"])
    }

    func testFiveFailuresLockTheAccountForFifteenMinutesAndEveryAttemptIsLogged() throws {
        let nurse = try signedIn(.nurse)
        for _ in 1...4 {
            XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "not-it-123")) {
                XCTAssertEqual($0 as? StoreError, .wrongCredentials)
            }
        }
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "not-it-123"))
        // Locked: even the right password is refused, and says until when.
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1")) { error in
            guard case .accountLocked(let until) = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(until, Timestamp.string(self.clock.now().addingTimeInterval(15 * 60)))
        }
        clock.advance(14 * 60)
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1"))
        clock.advance(61)
        XCTAssertEqual(try store.signIn(username: nurse.username, password: "pass-nurse1").userID, nurse.userID)

        let events = try store.securityLog(limit: 20).filter { $0.username == nurse.username }.map(\.event).reversed()
        XCTAssertEqual(Array(events), [
            "login.succeeded",
            "login.failed", "login.failed", "login.failed", "login.failed", "login.failed", "account.locked",
            "login.refused.locked", "login.refused.locked", "login.succeeded",
        ])
        XCTAssertEqual(try store.users().first { $0.username == nurse.username }?.lockedUntil, nil)
    }

    func testASuccessResetsTheFailureCount() throws {
        let nurse = try signedIn(.nurse)
        for _ in 1...4 { _ = try? store.signIn(username: nurse.username, password: "nope-nope") }
        _ = try store.signIn(username: nurse.username, password: "pass-nurse1")
        for _ in 1...4 { _ = try? store.signIn(username: nurse.username, password: "nope-nope") }
        XCTAssertNoThrow(try store.signIn(username: nurse.username, password: "pass-nurse1"))
    }

    func testAnAdministratorsResetLiftsTheLockout() throws {
        let nurse = try signedIn(.nurse)
        for _ in 1...5 { _ = try? store.signIn(username: nurse.username, password: "nope-nope") }
        try store.resetPassword(of: nurse.username, to: "fresh-start-1", by: admin)
        XCTAssertNoThrow(try store.signIn(username: nurse.username, password: "fresh-start-1"))
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1"))
        XCTAssertTrue(try store.securityLog(limit: 10).contains { $0.event == "password.reset" && $0.username == nurse.username })
    }
}
