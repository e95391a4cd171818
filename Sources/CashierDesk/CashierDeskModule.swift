// The cashier desk, declared once: its desk screen, keymaps, and the balance line on a patient's summary.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Shifts, patient accounts, invoices, payments, receipts, Z-reports and the day's collections.
public struct CashierDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .cashier }

    public var keymaps: [Keymap] {
        [Keymaps.cashierDesk, Keymaps.account, Keymaps.invoice, Keymaps.receipt, Keymaps.zReport, Keymaps.collections]
    }

    public func firstScreen(context: ShellContext) -> any Screen { CashierDeskScreen(context: context) }

    public func patientSections() -> [any PatientSection] { [BalanceSection()] }

    /// Open charges, unpaid invoices and deposits follow the survivor (the store's merge step for the cashier).
    public var mergeMoves: [String] { ["open charges", "unpaid invoices", "money on account"] }
}

/// The summary's "Balance due" line: the patient's share of charges not yet invoiced and of unpaid invoices,
/// what the cashier will ask for; an insurer's share of the open charges is named apart, never added to it.
final class BalanceSection: PatientSection {
    private var openCharges: OpenChargesSplit?
    private var unpaid: (count: Int, amountMinor: Int64) = (0, 0)
    private var credit: Int64 = 0

    func reload(patientID: String, context: ShellContext) throws {
        openCharges = try context.store.cashier.openChargesSplit(of: patientID)
        unpaid = try context.store.cashier.unpaidInvoices(of: patientID)
        credit = try context.store.cashier.accountCredit(of: patientID)
    }

    func lines(context: ShellContext) -> [SummaryLine] {
        var parts: [String] = []
        let openCount = openCharges?.count ?? 0
        if openCount > 0 { parts.append("\(openCount) open charge\(openCount == 1 ? "" : "s")") }
        if unpaid.count > 0 { parts.append("\(unpaid.count) unpaid invoice\(unpaid.count == 1 ? "" : "s")") }
        let onAccount = credit > 0 ? "On account \(context.money(credit))" : nil
        if parts.isEmpty { return [SummaryLine("Balance due: none" + (onAccount.map { " · " + $0 } ?? ""), style: .muted)] }
        let owed = context.money((openCharges?.patientMinor ?? 0) + unpaid.amountMinor)
        var lines = [SummaryLine("Balance due: \(owed) (\(parts.joined(separator: ", ")), for the cashier)", style: .warning)]
        // The second line carries what would not fit whole beside the amount: the insurer's share, money on account.
        var more: [String] = []
        if let split = openCharges, split.payerMinor > 0 {
            more.append("\(split.payer ?? "The insurer") pays \(context.money(split.payerMinor)) of the open charges")
        }
        if let onAccount { more.append(onAccount) }
        if !more.isEmpty { lines.append(SummaryLine(more.joined(separator: " · "), style: .muted)) }
        return lines
    }
}
