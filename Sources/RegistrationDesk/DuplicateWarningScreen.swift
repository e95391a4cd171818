// "Possible duplicate of …": the registration is never blocked; the user opens the existing record or goes on.
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class DuplicateWarningScreen: Screen {
    package let title = "Possible duplicate"
    package let keymap = Keymaps.duplicates
    private let candidate: NewPatient
    private let duplicates: [PatientHit]
    private var selected = 0
    private var error: String?

    package init(candidate: NewPatient, duplicates: [PatientHit]) {
        self.candidate = candidate
        self.duplicates = duplicates
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        let name = "\(candidate.lastName), \(candidate.firstName)"
        buffer.put("\(name) may already be registered:", row: row, column: 2, style: .warning, maxWidth: buffer.width - 4)
        row += 2
        buffer.put(PatientText.header(), row: row, column: 2, style: .title, maxWidth: buffer.width - 4)
        row += 1
        let today = context.today
        for (index, hit) in duplicates.enumerated().prefix(area.upperBound - row - 4) {
            let style: Style = index == selected ? .selected : .normal
            buffer.fill(row: row, from: 2, count: buffer.width - 4, style: style)
            buffer.put(PatientText.line(hit, today: today), row: row, column: 2, style: style, maxWidth: buffer.width - 4)
            row += 1
        }
        row += 1
        let why: String
        switch duplicates[selected].matchedBy {
        case .nationalID: why = "same national ID"
        case .phone: why = "similar name and the same phone"
        default: why = "similar name and birth date"
        }
        buffer.put("Selected: \(why).", row: row, column: 2, style: .muted, maxWidth: buffer.width - 4)
        buffer.put("Enter: open the selected existing record.", row: row + 2, column: 2, maxWidth: buffer.width - 4)
        buffer.put("Ctrl-N: continue, registering \(name) as a new patient.", row: row + 3, column: 2, maxWidth: buffer.width - 4)
        buffer.put("Esc: back to the form.", row: row + 4, column: 2, maxWidth: buffer.width - 4)
        if let error { buffer.put(error, row: area.upperBound - 1, column: 2, style: .error, maxWidth: buffer.width - 4) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.openExisting.id:
            return .replace(popping: 2, with: PatientSummaryScreen(patientID: duplicates[selected].patientID, context: context))
        case Commands.continueAsNew.id:
            do {
                return .replace(popping: 2, with: try PatientForm.registerAndOpen(candidate, context: context))
            } catch {
                self.error = StoreError.sentence(for: error)
                return .redraw
            }
        default:
            guard let next = Selection.moved(selected, by: command, count: duplicates.count) else { return .none }
            selected = next
            return .redraw
        }
    }
}
