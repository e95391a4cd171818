// Creating and opening stores: no overwrite, clear errors, nothing half-made.
import FrontDeskCore
import XCTest

@testable import FrontDeskStore

final class StoreLifecycleTests: StoreTestCase {
    func testCreateRefusesToOverwriteAnExistingFile() throws {
        let size = try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int
        XCTAssertThrowsError(
            try FacilityStore.create(
                at: store.path,
                NewFacility(name: "Other", timezone: "UTC", currency: "USD", adminUsername: "root", adminPassword: "password-1"))
        ) { XCTAssertEqual($0 as? StoreError, .alreadyExists(path: self.store.path)) }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int, size)
        XCTAssertEqual(try store.facility().name, "Test Hospital")
    }

    func testBadInputCreatesNoFile() throws {
        let path = directory + "/new.sqlite"
        for spec in [
            NewFacility(name: "X", timezone: "Nowhere/Land", currency: "USD", adminUsername: "root", adminPassword: "password-1"),
            NewFacility(name: "X", timezone: "UTC", currency: "US", adminUsername: "root", adminPassword: "password-1"),
            NewFacility(name: "X", timezone: "UTC", currency: "USD", adminUsername: "root", adminPassword: "short"),
        ] {
            XCTAssertThrowsError(try FacilityStore.create(at: path, spec)) { XCTAssertTrue($0 is StoreError) }
            XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("creating") }
        XCTAssertEqual(leftovers, [])
    }

    func testOpeningAMissingStoreNamesInitAndDemo() {
        XCTAssertThrowsError(try FacilityStore.open(at: directory + "/missing.sqlite")) { error in
            XCTAssertEqual(error as? StoreError, .notFound(path: self.directory + "/missing.sqlite"))
            XCTAssertTrue("\(error)".contains("frontdesk init"))
            XCTAssertTrue("\(error)".contains("frontdesk demo"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/missing.sqlite"))
    }

    func testOpeningAFileThatIsNotAStoreSaysSo() throws {
        let path = directory + "/notes.txt"
        try "shopping list".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FacilityStore.open(at: path)) { error in
            guard case .notAFrontDeskStore = error as? StoreError else { return XCTFail("\(error)") }
        }
    }

    func testANewStoreStartsWithItsFacilityAdminAndCodesInTheLedger() throws {
        let facility = try store.facility()
        XCTAssertEqual(facility.currency, "KES")
        XCTAssertEqual(facility.currencyMinorUnits, 2)
        XCTAssertEqual(try store.users().map(\.username), ["admin"])
        var kinds: [String] = []
        try store.forEachLedgerEntry { entry, _ in kinds.append(entry.kind) }
        XCTAssertEqual(Array(kinds.prefix(2)), ["facility.created", "user.created"])
        XCTAssertTrue(kinds.dropFirst(2).allSatisfy { $0 == "code.added" })
        XCTAssertTrue(try store.verify().isClean)
    }

    func testStoreLocationPrefersFlagThenEnvironmentThenXDG() {
        XCTAssertEqual(StoreLocation.resolve(explicit: "/a.sqlite", environment: ["FRONTDESK_DB": "/b.sqlite"]), "/a.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: ["FRONTDESK_DB": "/b.sqlite"]), "/b.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]),
                       "/x/frontdesk/facility.sqlite")
        XCTAssertEqual(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/h"]),
                       "/h/.local/share/frontdesk/facility.sqlite")
    }
}
