// A bed for an admitted patient: a transfer (a reason; the bed left needs cleaning) or the first bed from the waiting list.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum MoveForm {
    /// `from`: the bed the patient leaves (`A A3`), nil when they have none yet.
    package static func make(admissionID: String, who: String, from: String?, context: ShellContext) -> any Screen {
        let beds = ((try? context.store.beds.board()) ?? BedBoard.empty).beds.filter { $0.status == .free }
        guard !beds.isEmpty else {
            return MessageScreen(title: from == nil ? "Give a bed" : "Transfer", text: "No bed is free now. Mark a cleaned bed clean (l) or wait.")
        }
        let names = beds.map(BedsText.bedChoice)
        var fields: [FormField] = [.choice("Bed", names, hint: "Free beds, any ward")]
        fields.append(FormField("Reason", maxLength: 200, hint: from == nil ? "optional" : "Why they move"))
        let intro = from.map { "Move \(who) from \($0) to another bed; \($0) will need cleaning." } ?? "Give \(who) a bed."
        return FormScreen(title: from == nil ? "Give a bed" : "Transfer", intro: intro + " Ctrl-S moves them.", fields: fields) { values, context in
            guard let actor = context.session?.actor, let index = names.firstIndex(of: values["bed"]) else { return .none }
            let name = try context.store.beds.moveToBed(admissionID: admissionID, bedID: beds[index].bedID, reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "\(who) is now in \(name)." + (from.map { " \($0) needs cleaning." } ?? ""))
        }
    }
}

package enum SwapForm {
    /// Swaps `admission`'s bed with another occupied bed's patient.
    package static func make(admission: Admission, bed: BoardBed, context: ShellContext) -> any Screen {
        let others = ((try? context.store.beds.board()) ?? BedBoard.empty).beds
            .filter { $0.status == .occupied && $0.bedID != bed.bedID }
        guard !others.isEmpty else { return MessageScreen(title: "Swap beds", text: "No other patient is in a bed.") }
        let names = others.map { "\($0.wardCode) \($0.label)  \($0.patientName ?? "?")" }
        let who = bed.patientName ?? "the patient"
        return FormScreen(title: "Swap beds", intro: "Swap \(who) (\(bed.wardCode) \(bed.label)) with another patient, in one step. Ctrl-S swaps.",
                          fields: [.choice("With", names, hint: "The other patient's bed", errorKeys: ["patient"]),
                                   FormField("Reason", maxLength: 200, hint: "Why they swap")]) { values, context in
            guard let actor = context.session?.actor, let index = names.firstIndex(of: values["patient"]),
                let other = others[index].admissionID else { return .none }
            try context.store.beds.swapBeds(admission.admissionID, other, reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "\(who) is now in \(others[index].wardCode) \(others[index].label); "
                + "\(others[index].patientName ?? "the other patient") in \(bed.wardCode) \(bed.label).")
        }
    }
}

package enum ReserveForm {
    package static func make(bed: BoardBed, patientID: String, context: ShellContext) -> any Screen {
        let name = ((try? context.store.patientRecord(patientID)) ?? nil)?.displayName ?? "the patient"
        return FormScreen(title: "Reserve \(bed.wardCode) \(bed.label)",
                          intro: "Hold \(bed.wardCode) \(bed.label) for \(name). After the time it reads as free again. Ctrl-S reserves.",
                          fields: [FormField("Hours", maxLength: 3, hint: "1 to 168", errorKeys: ["until"], text: "4")
                            .checkedAsWholeNumber(1...168, message: "give whole hours, 1 to 168")]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            guard let hours = Int(values["until"].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("until", "give whole hours, 1 to 168")
            }
            let until = context.clock.now().addingTimeInterval(Double(hours) * 3600)
            try context.store.beds.reserve(bedID: bed.bedID, for: patientID, until: until, by: actor)
            return .done(popping: 2, notice: "\(bed.wardCode) \(bed.label) is reserved for \(name) until \(context.localDateTime(Timestamp.string(until))).")
        }
    }
}
