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

/// The summary's "Balance due" line: charges not yet invoiced and unpaid invoices, what the cashier will ask for.
final class BalanceSection: PatientSection {
    private var openCharges: (count: Int, amountMinor: Int64) = (0, 0)
    private var unpaid: (count: Int, amountMinor: Int64) = (0, 0)
    private var credit: Int64 = 0

    func reload(patientID: String, context: ShellContext) throws {
        openCharges = try context.store.openCharges(of: patientID)
        unpaid = try context.store.cashier.unpaidInvoices(of: patientID)
        credit = try context.store.cashier.accountCredit(of: patientID)
    }

    func lines(context: ShellContext) -> [SummaryLine] {
        var parts: [String] = []
        if openCharges.count > 0 { parts.append("\(openCharges.count) open charge\(openCharges.count == 1 ? "" : "s")") }
        if unpaid.count > 0 { parts.append("\(unpaid.count) unpaid invoice\(unpaid.count == 1 ? "" : "s")") }
        let onAccount = credit > 0 ? " · on account \(context.money(credit))" : ""
        if parts.isEmpty { return [SummaryLine("Balance due: none" + onAccount, style: .muted)] }
        let owed = context.money(openCharges.amountMinor + unpaid.amountMinor)
        return [SummaryLine("Balance due: \(owed) (\(parts.joined(separator: ", ")), for the cashier)" + onAccount, style: .warning)]
    }
}
