// A store with an admin, a receptionist and a supervisor, made once per run and copied per test.
import Foundation
import FrontDeskCore
import FrontDeskTestSupport
import GRDB
import XCTest

@testable import FrontDeskStore

/// A fresh store per test with an admin, a receptionist and a supervisor, copied from a store made
/// once per test run, so that no test pays for bcrypt (four or more hashes at cost 11) itself.
class PatientDeskTestCase: XCTestCase {
    struct Template {
        let admin: Actor
        let clerk: Actor
        let supervisor: Actor
    }

    private var copy: StoreCopy?
    var clock: MovableClock!
    var store: FacilityStore!
    var admin: Actor!
    /// A receptionist.
    var clerk: Actor!
    var supervisor: Actor!

    private static func template() throws -> (path: String, value: Template) {
        try StoreTemplates.shared("patient desk") { store in
            let admin = try store.signIn(username: "admin", password: "admin-pass-1")
            try store.addUser(NewUser(username: "clerk1", displayName: "Test Receptionist", role: .receptionist,
                                      password: "pass-clerk1"), by: admin)
            try store.addUser(NewUser(username: "super1", displayName: "Test Supervisor", role: .supervisor,
                                      password: "pass-super1"), by: admin)
            return Template(admin: admin, clerk: try store.signIn(username: "clerk1", password: "pass-clerk1"),
                            supervisor: try store.signIn(username: "super1", password: "pass-super1"))
        }
    }

    override func setUpWithError() throws {
        let (path, made) = try Self.template()
        clock = MovableClock()
        let copy = try StoreCopy(of: path, clock: clock)
        self.copy = copy
        store = copy.store
        admin = made.admin
        clerk = made.clerk
        supervisor = made.supervisor
    }

    override func tearDownWithError() throws {
        copy?.remove()
    }

    /// Row counts of the tables registration touches.
    func counts() throws -> [String: Int] {
        try store.read { db in
            var out: [String: Int] = [:]
            for table in ["persons", "patients", "patient_contacts", "patient_allergies", "insurance_policies",
                          "patient_merges", "record_changes", "ledger_entries", "number_sequences", "settings"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return out
        }
    }

    /// A connection of the test's own, as a tamperer with the file would have.
    func rawConnection() throws -> DatabaseQueue {
        try DatabaseQueue(path: store.path)
    }
}
