// How many terminal columns text takes: wide CJK is 2, combining marks 0.
import CNcursesw

/// Display width of characters and strings, as a UTF-8 terminal shows them.
public enum TextWidth {
    private static let localeReady: Bool = {
        setlocale(LC_CTYPE, "C.UTF-8")
        return true
    }()

    /// Columns one character (grapheme cluster) takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        _ = localeReady
        var width = 0
        for scalar in character.unicodeScalars {
            let w = Int(fd_wcwidth(scalar.value))
            // Emoji presentation shows wide even where the C library is unsure.
            if scalar.properties.isEmojiPresentation { width = max(width, 2); continue }
            if w > 0 { width += w }
        }
        if width == 0, character.unicodeScalars.first.map({ $0.value >= 0x20 && $0.value != 0x7f }) == true {
            // A lone combining mark or an unknown printable: give it a column so it is never lost.
            width = character.unicodeScalars.first!.properties.generalCategory == .nonspacingMark ? 0 : 1
        }
        return min(width, 2)
    }

    /// Columns `text` takes.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// `text` cut to at most `columns`, with `…` when something was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > columns - 1 { break }
            out.append(ch)
            used += w
        }
        // "District…", not "District …": a space before the mark reads as a word left out.
        while out.last == " " { out.removeLast() }
        return out + "…"
    }

    /// `text` in at most `columns`, shortened at a word with "…" when it does not fit (a single
    /// word too long for the room is cut with "…"): a phrase shortened by design, never mid-word.
    public static func shortened(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        // A sentence's last full stop is the first thing to give way.
        if text.hasSuffix("."), of(text) - 1 <= columns { return String(text.dropLast()) }
        var words = text.split(separator: " ").map(String.init)
        while words.count > 1 {
            words.removeLast()
            var head = words.joined(separator: " ")
            while let last = head.last, ",;:.-–(".contains(last) { head.removeLast() }
            if of(head) + 1 <= columns { return head + "…" }
        }
        return truncate(text, to: columns)
    }

    /// `text` padded with spaces (or cut) to exactly `columns`.
    public static func pad(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - of(cut)))
    }

    /// `text` broken into lines of at most `columns` at spaces (a word longer than a line is cut).
    /// Words to lines of at most `columns`; a word longer than a line is broken across lines.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= columns {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                // A word wider than a line (a file path) is broken across lines, never cut short.
                var rest = word
                while of(rest) > columns, columns > 0 {
                    var head = ""
                    for character in rest {
                        if of(head + String(character)) > columns { break }
                        head.append(character)
                    }
                    if head.isEmpty { break }
                    lines.append(head)
                    rest.removeFirst(head.count)
                }
                line = rest
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
