// Template stores made once per test run and copied per test, so that no test pays for bcrypt itself.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// Each key's template is made the first time a test asks for it and shared by every later test;
/// the folders are removed when the test process exits.
public enum StoreTemplates {
    nonisolated(unsafe) private static var made: [String: (path: String, value: Any)] = [:]
    nonisolated(unsafe) private static var directories: [String] = []
    private static let lock = NSLock()

    /// The template for `key`: a new store (admin `admin`, password `admin-pass-1`, the default test
    /// clock) that `fill` sets up and describes with what the tests need of it. The store is closed after.
    public static func shared<T>(_ key: String, fill: (FacilityStore) throws -> T) throws -> (path: String, value: T) {
        try lock.withLock {
            if let done = made[key], let value = done.value as? T { return (done.path, value) }
            let temporary = try TemporaryStore(adminPassword: "admin-pass-1", clock: MovableClock())
            let value = try fill(temporary.store)
            let path = temporary.store.path
            try temporary.store.close()
            if directories.isEmpty { atexit { StoreTemplates.removeAll() } }
            directories.append(temporary.directory)
            made[key] = (path, value)
            return (path, value)
        }
    }

    private static func removeAll() {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }
}
