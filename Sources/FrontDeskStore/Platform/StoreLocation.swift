// Where a facility's store lives: --db, then FRONTDESK_DB, then the XDG data directory.
import Foundation

/// Resolves the path of the facility store.
public enum StoreLocation {
    /// `explicit` (from `--db`) wins; then `FRONTDESK_DB`; then `$XDG_DATA_HOME/frontdesk/<name>`,
    /// falling back to `~/.local/share/frontdesk/<name>`.
    public static func resolve(
        explicit: String?, fileName: String = "facility.sqlite",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnv = environment["FRONTDESK_DB"], !fromEnv.isEmpty { return fromEnv }
        return dataDirectory(environment: environment) + "/" + fileName
    }

    /// The folder FrontDesk keeps its stores in when no path is given.
    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/frontdesk" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/frontdesk"
    }
}
