// Entering a prescription from paper: prescriber, then lines (each checked, an allergy asked about), then straight to dispensing.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum PrescriptionEntry {
    static let columns = Table([Table.text(3), Table.text(11), Table.text(32), Table.text(10), Table.number(5), Table.number(7)])

    /// The header for the patient; saving it opens the lines. `popping`: screens to take away with it (a lookup).
    package static func start(patientID: String, context: ShellContext, popping: Int) -> Reaction {
        let record = (try? context.store.patientRecord(patientID)) ?? nil
        let name = record?.displayName ?? "the patient"
        let allergies = record?.allergies.map(\.substance) ?? []
        let form = FormScreen(
            title: "New prescription",
            intro: "For \(name)." + (allergies.isEmpty ? "" : " Recorded allergies: \(allergies.joined(separator: ", ")).")
                + " Ctrl-S goes on to its lines.",
            fields: [
                FormField("Prescriber", maxLength: 100, hint: "who wrote it",
                          text: context.session?.actor.role == .doctor ? context.session?.actor.displayName ?? "" : ""),
                FormField("Written on", maxLength: 10, hint: "YYYY-MM-DD on the paper; empty: today", errorKeys: ["written on"]),
            ]) { values, context in
            let prescriber = values["prescriber"].trimmingCharacters(in: .whitespaces)
            guard !prescriber.isEmpty else { throw ValidationError("prescriber", "is required") }
            let text = values["written on"].trimmingCharacters(in: .whitespaces)
            var written: CalendarDay?
            if !text.isEmpty {
                guard let day = CalendarDay(text) else { throw ValidationError("written on", "is not a YYYY-MM-DD date") }
                written = day
            }
            return .replace(popping: 1, with: lines(patientID: patientID, name: name, prescriber: prescriber, writtenOn: written, context: context))
        }
        return popping > 1 ? .replace(popping: popping - 1, with: form) : .push(form)
    }

    static func lines(patientID: String, name: String, prescriber: String, writtenOn: CalendarDay?, context: ShellContext) -> any Screen {
        LineEntryScreen<PrescriptionLineInput>(
            title: "New prescription", keymap: Keymaps.lineEntry,
            intro: "For \(name), by \(prescriber)\(writtenOn.map { ", written \($0)" } ?? ""). a adds a line; Ctrl-S saves it and opens it to dispense.",
            columns: columns, header: ["Item", "Dose", "Freq", "Days", "Qty"], maxLines: PharmacyStore.maxLines,
            cells: { [$0.itemCode, $0.dose + ($0.instructions.map { "; \($0)" } ?? ""), $0.frequency, $0.durationDays.map(String.init) ?? "",
                      $0.quantity.map(String.init) ?? ""] },
            lineForm: { context, add in lineForm(patientID: patientID, context: context, add: add) },
            save: { lines, context in
                guard let actor = context.session?.actor else { return .none }
                let rx = try context.store.pharmacy.writePrescription(PrescriptionInput(
                    patientID: patientID, prescriber: prescriber, writtenOn: writtenOn, lines: lines), by: actor)
                // A doctor's prescription waits at the pharmacy; a pharmacist's opens to dispense.
                guard let role = actor.role, PermissionTable.allows(role, .dispense) else {
                    return .done(popping: 1, notice: "Prescription \(rx.number) saved: it waits at the pharmacy.")
                }
                let screen = DispenseScreen(rxID: rx.rxID, context: context)
                screen.show(notice: "Prescription \(rx.number) saved. Ctrl-S dispenses what is shown.")
                return .replace(popping: 1, with: screen)
            })
    }

    /// One line, checked by the store's rules; an item that meets a recorded allergy is asked about first.
    static func lineForm(patientID: String, context: ShellContext, add: @escaping (PrescriptionLineInput) -> Void) -> any Screen {
        FormScreen(title: "Prescription line", intro: "Empty quantity: dose × frequency × days. Ctrl-S adds the line.", fields: [
            FormField("Item", maxLength: 40, hint: "code, or the start of its name", errorKeys: ["item"]),
            FormField("Dose", maxLength: 40, hint: "units a dose: 1, 2, 1/2, 5 ml"),
            FormField("Frequency", maxLength: 40, hint: "OD BD TDS QDS q6h q8h nocte PRN stat"),
            FormField("Days", maxLength: 3, hint: "how many days", errorKeys: ["days"]),
            FormField("Quantity", maxLength: 6, hint: "units to give; empty: worked out"),
            FormField("Instructions", maxLength: 200, hint: "optional: after food, …"),
        ]) { values, context in
            let item = try ItemPicker.resolve(values["item"], context: context)
            func number(_ name: String) throws -> Int? {
                let text = values[name].trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return nil }
                guard let n = Int(text) else { throw ValidationError(name, "is not a whole number") }
                return n
            }
            var line = PrescriptionLineInput(itemCode: item.code, dose: values["dose"], frequency: values["frequency"],
                                             durationDays: try number("days"),
                                             instructions: values["instructions"].trimmingCharacters(in: .whitespaces).isEmpty ? nil : values["instructions"],
                                             quantity: try number("quantity"))
            let checked = try context.store.pharmacy.checkPrescriptionLine(line, patientID: patientID)
            line.quantity = checked.quantity
            let added = "Line added: \(checked.quantity) \(item.unit)(s) of \(item.title)."
            guard let allergy = checked.allergy else {
                add(line)
                return .done(popping: 1, notice: added)
            }
            return .push(ConfirmScreen(command: Commands.addLine, question: "ALLERGY: the patient is recorded allergic to \(allergy). "
                + "\(item.title) meets it. Prescribe it anyway (your name is kept with the line)?") {
                line.acknowledgeAllergy = true
                add(line)
                return .done(popping: 2, notice: added + " Allergy acknowledged.")
            })
        }
    }
}

/// Finds the one item a typed code or name means.
enum ItemPicker {
    static func resolve(_ raw: String, context: ShellContext) throws -> PharmacyItem {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ValidationError("item", "is required") }
        if let exact = try context.store.pharmacy.item(code: text), exact.active { return exact }
        let found = try context.store.pharmacy.findItems(text, limit: 6)
        switch found.count {
        case 0: throw ValidationError("item", "no item matches \(Quote.excerpt(text))")
        case 1: return found[0].item
        default:
            throw ValidationError("item", "several match: " + found.prefix(4).map { $0.item.code }.joined(separator: ", ")
                + (found.count > 4 ? "…" : "") + "; type more, or the code")
        }
    }
}
