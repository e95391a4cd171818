// A one-line text input: typing anywhere in it, arrows, Home/End, Backspace/Delete, a length limit, masking.
import TerminalKit

/// An editable line of text with a cursor.
package struct TextField {
    package let label: String
    package let maxLength: Int
    package let masked: Bool
    /// Setting the text from outside puts the cursor at its end.
    package var text = "" { didSet { afterCursor = min(afterCursor, text.count) } }
    /// Characters right of the cursor (0: at the end), so that setting `text` keeps it sensible.
    private var afterCursor = 0
    /// Whether the last characters typed or pasted were refused because the field was full: the
    /// screen says so beside the field (`limitNote`) rather than cutting a paste silently.
    package private(set) var refusedAtLimit = false

    /// What the screen shows beside a full field that refused characters.
    package var limitNote: String { "at most \(maxLength) characters" }

    package init(_ label: String, maxLength: Int, masked: Bool = false) {
        self.label = label
        self.maxLength = maxLength
        self.masked = masked
    }

    /// The cursor as a character offset from the start.
    package var cursor: Int { text.count - afterCursor }

    /// Puts the cursor before the first character (a choice shows from its start).
    package mutating func moveToStart() { afterCursor = text.count }

    /// Applies an editing key; returns false when the key is not an editing key.
    package mutating func edit(_ key: Key) -> Bool {
        let at = text.index(text.startIndex, offsetBy: cursor)
        if case .character(let c) = key, !c.isNewline, text.count >= maxLength {
            refusedAtLimit = true
            return true
        }
        refusedAtLimit = false
        switch key {
        case .character(let c) where !c.isNewline:
            let keep = afterCursor; text.insert(c, at: at); afterCursor = keep
        case .backspace:
            if cursor > 0 { let keep = afterCursor; text.remove(at: text.index(before: at)); afterCursor = keep }
        case .delete:
            if afterCursor > 0 { let keep = afterCursor - 1; text.remove(at: at); afterCursor = keep }
        case .left:
            afterCursor = min(text.count, afterCursor + 1)
        case .right:
            afterCursor = max(0, afterCursor - 1)
        case .home, .ctrl("a"):
            afterCursor = text.count
        case .end, .ctrl("e"):
            afterCursor = 0
        case .ctrl("u"):
            text = ""
            afterCursor = 0
        default:
            return false
        }
        return true
    }

    /// Draws `label: [value____]` and returns the cursor's column.
    package func draw(into buffer: inout ScreenBuffer, row: Int, column: Int, labelWidth: Int, fieldWidth: Int) -> Int {
        buffer.put(TextWidth.pad(label, to: labelWidth), row: row, column: column)
        let shown = masked ? String(repeating: "•", count: text.count) : text
        // Too long for the box: show the part that holds the cursor.
        var start = 0
        let characters = Array(shown)
        while start < cursor, TextWidth.of(String(characters[start..<cursor])) > fieldWidth - 1 { start += 1 }
        let visible = TextWidth.truncate(String(characters[start...]), to: fieldWidth)
        buffer.put(TextWidth.pad(visible, to: fieldWidth), row: row, column: column + labelWidth, style: .input)
        return column + labelWidth + TextWidth.of(String(characters[start..<cursor]))
    }
}
