// The files in Resources/ (data, not code), found wherever the program or a test runs from.
import Foundation

/// Resources/ is a SwiftPM target of its own (this file is its only source) whose folders are
/// `.copy` resources: SwiftPM puts them in a bundle, `FrontDesk_FrontDeskResources.resources`,
/// beside the built binaries. An installer copies that bundle beside `frontdesk`, as it copies
/// the binary. `Bundle.module` is not used: when its bundle is missing it stops the program
/// (`fatalError`), where a missing file should be a sentence the person can act on.
public enum ResourceFiles {
    static let bundleName = "FrontDesk_FrontDeskResources.resources"

    /// Where the files are looked for, in order: the bundle beside the running program, the bundle
    /// beside the main bundle (test runners), then this source folder (a checkout, when the
    /// bundle was not built).
    static let roots: [URL] = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return [
            executable.appendingPathComponent(bundleName),
            Bundle.main.bundleURL.appendingPathComponent(bundleName),
            sourceFolder,
        ]
    }()

    /// The first place looked in, named when a file is missing.
    static var bundlePath: String { roots[0].path }

    /// The path of a file under Resources/, e.g. `demo/clinics.json`; nil when no root has it.
    public static func path(_ relative: String) -> String? {
        for root in roots {
            let path = root.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// The path of a file under Resources/; a missing file says which and where it was looked for.
    public static func existingPath(_ relative: String) throws -> String {
        guard let path = path(relative) else { throw MissingResource(relative: relative, bundle: bundlePath) }
        return path
    }

    /// The contents of a file under Resources/; a missing file says which and where it was looked for.
    public static func data(_ relative: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: try existingPath(relative)) else {
            throw MissingResource(relative: relative, bundle: bundlePath)
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
