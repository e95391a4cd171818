// The last rows of a screen's area: what a key just did, or why it was refused, whole.
import TerminalKit

package enum NoticeLines {
    /// Draws `text` wrapped at spaces to at most `maxLines` lines, ending on the area's last row.
    /// A message longer still is shortened at a word, with "…": never cut mid-word.
    package static func draw(_ text: String, isError: Bool, into buffer: inout ScreenBuffer, area: Range<Int>, width: Int,
                             maxLines: Int = 3) {
        let lines = fitted(text, width: width, maxLines: maxLines)
        for (offset, line) in lines.enumerated() {
            buffer.put(line, row: area.upperBound - lines.count + offset, column: 2, style: isError ? .error : .accent,
                       maxWidth: width)
        }
    }

    /// Draws `text` wrapped from `row` down (at most `maxLines` lines); returns the row after it.
    @discardableResult
    package static func draw(_ text: String, style: Style, into buffer: inout ScreenBuffer, row: Int, column: Int = 2, width: Int,
                             maxLines: Int = 2) -> Int {
        let lines = fitted(text, width: width, maxLines: maxLines)
        for (offset, line) in lines.enumerated() {
            buffer.put(line, row: row + offset, column: column, style: style, maxWidth: width)
        }
        return row + lines.count
    }

    /// `text` in at most `maxLines` lines of `width`; when it needs more, the last line ends at a
    /// word with "…".
    package static func fitted(_ text: String, width: Int, maxLines: Int) -> [String] {
        let all = TextWidth.wrap(text, to: width)
        guard all.count > maxLines, maxLines > 0 else { return all }
        var lines = Array(all.prefix(maxLines))
        var words = lines[maxLines - 1].split(separator: " ").map(String.init)
        while !words.isEmpty, TextWidth.of(words.joined(separator: " ") + " …") > width { words.removeLast() }
        lines[maxLines - 1] = words.isEmpty ? "…" : words.joined(separator: " ") + " …"
        return lines
    }
}
