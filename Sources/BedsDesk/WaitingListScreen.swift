// Patients admitted and waiting for a bed, longest first; Enter gives the selected one a free bed.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class WaitingListScreen: Screen {
    package let title = "Waiting for a bed"
    package let keymap = Keymaps.waitingList
    private var list = ListState<WaitingAdmission> { $0.admission.admissionID }
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) { reload(context: context) }

    package func reload(context: ShellContext) {
        do { list.refresh(try context.store.beds.waitingForBed()) } catch { message = (StoreError.sentence(for: error), true) }
    }

    package func show(notice: String) { message = (notice, false) }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command == Commands.giveBed || command == Commands.openPatient ? list.selectedRow != nil : true
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put("\(list.rows.count) admitted and waiting for a bed", row: row, column: 2, style: .title, maxWidth: width)
        row += 2
        buffer.put("Patient                 MRN         Admitted          Reason", row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if list.rows.isEmpty { buffer.put("Nobody is waiting for a bed.", row: row, column: 4, style: .muted, maxWidth: width - 2) }
        ListRows.draw(list.rows, selected: list.selected, top: row, room: area.upperBound - row - 2, width: width, into: &buffer) { item in
            let name = TextWidth.shortened(item.patientName, to: 23)
            let admitted = context.localDateTime(item.admission.admittedAt)
            return (name + String(repeating: " ", count: 24 - TextWidth.of(name)) + item.mrn.padding(toLength: 12, withPad: " ", startingAt: 0)
                + admitted.padding(toLength: 18, withPad: " ", startingAt: 0) + item.admission.reason, .normal)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        message = nil
        if list.move(by: command) { return .redraw }
        guard let item = list.selectedRow else { return .none }
        switch command.id {
        case Commands.giveBed.id:
            return .push(MoveForm.make(admissionID: item.admission.admissionID, who: item.patientName, from: nil, context: context))
        case Commands.openPatient.id:
            return .push(PatientSummaryScreen(patientID: item.admission.patientID, context: context))
        default:
            return .none
        }
    }
}
