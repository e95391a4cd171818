// The beds desk's words and cells: a bed in nine columns, the legend, who is in it, the running bill.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package enum BedsText {
    /// A cell's width on the board for labels of up to `labelWidth` columns (4 unless longer ones are
    /// shown: a label is never cut): the label, a space, the status letter, the days. Cells stand one column apart.
    package static func cellWidth(labelWidth: Int) -> Int { max(4, labelWidth) + 5 }

    /// The two lines of a bed's cell: `A3   O 4d` and `Okafor A` (or `free`, `cleaning`, the block's reason).
    package static func cell(_ bed: BoardBed, labelWidth: Int = 4, today: CalendarDay, zone: TimeZone) -> (String, String) {
        let days: String
        if bed.status == .occupied, let since = bed.since, let date = Timestamp.date(since) {
            let count = today.dayNumber - LocalMoment(date, in: zone).day.dayNumber
            days = count > 99 ? "99+" : "\(count)d"
        } else {
            days = ""
        }
        let width = max(4, labelWidth)
        let first = bed.label + String(repeating: " ", count: max(1, width + 1 - TextWidth.of(bed.label))) + String(bed.status.letter)
            + String(repeating: " ", count: 3 - days.count) + days
        let second: String
        switch bed.status {
        case .occupied, .reserved: second = shortName(bed.patientName ?? "?")
        case .free: second = "free"
        case .cleaning: second = "cleaning"
        case .blocked: second = bed.reason ?? "blocked"
        }
        return (first, TextWidth.truncate(second, to: cellWidth(labelWidth: width)))
    }

    /// `Okafor, Amina` → `Okafor A`: the surname a ward calls a patient by, and an initial.
    package static func shortName(_ displayName: String) -> String {
        let parts = displayName.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let initial = parts[1].first else { return displayName }
        return "\(parts[0]) \(initial)"
    }

    /// The style a status is drawn in; the letter says the same without colour.
    package static func style(_ status: BedStatus) -> Style {
        switch status {
        case .free: return .accent
        case .reserved: return .title
        case .occupied: return .normal
        case .cleaning: return .warning
        case .blocked: return .muted
        }
    }

    package static let legend = "F free  R reserved  O occupied  C cleaning  B blocked · days in bed"

    /// `12 free · 1 reserved · 14 occupied · 1 cleaning · 0 blocked · 52 % full` (of the beds in use).
    package static func counts(_ ward: WardCounts) -> String {
        BedStatus.allCases.map { "\(ward.counts[$0, default: 0]) \($0.rawValue)" }.joined(separator: " · ")
            + " · \(ward.occupancyPercent) % full"
    }

    /// `A A3 General (oxygen)` as forms offer a bed.
    package static func bedChoice(_ bed: BoardBed) -> String {
        "\(bed.wardCode) \(bed.label)  \(bed.typeName)" + (bed.tags.isEmpty ? "" : " (\(bed.tags.map(\.rawValue).joined(separator: ", ")))")
    }

    /// The running bill in one line: `Bill KES 6,000.00 · deposit KES 10,000.00 · deposit left KES 4,000.00`.
    package static func bill(_ balance: EncounterBalance, context: ShellContext) -> (text: String, warning: Bool) {
        var text = "Bill \(context.money(balance.owedMinor)) · deposit \(context.money(balance.depositMinor))"
        if balance.dueMinor > 0 {
            text += " · due \(context.money(balance.dueMinor))"
        } else {
            text += " · deposit left \(context.money(balance.depositLeftMinor))"
        }
        return (text, balance.dueMinor > 0 && balance.depositMinor > 0)
    }
}
