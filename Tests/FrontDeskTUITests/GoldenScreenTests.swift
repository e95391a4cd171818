// Golden screens at 80×24: sign-in, home for each role, help, lock, the too-small notice.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class GoldenScreenTests: ShellTestCase {
    func testSignInScreen() throws {
        try assertGolden("login")
    }

    func testWrongPasswordSaysSoWithoutSayingWhichPart() throws {
        signIn("admin", "not-the-password")
        XCTAssertTrue(screen().contains("Wrong username or password."))
        try assertGolden("login-wrong-password")
        XCTAssertNil(shell.context.session)
    }

    func testHomeForEachRole() throws {
        for role in Self.roles where role != .admin {
            try addUser("\(role.rawValue)1", role, password: "pass-\(role.rawValue)")
        }
        for role in Self.roles {
            let (user, password) = role == .admin ? ("admin", "admin-pass-1") : ("\(role.rawValue)1", "pass-\(role.rawValue)")
            signIn(user, password)
            XCTAssertNotNil(shell.context.session, "\(role) could not sign in")
            try assertGolden("home-\(role.rawValue)")
            shell.press(.function(10))
            shell.press(.character("y"))
            XCTAssertNil(shell.context.session)
        }
    }

    func testHelpOverlayIsGeneratedFromTheKeymaps() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(1))
        try assertGolden("help-home")
        // Every global key the administrator may use is in the help, on one page or the next.
        var pages = screen()
        for _ in 0..<5 { shell.press(.pageDown); pages += screen() }
        for binding in Keymaps.global.bindings where binding.command.isAllowed(for: .admin) {
            XCTAssertTrue(pages.contains(binding.command.title), binding.command.title)
        }
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Welcome, Grace Wanjiru"))
    }

    func testTooSmallTerminalShowsANotice() throws {
        try assertGolden("too-small", width: 60, height: 20)
        XCTAssertTrue(screen(width: 79, height: 24).contains("Enlarge the terminal"))
        XCTAssertFalse(screen(width: 80, height: 24).contains("Enlarge the terminal"))
    }

    func testLockScreenHidesEverythingButTheUser() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.ctrl("l"))
        try assertGolden("locked")
        XCTAssertFalse(screen().contains("Facility today"))
    }

    func testWiderTerminalsUseTheRoom() throws {
        signIn("admin", "admin-pass-1")
        let wide = screen(width: 120, height: 40)
        XCTAssertEqual(wide.split(separator: "\n").count, 40)
        XCTAssertTrue(wide.contains("Facility today"))
    }
}
