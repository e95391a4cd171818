// The sync state as every terminal shows it (the status line) and as the administrator's F8 desk shows it.
import Foundation
import FrontDeskCore
import FrontDeskStore
import XCTest

@testable import FrontDeskShell

final class SyncDeskScreenTests: ShellTestCase {
    var admin: Actor!

    override func setUpWithError() throws {
        try super.setUpWithError()
        admin = try store.signIn(username: "admin", password: "admin-pass-1")
    }

    func setUpSync() throws {
        try store.setSyncServer(url: "https://central.example.org", insecure: false, token: "fdt_" + String(repeating: "a", count: 64), by: admin)
    }

    var statusLine: String { String(screen().split(separator: "\n", omittingEmptySubsequences: false)[0]) }

    func testTheStatusLineGoesFromWaitingToUpToDateToOfflineToAnAlarm() throws {
        signIn("admin", "admin-pass-1")
        XCTAssertTrue(statusLine.hasSuffix("Sync: not set up "), statusLine)
        try setUpSync()
        clock.advance(180)
        shell.dataChanged()
        let head = try store.ledgerHead()
        XCTAssertTrue(statusLine.contains("Sync: \(head.seq) waiting, oldest 3 min"), statusLine)

        try store.acknowledge(seq: head.seq, hash: head.hash)
        shell.dataChanged()
        XCTAssertTrue(statusLine.hasSuffix("Sync: up to date "), statusLine)

        try store.recordSyncError("connection refused", offline: true)
        shell.dataChanged()
        XCTAssertTrue(statusLine.contains("Sync: offline since "), statusLine)

        try store.recordSyncAlarm(.divergence, detail: "seq 3 differs")
        shell.dataChanged()
        XCTAssertTrue(statusLine.contains("SYNC ALARM: ledgers diverge"), statusLine)
        let buffer = shell.render(width: 80, height: 24)
        let column = statusLine.distance(from: statusLine.startIndex, to: statusLine.range(of: "SYNC ALARM")!.lowerBound)
        XCTAssertEqual(buffer[0, column].style, .error, "the alarm is drawn in the alarm colour")
    }

    func testEveryRoleSeesTheSyncStateButOnlyAnAdministratorOpensTheDesk() throws {
        try setUpSync()
        try store.recordSyncAlarm(.refusedToken, detail: "401")
        try addUser("rose", .receptionist, password: "rose-pass-12")
        signIn("rose", "rose-pass-12")
        XCTAssertTrue(statusLine.contains("SYNC ALARM: token refused"), statusLine)
        XCTAssertFalse(screen().contains("F8"), "a receptionist is not offered the sync desk")
        shell.press(.function(8))
        XCTAssertFalse(screen().contains("Central server"))
    }

    func testTheDeskExplainsADivergenceAndOffersToClearIt() throws {
        try setUpSync()
        try store.recordSyncAlarm(.divergence, detail: "the server's seq 3 is another entry")
        signIn("admin", "admin-pass-1")
        shell.press(.function(8))
        try assertGolden("sync-desk-divergence")
        XCTAssertTrue(screen().contains("c Clear alarm"))
        shell.press(.character("c"))
        shell.press(.character("y"))
        XCTAssertNil(try store.syncStatus().alarm)
        XCTAssertFalse(screen().contains("c Clear alarm"), "nothing left to clear")
        XCTAssertEqual(try store.securityLog(limit: 1).first?.event, "sync.alarm.cleared")
    }

    /// Which certificates the agent trusts for the server, as `sync setup --ca-file` or `--system-trust` left it.
    func testTheDeskSaysWhichCertificatesTheAgentTrusts() throws {
        try setUpSync()
        signIn("admin", "admin-pass-1")
        shell.press(.function(8))
        XCTAssertTrue(screen().contains("Certificates     the machine's (/etc/ssl/certs)"), screen())
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        try store.setSyncServer(url: "https://central.example.org", insecure: false, token: "fdt_" + String(repeating: "a", count: 64),
                                trust: .certificates(pem), by: admin)
        shell.dataChanged()
        let name = (store.path as NSString).lastPathComponent
        XCTAssertTrue(screen().contains("Certificates     this store's own, in \(name).sync-ca.pem"), screen())
    }

    func testPushNowAsksTheRunningAgentAndSaysSoWhenNoneRuns() throws {
        try setUpSync()
        signIn("admin", "admin-pass-1")
        shell.press(.function(8))
        shell.press(.character("p"))
        XCTAssertTrue(screen().contains("The sync agent is not running on this store"), screen())
        XCTAssertFalse(FileManager.default.fileExists(atPath: SyncFiles.nudgePath(forStore: store.path)))

        try store.recordAgentHeartbeat()
        shell.dataChanged()
        shell.press(.character("p"))
        XCTAssertTrue(screen().contains("Asked the agent to push now"), screen())
        XCTAssertTrue(SyncFiles.takePushRequest(storePath: store.path), "the agent finds the request beside the store")
    }
}
