// The shell's rules: destructive commands confirm, Esc goes back, the idle lock, switching user.
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

final class ShellBehaviourTests: ShellTestCase {
    func testDestructiveCommandsAlwaysConfirm() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.ctrl("q"))
        XCTAssertTrue(screen().contains("Quit FrontDesk on this terminal?"))
        shell.press(.character("n"))
        XCTAssertFalse(shell.finished)
        shell.press(.ctrl("q"))
        shell.press(.character("y"))
        XCTAssertTrue(shell.finished)
        XCTAssertEqual(try store.securityLog(limit: 1).first?.event, "logout")
    }

    func testEscapeGoesBackFromADesk() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(7))
        XCTAssertTrue(screen().contains("The Reports desk is not built yet."))
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Welcome"))
        shell.press(.escape)
        XCTAssertTrue(screen().contains("Welcome"), "Esc on home stays home")
    }

    func testADeskTheRoleMayNotOpenIsNotOffered() throws {
        try addUser("cash1", .cashier, password: "cash-pass-1")
        signIn("cash1", "cash-pass-1")
        shell.press(.function(2))
        XCTAssertFalse(screen().contains("not built yet.\n"))
        XCTAssertTrue(screen().contains("Welcome"))
        XCTAssertFalse(screen().contains("Registration"))
    }

    func testIdleLockHidesTheScreenAndTheSameUserUnlocks() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(7))
        clock.advance(59)
        XCTAssertFalse(shell.tick())
        clock.advance(2)
        XCTAssertTrue(shell.tick())
        XCTAssertTrue(screen().contains("This terminal is locked"))
        XCTAssertFalse(screen().contains("Reports desk"))
        // Global keys do nothing while locked.
        shell.press(.escape)
        shell.press(.function(1))
        XCTAssertTrue(screen().contains("This terminal is locked"))
        type("wrong-pass")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("Wrong username or password."))
        type("admin-pass-1")
        shell.press(.enter)
        XCTAssertTrue(screen().contains("The Reports desk is not built yet."), "back where the user was")
        let events = try store.securityLog(limit: 4).map(\.event)
        XCTAssertEqual(events, ["session.unlocked", "login.failed", "session.locked", "login.succeeded"])
    }

    func testAnotherUserAtTheLockEndsTheFirstSession() throws {
        try addUser("nurse1", .nurse, password: "nurse-pass-1")
        signIn("admin", "admin-pass-1")
        shell.press(.ctrl("l"))
        shell.press(.tab)
        XCTAssertTrue(screen().contains("Sign in to FrontDesk"))
        signIn("nurse1", "nurse-pass-1")
        XCTAssertEqual(shell.context.session?.actor.username, "nurse1")
        let events = try store.securityLog(limit: 4).map { "\($0.event) \($0.username)" }
        XCTAssertEqual(events, ["login.succeeded nurse1", "logout admin", "session.locked admin", "login.succeeded admin"])
    }

    func testHomeReloadsWhenAnotherTerminalCommits() throws {
        signIn("admin", "admin-pass-1")
        let watcher = try store.changeWatcher()
        XCTAssertFalse(watcher.hasChanged())
        XCTAssertTrue(screen().contains("Active staff    1"))
        // Another process's change, through its own connection.
        let other = try FacilityStore.open(at: store.path)
        let admin = try other.signIn(username: "admin", password: "admin-pass-1")
        try other.addUser(NewUser(username: "rec1", displayName: "Rec", role: .receptionist, password: "rec-pass-1"), by: admin)
        try other.close()
        XCTAssertTrue(watcher.hasChanged())
        XCTAssertFalse(watcher.hasChanged(), "one notice per change")
        shell.dataChanged()
        XCTAssertTrue(screen().contains("Active staff    2"))
    }

    func testKeysWaitWhileTheTerminalIsTooSmall() throws {
        try addUser("rec1", .receptionist, password: "rec-pass-1")
        signIn("rec1", "rec-pass-1")
        XCTAssertTrue(screen(width: 79, height: 23).contains("Keys wait; Ctrl-Q quits"))
        shell.press(.function(2))
        type("abc")
        shell.press(.escape)
        shell.press(.ctrl("l"))
        XCTAssertTrue(screen().contains("Welcome"), "nothing happened while the notice was shown:\n\(screen())")
        XCTAssertFalse(screen().contains("abc"))
        _ = screen(width: 79, height: 23)
        shell.press(.ctrl("q"))
        XCTAssertTrue(screen(width: 79, height: 23).contains("Quit? y: yes, n: no"))
        shell.press(.character("n"))
        XCTAssertFalse(shell.finished)
        shell.press(.ctrl("q"))
        shell.press(.character("y"))
        XCTAssertTrue(shell.finished)
    }

    func testKeybindingsDocIsCurrent() throws {
        let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
            .appendingPathComponent("../../docs/keybindings.md").standardized
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(onDisk, KeybindingsDoc.markdown(), "docs/keybindings.md is stale: run `frontdesk keybindings > docs/keybindings.md`")
    }
}

final class SettingsScreenTests: ShellTestCase {
    func testAnAdministratorSetsTheIdleLockFromTheTerminal() throws {
        signIn("admin", "admin-pass-1")
        shell.press(.function(9))
        XCTAssertTrue(screen().contains("Idle lock (minutes)"))
        shell.press(.backspace)
        type("0")
        shell.press(.ctrl("s"))
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("must be 1 to 120 minutes"), screen())
        shell.press(.backspace)
        shell.press(.backspace)
        type("12x")
        shell.press(.ctrl("s"))
        shell.press(.character("y"))
        XCTAssertTrue(screen().contains("Saved: terminals lock after 12 minutes"), screen())
        XCTAssertEqual(try store.idleLockMinutes(), 12)
        shell.press(.escape)
        XCTAssertTrue(screen().contains("12 min"))
    }

    func testOnlyAdministratorsSeeSettings() throws {
        try addUser("nurse1", .nurse, password: "nurse-pass-1")
        signIn("nurse1", "nurse-pass-1")
        shell.press(.function(9))
        XCTAssertFalse(screen().contains("Idle lock (minutes)"))
        XCTAssertFalse(screen().contains("F9 Settings"))
    }
}
