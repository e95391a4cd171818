// The beds desk, declared once: the bed board, admit on a patient, the stay and its running bill on the summary.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import Synchronization
import TerminalKit

/// The bed board, admissions, transfers, discharges, bed-day charges and the census: the nurses' desk.
public struct BedsDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .beds }

    public var keymaps: [Keymap] { [Keymaps.bedBoard, Keymaps.bed, Keymaps.waitingList, Keymaps.census, Keymaps.wardSetup] }

    /// Administrators set up wards and beds from the home screen (`w`), as they keep the fee schedule (F11).
    public var setUpScreens: [SetUpScreen] {
        [SetUpScreen(Binding(.character("w"), Commands.wardSetup)) { WardSetupScreen(context: $0) }]
    }

    public func firstScreen(context: ShellContext) -> any Screen { BedBoardScreen(context: context) }

    public var patientActions: [PatientAction] {
        [
            PatientAction(Binding(.character("w"), Commands.admit), available: { !Self.isAdmitted($0) }) {
                .push(AdmitForm.make(patientID: $0.record.patient.patientID, bedID: nil, context: $0.context, popping: 1))
            },
            PatientAction(Binding(.character("o"), Commands.clearForDischarge, inFooter: false), available: Self.isAdmitted,
                          run: Self.clearForDischarge),
        ]
    }

    static func isAdmitted(_ input: PatientActionInput) -> Bool {
        (try? input.context.store.beds.isAdmitted(input.record.patient.patientID)) ?? false
    }

    /// The cashier's clearance of an admitted patient's account, with a reason.
    static func clearForDischarge(_ input: PatientActionInput) -> Reaction {
        let patientID = input.record.patient.patientID
        guard let current = try? input.context.store.beds.currentAdmission(of: patientID) else {
            input.notify("\(input.record.displayName) is not admitted: there is no stay to clear for discharge.", true)
            return .redraw
        }
        let owed = input.context.money(current.balance.dueMinor)
        return .push(ReasonForm.make(
            title: "Clear for discharge", intro: "\(input.record.displayName) owes \(owed) after the deposit. Clearing lets the nurse discharge without a supervisor.",
            hint: "e.g. insurer's guarantee letter") { reason, actor in
            try input.context.store.beds.clearForDischarge(admissionID: current.admission.admissionID, reason: reason, by: actor)
            return "\(input.record.displayName)'s account is cleared for discharge."
        })
    }

    public func patientSections() -> [any PatientSection] { [AdmissionSection()] }

    /// Occupied of the beds in use, and who waits for a bed: short, for the home screen's narrow column.
    public func homeLines(store: FacilityStore, role: Role?) -> [(String, String)] {
        guard let board = try? store.beds.board(), !board.beds.isEmpty else { return [] }
        let occupied = board.beds.filter { $0.status == .occupied }.count
        let available = board.wards.reduce(0) { $0 + $1.available }
        let percent = available == 0 ? 0 : (occupied * 100 + available / 2) / available
        var lines = [("Beds occupied", "\(occupied)/\(available) (\(percent) %)")]
        if let waiting = try? store.beds.waitingForBed().count, waiting > 0 { lines.append(("Waiting for bed", "\(waiting)")) }
        return lines
    }

    /// Posts the bed-days due once a charge instant's grace has passed (and once when the terminal starts):
    /// what `frontdesk beds accrue` does by hand. Idempotent, so every terminal may do it.
    public func minutePassed(context: ShellContext) {
        guard let rule = try? context.store.beds.bedDayRule() else { return }
        let now = context.clock.now()
        let due = rule.instant(of: LocalMoment(now, in: rule.timeZone).day).addingTimeInterval(TimeInterval(rule.graceMinutes * 60))
        let last = BedDayAccrual.lastRun.withLock { $0 }
        guard now >= due, last.map({ $0 < due }) ?? true else { return }
        if (try? context.store.beds.accrueBedDays()) != nil { BedDayAccrual.lastRun.withLock { $0 = now } }
    }

    /// Admissions (and a bed reserved for the record) follow the survivor (the store's merge step for beds).
    public var mergeMoves: [String] { ["admissions", "bed reservations"] }
}

/// When this process last posted bed-days on its own.
enum BedDayAccrual {
    static let lastRun = Mutex<Date?>(nil)
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
