// A document on screen as it will print (receipt, Z-report): print it, write it to a file, scroll it.
import TerminalKit

/// What a document screen shows and sends to the printer; `DocumentScreen` keeps the keys,
/// the scroll position and the notice of the last print.
package protocol PrintableDocument: AnyObject {
    /// Draws the document from its `offset`-th line (a document may ignore it when it always fits),
    /// first bringing `offset` back within the document.
    func draw(offset: inout Int, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext)
    /// Prints it, or writes it to a file beside the store; the notice says which, or why not.
    /// Reprints say COPY (the printer counts the prints).
    func output(toFile: Bool, context: ShellContext) -> (text: String, isError: Bool)
}

/// One document: `print` sends it to the facility's print command, `save` writes it to a file,
/// ↑/↓ scroll five lines.
package final class DocumentScreen: Screen {
    package let title: String
    package let keymap: Keymap
    private let document: any PrintableDocument
    private let printCommand: Command
    private let saveCommand: Command
    private var message: (text: String, isError: Bool)?
    /// The first line shown: a thermal receipt is longer than the screen.
    private var offset = 0

    /// `message`: shown at the foot from the start (why the document could not be read).
    package init(title: String, keymap: Keymap, document: any PrintableDocument, print: Command, save: Command,
                 message: (text: String, isError: Bool)? = nil) {
        self.title = title
        self.keymap = keymap
        self.document = document
        printCommand = print
        saveCommand = save
        self.message = message
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        document.draw(offset: &offset, into: &buffer, area: area, context: context)
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: buffer.width - 4) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        switch command {
        case printCommand, saveCommand:
            message = document.output(toFile: command == saveCommand, context: context)
        case Commands.moveDown:
            offset += 5
        case Commands.moveUp:
            offset = max(0, offset - 5)
        default:
            return .none
        }
        return .redraw
    }
}
