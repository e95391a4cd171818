// Migration "010 receipt output": where a receipt last went (the printer, or a file by name), so a row never says printed for a file.
import GRDB

/// A receipt's last successful output. `prints` counts them (every one after the first is a COPY);
/// `last_output` says what the last one was: `printer`, or `file:` and the file's path.
enum ReceiptOutputSchema {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE payments ADD COLUMN last_output TEXT
              CHECK (last_output IS NULL OR last_output = 'printer' OR (last_output GLOB 'file:?*' AND length(last_output) <= 1030));
            """)
    }
}
