// A document typed line by line (a delivery, a prescription): a line form adds each, one key saves them all.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// Lines typed one at a time through a form of their own, shown as a table, then saved together (one
/// transaction). When saving is refused, the problem stands beside the line it names ("line 2 expiry: …").
package final class LineEntryScreen<Line>: Screen {
    package let title: String
    package let keymap: Keymap
    private let intro: String
    private let columns: Table
    private let header: [String]
    private let cells: (Line) -> [String]
    /// The form that adds a line; it calls `add` with the checked line and returns its own reaction.
    private let lineForm: (_ context: ShellContext, _ add: @escaping (Line) -> Void) -> any Screen
    private let save: (_ lines: [Line], _ context: ShellContext) throws -> Reaction
    private let maxLines: Int
    private(set) var lines: [Line] = []
    private var selected = 0
    /// Problems beside lines, by index; `message` is one no line owns, or a notice.
    private var lineErrors: [Int: String] = [:]
    private var message: (text: String, isError: Bool)?

    package init(title: String, keymap: Keymap, intro: String, columns: Table, header: [String], maxLines: Int,
                 cells: @escaping (Line) -> [String],
                 lineForm: @escaping (_ context: ShellContext, _ add: @escaping (Line) -> Void) -> any Screen,
                 save: @escaping (_ lines: [Line], _ context: ShellContext) throws -> Reaction) {
        self.title = title
        self.keymap = keymap
        self.intro = intro
        self.columns = columns
        self.header = header
        self.maxLines = maxLines
        self.cells = cells
        self.lineForm = lineForm
        self.save = save
    }

    package var hasUnsavedChanges: Bool { !lines.isEmpty }

    package func show(notice: String) { message = (notice, false) }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        switch command {
        case Commands.removeLine, Commands.saveLines: return !lines.isEmpty
        case Commands.addLine: return lines.count < maxLines
        default: return true
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound + 1
        for line in TextWidth.wrap(intro, to: width).prefix(3) {
            buffer.put(line, row: row, column: 2, style: .muted, maxWidth: width)
            row += 1
        }
        row += 1
        buffer.put(columns.line(["#"] + header), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if lines.isEmpty { buffer.put("No lines yet: a adds one.", row: row, column: 4, style: .muted, maxWidth: width - 2) }
        let numbered = Array(lines.enumerated())
        ListRows.draw(numbered, selected: selected, top: row, room: area.upperBound - row - 3, width: width, into: &buffer) { index, line in
            let text = columns.line(["\(index + 1)"] + cells(line))
            guard let error = lineErrors[index] else { return (text, .normal) }
            return (text + " " + error, .error)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        if let moved = Selection.moved(selected, by: command, count: lines.count) {
            selected = moved
            return .redraw
        }
        switch command {
        case Commands.addLine:
            message = nil
            return .push(lineForm(context) { [weak self] line in
                guard let self else { return }
                self.lines.append(line)
                self.selected = self.lines.count - 1
                self.lineErrors = [:]
            })
        case Commands.removeLine:
            guard lines.indices.contains(selected) else { return .none }
            lines.remove(at: selected)
            lineErrors = [:]
            selected = min(selected, max(0, lines.count - 1))
            message = ("Line removed.", false)
            return .redraw
        case Commands.saveLines:
            lineErrors = [:]
            message = nil
            do {
                return try save(lines, context)
            } catch {
                place(error)
                return .redraw
            }
        default:
            return .none
        }
    }

    /// A refusal that names a line ("line 2 expiry: …", or a field alone when there is one line) stands beside
    /// that line and is repeated whole at the foot; any other stands at the foot.
    private func place(_ error: any Error) {
        let sentence = StoreError.sentence(for: error)
        message = (sentence, true)
        var field: String?
        switch error {
        case let v as ValidationError: field = v.field
        case StoreError.invalid(let v): field = v.field
        default: field = nil
        }
        guard let field else { return }
        let words = field.split(separator: " ")
        if words.count >= 2, words[0] == "line", let n = Int(words[1]), lines.indices.contains(n - 1) {
            lineErrors[n - 1] = "← " + words.dropFirst(2).joined(separator: " ")
            selected = n - 1
        } else if lines.count == 1 {
            lineErrors[0] = "← \(field)"
        }
    }
}

extension Commands {
    public static let addLine = Command("add-line", "Add line", help: "Add a line: its own form checks it before it joins the others.", group: "Forms")
    public static let removeLine = Command("remove-line", "Remove line", help: "Remove the selected line (nothing is saved yet).", group: "Forms")
    public static let saveLines = Command("save-lines", "Save", help: "Save every line in one step; a problem is shown beside its line and nothing is saved.", group: "Forms")
}

extension Keymaps {
    /// A document typed line by line (a delivery, a prescription).
    public static let lineEntry = Keymap("Lines", [
        Binding(.character("a"), Commands.addLine),
        Binding(.character("d"), Commands.removeLine),
        Binding(.ctrl("s"), Commands.saveLines),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])
}
