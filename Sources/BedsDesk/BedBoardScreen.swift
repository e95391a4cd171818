// The beds desk's first screen: every bed of one ward or all wards as a cell, live, with counts per status.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// The bed board. Tab goes through all wards and each ward; `t` and `g` narrow it to a bed type or a tag;
/// the arrows move between beds and Enter opens one. Other terminals' changes arrive through `reload`.
package final class BedBoardScreen: Screen {
    package let title = "Bed board"
    package let keymap = Keymaps.bedBoard

    private var wards: [Ward] = []
    /// 0: all wards; else `wards[viewIndex - 1]`.
    private var viewIndex = 0
    private var types: [BedType] = []
    private var typeFilter: Int?
    private var tagFilter: Int?
    private var board = BedBoard.empty
    /// The beds shown (the filters applied), by ward and label.
    private var beds: [BoardBed] = []
    private var selectedID: String?
    private var message: (text: String, isError: Bool)?
    /// Where each shown bed stands: its line of cells and its column.
    private var layout: [(line: Int, column: Int)] = []

    package init(context: ShellContext) {
        wards = ((try? context.store.beds.wards()) ?? []).filter(\.active)
        types = ((try? context.store.beds.bedTypes()) ?? []).filter(\.active)
        reload(context: context)
    }

    private var ward: Ward? { viewIndex == 0 ? nil : wards[viewIndex - 1] }
    private var selected: Int? { beds.firstIndex { $0.bedID == selectedID } }
    package var selectedBed: BoardBed? { selected.map { beds[$0] } }

    package func reload(context: ShellContext) {
        do {
            board = try context.store.beds.board(wardID: ward?.wardID)
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        let type = typeFilter.map { types[$0].code }
        let tag = tagFilter.map { BedTag.allCases[$0] }
        beds = board.beds.filter { bed in
            (type.map { bed.typeCode == $0 } ?? true) && (tag.map { bed.tags.contains($0) } ?? true)
        }
        if selected == nil { selectedID = beds.first?.bedID }
    }

    package func show(notice: String) { message = (notice, false) }

    // MARK: Drawing

    private func heading() -> String {
        var text = ward.map { "Ward \($0.code) \($0.name)" } ?? "All wards"
        if let typeFilter { text += " · \(types[typeFilter].name) beds" }
        if let tagFilter { text += " · \(BedTag.allCases[tagFilter].rawValue)" }
        return text
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put(heading(), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if let ward = board.wards.first, self.ward != nil {
            buffer.put(BedsText.counts(ward), row: row, column: 2, style: .muted, maxWidth: width)
        } else {
            let total = board.wards.reduce(into: [BedStatus: Int]()) { sum, ward in for (k, v) in ward.counts { sum[k, default: 0] += v } }
            let all = WardCounts(wardID: "", wardCode: "", wardName: "", counts: total)
            buffer.put(BedsText.counts(all), row: row, column: 2, style: .muted, maxWidth: width)
        }
        row += 1
        buffer.put(BedsText.legend, row: row, column: 2, style: .muted, maxWidth: width)
        row += 1
        let bottom = area.upperBound - (message == nil ? 0 : 2)
        if beds.isEmpty {
            let text = board.beds.isEmpty
                ? (wards.isEmpty ? "No wards yet. An administrator adds them with `frontdesk wards add`, then beds with `frontdesk beds add`."
                   : "No beds in this ward yet.")
                : "No bed matches the filter. t and g change it."
            _ = NoticeLines.draw(text, style: .muted, into: &buffer, row: row + 1, width: width)
        } else {
            drawGrid(into: &buffer, top: row, bottom: bottom, width: width, context: context)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    /// The lines of the grid: a ward's heading (all wards) or a row of cells (two screen rows).
    private enum Line { case ward(WardCounts), cells([Int]) }

    private func lines(perRow: Int) -> [Line] {
        var out: [Line] = []
        var index = 0
        layout = Array(repeating: (0, 0), count: beds.count)
        while index < beds.count {
            let wardID = beds[index].wardID
            if ward == nil, let counts = board.wards.first(where: { $0.wardID == wardID }) { out.append(.ward(counts)) }
            var row: [Int] = []
            while index < beds.count, beds[index].wardID == wardID {
                layout[index] = (out.count, row.count)
                row.append(index)
                index += 1
                if row.count == perRow || index == beds.count || beds[index].wardID != wardID {
                    out.append(.cells(row))
                    row = []
                }
            }
        }
        return out
    }

    private var labelWidth: Int { beds.map { TextWidth.of($0.label) }.max() ?? 4 }

    private func perRow(width: Int) -> Int { max(1, (width + 1) / (BedsText.cellWidth(labelWidth: labelWidth) + 1)) }

    private func drawGrid(into buffer: inout ScreenBuffer, top: Int, bottom: Int, width: Int, context: ShellContext) {
        let cellWidth = BedsText.cellWidth(labelWidth: labelWidth)
        let all = lines(perRow: perRow(width: width))
        let heights = all.map { if case .cells = $0 { return 2 } else { return 1 } }
        // Scrolled so that the selected bed's line shows; when the board is taller than the room, a row
        // above and one below say whether more is hidden there.
        let room = bottom - top
        let scrolling = heights.reduce(0, +) > room
        let usable = scrolling ? room - 2 : room
        let selectedLine = selected.map { layout[$0].line } ?? 0
        var first = 0
        while first < selectedLine, heights[first...selectedLine].reduce(0, +) > usable { first += 1 }
        var row = top
        if scrolling {
            if first > 0 { buffer.put("↑ more", row: row, column: 2 + width - 6, style: .muted) }
            row += 1
        }
        let end = row + usable
        let today = context.today, zone = context.timeZone
        var last = first - 1
        for (lineIndex, line) in all.enumerated().dropFirst(first) {
            let height = heights[lineIndex]
            guard row + height <= end else { break }
            last = lineIndex
            switch line {
            case .ward(let counts):
                buffer.put("\(counts.wardCode) \(counts.wardName): \(counts.counts[.occupied, default: 0])/\(counts.available) occupied, "
                    + "\(counts.counts[.free, default: 0]) free (\(counts.occupancyPercent) %)",
                           row: row, column: 2, style: .title, maxWidth: width)
            case .cells(let indices):
                for (position, index) in indices.enumerated() {
                    let bed = beds[index]
                    let (upper, lower) = BedsText.cell(bed, labelWidth: labelWidth, today: today, zone: zone)
                    let column = 2 + position * (cellWidth + 1)
                    let style: Style = bed.bedID == selectedID ? .selected : BedsText.style(bed.status)
                    buffer.fill(row: row, from: column, count: cellWidth, style: style)
                    buffer.fill(row: row + 1, from: column, count: cellWidth, style: style)
                    buffer.put(upper, row: row, column: column, style: style, maxWidth: cellWidth)
                    buffer.put(lower, row: row + 1, column: column, style: style, maxWidth: cellWidth)
                }
            }
            row += height
        }
        if scrolling, last < all.count - 1 { buffer.put("↓ more", row: end, column: 2 + width - 6, style: .muted) }
    }

    // MARK: Keys

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        switch command.id {
        case Commands.admitHere.id: return selectedBed.map { $0.status == .free || $0.status == .reserved } ?? false
        case Commands.markClean.id: return selectedBed?.status == .cleaning
        case Commands.open.id: return selectedBed != nil
        default: return true
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        message = nil
        switch command.id {
        case Commands.moveLeft.id, Commands.moveRight.id, Commands.moveUp.id, Commands.moveDown.id:
            move(command.id)
        case Commands.nextWard.id, Commands.previousWard.id:
            let count = wards.count + 1
            viewIndex = (viewIndex + (command.id == Commands.nextWard.id ? 1 : count - 1)) % count
            selectedID = nil
            reload(context: context)
        case Commands.filterType.id:
            typeFilter = types.isEmpty ? nil : typeFilter.map { $0 + 1 < types.count ? $0 + 1 : nil } ?? 0
            reload(context: context)
        case Commands.filterTag.id:
            tagFilter = tagFilter.map { $0 + 1 < BedTag.allCases.count ? $0 + 1 : nil } ?? 0
            reload(context: context)
        case Commands.open.id:
            guard let bed = selectedBed else { return .none }
            return .push(BedScreen(bedID: bed.bedID, context: context))
        case Commands.admit.id:
            return .push(PatientLookupScreen(context: context, title: "Admit: find the patient") { patientID, context in
                .push(AdmitForm.make(patientID: patientID, bedID: nil, context: context, popping: 2))
            })
        case Commands.admitHere.id:
            guard let bed = selectedBed else { return .none }
            return AdmitForm.lookupThenAdmit(into: bed, context: context)
        case Commands.markClean.id:
            guard let bed = selectedBed, let actor = context.session?.actor else { return .none }
            do {
                try context.store.beds.markClean(bedID: bed.bedID, by: actor)
                message = ("\(bed.wardCode) \(bed.label) is clean and free.", false)
            } catch {
                message = (StoreError.sentence(for: error), true)
            }
            reload(context: context)
        case Commands.waitingList.id:
            return .push(WaitingListScreen(context: context))
        case Commands.census.id:
            return .push(CensusDayReport.screen(context: context))
        default:
            return .none
        }
        return .redraw
    }

    /// Moves the selection in the grid: left and right along the beds, up and down to the nearest cell
    /// of the line of cells above or below (across wards on the all-wards board).
    private func move(_ id: String) {
        guard let current = selected, !layout.isEmpty else { return }
        switch id {
        case Commands.moveLeft.id: selectedID = beds[max(0, current - 1)].bedID
        case Commands.moveRight.id: selectedID = beds[min(beds.count - 1, current + 1)].bedID
        default:
            let (line, column) = layout[current]
            let lines = Set(layout.map(\.line)).sorted()
            guard let at = lines.firstIndex(of: line) else { return }
            let target = id == Commands.moveUp.id ? at - 1 : at + 1
            guard lines.indices.contains(target) else { return }
            let candidates = layout.indices.filter { layout[$0].line == lines[target] }
            if let best = candidates.min(by: { abs(layout[$0].column - column) < abs(layout[$1].column - column) }) {
                selectedID = beds[best].bedID
            }
        }
    }
}
