// The last two rows of a screen's area: what a key just did, or why it was refused.
import TerminalKit

package enum NoticeLines {
    /// Draws `text` wrapped to at most three lines, ending on the area's last row.
    package static func draw(_ text: String, isError: Bool, into buffer: inout ScreenBuffer, area: Range<Int>, width: Int) {
        let lines = TextWidth.wrap(text, to: width).prefix(3)
        for (offset, line) in lines.enumerated() {
            buffer.put(line, row: area.upperBound - lines.count + offset, column: 2, style: isError ? .error : .accent,
                       maxWidth: width)
        }
    }
}
