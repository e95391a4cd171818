// A facility store in a fresh folder of its own, removed when the test ends.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// Creates a store (admin `admin`) in a new temporary folder.
public struct TemporaryStore {
    public let directory: String
    public let store: FacilityStore

    public init(facility: String = "Test Hospital", adminDisplayName: String? = nil, adminPassword: String,
                clock: any Clock) throws {
        directory = NSTemporaryDirectory() + "frontdesk-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try FacilityStore.create(
            at: directory + "/facility.sqlite",
            NewFacility(name: facility, timezone: "Africa/Nairobi", currency: "KES", adminUsername: "admin",
                        adminDisplayName: adminDisplayName, adminPassword: adminPassword),
            clock: clock)
    }

    /// Closes the store and removes the folder.
    public func remove() {
        try? store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Adds a user as the admin (whose password is `adminPassword`).
    public func addUser(_ username: String, role: Role, password: String, adminPassword: String) throws {
        let admin = try store.signIn(username: "admin", password: adminPassword)
        try store.addUser(NewUser(username: username, displayName: "Test \(role.title)", role: role, password: password), by: admin)
    }
}
