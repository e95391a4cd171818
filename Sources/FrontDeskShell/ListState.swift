// A list's rows and its selected row, kept by id across live refreshes.

/// The rows of a selectable list and which one is selected. When the rows are read again
/// (this or another terminal committed), the row that was selected stays selected wherever it
/// moved; when it is gone, the selection stays at the same place, within the list.
package struct ListState<Row> {
    package private(set) var rows: [Row] = []
    package var selected = 0
    private let id: (Row) -> String

    /// `id`: what identifies a row across reads (its record's id).
    package init(id: @escaping (Row) -> String) {
        self.id = id
    }

    package var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Takes in the rows read again, keeping the selected row selected.
    package mutating func refresh(_ newRows: [Row]) {
        let wasSelected = selectedRow.map(id)
        rows = newRows
        selected = wasSelected.flatMap { was in newRows.firstIndex { id($0) == was } } ?? min(selected, max(0, newRows.count - 1))
    }

    /// Moves the selection by an up/down command; false when the command does not move it.
    package mutating func move(by command: Command?) -> Bool {
        guard let next = Selection.moved(selected, by: command, count: rows.count) else { return false }
        selected = next
        return true
    }

    /// Selects the row whose id is `rowID`, if it is there.
    package mutating func select(id rowID: String) {
        selected = rows.firstIndex { id($0) == rowID } ?? selected
    }
}
