// Password fields refuse what the terminal could not read as UTF-8, and the lock screen gives up after a lockout's worth.
import FrontDeskStore
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class PasswordFieldTests: ShellTestCase {
    func testASignInWithBytesThatWereNotUTF8IsRefusedUnchecked() throws {
        let logged = try store.securityLog(limit: 1000).count
        // "admin-pass-1" with a byte the key decoder could not read in the middle.
        signIn("admin", "admin-\u{FFFD}pass-1")
        XCTAssertTrue(screen().contains("The password has bytes this terminal could not read as UTF-8"), screen())
        XCTAssertNil(shell.context.session)
        XCTAssertEqual(try store.securityLog(limit: 1000).count, logged, "no password was checked")
        type("admin-pass-1")
        shell.press(.enter)
        XCTAssertEqual(shell.context.session?.actor.username, "admin")
    }

    func testTheRefusalOfASignInIsShownWhole() throws {
        signIn("admin", "wrong-pass")
        let text = screen()
        XCTAssertTrue(text.contains("Wrong username or password. After 5 wrong in a row the account"), text)
        XCTAssertTrue(text.contains("is locked for 15 minutes."), text)
    }

    func testTheLockScreenRefusesUnreadableBytesAndSignsOutAfterALockoutsWorth() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.ctrl("l"))
        XCTAssertTrue(screen().contains("This terminal is locked"))
        type("admin-pass-1\u{FFFD}")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("could not read as UTF-8"), screen())
        for attempt in 1...5 {
            type("wrong-pass")
            shell.press(.enter)
            if attempt < 5 { XCTAssertTrue(screen().contains("This terminal is locked"), screen()) }
        }
        XCTAssertNil(shell.context.session, "five misses lock the account: the session ends")
        XCTAssertTrue(screen().contains("Sign in to FrontDesk"), screen())
    }
}
