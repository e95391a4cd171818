// Notices commits made by any connection, in any process, cheaply: PRAGMA data_version.
import GRDB

/// Answers "has anything been committed since I last asked?" without reading any table.
/// `PRAGMA data_version` changes on this connection whenever another connection commits.
public final class ChangeWatcher: @unchecked Sendable {  // used from one thread: the UI loop
    private let queue: DatabaseQueue
    private var lastVersion: Int

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(1)
        config.label = "frontdesk.watcher"
        queue = try DatabaseQueue(path: path, configuration: config)
        lastVersion = try queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// True once after each commit by any other connection (this process's writer included).
    public func hasChanged() -> Bool {
        guard let version = try? queue.read({ try Int.fetchOne($0, sql: "PRAGMA data_version") }) ?? nil else {
            return false
        }
        defer { lastVersion = version }
        return version != lastVersion
    }
}

extension FacilityStore {
    /// A watcher of commits to this store.
    public func changeWatcher() throws -> ChangeWatcher {
        do { return try ChangeWatcher(path: path) } catch { throw StoreError.translating(error) }
    }
}
