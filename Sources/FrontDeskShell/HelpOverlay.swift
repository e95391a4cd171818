// F1: the keys of the current screen and the global ones, generated from the keymaps.
import TerminalKit

/// Help for one screen, drawn from its keymap and the global keymap.
package final class HelpOverlay: Screen {
    package let title: String
    package let keymap = Keymaps.helpOverlay
    package let lines: [(key: String, title: String, help: String, isHeading: Bool)]
    private var offset = 0

    /// `keymaps`: the screen's keymaps as the signed-in role sees them (`Shell.visibleKeymaps`).
    package init(for screen: any Screen, keymaps: [Keymap]) {
        title = "Help: \(screen.title)"
        lines = HelpOverlay.lines(keymaps)
    }

    package static func lines(_ maps: [Keymap]) -> [(key: String, title: String, help: String, isHeading: Bool)] {
        var out: [(String, String, String, Bool)] = []
        for map in maps where !map.bindings.isEmpty {
            out.append(("", map.name, "", true))
            for binding in map.bindings {
                let mark = binding.command.destructive ? " (asks first)" : ""
                out.append((binding.key.name, binding.command.title, binding.command.help + mark, false))
            }
        }
        return out
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        for line in lines.dropFirst(offset) {
            guard row < area.upperBound - 1 else { break }
            if line.isHeading {
                buffer.put(line.title, row: row, column: 2, style: .title)
            } else {
                buffer.put(TextWidth.pad(line.key, to: 10), row: row, column: 3, style: .accent)
                buffer.put(TextWidth.pad(line.title, to: 14), row: row, column: 13)
                buffer.put(TextWidth.truncate(line.help, to: buffer.width - 29), row: row, column: 28, style: .muted)
            }
            row += 1
        }
        buffer.put("Esc closes help", row: area.upperBound - 1, column: 2, style: .muted)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch key {
        case .pageDown, .down: offset = min(max(0, lines.count - 5), offset + 5); return .redraw
        case .pageUp, .up: offset = max(0, offset - 5); return .redraw
        default: return .none
        }
    }
}
