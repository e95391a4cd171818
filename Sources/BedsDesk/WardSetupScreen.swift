// Wards and beds set-up for administrators: the wards with their beds, add a ward, add beds by range, retire a bed, bed types.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Each ward with its beds by type, in service and retired; the bed types and their daily rate codes below.
package final class WardSetupScreen: Screen {
    package let title = "Wards and beds"
    package let keymap = Keymaps.wardSetup
    private var lines: [(text: String, style: Style)] = []
    private var top = 0
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) { reload(context: context) }

    package func show(notice: String) { message = (notice, false) }

    package func reload(context: ShellContext) {
        do {
            let beds = try context.store.beds.listBeds()
            let types = try context.store.beds.bedTypes()
            var out: [(String, Style)] = []
            for ward in try context.store.beds.wards() {
                let own = beds.filter { $0.bed.wardID == ward.wardID }
                let inService = own.filter { $0.bed.retiredAt == nil }
                let byType = Dictionary(grouping: inService, by: \.typeName).sorted { $0.key < $1.key }
                    .map { "\($0.value.count) \($0.key.lowercased())" }.joined(separator: ", ")
                out.append(("\(ward.code.padding(toLength: 6, withPad: " ", startingAt: 0)) \(ward.name)", .title))
                out.append(("       \(inService.count) bed(s)" + (byType.isEmpty ? "" : ": \(byType)")
                    + (own.count > inService.count ? "; \(own.count - inService.count) retired" : ""), .normal))
                if let first = inService.first?.bed.label, let last = inService.last?.bed.label {
                    out.append(("       labels \(first) … \(last)", .muted))
                }
            }
            if out.isEmpty { out.append(("No wards yet: n adds one, then b adds its beds.", .muted)) }
            out.append(("", .normal))
            out.append(("Bed types (daily rate: the fee code in the fee schedule, F11)", .title))
            for type in types {
                out.append(("  \(type.code.padding(toLength: 12, withPad: " ", startingAt: 0)) \(type.name.padding(toLength: 16, withPad: " ", startingAt: 0)) "
                    + (type.feeCode ?? "no rate") + (type.active ? "" : "  (not in use)"), .normal))
            }
            if types.isEmpty { out.append(("  The standard six are added with the first ward.", .muted)) }
            lines = out
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        let room = area.upperBound - area.lowerBound - (message == nil ? 1 : 3)
        top = max(0, min(top, lines.count - room))
        for (offset, line) in lines.dropFirst(top).prefix(room).enumerated() {
            buffer.put(line.text, row: area.lowerBound + offset, column: 2, style: line.style, maxWidth: width)
        }
        if top + room < lines.count { buffer.put("↓ more", row: area.lowerBound + room, column: width - 4, style: .muted) }
        if let message { NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width) }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return .none }
        message = nil
        switch command.id {
        case Commands.scrollDown.id: top += 1
        case Commands.scrollUp.id: top = max(0, top - 1)
        case Commands.addWard.id: return .push(WardSetupForms.addWard())
        case Commands.addBeds.id: return .push(WardSetupForms.addBeds(context: context))
        case Commands.retireBed.id: return .push(WardSetupForms.retireBed())
        case Commands.addBedType.id: return .push(WardSetupForms.addBedType())
        default: return .none
        }
        return .redraw
    }
}

/// The set-up forms; each error shows beside its field, and nothing is written until every field is right.
package enum WardSetupForms {
    package static func addWard() -> any Screen {
        FormScreen(title: "Add a ward", intro: "A ward of a ward department (made if there is none with that code). Ctrl-S adds it.", fields: [
            FormField("Code", maxLength: 8, hint: "1-8 letters or digits, e.g. A, MAT"),
            FormField("Name", maxLength: 100, hint: "As the board shows it"),
            FormField("Department", maxLength: 16, hint: "Ward department code", text: BedsStore.defaultWardDepartment),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let ward = try context.store.beds.addWard(code: values["code"], name: values["name"], departmentCode: values["department"], by: actor)
            return .done(popping: 1, notice: "Ward \(ward.code) \(ward.name) added: b adds its beds.")
        }
    }

    package static func addBeds(context: ShellContext) -> any Screen {
        let wards = ((try? context.store.beds.wards()) ?? []).filter(\.active)
        let types = ((try? context.store.beds.bedTypes()) ?? []).filter(\.active)
        guard !wards.isEmpty else { return MessageScreen(title: "Add beds", text: "Add a ward first (n).") }
        return FormScreen(title: "Add beds", intro: "Beds by label range, all of one type. Ctrl-S adds them.", fields: [
            .choice("Ward", wards.map { "\($0.code)  \($0.name)" }, hint: "Their ward"),
            FormField("Labels", maxLength: 60, hint: "A1-A20, or ICU1,ICU2"),
            .choice("Type", types.map(\.code), hint: "Sets the daily rate"),
            FormField("Tags", maxLength: 60, hint: "oxygen, monitor, isolation…"),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let ward = wards.first { "\($0.code)  \($0.name)" == values["ward"] } ?? wards[0]
            let beds = try context.store.beds.addBeds(wardCode: ward.code, labels: values["labels"], typeCode: values["type"],
                                                      tags: [values["tags"]], by: actor)
            return .done(popping: 1, notice: "\(beds.count) bed(s) added to ward \(ward.code): \(beds.first?.label ?? "") … \(beds.last?.label ?? "").")
        }
    }

    package static func retireBed() -> any Screen {
        FormScreen(title: "Retire a bed", intro: "It leaves the board and can no longer be given; its history stays. Not while a patient is in it. Ctrl-S retires it.",
                   fields: [FormField("Bed", maxLength: 20, hint: "WARD LABEL, e.g. A A12")]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let bedID = try context.store.beds.bedID(named: values["bed"])
            try context.store.beds.retireBed(bedID, by: actor)
            return .done(popping: 1, notice: "\(values["bed"].uppercased()) is retired.")
        }
    }

    package static func addBedType() -> any Screen {
        FormScreen(title: "Add a bed type", intro: "A kind of bed the standard six do not cover. Ctrl-S adds it.", fields: [
            FormField("Code", maxLength: 20, hint: "letters or _, e.g. hdu"),
            FormField("Name", maxLength: 100, hint: "e.g. High dependency"),
            FormField("Fee code", maxLength: 32, hint: "blank: BED- and the code"),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let fee = values["fee code"].trimmingCharacters(in: .whitespaces)
            let type = try context.store.beds.addBedType(code: values["code"], name: values["name"], feeCode: fee.isEmpty ? nil : fee, by: actor)
            return .done(popping: 1, notice: "Bed type \(type.code) added; its daily rate is \(type.feeCode ?? "") in the fee schedule (F11).")
        }
    }
}
