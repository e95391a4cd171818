// How every desk writes money and times: one place, so no desk borrows another desk's text helpers.
import Foundation
import FrontDeskCore
import FrontDeskStore

extension ShellContext {
    /// `KES 1,500.00` in the facility's currency.
    public func money(_ minor: Int64) -> String {
        "\(facility.currency) \(Money.format(minor, minorUnits: facility.currencyMinorUnits))"
    }

    /// `2,500.00` typed back into a field.
    public func plainMoney(_ minor: Int64) -> String {
        Money.format(minor, minorUnits: facility.currencyMinorUnits)
    }

    /// An amount typed in a field (empty is nothing); the error names the field.
    public func amount(_ text: String, field: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return 0 }
        return try Money.parse(trimmed, minorUnits: facility.currencyMinorUnits, field: field)
    }

    /// `09:42` (facility time) for a stored instant; `?` when it cannot be read.
    public func localClock(_ timestamp: String) -> String {
        Timestamp.date(timestamp).map { LocalMoment.clock(LocalMoment($0, in: timeZone).minute) } ?? "?"
    }

    /// `24 Nov 2026 14:05` for an instant (`today 14:05` when it is today): when a stay began, until when a bed is held.
    public func localDateTime(_ timestamp: String) -> String {
        guard let date = Timestamp.date(timestamp) else { return "?" }
        let moment = LocalMoment(date, in: timeZone)
        let day = moment.day == today ? "today" : PatientText.day(moment.day.description)
        return "\(day) \(LocalMoment.clock(moment.minute))"
    }
}
