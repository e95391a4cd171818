// The in-memory screen: a grid of cells that screens draw into. Tests read it as text; the
// ncurses driver writes only the cells that changed since the last frame.

/// What a cell means, not how it looks: the theme decides colours (or monochrome attributes).
public enum Style: Int, Sendable, CaseIterable {
    case normal, title, statusBar, footerKey, footerText, selected, muted, warning, error, input, accent
}

/// One screen position. A wide character occupies its cell and a `continuation` cell after it.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    public var continuation: Bool

    public static let blank = Cell(character: " ", style: .normal, continuation: false)
}

/// A rectangle of cells, `width` × `height`.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand, or nil to hide it.
    public var cursor: (row: Int, column: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
            && a.cursor?.row == b.cursor?.row && a.cursor?.column == b.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Text that did not fit where it was put: the renderer ended it with "…" (tests read these).
    public struct Cut: Equatable, Sendable {
        public let row: Int
        public let column: Int
        /// What was asked to be drawn, whole.
        public let text: String
        public let style: Style
    }

    /// Every cut made while drawing this frame, in order.
    public private(set) var cuts: [Cut] = []

    /// Writes `text` from (row, column), clipped at the right edge (or `maxWidth`); returns the
    /// column after it. Text cut short ends in "…", never silently mid-word; trailing spaces that
    /// do not fit are not a cut. A wide character that would straddle the edge is replaced by a space.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let limit = min(width, column + (maxWidth ?? width))
        var col = column
        var lastWidth = 0
        for index in text.indices {
            let ch = text[index]
            let w = TextWidth.of(ch)
            // Combining marks travel inside their grapheme; a stray one at the start has no column.
            if w == 0 { continue }
            if col + w > limit {
                let rest = text[index...]
                if rest.contains(where: { $0 != " " }) {
                    cuts.append(Cut(row: row, column: column, text: text, style: style))
                    if col < limit, col >= 0 {
                        // A wide character would straddle the edge: its free cell takes the mark.
                        setCell(row, col, Cell(character: "…", style: style, continuation: false))
                    } else if lastWidth > 0, col - lastWidth >= 0 {
                        // The last character shown gives way to "…".
                        setCell(row, col - lastWidth, Cell(character: "…", style: style, continuation: false))
                        if lastWidth == 2 { setCell(row, col - 1, Cell(character: " ", style: style, continuation: false)) }
                    }
                } else if col < limit, w == 2 {
                    setCell(row, col, Cell(character: " ", style: style, continuation: false))
                }
                break
            }
            if col >= 0 {
                setCell(row, col, Cell(character: ch, style: style, continuation: false))
                if w == 2 { setCell(row, col + 1, Cell(character: " ", style: style, continuation: true)) }
            }
            col += w
            lastWidth = w
        }
        return col
    }

    /// Fills a row from `column` to the right edge (or `count` cells) with spaces in `style`.
    public mutating func fill(row: Int, from column: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        for c in max(0, column)..<max(max(0, column), end) { setCell(row, c, Cell(character: " ", style: style, continuation: false)) }
    }

    /// Clears everything.
    public mutating func clear() {
        cells = Array(repeating: .blank, count: width * height)
        cursor = nil
        cuts = []
    }

    private mutating func setCell(_ row: Int, _ column: Int, _ cell: Cell) {
        guard column >= 0, column < width else { return }
        // Overwriting half of a wide character blanks its other half.
        let index = row * width + column
        if cells[index].continuation, column > 0 { cells[index - 1] = .blank }
        if !cells[index].continuation, column + 1 < width, cells[index + 1].continuation, !cell.continuation {
            cells[index + 1] = .blank
        }
        cells[index] = cell
    }

    /// The screen as plain text, one line per row, trailing spaces kept (fixed width for goldens).
    public var text: String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = self[row, column]
                if !cell.continuation { line.append(cell.character) }
            }
            return line
        }.joined(separator: "\n")
    }
}
