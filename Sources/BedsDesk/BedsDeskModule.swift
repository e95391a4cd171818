// The beds desk, declared once: the bed board, admit on a patient, the stay and its running bill on the summary.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The bed board, admissions, transfers, discharges, bed-day charges and the census: the nurses' desk.
public struct BedsDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .beds }

    public var keymaps: [Keymap] { [Keymaps.bedBoard, Keymaps.bed, Keymaps.waitingList, Keymaps.census] }

    public func firstScreen(context: ShellContext) -> any Screen { BedBoardScreen(context: context) }

    public var patientActions: [PatientAction] {
        [
            PatientAction(Binding(.character("w"), Commands.admit)) {
                .push(AdmitForm.make(patientID: $0.record.patient.patientID, bedID: nil, context: $0.context, popping: 1))
            },
        ]
    }

    public func patientSections() -> [any PatientSection] { [AdmissionSection()] }

    public func homeLines(store: FacilityStore) -> [(String, String)] {
        guard let board = try? store.beds.board(), !board.beds.isEmpty else { return [] }
        let occupied = board.beds.filter { $0.status == .occupied }.count
        let available = board.wards.reduce(0) { $0 + $1.available }
        let waiting = (try? store.beds.waitingForBed().count) ?? 0
        return [("Beds", "\(occupied) of \(available) occupied, \(board.beds.filter { $0.status == .free }.count) free"
            + (waiting > 0 ? ", \(waiting) waiting for a bed" : ""))]
    }

    /// Admissions (and a bed reserved for the record) follow the survivor (the store's merge step for beds).
    public var mergeMoves: [String] { ["admissions", "bed reservations"] }
}

/// The summary's line for a patient admitted now: where, since when, and the running bill.
final class AdmissionSection: PatientSection {
    private var current: CurrentAdmission?

    func reload(patientID: String, context: ShellContext) throws {
        current = try context.store.beds.currentAdmission(of: patientID)
    }

    func lines(context: ShellContext) -> [SummaryLine] {
        guard let current else { return [] }
        let place = current.bedName.map { "in \($0)" } ?? "waiting for a bed"
        var out = [SummaryLine("Admitted \(context.localDateTime(current.admission.admittedAt)), \(place): \(current.admission.reason)", style: .accent)]
        let bill = BedsText.bill(current.balance, context: context)
        out.append(SummaryLine(bill.text + (bill.warning ? " (deposit used up)" : ""), style: bill.warning ? .warning : .normal))
        return out
    }
}
