// A fresh store with its admin signed in, for import tests that need nothing else.
import FrontDeskCore
import FrontDeskStore
import FrontDeskTestSupport
import XCTest

class ImportTestCase: XCTestCase {
    var temporary: TemporaryStore!
    var store: FacilityStore { temporary.store }
    var admin: Actor!

    override func setUpWithError() throws {
        temporary = try TemporaryStore(adminPassword: "admin-pass-1", clock: MovableClock())
        admin = try store.signIn(username: "admin", password: "admin-pass-1")
    }

    override func tearDownWithError() throws {
        temporary?.remove()
    }
}
