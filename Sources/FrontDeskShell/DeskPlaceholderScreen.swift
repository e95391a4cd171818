// A desk whose screens are not built yet says so plainly.
import TerminalKit

package final class DeskPlaceholderScreen: Screen {
    package let desk: Desk
    package var title: String { desk.title }
    package let keymap = Keymaps.desk

    package init(desk: Desk) { self.desk = desk }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let row = area.lowerBound + 2
        buffer.put("The \(desk.title) desk is not built yet.", row: row, column: 2, style: .warning)
        buffer.put(desk.summary, row: row + 2, column: 2, style: .muted, maxWidth: buffer.width - 4)
        buffer.put("Press Esc to go back.", row: row + 4, column: 2)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction { .none }
}
