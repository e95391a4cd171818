// A table's columns: fixed widths, text cut to fit, numbers and money aligned on the right.
import TerminalKit

/// The columns of a table drawn one line at a time. Each column keeps one space after its
/// cell; a cell too long for its column is cut (left columns) so the next column stays in place.
package struct Table {
    /// How a cell sits in its column.
    package enum Alignment { case left, right }

    /// One column: its width (with the space after it) and alignment.
    package struct Column {
        package let width: Int
        package let alignment: Alignment
    }

    package let columns: [Column]

    package init(_ columns: [Column]) { self.columns = columns }

    /// A column of text, `width` wide with the space after it.
    package static func text(_ width: Int) -> Column { Column(width: width, alignment: .left) }

    /// A column of amounts (or counts) ending one space before the next column.
    package static func number(_ width: Int) -> Column { Column(width: width, alignment: .right) }

    /// The columns' widths added up: where text after the last column starts.
    package var width: Int { columns.reduce(0) { $0 + $1.width } }

    /// One line: each cell in its column; cells beyond the columns follow as they are.
    package func line(_ cells: [String]) -> String {
        var out = ""
        for (index, cell) in cells.enumerated() {
            guard columns.indices.contains(index) else { out += cell; continue }
            out += Self.cell(cell, columns[index])
        }
        return out
    }

    /// One cell, as `line` writes it.
    package static func cell(_ text: String, _ column: Column) -> String {
        switch column.alignment {
        case .left:
            return TextWidth.pad(TextWidth.truncate(text, to: column.width - 1), to: column.width)
        case .right:
            // Amounts are never cut: a wrong number is worse than a ragged column.
            return String(repeating: " ", count: max(0, column.width - 1 - TextWidth.of(text))) + text + " "
        }
    }
}
