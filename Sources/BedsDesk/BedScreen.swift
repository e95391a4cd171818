// One bed: who is in it since when, the running bill and deposit left, and what a nurse can do with it.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// A bed's screen. Its keys are only those the bed's status allows (a free bed offers admit, reserve and
/// block; an occupied one transfer, swap and discharge), so the footer and F1 say what can be done now.
package final class BedScreen: Screen {
    package let title = "Bed"
    package let keymap = Keymaps.bed
    private let bedID: String
    private var detail: BedDetail?
    private var message: (text: String, isError: Bool)?

    package init(bedID: String, context: ShellContext) {
        self.bedID = bedID
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            detail = try context.store.beds.bedDetail(bedID)
        } catch {
            detail = nil
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        guard let detail else {
            if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
            return
        }
        let bed = detail.bed
        buffer.put("\(bed.wardCode) \(bed.label)", row: row, column: 2, style: .title)
        buffer.put("\(bed.status.letter) \(bed.status.title)", row: row, column: 2 + TextWidth.of("\(bed.wardCode) \(bed.label)") + 2,
                   style: BedsText.style(bed.status))
        row += 1
        buffer.put("\(bed.typeName) bed" + (bed.tags.isEmpty ? "" : " · " + bed.tags.map(\.rawValue).joined(separator: ", ")),
                   row: row, column: 2, style: .muted, maxWidth: width)
        row += 2
        func line(_ label: String, _ value: String, style: Style = .normal) {
            guard row < area.upperBound - 2 else { return }
            buffer.put(label, row: row, column: 2, style: .muted)
            buffer.put(value, row: row, column: 18, style: style, maxWidth: width - 16)
            row += 1
        }
        switch bed.status {
        case .occupied:
            if let name = bed.patientName { line("Patient", name + (bed.mrn.map { " (\($0))" } ?? "")) }
            if let admission = detail.admission {
                line("Admitted", "\(context.localDateTime(admission.admittedAt))" + (admission.expectedDays.map { ", expected \($0) day(s)" } ?? ""))
                line("Reason", admission.reason)
                if let diagnosis = admission.diagnosis { line("Diagnosis", diagnosis) }
                if let doctor = detail.doctorName { line("Doctor", doctor) }
                if admission.clearance == .cashier { line("Cleared", "by the cashier for discharge: \(admission.clearanceReason ?? "")") }
            }
            if let balance = detail.balance {
                let bill = BedsText.bill(balance, context: context)
                row += 1
                line("Bill", String(bill.text.dropFirst(5)), style: bill.warning ? .warning : .normal)
                if bill.warning { line("", "The deposit is used up: ask the patient's family to see the cashier.", style: .warning) }
            }
        case .reserved:
            if let name = bed.patientName { line("Reserved for", name + (bed.mrn.map { " (\($0))" } ?? "")) }
            if let until = bed.reservedUntil { line("Until", context.localDateTime(until)) }
        case .blocked:
            line("Blocked", bed.reason ?? "")
        case .cleaning:
            line("", "The patient has left; l marks it clean and free.")
        case .free:
            line("", "Free: i admits a patient into it.")
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        guard let status = detail?.bed.status else { return false }
        switch command.id {
        case Commands.admitHere.id: return status == .free || status == .reserved
        case Commands.transfer.id, Commands.swapBeds.id, Commands.discharge.id: return status == .occupied
        case Commands.markClean.id: return status == .cleaning
        case Commands.reserveBed.id, Commands.blockBed.id: return status == .free
        case Commands.cancelReservation.id: return status == .reserved
        case Commands.unblockBed.id: return status == .blocked
        case Commands.openPatient.id: return detail?.bed.patientID != nil
        default: return true
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command, let detail, let actor = context.session?.actor else { return .none }
        message = nil
        let bed = detail.bed, store = context.store
        let name = "\(bed.wardCode) \(bed.label)"
        do {
            switch command.id {
            case Commands.admitHere.id:
                return AdmitForm.lookupThenAdmit(into: bed, context: context)
            case Commands.transfer.id:
                guard let admission = detail.admission else { return .none }
                return .push(MoveForm.make(admissionID: admission.admissionID, who: bed.patientName ?? "", from: name, context: context))
            case Commands.swapBeds.id:
                guard let admission = detail.admission else { return .none }
                return .push(SwapForm.make(admission: admission, bed: bed, context: context))
            case Commands.discharge.id:
                guard let admission = detail.admission else { return .none }
                return .push(DischargeForm.make(admission: admission, bed: bed, context: context))
            case Commands.markClean.id:
                try store.beds.markClean(bedID: bedID, by: actor)
                message = ("\(name) is clean and free.", false)
            case Commands.reserveBed.id:
                return .push(PatientLookupScreen(context: context, title: "Reserve \(name): find the patient") { patientID, context in
                    .push(ReserveForm.make(bed: bed, patientID: patientID, context: context))
                })
            case Commands.cancelReservation.id:
                try store.beds.cancelReservation(bedID: bedID, by: actor)
                message = ("\(name) is no longer reserved.", false)
            case Commands.blockBed.id:
                return .push(ReasonForm.make(title: "Block \(name)", intro: "Take \(name) out of use.", hint: "e.g. broken rail, infection control") {
                    reason, actor in
                    try store.beds.block(bedID: self.bedID, reason: reason, by: actor)
                    return "\(name) is blocked: \(reason)."
                })
            case Commands.unblockBed.id:
                try store.beds.unblock(bedID: bedID, by: actor)
                message = ("\(name) is back in use and free.", false)
            case Commands.openPatient.id:
                guard let patientID = bed.patientID else { return .none }
                return .push(PatientSummaryScreen(patientID: patientID, context: context))
            default:
                return .none
            }
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        reload(context: context)
        return .redraw
    }
}
