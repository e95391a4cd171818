// Pieces of what someone typed or a file held, quoted in messages: short, and with nothing invisible.
import Foundation

/// Error messages quote input through these, so a 100 KB field or a header of a million columns
/// gives a one-line message, and an invisible or reordering character shows as its code point.
public enum Quote {
    /// At most this many characters of one input are quoted.
    public static let characterLimit = 80
    /// At most this many items of a list are named.
    public static let itemLimit = 10

    /// The first `limit` characters of `text`, then "…"; control and format characters as `<U+202E>`.
    public static func excerpt(_ text: String, limit: Int = characterLimit) -> String {
        var out = ""
        var count = 0
        for character in text {
            if count == limit { return out + "…" }
            count += 1
            if character.unicodeScalars.contains(where: shownAsCode) {
                out += character.unicodeScalars.map { shownAsCode($0) ? "<\(TextRules.codePoint($0))>" : String($0) }.joined()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// "a, b, c" — each an excerpt — and "… and 999,990 more" past `limit` items.
    public static func list(_ items: [String], limit: Int = itemLimit) -> String {
        let shown = items.prefix(limit).map { excerpt($0) }.joined(separator: ", ")
        guard items.count > limit else { return shown }
        return shown + " … and \(items.count - limit) more"
    }

    /// Invisible characters other than ZWJ/ZWNJ, which belong inside some scripts' words.
    static func shownAsCode(_ scalar: Unicode.Scalar) -> Bool {
        TextRules.isInvisible(scalar) && scalar.value != 0x200C && scalar.value != 0x200D
    }
}
