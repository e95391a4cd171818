// What the application needs from a terminal; the ncurses driver and test fakes provide it.

/// A terminal the application draws frames on and reads keys from.
public protocol Terminal: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer`, writing only what changed since the last frame.
    func draw(_ buffer: ScreenBuffer)
    /// The next key, or nil when none came within `timeoutMilliseconds`.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal back as it was. Safe to call twice.
    func restore()
}
