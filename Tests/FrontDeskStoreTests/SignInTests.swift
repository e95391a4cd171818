// Sign-in: wrong passwords, the five-strikes lockout (also across threads at once), and the security log.
import Foundation
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
        // Locked: even the right password is refused, unchecked, with the answer a wrong one gets
        // (saying "locked" only to the right password would let a lock be used to guess).
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1")) { error in
            XCTAssertEqual(error as? StoreError, .wrongCredentials)
        }
        XCTAssertEqual(try store.users().first { $0.username == nurse.username }?.lockedUntil,
                       Timestamp.string(clock.now().addingTimeInterval(15 * 60)))
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

/// The lockout across terminals, and refusals that tell nothing apart.
final class LockoutRaceTests: StoreTestCase {
    /// Signs in from `count` threads at once (each its own attempt, as terminals are); returns the errors.
    private func signInAtOnce(_ passwords: [String], username: String) -> [Result<Actor, StoreError>] {
        let results = LockedResults(count: passwords.count)
        let store = self.store
        DispatchQueue.concurrentPerform(iterations: passwords.count) { index in
            do {
                results.set(index, .success(try store.signIn(username: username, password: passwords[index])))
            } catch {
                results.set(index, .failure(error as? StoreError ?? .busy))
            }
        }
        return results.all
    }

    private func events(of username: String) throws -> [String] {
        try store.securityLog(limit: 1000).filter { $0.username == username }.map(\.event)
    }

