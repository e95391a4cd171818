// The pharmacy desk, declared once: the counter, prescribing on a patient, their prescriptions on the summary, alerts on the home screen.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Prescriptions and dispensing (first expiry first), the stock ledger, alerts and reports: the pharmacists' desk.
public struct PharmacyDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .pharmacy }

    public var keymaps: [Keymap] {
        [Keymaps.pharmacy, Keymaps.dispense, Keymaps.lineEntry, Keymaps.items, Keymaps.stockCard, Keymaps.stockAlerts, Keymaps.stockCount,
         Keymaps.pharmacyReports]
    }

    public func firstScreen(context: ShellContext) -> any Screen { PharmacyScreen(context: context) }

    public var patientActions: [PatientAction] {
        [PatientAction(Binding(.character("x"), Commands.prescribe)) { input in
            PrescriptionEntry.start(patientID: input.record.patient.patientID, context: input.context, popping: 0)
        }]
    }

    public func patientSections() -> [any PatientSection] { [PrescriptionSection()] }

    /// The stock alerts, for pharmacists only (the role that acts on them).
    public func homeLines(store: FacilityStore, role: Role?) -> [(String, String)] {
        guard let role, PermissionTable.allows(role, .manageStock), let alerts = try? store.pharmacy.alerts() else { return [] }
        var lines: [(String, String)] = []
        if let open = try? store.pharmacy.openPrescriptions().count, open > 0 { lines.append(("Rx waiting", "\(open)")) }
        if !alerts.belowReorder.isEmpty { lines.append(("To reorder", "\(alerts.belowReorder.count) item(s)")) }
        if !alerts.expiringSoon.isEmpty { lines.append(("Expiring soon", "\(alerts.expiringSoon.count) batch(es)")) }
        if !alerts.expiredOnShelf.isEmpty { lines.append(("Expired stock", "\(alerts.expiredOnShelf.count) batch(es)")) }
        return lines
    }

    /// Prescriptions (with what was dispensed on them) follow the survivor (the store's merge step for the pharmacy).
    public var mergeMoves: [String] { ["prescriptions"] }
}

/// The summary's line for a patient with prescriptions still owed.
final class PrescriptionSection: PatientSection {
    private var open: [PrescriptionSummary] = []

    func reload(patientID: String, context: ShellContext) throws {
        open = try context.store.pharmacy.openPrescriptions(patientID: patientID)
    }

    func lines(context: ShellContext) -> [SummaryLine] {
        guard !open.isEmpty else { return [] }
        let numbers = open.map { "Rx \($0.prescription.number) (\($0.owedLines) line\($0.owedLines == 1 ? "" : "s"))" }
        return [SummaryLine("Prescriptions waiting at the pharmacy: " + numbers.joined(separator: ", "), style: .accent)]
    }
}
