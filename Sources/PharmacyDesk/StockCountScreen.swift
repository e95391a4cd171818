// A stock count: the sheet of every batch on hand as the ledger says now, the quantities counted typed in, the differences posted.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class StockCountScreen: Screen {
    package let title = "Stock count"
    package let keymap = Keymaps.stockCount
    private var sheet: CountSheet?
    /// Counted quantities as typed, by batch id.
    private var counted: [String: String] = [:]
    private var selected = 0
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) {
        do { sheet = try context.store.pharmacy.countSheet() } catch { message = (StoreError.sentence(for: error), true) }
    }

    package var hasUnsavedChanges: Bool { !counted.isEmpty }

    package func show(notice: String) { message = (notice, false) }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        command == Commands.postCount ? !counted.isEmpty : true
    }

    static let table = Table([Table.text(10), Table.text(24), Table.text(10), Table.text(11), Table.number(7), Table.number(8), Table.number(6)])

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        guard let sheet else {
            if let message { NoticeLines.draw(message.text, isError: true, into: &buffer, area: area, width: width) }
            return
        }
        buffer.put("Sheet of \(context.localDateTime(sheet.asOf)): type the count on the shelf; Enter: next line.",
                   row: row, column: 2, style: .muted, maxWidth: width)
        row += 2
        buffer.put(Self.table.line(["Code", "Item", "Batch", "Expiry", "Sheet", "Counted", "Diff"]), row: row, column: 2, style: .title,
                   maxWidth: width)
        row += 1
        if sheet.lines.isEmpty { buffer.put("Nothing is in stock to count.", row: row, column: 4, style: .muted) }
        let lines = Array(sheet.lines.enumerated())
        ListRows.draw(lines, selected: selected, top: row, room: area.upperBound - row - 3, width: width, into: &buffer) { index, line in
            let typed = counted[line.batch.batchID] ?? ""
            let diff = Int(typed).map { $0 - line.system }
            let text = Self.table.line([line.item.code, line.item.title, line.batch.batchNo, line.batch.expiry, "\(line.system)",
                                        typed + (index == selected ? "_" : ""), diff.map { $0 == 0 ? "0" : String(format: "%+d", $0) } ?? ""])
            return (text, diff.map { $0 != 0 } ?? false ? .warning : .normal)
        }
        let differences = sheet.lines.filter { line in Int(counted[line.batch.batchID] ?? "").map { $0 != line.system } ?? false }.count
        buffer.put("\(counted.count) of \(sheet.lines.count) counted, \(differences) difference(s). Ctrl-S posts them; p prints the sheet.",
                   row: area.upperBound - 2, column: 2, style: .muted, maxWidth: width)
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let sheet else { return .none }
        if let moved = Selection.moved(selected, by: command, count: sheet.lines.count) {
            selected = moved
            return .redraw
        }
        switch command {
        case Commands.printSheet:
            message = printSheet(sheet, context: context)
            return .redraw
        case Commands.postCount:
            return .push(postForm(sheet, context: context))
        default:
            break
        }
        guard sheet.lines.indices.contains(selected) else { return .none }
        let id = sheet.lines[selected].batch.batchID
        var text = counted[id] ?? ""
        switch key {
        case .character(let c) where c.isASCII && c.isNumber && text.count < 8: text.append(c)
        case .backspace: text = String(text.dropLast())
        default: return .none
        }
        counted[id] = text.isEmpty ? nil : text
        message = nil
        return .redraw
    }

    private func printSheet(_ sheet: CountSheet, context: ShellContext) -> (text: String, isError: Bool) {
        var lines = ["STOCK COUNT SHEET", "As of \(context.localDateTime(sheet.asOf))", ""]
        for line in sheet.lines {
            lines.append("\(line.item.code) \(line.item.title)")
            lines.append("  \(line.batch.batchNo) exp \(line.batch.expiry)  sheet \(line.system)  counted ______")
        }
        do {
            let outcome = try ReceiptPrinter.send(text: lines.joined(separator: "\n") + "\n", what: "the count sheet", name: "count-sheet",
                                                  toFile: false, context: context)
            return (outcome.text, outcome.isError)
        } catch {
            return (StoreError.sentence(for: error), true)
        }
    }

    private func postForm(_ sheet: CountSheet, context: ShellContext) -> any Screen {
        let approval = InChargeApproval(context: context)
        let fields = [FormField("Reason", maxLength: 150, hint: "e.g. monthly count")] + approval.fields
        return FormScreen(title: "Post count", intro: "Each batch counted whose count differs from the sheet gets an adjustment with this reason. What was dispensed since the sheet was taken is not a difference.",
                          fields: fields) { [weak self] values, context in
            guard let self, let actor = context.session?.actor else { return .pop }
            let numbers = self.counted.compactMapValues { Int($0) }
            let result = try context.store.pharmacy.postCount(asOf: sheet.asOf, counted: numbers, reason: values["reason"],
                                                              approval: try approval.approval(values, context: context), by: actor)
            self.counted = [:]
            return .done(popping: 2, notice: "Count posted: \(result.counted) batch(es) counted, \(result.adjusted) adjusted (net \(result.netUnits > 0 ? "+" : "")\(result.netUnits) units).")
        }
    }
}
