// Drawing a list of selectable rows that scrolls to keep the selected one in view.
import TerminalKit

package enum ListRows {
    /// Draws as many of `items` as fit in `room` rows from `top`, scrolled so that `selected` shows; the
    /// selected row is highlighted across `width`, the others take the style `line` gives them.
    package static func draw<Item>(_ items: [Item], selected: Int, top: Int, room: Int, column: Int = 2, width: Int,
                           into buffer: inout ScreenBuffer, line: (Item) -> (text: String, style: Style)) {
        let room = max(0, room)
        let first = max(0, min(selected - room + 1, items.count - room))
        var row = top
        for (index, item) in items.enumerated().dropFirst(first).prefix(room) {
            let drawn = line(item)
            let style: Style = index == selected ? .selected : drawn.style
            buffer.fill(row: row, from: column, count: width, style: style)
            buffer.put(drawn.text, row: row, column: column, style: style, maxWidth: width)
            row += 1
        }
    }
}
