// Text folded for matching: lowercase, no diacritics, letters like đ ł ø ß spelled plainly,
// so that "Nguyen" finds "Nguyễn" and "Ozil" finds "Özil".
import Foundation

public enum SearchText {
    /// Letters that are not a base letter plus marks, mapped to how people type them.
    private static let plain: [Character: String] = [
        "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
    ]

    /// `text` folded: canonical decomposition, combining marks dropped, lowercased.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(scalar)
            }
        }
        let lowered = String(out).lowercased()
        guard lowered.contains(where: { plain[$0] != nil }) else { return lowered }
        return lowered.map { plain[$0] ?? String($0) }.joined()
    }

    /// The folded words of `text` (split on anything that is not a letter or digit).
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
