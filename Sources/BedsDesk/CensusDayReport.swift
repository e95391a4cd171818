// The midnight census of a day per ward, on screen: ←/→ change the day; yesterday first (the last day complete).
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class CensusDayReport: DayReport {
    private var census: CensusReport?

    package static func screen(context: ShellContext) -> DayReportScreen {
        DayReportScreen(title: "Census", keymap: Keymaps.census, report: CensusDayReport(), context: context, day: context.today.adding(days: -1))
    }

    package func load(day: CalendarDay, context: ShellContext) throws {
        census = try context.store.beds.census(from: day, to: day)
    }

    package static let table = Table([Table.text(7), Table.number(7), Table.number(5), Table.number(6), Table.number(5),
                                      Table.number(5), Table.number(6), Table.number(8), Table.number(7), Table.number(8)])

    package static func row(_ cells: String...) -> String { table.line(cells) }

    package func draw(day: CalendarDay, failure: String?, into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound
        let width = buffer.width - 4
        buffer.put("\(day.weekdayName) \(day)" + (day == context.today ? " (today, so far)" : ""), row: row, column: 2, style: .title)
        buffer.put("In bed at the midnight ending the day; Occ % = patient-days ÷ beds. ←/→: day.",
                   row: row + 1, column: 2, style: .muted, maxWidth: width)
        row += 3
        buffer.put(Self.row("Ward", "In bed", "Adm", "Disch", "Died", "T-in", "T-out", "Beds", "Occ %", "Pt-days"),
                   row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if let failure { row = NoticeLines.draw(failure, style: .error, into: &buffer, row: row, width: width) }
        guard let census else { return }
        for ward in census.wards + [census.total] where row < area.upperBound - 1 {
            let total = ward.wardCode == census.total.wardCode
            let occupancy = ward.occupancyTenths.map { "\($0 / 10).\($0 % 10)" } ?? "-"
            buffer.put(Self.row(ward.wardCode, "\(ward.inBedAtEnd)", "\(ward.admissions)", "\(ward.discharges)", "\(ward.deaths)",
                                total ? "-" : "\(ward.transfersIn)", total ? "-" : "\(ward.transfersOut)",
                                "\(ward.availableBedDays / census.days)", occupancy, "\(ward.inpatientDays)"),
                       row: row, column: 2, style: total ? .title : .normal, maxWidth: width)
            row += 1
        }
    }
}
