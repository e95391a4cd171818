// What the desks' store tests ask of a store: how many rows, and that a refusal wrote nothing.
import FrontDeskStore
import GRDB
import XCTest

/// A desk's test case with its store copy (queue, cashier, beds).
protocol DeskStoreTesting: XCTestCase {
    var store: FacilityStore! { get }
}

extension DeskStoreTesting {
    /// Rows of `table` matching `condition`, read through a connection of the test's own.
    func count(_ table: String, _ condition: String = "1", _ arguments: StatementArguments = []) throws -> Int {
        try DatabaseQueue(path: store.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table) WHERE \(condition)", arguments: arguments)! }
    }

    /// Asserts a refusal whose message contains `message`, and that nothing was written (the ledger did not grow).
    func assertRefused<T>(_ body: @autoclosure () throws -> T, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try count("ledger_entries")
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(message), "\(error)", file: file, line: line)
        }
        XCTAssertEqual(try count("ledger_entries"), before, "nothing written", file: file, line: line)
    }
}
