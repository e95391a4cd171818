// Moving a selection through a list (rows of results, fields of a form) by the commands that move it.

package enum Selection {
    /// The index after `command` (up/down, next/previous field) in a list of `count`, or nil
    /// when the command does not move a selection. Lists stop at their ends; forms wrap round.
    package static func moved(_ index: Int, by command: Command?, count: Int, wraps: Bool = false) -> Int? {
        guard count > 0, let id = command?.id else { return nil }
        let step: Int
        switch id {
        case Commands.moveUp.id, Commands.previousField.id: step = -1
        case Commands.moveDown.id, Commands.nextField.id: step = 1
        default: return nil
        }
        return wraps ? (index + step + count) % count : min(max(index + step, 0), count - 1)
    }
}
