// Shared set-up for store tests: a fresh store file per test, a clock the test can move.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

typealias TestClock = MovableClock

class StoreTestCase: XCTestCase {
    var temporary: TemporaryStore!
    var directory: String { temporary.directory }
    var clock: TestClock!
    var store: FacilityStore { temporary.store }
    var admin: Actor!

    static let adminPassword = "admin-pass-1"

    override func setUpWithError() throws {
        clock = TestClock()
        temporary = try TemporaryStore(adminPassword: Self.adminPassword, clock: clock)
        admin = try store.signIn(username: "admin", password: Self.adminPassword)
    }

    override func tearDownWithError() throws {
        temporary?.remove()
    }

    /// Adds a user of `role` and returns them signed in.
    func signedIn(_ role: Role, username: String? = nil) throws -> Actor {
        let name = username ?? role.rawValue + "1"
        try store.addUser(NewUser(username: name, displayName: "Test \(role.title)", role: role, password: "pass-\(name)"), by: admin)
        return try store.signIn(username: name, password: "pass-\(name)")
    }

    /// Row counts of the tables a business change touches.
    func counts() throws -> [String: Int] {
        try store.read { db in
            var out: [String: Int] = [:]
            for table in ["persons", "patients", "users", "record_changes", "ledger_entries", "number_sequences"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return out
        }
    }

    /// A connection of the test's own, as a tamperer with the file would have.
    func rawConnection() throws -> DatabaseQueue {
        try DatabaseQueue(path: store.path)
    }

    static func patient(_ first: String = "Amina", _ last: String = "Okafor", dob: String = "1990-04-12") -> NewPatient {
        NewPatient(firstName: first, lastName: last, sex: "female", dob: dob, phone: "+254712345678")
    }
}
