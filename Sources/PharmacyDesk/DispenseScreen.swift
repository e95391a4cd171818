// Dispensing one prescription: each owed line with the batches first expiry first would take, the price, and the allergy warnings.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class DispenseScreen: Screen {
    package let title = "Dispense"
    package let keymap = Keymaps.dispense
    private let rxID: String
    private var detail: PrescriptionDetail?
    /// Per owed line: the plan read from the store, and what the pharmacist changed.
    private var plan: [DispensePlanLine] = []
    private var give: [String: Int] = [:]
    private var chosenBatch: [String: (batch: BatchStock, reason: String)] = [:]
    private var given: [(dispense: Dispense, batchNo: String, returned: Int)] = []
    private var selected = 0
    private var lastResult: DispenseResult?
    private var message: (text: String, isError: Bool)?

    package init(rxID: String, context: ShellContext) {
        self.rxID = rxID
        reload(context: context)
    }

    package func show(notice: String) { message = (notice, false) }

    package func reload(context: ShellContext) {
        do {
            detail = try context.store.pharmacy.prescription(rxID)
            plan = try context.store.pharmacy.plan(rxID)
            given = try context.store.pharmacy.dispenses(rxID: rxID)
            let owedIDs = Set(plan.map(\.status.line.lineID))
            give = give.filter { owedIDs.contains($0.key) }
            chosenBatch = chosenBatch.filter { owedIDs.contains($0.key) }
            selected = min(selected, max(0, plan.count - 1))
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    private var selectedLine: DispensePlanLine? { plan.indices.contains(selected) ? plan[selected] : nil }

    /// What the line gives now: the pharmacist's quantity, else as much of what is owed as is on hand.
    private func quantity(_ line: DispensePlanLine) -> Int { give[line.status.line.lineID] ?? line.proposed }

    /// The batches the line takes now: the chosen batch, else first expiry first (the plan's, cut to the quantity).
    private func picks(_ line: DispensePlanLine) -> [BatchPick] {
        let wanted = quantity(line)
        if let chosen = chosenBatch[line.status.line.lineID] {
            return [BatchPick(batchID: chosen.batch.batch.batchID, batchNo: chosen.batch.batch.batchNo, expiry: chosen.batch.batch.expiry,
                              quantity: wanted)]
        }
        var left = wanted
        return line.picks.compactMap { pick in
            guard left > 0 else { return nil }
            let take = min(left, pick.quantity)
            left -= take
            return BatchPick(batchID: pick.batchID, batchNo: pick.batchNo, expiry: pick.expiry, quantity: take)
        }
    }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        switch command {
        case Commands.dispenseNow: return plan.contains { quantity($0) > 0 }
        case Commands.changeQuantity, Commands.cancelRest: return selectedLine != nil
        case Commands.chooseBatch: return selectedLine.map { $0.usable > 0 } ?? false
        case Commands.takeBack: return given.contains { $0.dispense.quantity > $0.returned }
        case Commands.reprintLabels: return lastResult != nil
        default: return true
        }
    }

    static let table = Table([Table.text(3), Table.text(27), Table.number(5), Table.number(6), Table.text(2), Table.text(22), Table.number(10)])

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        guard let detail else {
            if let message { NoticeLines.draw(message.text, isError: true, into: &buffer, area: area, width: width) }
            return
        }
        let rx = detail.prescription
        buffer.put("Rx \(rx.number)  \(detail.patientName)  \(detail.mrn)", row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        buffer.put("Written \(rx.writtenOn) by \(rx.prescriber); \(rx.status == .open ? "open" : rx.status.rawValue)", row: row, column: 2,
                   style: .muted, maxWidth: width)
        row += 1
        let allergies = detail.lines.compactMap { status -> String? in
            guard let allergy = status.allergyNow else { return nil }
            return "line \(status.line.lineNo) \(status.item.code) meets \(allergy)" + (status.line.allergy == allergy ? " (acknowledged)" : "")
        }
        if !allergies.isEmpty {
            buffer.put("ALLERGY: " + allergies.joined(separator: "; "), row: row, column: 2, style: .error, maxWidth: width)
        }
        row += 2
        buffer.put(Self.table.line(["#", "Item", "Owed", "Give", "", "From batch (expiry)", "Charge"]), row: row, column: 2, style: .title,
                   maxWidth: width)
        row += 1
        if plan.isEmpty {
            buffer.put(rx.status == .open ? "Nothing is owed." : "Nothing more is owed on this prescription.", row: row, column: 4, style: .muted,
                       maxWidth: width - 2)
            row += 1
        }
        var total: Int64 = 0
        var unpriced = 0
        for (index, line) in plan.enumerated() {
            let picks = picks(line)
            let giving = quantity(line)
            let charge: String
            if let price = line.unitPriceMinor {
                total += price * Int64(giving)
                charge = context.plainMoney(price * Int64(giving))
            } else {
                unpriced += giving > 0 ? 1 : 0
                charge = "no price"
            }
            let flag = line.status.allergyNow != nil ? "!" : chosenBatch[line.status.line.lineID] != nil ? "*" : ""
            // One row per batch the line takes: a split shows as the line and the rows under it.
            let from = picks.isEmpty ? [line.usable == 0 ? "none on hand" : "-"] : picks.map { "\($0.batchNo) \($0.expiry) ×\($0.quantity)" }
            let style: Style = index == selected ? .selected : (line.usable < line.status.owed ? .warning : .normal)
            for (part, batch) in from.enumerated() where row < area.upperBound - 5 {
                let cells = part == 0
                    ? ["\(line.status.line.lineNo)", line.status.item.title, "\(line.status.owed)", "\(giving)", flag, batch, charge]
                    : ["", "", "", "", "", batch, ""]
                buffer.fill(row: row, from: 2, count: width, style: style)
                buffer.put(Self.table.line(cells), row: row, column: 2, style: style, maxWidth: width)
                row += 1
            }
        }
        if !plan.isEmpty {
            row += 1
            let owedMore = plan.filter { quantity($0) < $0.status.owed }.count
            var summary = "To charge: \(context.money(total))"
            if unpriced > 0 { summary += "; \(unpriced) line(s) without a price (not charged)" }
            if owedMore > 0 { summary += "; \(owedMore) line(s) stay owed in part" }
            buffer.put(summary + ".", row: row, column: 2, style: .normal, maxWidth: width)
            row += 1
        }
        // What was given before, latest first, while there is room above the notice.
        if !given.isEmpty, row < area.upperBound - 5 {
            row += 1
            buffer.put("Given", row: row, column: 2, style: .title)
            row += 1
            for part in given where row < area.upperBound - 3 {
                let status = detail.lines.first { $0.line.lineID == part.dispense.lineID }
                let back = part.returned > 0 ? ", \(part.returned) back" : ""
                buffer.put("\(context.localDateTime(part.dispense.dispensedAt))  line \(status?.line.lineNo ?? 0) \(status?.item.code ?? "?")  "
                           + "\(part.batchNo) ×\(part.dispense.quantity)\(back)", row: row, column: 4, style: .muted, maxWidth: width - 2)
                row += 1
            }
        }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        if let moved = Selection.moved(selected, by: command, count: plan.count) {
            selected = moved
            message = nil
            return .redraw
        }
        message = nil
        switch command {
        case Commands.dispenseNow: return dispense(context: context, acknowledged: false)
        case Commands.changeQuantity: return selectedLine.map { quantityForm($0) } ?? .none
        case Commands.chooseBatch: return selectedLine.map { batchForm($0, context: context) } ?? .none
        case Commands.cancelRest:
            guard let line = selectedLine else { return .none }
            return .push(ReasonForm.make(title: "Cancel what is owed",
                                         intro: "Line \(line.status.line.lineNo), \(line.status.item.title): \(line.status.owed) owed will be cancelled.",
                                         hint: "e.g. out of stock for good; doctor stopped it") { reason, actor in
                try context.store.pharmacy.cancelRest(lineID: line.status.line.lineID, reason: reason, by: actor)
                return "What line \(line.status.line.lineNo) owed is cancelled."
            })
        case Commands.takeBack: return takeBackForm(context: context)
        case Commands.reprintLabels:
            guard let lastResult else { return .none }
            message = printLabels(lastResult, context: context)
            return .redraw
        default: return .none
        }
    }

    /// Dispenses every line with a quantity; a line that meets an allergy not yet acknowledged is asked about first.
    private func dispense(context: ShellContext, acknowledged: Bool) -> Reaction {
        guard let actor = context.session?.actor else { return .none }
        let lines = plan.filter { quantity($0) > 0 }
        let unacknowledged = lines.filter { $0.status.allergyNow != nil && $0.status.line.allergy != $0.status.allergyNow }
        if !acknowledged, let first = unacknowledged.first {
            return .push(ConfirmScreen(command: Commands.dispenseNow, question: "ALLERGY: \(first.status.item.title) meets the patient's recorded "
                + "allergy \(first.status.allergyNow ?? "")\(unacknowledged.count > 1 ? " (and \(unacknowledged.count - 1) more line(s))" : ""). "
                + "Dispense anyway (your name is kept with it)?") { [weak self] in
                guard let self else { return .pop }
                _ = self.dispense(context: context, acknowledged: true)
                return .pop
            })
        }
        let requests = lines.map { line in
            DispenseLineRequest(lineID: line.status.line.lineID, quantity: quantity(line),
                                batchID: chosenBatch[line.status.line.lineID]?.batch.batch.batchID,
                                overrideReason: chosenBatch[line.status.line.lineID]?.reason, acknowledgeAllergy: acknowledged)
        }
        do {
            let result = try context.store.pharmacy.dispense(rxID, lines: requests, by: actor)
            lastResult = result
            give = [:]
            chosenBatch = [:]
            reload(context: context)
            var text = "Dispensed \(result.lines.count) line(s); \(context.money(result.chargedMinor)) charged for the cashier."
            if !result.unpriced.isEmpty { text += " Not charged (no price): \(result.unpriced.map(\.code).joined(separator: ", "))." }
            let printed = printLabels(result, context: context)
            message = (text + " " + printed.text, printed.isError)
        } catch {
            reload(context: context)
            message = (StoreError.sentence(for: error), true)
        }
        return .redraw
    }

    private func printLabels(_ result: DispenseResult, context: ShellContext) -> (text: String, isError: Bool) {
        do {
            let labels = try context.store.pharmacy.labels(for: result)
            let outcome = try ReceiptPrinter.send(text: labels.map(\.text).joined(separator: "\n"),
                                                  what: "\(labels.count) label(s)", name: "labels-rx-\(result.prescription.number)",
                                                  toFile: false, context: context)
            return (outcome.text + (outcome.isError ? " l prints them again." : ""), outcome.isError)
        } catch {
            return ("Labels not printed: \(StoreError.sentence(for: error)) l prints them again.", true)
        }
    }

    private func quantityForm(_ line: DispensePlanLine) -> Reaction {
        .push(FormScreen(title: "Give now", intro: "Line \(line.status.line.lineNo), \(line.status.item.title): \(line.status.owed) owed, "
                         + "\(line.usable) on hand not expired. What is not given stays owed.", fields: [
            FormField("Quantity", maxLength: 6, hint: "0 to \(min(line.status.owed, line.usable))", text: "\(quantity(line))"),
        ]) { [weak self] values, _ in
            guard let self else { return .pop }
            guard let n = Int(values["quantity"].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("quantity", "is not a whole number")
            }
            let most = self.chosenBatch[line.status.line.lineID].map { min(line.status.owed, $0.batch.onHand) } ?? min(line.status.owed, line.usable)
            guard (0...most).contains(n) else { throw ValidationError("quantity", "must be 0 to \(most)") }
            self.give[line.status.line.lineID] = n
            return .done(popping: 1, notice: "Line \(line.status.line.lineNo) gives \(n) now.")
        })
    }

    private func batchForm(_ line: DispensePlanLine, context: ShellContext) -> Reaction {
        let batches = ((try? context.store.pharmacy.batches(itemID: line.status.item.itemID)) ?? []).filter { !$0.expired && $0.onHand > 0 }
        let names = batches.map { "\($0.batch.batchNo) exp \($0.batch.expiry) (\($0.onHand))" }
        return .push(FormScreen(title: "Choose batch", intro: "Line \(line.status.line.lineNo), \(line.status.item.title). First expiry first "
                                + "is \(line.picks.first?.batchNo ?? "-"); another batch needs a reason. Expired batches are never offered.", fields: [
            .choice("Batch", names),
            FormField("Reason", maxLength: 200, hint: "why not the first to expire"),
        ]) { [weak self] values, _ in
            guard let self, let index = names.firstIndex(of: values["batch"]) else { return .pop }
            let reason = values["reason"].trimmingCharacters(in: .whitespaces)
            let batch = batches[index]
            if batch.batch.batchID == line.picks.first?.batchID {
                self.chosenBatch[line.status.line.lineID] = nil
                return .done(popping: 1, notice: "First expiry first again for line \(line.status.line.lineNo).")
            }
            guard !reason.isEmpty else { throw ValidationError("reason", "say why this batch and not the first to expire") }
            self.chosenBatch[line.status.line.lineID] = (batch, reason)
            self.give[line.status.line.lineID] = min(self.quantity(line), batch.onHand)
            return .done(popping: 1, notice: "Line \(line.status.line.lineNo) takes batch \(batch.batch.batchNo).")
        })
    }

    private func takeBackForm(context: ShellContext) -> Reaction {
        guard let detail else { return .none }
        let parts = given.filter { $0.dispense.quantity > $0.returned }
        let names = parts.map { part -> String in
            let line = detail.lines.first { $0.line.lineID == part.dispense.lineID }
            return "\(line?.item.code ?? "?") \(part.batchNo) (\(part.dispense.quantity - part.returned) out)"
        }
        return .push(FormScreen(title: "Take back", intro: "Medicine brought back goes into its batch (not when expired), and its charge is reversed.",
                                fields: [
            .choice("Dispensed", names),
            FormField("Quantity", maxLength: 6, hint: "units brought back"),
            FormField("Reason", maxLength: 200, hint: "e.g. stopped by the doctor"),
        ]) { values, context in
            guard let actor = context.session?.actor, let index = names.firstIndex(of: values["dispensed"]) else { return .pop }
            guard let n = Int(values["quantity"].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("quantity", "is not a whole number")
            }
            try context.store.pharmacy.returnDispensed(parts[index].dispense.dispenseID, quantity: n, reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "\(n) unit(s) taken back into batch \(parts[index].batchNo); the charge is reversed.")
        })
    }
}
