// The files in Resources/ (data, not code), found wherever the program or a test runs from.
import Foundation

/// Resources/ is a SwiftPM target of its own (this file is its only source) whose folders are
/// `.copy` resources: SwiftPM puts them in a bundle, `FrontDesk_FrontDeskResources.resources`,
/// beside the built binaries, and `Bundle.module` finds it from any working directory, in tests
/// too. An installer copies that bundle beside `frontdesk`, as it copies the binary.
public enum ResourceFiles {
    /// The path of a file under Resources/, e.g. `demo/clinics.json`; nil when the bundle lacks it.
    public static func path(_ relative: String) -> String? {
        guard let root = Bundle.module.resourceURL else { return nil }
        let path = root.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The path of a file under Resources/; a missing file says which and where it was looked for.
    public static func existingPath(_ relative: String) throws -> String {
        guard let path = path(relative) else { throw MissingResource(relative: relative, bundle: Bundle.module.bundlePath) }
        return path
    }

    /// The contents of a file under Resources/; a missing file says which and where it was looked for.
    public static func data(_ relative: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: try existingPath(relative)) else {
            throw MissingResource(relative: relative, bundle: Bundle.module.bundlePath)
        }
        return data
    }
}

/// A file FrontDesk ships with is not where it was installed.
public struct MissingResource: Error, CustomStringConvertible {
    public let relative: String
    public let bundle: String
    public var description: String {
        "FrontDesk's file \(relative) is missing from \(bundle); reinstall FrontDesk (the resources folder belongs beside the program)"
    }
}
