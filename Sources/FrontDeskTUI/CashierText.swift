// How the cashier desk writes money and amounts typed at the counter.
import FrontDeskCore
import FrontDeskStore

enum CashierText {
    /// `KES 1,500.00` in the facility's currency.
    static func money(_ minor: Int64, _ context: ShellContext) -> String {
        "\(context.facility.currency) \(Money.format(minor, minorUnits: context.facility.currencyMinorUnits))"
    }

    /// An amount typed in a field (empty is nothing); the error names the field.
    static func amount(_ text: String, field: String, _ context: ShellContext) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return 0 }
        return try Money.parse(trimmed, minorUnits: context.facility.currencyMinorUnits, field: field)
    }

    /// `2,500.00` typed back into a field.
    static func plain(_ minor: Int64, _ context: ShellContext) -> String {
        Money.format(minor, minorUnits: context.facility.currencyMinorUnits)
    }
}
