// A one-line text input: typing, Backspace, a length limit, optional masking.
import TerminalKit

/// An editable line of text.
struct TextField {
    let label: String
    let maxLength: Int
    let masked: Bool
    var text = ""

    init(_ label: String, maxLength: Int, masked: Bool = false) {
        self.label = label
        self.maxLength = maxLength
        self.masked = masked
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let c) where !c.isNewline:
            if text.count < maxLength { text.append(c) }
            return true
        case .backspace:
            if !text.isEmpty { text.removeLast() }
            return true
        case .ctrl("u"):
            text = ""
            return true
        default:
            return false
        }
    }

    /// Draws `label: [value____]` and returns the cursor column when focused.
    func draw(into buffer: inout ScreenBuffer, row: Int, column: Int, labelWidth: Int, fieldWidth: Int) -> Int {
        buffer.put(TextWidth.pad(label, to: labelWidth), row: row, column: column)
        let shown = masked ? String(repeating: "•", count: text.count) : text
        let visible = TextWidth.of(shown) > fieldWidth - 1 ? String(shown.suffix(fieldWidth - 1)) : shown
        buffer.put(TextWidth.pad(visible, to: fieldWidth), row: row, column: column + labelWidth, style: .input)
        return column + labelWidth + TextWidth.of(visible)
    }
}
