// How every connection to a facility store is configured.
import GRDB

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
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }
}
