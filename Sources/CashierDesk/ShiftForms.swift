// Opening a shift (a float, or the last cashier's cash taken over) and closing it with a blind count.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum ShiftForms {
    package static func open(context: ShellContext) -> any Screen {
        FormScreen(title: "Open a shift", intro: "Count the float into the drawer. Every payment you take belongs to this shift.",
                   fields: [FormField("Float", maxLength: 14, hint: "e.g. 5,000")]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let float = try CashierText.amount(values["float"], field: "float", context)
            let shift = try context.store.cashier.openShift(floatMinor: float, by: actor)
            return .done(popping: 1, notice: "Shift \(shift.number) open with a float of \(CashierText.money(float, context)).")
        }
    }

    package static func takeOver(_ previous: CashierShift, context: ShellContext) -> any Screen {
        FormScreen(title: "Take over the drawer",
                   intro: "Shift \(previous.number) closed and left cash in the drawer. Count it and type what you count.",
                   fields: [FormField("Counted", maxLength: 14, errorKeys: ["counted", "handover"])]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let counted = try CashierText.amount(values["counted"], field: "counted", context)
            let shift = try context.store.cashier.acceptHandover(from: previous.shiftID, countedFloatMinor: counted, by: actor)
            return .done(popping: 1, notice: "Shift \(shift.number) open on \(CashierText.money(counted, context)) taken over from shift \(previous.number).")
        }
    }

    /// A blind count: the expected cash is shown only after the count is saved, on the Z-report.
    package static func close(_ shift: CashierShift, context: ShellContext) -> any Screen {
        let denominations = Denominations.of(context.facility.currency)
        let minor = context.facility.currencyMinorUnits
        var fields = denominations.map { value in
            FormField("× " + Money.format(value, minorUnits: minor), maxLength: 5, hint: "pieces", errorKeys: ["count"])
        }
        if denominations.isEmpty { fields.append(FormField("Cash counted", maxLength: 14, errorKeys: ["count"])) }
        fields.append(FormField("Left for next", maxLength: 14, hint: "cash left in the drawer (the next float)", errorKeys: ["float left"]))
        fields.append(FormField("Note", maxLength: 200, hint: "anything the supervisor should know"))
        return FormScreen(title: "Close shift \(shift.number)",
                          intro: "Count the drawer by denomination. The Z-report then shows what was expected, and any over or short.",
                          fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            var count: [Int64: Int] = [:]
            if denominations.isEmpty {
                let total = try CashierText.amount(values["count"], field: "count", context)
                if total > 0 { count[total] = 1 }
            } else {
                // One field per denomination, all named "count" (a refusal shows beside each of them).
                for (value, typed) in zip(denominations, values.texts(named: "count")) {
                    let text = typed.trimmingCharacters(in: .whitespaces)
                    guard text.isEmpty || Int(text) != nil else { throw ValidationError("count", "'\(text)' is not a number of pieces") }
                    if let pieces = Int(text), pieces > 0 { count[value, default: 0] += pieces }
                }
            }
            let floatLeft = try CashierText.amount(values["float left"], field: "float left", context)
            let report = try context.store.cashier.closeShift(count: count, floatLeftMinor: floatLeft, note: values["note"], by: actor)
            return .replace(popping: 1, with: ZReportView.screen(report: report, context: context))
        }
    }
}
