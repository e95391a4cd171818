// How the cashier desk writes money and amounts typed at the counter (the shell's formatters).
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package enum CashierText {
    /// `KES 1,500.00` in the facility's currency.
    package static func money(_ minor: Int64, _ context: ShellContext) -> String { context.money(minor) }

    /// An amount typed in a field (empty is nothing); the error names the field.
    package static func amount(_ text: String, field: String, _ context: ShellContext) throws -> Int64 {
        try context.amount(text, field: field)
    }

    /// `2,500.00` typed back into a field.
    package static func plain(_ minor: Int64, _ context: ShellContext) -> String { context.plainMoney(minor) }

    /// Parts joined by " · " on as many lines of `width` columns as keep every part whole: an amount is never cut.
    package static func lines(_ parts: [String], width: Int) -> [String] {
        var out: [String] = []
        for part in parts {
            if let last = out.last, TextWidth.of(last) + 3 + TextWidth.of(part) <= width {
                out[out.count - 1] = last + " · " + part
            } else {
                out.append(part)
            }
        }
        return out
    }
}
