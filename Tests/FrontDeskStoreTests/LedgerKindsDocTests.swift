// docs/ledger-kinds.md is generated from the typed ledger kinds; the kinds themselves are well formed.
import Foundation
import GRDB
import XCTest

@testable import FrontDeskStore

final class LedgerKindsDocTests: XCTestCase {
    private var docURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/ledger-kinds.md").standardized
    }

    func testTheLedgerKindsDocIsCurrent() throws {
        if ProcessInfo.processInfo.environment["FRONTDESK_WRITE_DOCS"] == "1" {
            try LedgerKinds.markdown().write(to: docURL, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOf: docURL, encoding: .utf8)
        XCTAssertEqual(onDisk, LedgerKinds.markdown(),
                       "docs/ledger-kinds.md is stale: run `FRONTDESK_WRITE_DOCS=1 swift test --filter LedgerKindsDocTests`")
    }

    func testEveryKindIsNounDotVerbOnceAndWritesTablesOfTheSchema() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue)
        let tables = Set(try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") })
        var seen: Set<String> = []
        for kind in LedgerKinds.all {
            XCTAssertNotNil(kind.rawValue.range(of: #"^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$"#, options: .regularExpression), kind.rawValue)
            XCTAssertTrue(seen.insert(kind.rawValue).inserted, "\(kind.rawValue) is declared twice")
            XCTAssertGreaterThanOrEqual(kind.version, 1)
            XCTAssertFalse(kind.meaning.isEmpty || kind.meaning.contains("\n"), "\(kind.rawValue): one line of meaning")
            XCTAssertFalse(kind.tables.isEmpty, kind.rawValue)
            for table in kind.tables { XCTAssertTrue(tables.contains(table), "\(kind.rawValue) names \(table), which no migration makes") }
        }
    }
}
