// Migration "011 sync state": what the sync agent last heard and when, and the security events of its set-up.
import GRDB

/// `sync_state` is bookkeeping, not business data: it is written outside the ledger, in small
/// transactions of its own, by the sync agent (replies, errors, alarms, its heartbeat) and by an
/// administrator's set-up (server URL). The facility's token is never in the store: it lives in a
/// 0600 file beside it (`SyncFiles`). The security log learns two events, so its CHECK is rebuilt.
enum SyncStateSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE sync_state ADD COLUMN insecure INTEGER NOT NULL DEFAULT 0 CHECK (insecure IN (0, 1));
            ALTER TABLE sync_state ADD COLUMN last_reply TEXT CHECK (last_reply IS NULL OR length(last_reply) <= 500);
            ALTER TABLE sync_state ADD COLUMN last_reply_at TEXT;
            ALTER TABLE sync_state ADD COLUMN last_error_at TEXT;
            ALTER TABLE sync_state ADD COLUMN offline_since TEXT;
            ALTER TABLE sync_state ADD COLUMN alarm_kind TEXT CHECK (alarm_kind IS NULL OR length(alarm_kind) <= 32);
            ALTER TABLE sync_state ADD COLUMN alarm_at TEXT;
            ALTER TABLE sync_state ADD COLUMN agent_heartbeat_at TEXT;

            CREATE TABLE security_log_011 (
              event_id INTEGER PRIMARY KEY,
              at TEXT NOT NULL,
              event TEXT NOT NULL CHECK (event IN (
                'login.succeeded', 'login.failed', 'login.refused.locked', 'login.refused.disabled',
                'account.locked', 'password.reset', 'logout', 'session.locked', 'session.unlocked',
                'sync.server.set', 'sync.alarm.cleared')),
              username TEXT NOT NULL,
              user_id TEXT,
              detail TEXT,
              terminal TEXT
            ) STRICT;
            INSERT INTO security_log_011 (event_id, at, event, username, user_id, detail, terminal)
              SELECT event_id, at, event, username, user_id, detail, terminal FROM security_log ORDER BY event_id;
            DROP TABLE security_log;
            ALTER TABLE security_log_011 RENAME TO security_log;
            CREATE INDEX security_log_user ON security_log(username, at);
            """)
        // Append-only again, as migration 002 made it (DROP TABLE took the old triggers with it).
        try db.execute(sql: """
            CREATE TRIGGER security_log_no_update BEFORE UPDATE ON security_log
            BEGIN SELECT RAISE(ABORT, 'security_log is append-only'); END;
            CREATE TRIGGER security_log_no_delete BEFORE DELETE ON security_log
            BEGIN SELECT RAISE(ABORT, 'security_log is append-only'); END;
            """)
    }
}
