// A message and nothing else, for a refusal that leaves nothing to edit.
import TerminalKit

/// A message and nothing else; Esc goes back.
package final class MessageScreen: Screen {
    package let title: String
    package let keymap = Keymaps.desk
    private let text: String

    package init(title: String, text: String) {
        self.title = title
        self.text = text
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let after = NoticeLines.draw(text, style: .error, into: &buffer, row: area.lowerBound + 2, width: buffer.width - 4, maxLines: 6)
        buffer.put("Esc goes back.", row: after + 1, column: 2, style: .muted)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction { .none }
}
