// One line of a CSV file written for a spreadsheet: RFC 4180 quoting, and no cell read as a formula.
import Foundation

/// Writes report rows as CSV. Hand-written because it is a dozen lines and no package in the mirror writes CSV.
public enum CSVLine {
    /// The fields joined with commas; a field with a comma, quote or line break is quoted, and text a
    /// spreadsheet would run as a formula (=, +, @, or - not followed by a digit) gets a leading apostrophe.
    public static func make(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    static func field(_ raw: String) -> String {
        var text = raw
        if let first = text.first, "=+@".contains(first) || (first == "-" && !(text.dropFirst().first?.isNumber ?? false)) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
