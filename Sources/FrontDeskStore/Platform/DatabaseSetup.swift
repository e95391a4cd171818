// How every connection to a facility store is configured.
import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

enum DatabaseSetup {
    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeoutSeconds: Double = 30

    /// WAL (DatabasePool sets it), synchronous=FULL so a commit survives power loss,
    /// foreign keys on, and a busy timeout so concurrent terminals wait instead of failing.
    static func configuration(readonly: Bool = false) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.readonly = readonly
        config.label = "frontdesk"
        config.prepareDatabase { db in
            // A bigger page cache than SQLite's 2 MB default: fewer trips to the OS per write.
            try db.execute(sql: "PRAGMA cache_size = -16000")
        }
        return config
    }

    /// Opens the pool and makes its writer connection commit with synchronous=FULL. GRDB's pool
    /// sets NORMAL on its writer after `prepareDatabase` runs, so FULL is set on the writer here,
    /// once, after opening (the setting lasts for the connection's life).
    static func openPool(path: String, readonly: Bool = false) throws -> DatabasePool {
        let location = readonly ? readOnlyLocation(path) : path
        let pool = try DatabasePool(path: location, configuration: configuration(readonly: readonly))
        if !readonly {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // The Checkpointer folds the WAL back in the background; this is only the safety net.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            }
        }
        return pool
    }

    /// Where a reader opens `path`. A WAL store is read through its -shm file, which SQLite creates
    /// beside it when it can. A copy the reader may not write beside (a read-only backup, another
    /// account's folder) with no -shm and no WAL content is opened `immutable`: it then reads the
    /// main file alone, which holds everything, and never looks for locks or a -shm.
    static func readOnlyLocation(_ path: String) -> String {
        if access(path + "-shm", R_OK) == 0 { return path }
        let folder = (path as NSString).deletingLastPathComponent
        if access(folder.isEmpty ? "." : folder, W_OK) == 0 { return path }
        var wal = stat()
        if stat(path + "-wal", &wal) == 0, wal.st_size > 0 { return path }  // needs the -shm: let SQLite say so
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }
}
