// The fee schedule for administrators: every rate by code and date; a new rate from a day on.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

package final class FeeScheduleScreen: Screen {
    package let title = "Fee schedule"
    package let keymap = Keymaps.fees
    /// Every rate; the selected one stays selected when a rate is added above it.
    private var list = ListState<Fee> { $0.feeID }
    private var fees: [Fee] { list.rows }
    private var selected: Int {
        get { list.selected }
        set { list.selected = newValue }
    }
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) {
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do { list.refresh(try context.store.fees()) } catch { message = (StoreError.sentence(for: error), true) }
    }

    package func show(notice: String) { message = (notice, false) }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        let today = context.today.description
        let table = Table([Table.text(16), Table.text(26), Table.text(14)])
        buffer.put(table.line(["Code", "Name", "Amount", "In force"]), row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        if fees.isEmpty { buffer.put("The schedule is empty. n sets the first rate.", row: row, column: 4, style: .muted) }
        let room = area.upperBound - row - 2
        ListRows.draw(fees, selected: selected, top: row, room: room, width: width, into: &buffer) { fee in
            let current = fee.effectiveFrom <= today && (fee.effectiveTo.map { $0 >= today } ?? true)
            return (table.line([fee.code, fee.name, context.plainMoney(fee.amountMinor),
                                fee.effectiveFrom + (fee.effectiveTo.map { " to \($0)" } ?? " on")]), current ? .normal : .muted)
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        message = nil
        switch command?.id {
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: fees.count) ?? selected
            return .redraw
        case Commands.setFee.id:
            let base = fees.indices.contains(selected) && key == .enter ? fees[selected] : nil
            return .push(FormScreen(title: "Set a rate", intro: "The rate applies from the day given; the one before it ends the day before.", fields: [
                FormField("Code", maxLength: 32, hint: "A-Z 0-9 _ -, e.g. XRAY-CHEST", errorKeys: ["fee code", "code"], text: base?.code ?? ""),
                FormField("Name", maxLength: 100, hint: "as receipts show it", errorKeys: ["fee name", "name"], text: base?.name ?? ""),
                FormField("Amount", maxLength: 14, errorKeys: ["amount"], text: base.map { context.plainMoney($0.amountMinor) } ?? ""),
                FormField("From", maxLength: 10, hint: "YYYY-MM-DD", errorKeys: ["from"], text: context.today.description),
            ]) { values, context in
                guard let actor = context.session?.actor else { return .none }
                let amount = try context.amount(values["amount"], field: "amount")
                guard let from = CalendarDay(values["from"].trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("from", "'\(values["from"])' is not a YYYY-MM-DD date")
                }
                func save(popping: Int) throws -> Reaction {
                    try context.store.setFee(code: values["fee code"], name: values["fee name"], amountMinor: amount, from: from, by: actor)
                    return .done(popping: popping, notice: "\(values["fee code"].uppercased()): \(context.money(amount)) from \(from).")
                }
                // A rate far above the facility's fees, or starting far ahead, is more often a slip: ask first.
                let limits = try context.store.cashier.plausibleLimits()
                var doubts: [String] = []
                if amount > limits.feeMinor { doubts.append("\(context.money(amount)) is more than this facility's fees (up to \(context.money(limits.feeMinor)))") }
                if from > context.today.adding(days: limits.feeDaysAhead) {
                    doubts.append("\(from) is more than \(limits.feeDaysAhead) days ahead")
                }
                guard !doubts.isEmpty else { return try save(popping: 1) }
                let question = doubts.joined(separator: "; ") + ". Set \(values["fee code"].uppercased()) at \(context.money(amount)) from \(from)?"
                return .push(ConfirmScreen(command: Commands.setFee, question: question) {
                    do { return try save(popping: 2) } catch {
                        return .replace(popping: 1, with: MessageScreen(title: "Rate not set", text: StoreError.sentence(for: error)))
                    }
                })
            })
        default:
            return .none
        }
    }
}
