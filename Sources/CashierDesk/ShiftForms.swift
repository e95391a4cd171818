// Opening a shift (a float, or the last cashier's cash taken over) and closing it with a blind count.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum ShiftForms {
    package static func open(context: ShellContext) -> any Screen {
        FormScreen(title: "Open a shift", intro: "Count the float into the drawer. Every payment you take belongs to this shift.",
                   fields: [FormField("Float", maxLength: 14, hint: "e.g. 5,000 (0 for an empty drawer)")]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            // A blank float is a field not yet filled, not an empty drawer: that is typed as 0.
            guard !values["float"].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("float", "type the cash counted into the drawer (0 for an empty drawer)")
            }
            let float = try CashierText.amount(values["float"], field: "float", context)
            func open(popping: Int) throws -> Reaction {
                let shift = try context.store.cashier.openShift(floatMinor: float, by: actor)
                return .done(popping: popping, notice: "Shift \(shift.number) open with a float of \(CashierText.money(float, context)).")
            }
            let usual = try context.store.cashier.plausibleLimits().floatMinor
            guard float > usual else { return try open(popping: 1) }
            let question = "A float of \(CashierText.money(float, context))? This facility's floats are up to \(CashierText.money(usual, context)). Open the shift with it?"
            return .push(ConfirmScreen(command: Commands.openShift, question: question) {
                do { return try open(popping: 2) } catch {
                    return .replace(popping: 1, with: MessageScreen(title: "Shift not opened", text: StoreError.sentence(for: error)))
                }
            })
        }
    }

    package static func takeOver(_ previous: CashierShift, context: ShellContext) -> any Screen {
        FormScreen(title: "Take over the drawer",
                   intro: "Shift \(previous.number) closed and left cash in the drawer. Count it and type what you count.",
                   fields: [FormField("Counted", maxLength: 14, errorKeys: ["counted", "handover"])
                       .checkedAsAmount(minorUnits: context.facility.currencyMinorUnits)]) { values, context in
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
            // Each count checked on its own too, so that every bad count shows at once on save.
            FormField("× " + Money.format(value, minorUnits: minor), maxLength: 5, hint: "pieces", errorKeys: ["count"])
                .checkedAsWholeNumber(0...99_999, message: "type a number of pieces")
        }
        if denominations.isEmpty { fields.append(FormField("Cash counted", maxLength: 14, errorKeys: ["count"]).checkedAsAmount(minorUnits: minor)) }
        fields.append(FormField("Left for next", maxLength: 14, hint: "cash left in the drawer (the next float)", errorKeys: ["float left"])
            .checkedAsAmount(minorUnits: minor))
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
            // Closing cannot be undone: it asks first, with the count against what was expected (over or short),
            // and says so when the count is beyond anything this facility's drawers hold.
            let counted = count.reduce(Int64(0)) { $0 + $1.key * Int64($1.value) }
            guard floatLeft <= counted else { throw ValidationError("float left", "must be between nothing and the cash counted") }
            let expected = try context.store.cashier.shiftReport(shift.shiftID).expectedCashMinor
            let usual = try context.store.cashier.plausibleLimits().countMinor
            let question = closeQuestion(shift, counted: counted, expected: expected, floatLeft: floatLeft, usual: usual, context)
            return .push(ConfirmScreen(command: Commands.closeShift, question: question) {
                do {
                    let report = try context.store.cashier.closeShift(count: count, floatLeftMinor: floatLeft, note: values["note"], by: actor)
                    return .replace(popping: 2, with: ZReportView.screen(report: report, context: context))
                } catch {
                    return .replace(popping: 1, with: MessageScreen(title: "Shift not closed", text: StoreError.sentence(for: error)))
                }
            })
        }
    }

    /// "Close shift 1? Counted KES 500.00, expected KES 1,700.00: SHORT KES 1,200.00. …", the count's warning first.
    static func closeQuestion(_ shift: CashierShift, counted: Int64, expected: Int64, floatLeft: Int64, usual: Int64,
                              _ context: ShellContext) -> String {
        let money = { CashierText.money($0, context) }
        let difference = counted - expected
        let verdict = difference == 0 ? "balanced" : (difference > 0 ? "OVER \(money(difference))" : "SHORT \(money(-difference))")
        let warning = counted > usual ? "The count, \(money(counted)), is more than this facility's drawers hold (up to \(money(usual))): check it. " : ""
        return warning + "Close shift \(shift.number)? Counted \(money(counted)), expected \(money(expected)): \(verdict). "
            + "\(money(floatLeft)) left for the next cashier. This cannot be undone."
    }
}
