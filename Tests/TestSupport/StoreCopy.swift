// A copy of a template store in a fresh folder: test classes that share a set-up make it once.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// Copies the store at `path` (with its WAL files) into a new temporary folder and opens it.
public struct StoreCopy {
    public let directory: String
    public let store: FacilityStore

    public init(of path: String, clock: any Clock) throws {
        directory = NSTemporaryDirectory() + "frontdesk-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: directory + "/facility.sqlite" + suffix)
        }
        store = try FacilityStore.open(at: directory + "/facility.sqlite", clock: clock)
    }

    /// Closes the store and removes the folder.
    public func remove() {
        try? store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
