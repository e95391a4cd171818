// Shipped migrations never change: the SQL each one executes is pinned here by its SHA-256.
import Crypto
import GRDB
import XCTest

@testable import FrontDeskStore

final class MigrationPinTests: XCTestCase {
    /// SHA-256 of the statements each migration executes (in order, one per line), as shipped.
    /// A store that already ran a migration never runs it again, so an edit here would leave old
    /// stores and new ones with different schemas: add a new migration instead.
    static let pinned: [String: String] = [
        "001 core tables": "0b802e6faed8fd14385fef4b08477bbbc63fad387c377e0b63c0cafe6f0d3506",
        "002 ledger, audit and security logs": "ca31fc1b414ca2058e611f29060688196948685a3a126deb0c7edb43bf9e1374",
        "003 facility settings": "63b278b9b2a237455893640e2761300aeb3b98aebbc8e7407271e44de9d2d5fc",
        "004 registration": "698359c38eb5fdad41a54afa22df394f94147ab7065bc3ce94dce677e8c2b703",
        "005 fees and charges": "d01c799428f7f0da938ec3c3541fe2efc85def797ff5171e96a68f41aa0567e8",
        "006 queue": "92f804761389b75927bf787d5d91a4feb23f778ad703071817fa3de5e7196e5e",
        "007 cashier": "65f52cb6c7251f1b52668c8e42df5000c99e85b1a158fd179efe737f62ad511b",
        "008 store marking and patient access log": "b24566a12fb92dd9cfde08d7c4ff75b53ccd8ad3a86ab483079df8b1062a910b",
        "009 audit trail points into the ledger": "01351d9a5839884a8279c68f68f4c1a446f0edb5f575b415fe4d90b0cd26f838",
        "010 receipt output": "dab21559fd617154432b58b25d6bbf75998d8ef5dc1c7948b7001b444d5726b0",
        "011 sync state": "8ea25b1cb6d70b5b9e4eaa7c32b515d0ba01f6357b60510c0352b734a9b4520e",
        "012 beds": "e6be84bb3bcfebf4e303bfecd8b3702f99c88016d397c10a65a6f2020d4654c0",
        "013 pharmacy": "242adf6df99437fadedbb253daac5a3ff2a04fe2cbd83918cf055e8a747f2549",
    ]

    /// The statements `identifier` executes on a store that has had every migration before it
    /// (GRDB's own bookkeeping and the bodies of triggers left out).
    static func statements(of identifier: String) throws -> [String] {
        let migrator = Migrations.migrator
        let queue = try DatabaseQueue()
        if let index = migrator.migrations.firstIndex(of: identifier), index > 0 {
            try migrator.migrate(queue, upTo: migrator.migrations[index - 1])
        }
        var executed: [String] = []
        try queue.inDatabase { db in
            db.trace(options: .statement) { event in
                guard case .statement(let statement) = event else { return }
                let sql = statement.sql
                if sql.hasPrefix("--") || sql.contains("grdb_migrations") { return }
                let word = sql.prefix { !$0.isWhitespace }.uppercased()
                if ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"].contains(word) { return }
                if sql.uppercased().hasPrefix("PRAGMA FOREIGN_KEY") || sql.uppercased().hasPrefix("PRAGMA MAIN.FOREIGN_KEY") { return }
                executed.append(sql)
            }
        }
        try migrator.migrate(queue, upTo: identifier)
        try queue.inDatabase { $0.trace(options: .statement, nil) }
        return executed
    }

    static func fingerprint(_ statements: [String]) -> String {
        SHA256.hash(data: Data(statements.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func testNoShippedMigrationHasBeenEdited() throws {
        var actual: [String: String] = [:]
        for identifier in Migrations.identifiers {
            actual[identifier] = Self.fingerprint(try Self.statements(of: identifier))
        }
        let table = Migrations.identifiers.map { "        \"\($0)\": \"\(actual[$0]!)\"," }.joined(separator: "\n")
        for identifier in Migrations.identifiers {
            guard let pin = Self.pinned[identifier] else {
                XCTFail("migration \(identifier) is not pinned: add its line to MigrationPinTests.pinned once it ships:\n\(table)")
                continue
            }
            XCTAssertEqual(actual[identifier], pin, """
                migration \(identifier) executes other SQL than it shipped with. Stores that already ran it will \
                never run it again: put the old SQL back and add a new migration instead.
                """)
        }
        for identifier in Self.pinned.keys where !Migrations.identifiers.contains(identifier) {
            XCTFail("migration \(identifier) shipped and is gone: stores that ran it would be refused; add a new migration instead")
        }
    }

    func testTheStatementsAreTheMigrationsOwn() throws {
        let statements = try Self.statements(of: "002 ledger, audit and security logs")
        XCTAssertTrue(statements.first?.hasPrefix("CREATE TABLE ledger_entries") ?? false, "\(statements)")
        XCTAssertFalse(statements.contains { $0.contains("grdb_migrations") })
        XCTAssertEqual(Self.fingerprint(statements), Self.fingerprint(try Self.statements(of: "002 ledger, audit and security logs")))
    }

    func testThePinCatchesAnEditedStatement() throws {
        let statements = try Self.statements(of: "002 ledger, audit and security logs")
        XCTAssertFalse(statements.isEmpty)
        var edited = statements
        edited[0] = edited[0].replacingOccurrences(of: "NOT NULL", with: "")
        XCTAssertNotEqual(Self.fingerprint(edited), Self.fingerprint(statements))
    }
}
