// Bed labels as an admin types them: `A1-A20`, `A1-20`, `ICU1,ICU2`, or a mix.
import Foundation

/// Reads a list of bed labels with ranges into the labels, in order, refusing anything unclear.
public enum BedLabels {
    /// The most beds one `beds add` makes (each is a ledger entry; a transaction holds at most 500).
    public static let maxPerCommand = 200

    /// A label: 1 to 8 of A–Z, 0–9 and `-`, starting with a letter or digit (typed in any case).
    public static func label(_ raw: String) throws -> String {
        let label = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...8).contains(label.count), label.first != "-",
            label.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw ValidationError("labels", "\"\(Quote.excerpt(raw))\" is not a bed label: 1 to 8 letters, digits or '-', like A12")
        }
        return label
    }

    /// `A1-A20` or `A1-20` → A1 … A20; `B1,B3` → B1, B3. Duplicates are refused.
    public static func expand(_ text: String) throws -> [String] {
        var labels: [String] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if let range = try Self.range(item) { labels += range } else { labels.append(try label(item)) }
            guard labels.count <= maxPerCommand else {
                throw ValidationError("labels", "at most \(maxPerCommand) beds at a time")
            }
        }
        guard !labels.isEmpty else { throw ValidationError("labels", "give the bed labels, like A1-A20") }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw ValidationError("labels", "\(label) is given twice")
        }
        return labels
    }

    /// `PREFIX n - [PREFIX] m`, same prefix, n ≤ m; nil when `item` is not written as a range.
    private static func range(_ item: String) throws -> [String]? {
        let upper = item.uppercased()
        guard let dash = upper.lastIndex(of: "-") else { return nil }
        let left = String(upper[..<dash]), right = String(upper[upper.index(after: dash)...])
        let (prefix, first) = split(left), (rightPrefix, last) = split(right)
        guard let first, let last else { return nil }
        guard rightPrefix.isEmpty || rightPrefix == prefix else {
            throw ValidationError("labels", "\"\(Quote.excerpt(item))\" mixes two prefixes; a range keeps one, like A1-A20")
        }
        guard first <= last else {
            throw ValidationError("labels", "\"\(Quote.excerpt(item))\" runs backwards; write the lower number first")
        }
        guard last - first < maxPerCommand else { throw ValidationError("labels", "at most \(maxPerCommand) beds at a time") }
        return try (first...last).map { try label(prefix + String($0)) }
    }

    /// `A12` → ("A", 12); `12` → ("", 12); `A` → ("A", nil).
    private static func split(_ text: String) -> (String, Int?) {
        let digits = text.reversed().prefix { $0.isASCII && $0.isNumber }
        let prefix = String(text.dropLast(digits.count))
        return (prefix, digits.isEmpty ? nil : Int(String(digits.reversed())))
    }
}
