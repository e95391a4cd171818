// How the cashier desk writes money and amounts typed at the counter (the shell's formatters).
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum CashierText {
    /// `KES 1,500.00` in the facility's currency.
    package static func money(_ minor: Int64, _ context: ShellContext) -> String { context.money(minor) }

    /// An amount typed in a field (empty is nothing); the error names the field.
    package static func amount(_ text: String, field: String, _ context: ShellContext) throws -> Int64 {
        try context.amount(text, field: field)
    }

    /// `2,500.00` typed back into a field.
    package static func plain(_ minor: Int64, _ context: ShellContext) -> String { context.plainMoney(minor) }
}
