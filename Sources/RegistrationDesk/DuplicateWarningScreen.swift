// "Possible duplicate of …": a registration or an edit is never blocked; the user opens the existing record or goes on.
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The likely duplicates of what a form is about to save (a new patient, or an edit that gives
/// a patient another's national ID or phone). Enter opens the selected existing record; the
/// form's own key goes on (registers the new patient, or saves the edit).
package final class DuplicateWarningScreen: Screen {
    package let title = "Possible duplicate"
    package let keymap: Keymap
    private let heading: String
    private let goOnLine: String
    private let goOn: (ShellContext) throws -> Reaction
    private let duplicates: [PatientHit]
    private var selected = 0
    private var error: String?

    /// Before registering `candidate`: Ctrl-N registers the new patient anyway.
    package convenience init(candidate: NewPatient, duplicates: [PatientHit]) {
        let name = "\(candidate.lastName), \(candidate.firstName)"
        self.init(heading: "\(name) may already be registered:", keymap: Keymaps.duplicates,
                  goOnLine: "Ctrl-N: continue, registering \(name) as a new patient.", duplicates: duplicates) { context in
            .replace(popping: 2, with: try PatientForm.registerAndOpen(candidate, context: context))
        }
    }

    /// `goOn` runs on the keymap's going-on command; its reaction pops this screen and the form.
    package init(heading: String, keymap: Keymap, goOnLine: String, duplicates: [PatientHit],
                 goOn: @escaping (ShellContext) throws -> Reaction) {
        self.heading = heading
        self.keymap = keymap
        self.goOnLine = goOnLine
        self.duplicates = duplicates
        self.goOn = goOn
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        row = NoticeLines.draw(heading, style: .warning, into: &buffer, row: row, width: buffer.width - 4) + 1
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
        buffer.put(goOnLine, row: row + 3, column: 2, maxWidth: buffer.width - 4)
        buffer.put("Esc: back to the form.", row: row + 4, column: 2, maxWidth: buffer.width - 4)
        if let error { buffer.put(error, row: area.upperBound - 1, column: 2, style: .error, maxWidth: buffer.width - 4) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.openExisting.id:
            return .replace(popping: 2, with: PatientSummaryScreen(patientID: duplicates[selected].patientID, context: context))
        case Commands.continueAsNew.id, Commands.saveEditAnyway.id:
            do {
                return try goOn(context)
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
