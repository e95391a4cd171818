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
        var seen = Set<Key>()
        // A key the screen lists itself (Home's desk keys) is not listed again under the global keys.
        for map in maps {
            let bindings = map.bindings.filter { seen.insert($0.key).inserted }
            guard !bindings.isEmpty else { continue }
            out.append(("", map.name, "", true))
            for binding in bindings {
                let mark = binding.command.destructive ? " (asks first)" : ""
                out.append((binding.key.name, binding.command.title, binding.command.help + mark, false))
            }
        }
        return out
    }

    /// The lines as drawn `width` wide: a key's help wraps under itself, never cut.
    private func rows(width: Int) -> [(text: String, column: Int, style: Style, key: String, title: String)] {
        var out: [(String, Int, Style, String, String)] = []
        for line in lines {
            if line.isHeading {
                out.append((line.title, 2, .title, "", ""))
                continue
            }
            for (index, part) in TextWidth.wrap(line.help, to: max(10, width - 29)).enumerated() {
                out.append((part, 28, .muted, index == 0 ? line.key : "", index == 0 ? line.title : ""))
            }
        }
        return out
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let all = rows(width: buffer.width)
        let room = max(1, area.count - 3)
        offset = min(offset, max(0, all.count - room))
        var row = area.lowerBound + 1
        for line in all.dropFirst(offset).prefix(room) {
            if !line.key.isEmpty || !line.title.isEmpty {
                buffer.put(TextWidth.pad(line.key, to: 10), row: row, column: 3, style: .accent)
                buffer.put(TextWidth.pad(line.title, to: 14), row: row, column: 13)
            }
            buffer.put(line.text, row: row, column: line.column, style: line.style, maxWidth: buffer.width - line.column - 1)
            row += 1
        }
        // Say that there is more, and how to see it.
        let above = offset > 0, below = offset + room < all.count
        if above { buffer.put("↑ more", row: area.lowerBound, column: buffer.width - 9, style: .accent) }
        if below { buffer.put("more ↓", row: area.lowerBound + 1 + room, column: buffer.width - 9, style: .accent) }
        let keys = above || below ? "Esc closes help · ↑/↓ or PgUp/PgDn scroll" : "Esc closes help"
        buffer.put(keys, row: area.upperBound - 1, column: 2, style: .muted)
        scrollRoom = room
        scrolls = above || below
    }

    /// Rows shown at once (from the last draw): a page for PgUp/PgDn.
    private var scrollRoom = 10
    /// Whether the help is longer than the screen (from the last draw): only then are the scroll keys offered.
    private var scrolls = true

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        scrolls || ![Commands.scrollDown, Commands.scrollUp, Commands.pageDown, Commands.pageUp].contains(command)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch key {
        case .down: offset += 1; return .redraw
        case .up: offset = max(0, offset - 1); return .redraw
        case .pageDown: offset += max(1, scrollRoom - 1); return .redraw
        case .pageUp: offset = max(0, offset - max(1, scrollRoom - 1)); return .redraw
        default: return .none
        }
    }
}
