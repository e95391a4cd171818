// Set-up shared by the sync tests that need a store: a fresh one per test, its admin, ledger helpers.
import Foundation
import FrontDeskCore
import FrontDeskLedger
import FrontDeskStore
import FrontDeskTestSupport
import XCTest

class SyncStoreTestCase: XCTestCase {
    static let adminPassword = "admin-pass-1"
    static let token = "fdt_0123456789abcdefghijklmnopqrstuvwxyz"
    var temporary: TemporaryStore!
    var clock: MovableClock!
    var store: FacilityStore { temporary.store }
    var admin: Actor!

    override func setUpWithError() throws {
        clock = MovableClock()
        temporary = try TemporaryStore(adminPassword: Self.adminPassword, clock: clock)
        admin = try store.signIn(username: "admin", password: Self.adminPassword)
    }

    override func tearDownWithError() throws {
        temporary?.remove()
    }

    /// One transaction of one entry (a new user).
    func addUser(_ name: String, role: Role = .receptionist) throws {
        try store.addUser(NewUser(username: name, displayName: "User \(name)", role: role, password: "pass-\(name)-1"), by: admin)
    }

    /// One transaction of three entries (the three MRN format settings), each time with new values.
    func changeMRNFormat(_ round: Int) throws {
        try store.setMRNFormat(MRNFormat(prefix: "M" + String(repeating: "X", count: round % 5), includesYear: round % 2 == 0,
                                         sequenceDigits: 5 + round % 4), by: admin)
    }

    /// Every entry of the ledger, in seq order.
    func ledger() throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        try store.forEachLedgerEntry { entry, _ in entries.append(entry) }
        return entries
    }

    /// The push body of `batch`, as the driver sends it.
    func body(_ batch: [LedgerEntry]) throws -> [UInt8] {
        try CanonicalJSON.bytes(.object(["entries": .array(batch.map(\.wireObject)), "store_id": .string(store.identity.storeID)]))
    }
}
