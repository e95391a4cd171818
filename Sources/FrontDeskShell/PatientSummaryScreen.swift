// One patient at a glance: identifiers, contacts, allergies, insurance, then what each desk adds
// (visits, balance) and the actions each desk offers on the patient.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

package final class PatientSummaryScreen: Screen {
    package let patientID: String
    package var title: String { record.map { "Patient \($0.patient.mrn)" } ?? "Patient" }
    package let keymap: Keymap
    package private(set) var record: PatientRecord?
    /// What the desks offer on the patient, and the sections they add below the details.
    private let actions: [PatientAction]
    private let sections: [any PatientSection]
    private var message: (text: String, isError: Bool)?
    /// Selectable detail lines (contacts, allergies, policies) for removal.
    private var selected = 0

    package func show(notice: String) { message = (notice, false) }

    package init(patientID: String, context: ShellContext, message: String? = nil) {
        self.patientID = patientID
        self.message = message.map { ($0, false) }
        actions = context.desks.flatMap(\.patientActions)
        sections = context.desks.flatMap { $0.patientSections() }
        keymap = Keymaps.patient(context.desks)
        reload(context: context)
        if let record {
            context.lastPatientID = record.patient.patientID
            if let failed = context.recordAccess(patientID: record.patient.patientID, screen: "patient summary") {
                self.message = (failed, true)
            }
        }
    }

    package func reload(context: ShellContext) {
        do {
            minorUnits = context.facility.currencyMinorUnits
            record = try context.store.patientRecord(patientID)
            if record == nil { message = ("This patient record no longer exists.", true) }
            if let record {
                for section in sections { try section.reload(patientID: record.patient.patientID, context: context) }
            }
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        selected = min(selected, max(0, details.count - 1))
    }

    private var minorUnits = 2
    private var details: [(key: PatientDetailKey, text: String)] {
        guard let record else { return [] }
        return record.contacts.map { c in
            (.contact(c.contactID), "\(c.kind.label): \(c.name) (\(c.relationship))" + (c.phone.map { "  \($0)" } ?? ""))
        } + record.allergies.map { a in
            (.allergy(a.allergyID), "Allergy: \(a.substance)" + (a.severity == .unknown ? "" : " (\(a.severity.rawValue))")
                + (a.reaction.map { ": \($0)" } ?? ""))
        } + record.policies.map { p in
            (.policy(p.policyID), "\(p.priority == .primary ? "Primary" : "Secondary") insurance: \(p.payer) \(p.policyNumber), "
                + (p.holderRelationship == .self ? "holder self" : "holder \(p.holderName) (\(p.holderRelationship.rawValue))")
                + ", from \(PatientText.day(p.validFrom))" + (p.validTo.map { " to \(PatientText.day($0))" } ?? "")
                + (p.copayMinor.map { ", co-pay \(Money.format($0, minorUnits: minorUnits))" } ?? p.coveragePercent.map { ", covers \($0)%" } ?? ""))
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        guard let record else {
            if let message { NoticeLines.draw(message.text, style: .error, into: &buffer, row: row, width: buffer.width - 4, maxLines: 3) }
            return
        }
        let person = record.person
        let width = buffer.width - 4
        // The name ends (with …) a space before the MRN: it never runs into it.
        buffer.put(record.displayName, row: row, column: 2, style: .title, maxWidth: buffer.width - 21)
        buffer.put("MRN \(record.patient.mrn)", row: row, column: max(2, buffer.width - 18), style: .accent)
        row += 1
        let age = PatientText.age(dob: person.dob, estimated: person.dobEstimated, today: context.today)
        let born = person.dobEstimated ? "born about \(person.dob.map { String($0.prefix(4)) } ?? "?")" : "born \(PatientText.day(person.dob))"
        var facts = ["\(person.sex.capitalized)", "\(age) (\(born))"]
        if let phone = person.phone { facts.append(phone) }
        if let id = person.nationalID { facts.append("ID \(id)") }
        buffer.put(facts.joined(separator: " · "), row: row, column: 2, maxWidth: width)
        row += 1
        var more: [String] = []
        if let address = person.address { more.append(address) }
        if let email = person.email { more.append(email) }
        if let blood = record.patient.bloodType { more.append("blood \(blood)") }
        if record.patient.status != "active" { more.append(record.patient.status.uppercased()) }
        if !more.isEmpty {
            buffer.put(more.joined(separator: " · "), row: row, column: 2, style: .muted, maxWidth: width)
            row += 1
        }
        if !record.mergedMRNs.isEmpty {
            buffer.put("Also found by merged MRN \(record.mergedMRNs.joined(separator: ", "))", row: row, column: 2,
                       style: .muted, maxWidth: width)
            row += 1
        }
        if let legacy = record.patient.legacyID {
            buffer.put("Legacy id \(legacy)", row: row, column: 2, style: .muted, maxWidth: width)
            row += 1
        }
        row += 1
        let allergies = record.allergies.map(\.substance)
        buffer.put(allergies.isEmpty ? "Allergies: none recorded" : "ALLERGIES: " + allergies.joined(separator: ", "),
                   row: row, column: 2, style: allergies.isEmpty ? .muted : .warning, maxWidth: width)
        row += 2
        buffer.put("Contacts, allergies and insurance", row: row, column: 2, style: .title)
        row += 1
        let lines = details
        if lines.isEmpty {
            // Only the keys this user may use: a nurse adds allergies, not contacts or insurance.
            let adds = [("add-contact", "a contact"), ("add-allergy", "an allergy"), ("add-policy", "insurance")].compactMap { id, what in
                actions.first { $0.binding.command.id == id && context.allows($0.binding.command) }.map { ($0.binding.key.name, what) }
            }
            let offer = adds.enumerated().map { $0.offset == 0 ? "\($0.element.0) adds \($0.element.1)" : "\($0.element.0) \($0.element.1)" }
            buffer.put("None recorded." + (offer.isEmpty ? "" : " " + offer.joined(separator: ", ") + "."), row: row, column: 4,
                       style: .muted, maxWidth: width - 2)
            row += 1
        }
        let room = max(1, area.upperBound - row - 5)
        let first = max(0, min(selected - room + 1, lines.count - room))
        for (index, line) in lines.enumerated().dropFirst(first).prefix(room) {
            let style: Style = index == selected ? .selected : .normal
            buffer.put(TextWidth.pad(TextWidth.truncate(line.text, to: width - 2), to: width - 2), row: row, column: 4, style: style)
            row += 1
        }
        row += 1
        // The desks' lines: one may use the blank line above (the next appointment).
        var deskRow = row
        for line in sections.flatMap({ $0.lines(context: context) }) {
            buffer.put(line.text, row: line.inGapAbove ? row - 1 : deskRow, column: 2, style: line.style, maxWidth: width)
            if !line.inGapAbove { deskRow += 1 }
        }
        if let message {
            NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width)
        }
    }

    /// What the desk actions get: the record, the selected detail line, and this screen's notice line.
    private func input(_ record: PatientRecord, context: ShellContext) -> PatientActionInput {
        let lines = details
        return PatientActionInput(record: record, context: context,
                                  selectedDetail: lines.indices.contains(selected) ? lines[selected] : nil,
                                  notify: { [weak self] text, isError in self?.message = (text, isError) })
    }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        guard let record, let action = actions.first(where: { $0.binding.command == command }), let available = action.available else {
            return true
        }
        return available(input(record, context: context))
    }

    package func confirmation(for command: Command, context: ShellContext) -> ConfirmQuestion {
        guard let record, let action = actions.first(where: { $0.binding.command == command }) else { return .nothingToDo }
        return action.question?(input(record, context: context)).map { .ask($0) } ?? .nothingToDo
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let record, let command, keymap.bindings.contains(where: { $0.command == command }) else { return .none }
        message = nil
        if let action = actions.first(where: { $0.binding.command == command }) {
            let reaction = action.run(input(record, context: context))
            // An action done in place (a detail removed) shows the record as it is now.
            if case .redraw = reaction { reload(context: context) }
            return reaction
        }
        guard let next = Selection.moved(selected, by: command, count: details.count) else { return .none }
        selected = next
        return .redraw
    }
}