    func testTwentyWrongPasswordsAtOnceCheckAtMostFiveAndLockOnce() throws {
        let nurse = try signedIn(.nurse)
        let results = signInAtOnce(Array(repeating: "not-it-123", count: 20), username: nurse.username)
        XCTAssertTrue(results.allSatisfy { if case .failure(.wrongCredentials) = $0 { true } else { false } }, "\(results)")
        let events = try events(of: nurse.username)
        XCTAssertEqual(events.filter { $0 == "login.failed" }.count, 5, "\(events)")
        XCTAssertEqual(events.filter { $0 == "account.locked" }.count, 1, "\(events)")
        XCTAssertEqual(events.filter { $0 == "login.refused.locked" }.count, 15, "\(events)")
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1")) {
            XCTAssertEqual($0 as? StoreError, .wrongCredentials)
        }
        clock.advance(15 * 60 + 1)
        XCTAssertNoThrow(try store.signIn(username: nurse.username, password: "pass-nurse1"))
    }

    func testTheRightPasswordAmongWrongOnesChecksAtMostFiveBeforeAndFiveAfterIt() throws {
        let nurse = try signedIn(.nurse)
        var passwords = Array(repeating: "not-it-123", count: 19)
        passwords.insert("pass-nurse1", at: 7)
        let results = signInAtOnce(passwords, username: nurse.username)
        let events = Array(try events(of: nurse.username).reversed().dropFirst())  // oldest first, without signedIn's
        let checked = events.filter { $0 == "login.failed" || $0 == "login.succeeded" }
        XCTAssertEqual(events.filter { $0 == "account.locked" }.count, 1, "\(events)")
        if case .success = results[7] {
            // Checked among the first five: a success takes the count back to zero, and five more may be checked.
            let split = checked.firstIndex(of: "login.succeeded")!
            XCTAssertLessThanOrEqual(split, 4, "\(events)")
            XCTAssertLessThanOrEqual(checked.count - split - 1, 5, "\(events)")
        } else {
            XCTAssertEqual(checked, Array(repeating: "login.failed", count: 5), "\(events)")
        }
    }

    func testAKilledAttemptLeavesACountNotAForeverLock() throws {
        let nurse = try signedIn(.nurse)
        // Five attempts counted, none settled (their processes were killed between the transactions).
        for _ in 1...5 {
            _ = try store.pool.writeWithoutTransaction { db in
                try SignInAttempt.begin(username: nurse.username, now: clock.now(), threshold: 5, lockout: 15 * 60, in: db)
            }
        }
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1"))
        clock.advance(15 * 60 + 1)
        XCTAssertNoThrow(try store.signIn(username: nurse.username, password: "pass-nurse1"))
    }

    func testACountWithoutALockFromAnOlderStoreLocksForAWhileNotForever() throws {
        let nurse = try signedIn(.nurse)
        try store.pool.write { try $0.execute(sql: "UPDATE users SET failed_attempts = 5 WHERE username = 'nurse1'") }
        XCTAssertThrowsError(try store.signIn(username: nurse.username, password: "pass-nurse1"))
        clock.advance(15 * 60 + 1)
        XCTAssertNoThrow(try store.signIn(username: nurse.username, password: "pass-nurse1"))
    }

    func testUnknownWrongLockedAndDisabledGetTheSameAnswerUntilTheRightPassword() throws {
        let nurse = try signedIn(.nurse)
        let clerk = try signedIn(.receptionist)
        try store.disableUser(clerk.username, reason: "left the hospital", by: admin)
        for _ in 1...5 { _ = try? store.signIn(username: nurse.username, password: "not-it-123") }
        var answers: [String] = []
        for (username, password) in [("nobody", "not-it-123"), ("admin", "not-it-123"), (nurse.username, "not-it-123"),
                                     (nurse.username, "pass-nurse1"), (clerk.username, "not-it-123")] {
            XCTAssertThrowsError(try store.signIn(username: username, password: password)) { answers.append("\($0)") }
        }
        XCTAssertEqual(Set(answers), [StoreError.wrongCredentials.description], "\(answers)")
        // A disabled account is told so only to its right password.
        XCTAssertThrowsError(try store.signIn(username: clerk.username, password: "pass-\(clerk.username)")) {
            XCTAssertEqual($0 as? StoreError, .accountDisabled)
        }
    }

    func testTheWriterCommitsWithSynchronousFullAgainAfterASignIn() throws {
        // The first of the two transactions commits with synchronous=NORMAL; every other write must not.
        _ = try? store.signIn(username: "admin", password: "not-it-123")
        _ = try store.signIn(username: "admin", password: Self.adminPassword)
        XCTAssertEqual(try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }, 2)
    }

    func testEveryRefusalIsCheckedAgainstAHashOfTheSameCost() throws {
        // bcrypt's cost is in the hash: "$2b$11$". The decoy must cost what a real check costs.
        let real = String(PasswordHasher.hash("whatever-1").dropFirst(PasswordHasher.scheme.count))
        let decoy = String(PasswordHasher.decoy.dropFirst(PasswordHasher.scheme.count))
        XCTAssertTrue(PasswordHasher.decoy.hasPrefix(PasswordHasher.scheme))
        XCTAssertEqual(real.split(separator: "$").prefix(2), decoy.split(separator: "$").prefix(2))
        XCTAssertEqual(real.count, decoy.count)
        XCTAssertFalse(PasswordHasher.verify("decoy", against: PasswordHasher.decoy))
    }

    func testASupervisorsAuthorisationSharesTheLockout() throws {
        let supervisor = try signedIn(.supervisor)
        for _ in 1...5 {
            XCTAssertThrowsError(try store.cashier.authorize(username: supervisor.username, password: "not-it-123", action: "a refund"))
        }
        XCTAssertThrowsError(try store.cashier.authorize(username: supervisor.username, password: "pass-supervisor1", action: "a refund")) {
            XCTAssertEqual($0 as? StoreError, .wrongCredentials)
        }
        XCTAssertThrowsError(try store.signIn(username: supervisor.username, password: "pass-supervisor1"))
        let events = try events(of: supervisor.username)
        XCTAssertEqual(events.filter { $0 == "login.failed" }.count, 5)
        XCTAssertEqual(events.filter { $0 == "account.locked" }.count, 1)
    }
}

/// Results written from many threads.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Actor, StoreError>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<Actor, StoreError>) { lock.withLock { results[index] = result } }
    var all: [Result<Actor, StoreError>] { lock.withLock { results.map { $0! } } }
}
