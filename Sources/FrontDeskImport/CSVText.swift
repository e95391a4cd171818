// Reading an import's CSV file: its encoding, its header, blank lines.
import CSV
import Foundation

/// What every import does the same way with the file itself.
enum CSVText {
    /// The file read whole, not streamed: CSV.swift's stream reader reports an error at the end of every
    /// file on Linux. Exports are UTF-8, else Windows-1252 (older systems' default); a byte-order mark
    /// from a spreadsheet export is dropped.
    static func reader(file: String) throws -> CSVReader {
        guard let data = FileManager.default.contents(atPath: file) else { throw ImportError.unreadable("cannot read \(file)") }
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw ImportError.unreadable("\(file) is neither UTF-8 nor Windows-1252 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do { return try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw ImportError.unreadable("\(file) is not a CSV file with a header row (\(error))")
        }
    }

    /// Refuses a column the import reads that two headers give: the first would win silently.
    static func refuseDuplicates(header: [String], columns: [String], reading: Set<String>) throws {
        var seen: [String: String] = [:]
        for (name, column) in zip(header, columns) where reading.contains(column) {
            if let first = seen[column] { throw ImportError.duplicateColumn(column, headers: [first, name]) }
            seen[column] = name
        }
    }

    /// A blank line: one empty field, or (`emptyRecordsAreBlank`) only empty fields.
    static func isBlank(_ fields: [String], emptyRecordsAreBlank: Bool) -> Bool {
        if emptyRecordsAreBlank { return fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        return fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty
    }
}
