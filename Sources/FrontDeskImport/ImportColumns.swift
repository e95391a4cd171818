// The columns an import reads, and the header-mapping file that renames a legacy export's headers onto them.
import FrontDeskCore

/// The columns one kind of import reads, by the names its files use.
public struct ImportColumns: Sendable {
    /// Columns every file must have (after mapping), in the order a missing one is named.
    public let required: [String]
    /// Every column the import reads, required ones included; other headers are reported as not kept.
    public let read: Set<String>
    /// Columns a mapping file may name: those read, and known columns the import drops on purpose.
    public let known: Set<String>
    /// What the columns belong to, for a mapping file's errors ("the legacy patients table").
    public let table: String

    public init(required: [String], read: Set<String>, dropped: Set<String> = [], table: String) {
        self.required = required
        self.read = read.union(required)
        self.known = self.read.union(dropped)
        self.table = table
    }

    /// Reads a header-mapping file: `Their Header = our_column` per line, `#` starts a comment.
    /// Each target must be one of `known`: a typo is refused, not silently ignored.
    public func mapping(from text: String) throws -> [String: String] {
        var map: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ImportError.badMapping(line: index + 1, reason: "write it as `Their Header = column`")
            }
            guard known.contains(parts[1]) else {
                throw ImportError.badMapping(line: index + 1, reason: "'\(Quote.excerpt(parts[1]))' is not a column of \(table)")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }
}
