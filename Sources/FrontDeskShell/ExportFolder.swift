// Where screens write files (receipts, Z-reports, calendars): `exports/` beside the store, never over anything.
import Foundation
import FrontDeskCore

package enum ExportFolder {
    /// Writes `text` as `exports/base.ext` beside the store, or `base-2.ext`… when the name is
    /// taken (a screen has no --force: an earlier export is never replaced). Returns the path.
    package static func write(_ text: String, base: String, ext: String, context: ShellContext) throws -> String {
        let folder = (context.store.path as NSString).deletingLastPathComponent + "/exports"
        // 0700: receipts name patients. An existing folder (or a link to one) is used as it is.
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return try OutputFile.writeFresh(text, folder: folder, base: base, ext: ext, protecting: [context.store.path])
    }
}
