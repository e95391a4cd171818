// Destructive commands always ask first: y goes ahead, anything else goes back.
import TerminalKit

package final class ConfirmScreen: Screen {
    package let title: String
    package let keymap = Keymaps.confirm
    package let isModal = true
    /// The command that asked (the shell lets a quit be answered even on a too-small terminal).
    package let command: Command
    private let question: String
    private let onYes: () -> Reaction

    package convenience init(command: Command, question: String, onYes: Reaction) {
        self.init(command: command, question: question, action: { onYes })
    }

    /// `action` runs on "y"; its reaction follows (usually `.pop`, back to the screen that asked).
    package init(command: Command, question: String, action: @escaping () -> Reaction) {
        title = command.title
        self.command = command
        self.question = question
        self.onYes = action
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let lines = TextWidth.wrap(question, to: buffer.width - 8)
        var row = area.lowerBound + max(0, area.count / 2 - 1 - lines.count / 2)
        for line in lines {
            buffer.put(line, row: row, column: 4, style: .warning, maxWidth: buffer.width - 8)
            row += 1
        }
        buffer.put("y: yes    n or Esc: no", row: row + 1, column: 4, style: .muted)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch key {
        case .character("y"), .character("Y"): return onYes()
        default: return .pop
        }
    }
}
