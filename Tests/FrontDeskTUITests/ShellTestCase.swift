// Screen tests: a real store, a still clock, the shell driven by key presses, screens read at 80×24.
import Foundation
import FrontDeskCore
import FrontDeskStore
import FrontDeskTestSupport
import TerminalKit
import XCTest

@testable import FrontDeskApp
@testable import FrontDeskShell
@testable import RegistrationDesk
@testable import QueueDesk
@testable import CashierDesk

typealias StillClock = MovableClock

class ShellTestCase: XCTestCase {
    var temporary: TemporaryStore!
    var clock: StillClock!
    var store: FacilityStore { temporary.store }
    var shell: Shell!

    static let roles: [Role] = [.admin, .receptionist, .nurse, .pharmacist, .cashier, .supervisor, .doctor]

    override func setUpWithError() throws {
        clock = StillClock()
        temporary = try TemporaryStore(facility: "Riverside District Hospital", adminDisplayName: "Grace Wanjiru",
                                       adminPassword: "admin-pass-1", clock: clock)
        shell = Shell(context: try ShellContext(store: store, clock: clock, terminalName: "test"), idleLockSeconds: 60)
    }

    override func tearDownWithError() throws {
        temporary.remove()
    }

    /// Adds a user of `role` through the admin.
    func addUser(_ username: String, _ role: Role, password: String) throws {
        try temporary.addUser(username, role: role, password: password, adminPassword: "admin-pass-1")
    }

    func type(_ text: String) {
        for ch in text { shell.press(.character(ch)) }
    }

    func signIn(_ username: String, _ password: String) {
        type(username)
        shell.press(.tab)
        type(password)
        shell.press(.enter)
    }

    func screen(width: Int = 80, height: Int = 24) -> String {
        shell.render(width: width, height: height).text
    }

    /// Compares the screen with Tests/FrontDeskTUITests/Goldens/NAME.txt. With
    /// FRONTDESK_RECORD_GOLDENS=1 the file is (re)written instead.
    func assertGolden(_ name: String, width: Int = 80, height: Int = 24, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = Self.maskingLedgerHashes(screen(width: width, height: height)) + "\n"
        let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Goldens/\(name).txt")
        if ProcessInfo.processInfo.environment["FRONTDESK_RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            XCTFail("screen differs from \(name).txt\n--- expected\n\(expected)--- got\n\(text)", file: file, line: line)
        }
    }

    /// A ledger hash differs on every run (entry ids are random): goldens show `Ledger head 57:############`
    /// (and the sync desk's `seq 57  ############`).
    static func maskingLedgerHashes(_ text: String) -> String {
        text.replacingOccurrences(of: #"(Ledger head [0-9]+:)[0-9a-f]{12}"#, with: "$1############", options: .regularExpression)
            .replacingOccurrences(of: #"(seq [0-9]+ +)[0-9a-f]{12}"#, with: "$1############", options: .regularExpression)
    }
}
