// One patient at a glance: identifiers, contacts, allergies, insurance, visits and balance.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

final class PatientSummaryScreen: Screen {
    let patientID: String
    var title: String { record.map { "Patient \($0.patient.mrn)" } ?? "Patient" }
    let keymap: Keymap
    private(set) var record: PatientRecord?
    private var openCharges: (count: Int, amountMinor: Int64) = (0, 0)
    private var unpaid: (count: Int, amountMinor: Int64) = (0, 0)
    private var credit: Int64 = 0
    private var message: (text: String, isError: Bool)?
    /// Selectable detail lines (contacts, allergies, policies) for removal.
    private var selected = 0

    func show(notice: String) { message = (notice, false) }

    /// Recent visits (newest first) and appointments to come.
    private var visits: [VisitListing] = []
    private var upcoming: [AppointmentListing] = []

    init(patientID: String, context: ShellContext, message: String? = nil) {
        self.patientID = patientID
        self.message = message.map { ($0, false) }
        let mayEdit = context.may(.editPatient)
        let mayMerge = context.may(.mergePatients)
        let mayCheckIn = context.may(.checkIn)
        let mayBook = context.may(.bookAppointment)
        keymap = Keymap(Keymaps.patient.name, Keymaps.patient.bindings.filter { binding in
            switch binding.command {
            case Commands.mergeRecord: return mayMerge
            case Commands.checkIn: return mayCheckIn
            case Commands.bookAppointment, Commands.followUp: return mayBook
            case Commands.editPatient, Commands.addContact, Commands.addAllergy, Commands.addPolicy, Commands.removeDetail:
                return mayEdit
            default: return true
            }
        })
        reload(context: context)
        if let record {
            context.lastPatientID = record.patient.patientID
            if let failed = context.recordAccess(patientID: record.patient.patientID, screen: "patient summary") {
                self.message = (failed, true)
            }
        }
    }

    func reload(context: ShellContext) {
        do {
            minorUnits = context.facility.currencyMinorUnits
            record = try context.store.patientRecord(patientID)
            if record == nil { message = ("This patient record no longer exists.", true) }
            if let record {
                openCharges = try context.store.openCharges(of: record.patient.patientID)
                unpaid = try context.store.unpaidInvoices(of: record.patient.patientID)
                credit = try context.store.accountCredit(of: record.patient.patientID)
                visits = try context.store.visits(ofPatient: record.patient.patientID, limit: 3)
                upcoming = try context.store.appointments(ofPatient: record.patient.patientID, from: context.today)
                    .filter { $0.appointment.status == .booked }
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

    func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        guard let record else {
            if let message { buffer.put(message.text, row: row, column: 2, style: .error, maxWidth: buffer.width - 4) }
            return
        }
        let person = record.person
        let width = buffer.width - 4
        buffer.put(record.displayName, row: row, column: 2, style: .title, maxWidth: width - 16)
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
            buffer.put("None recorded. c adds a contact, a an allergy, i insurance.", row: row, column: 4, style: .muted, maxWidth: width - 2)
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
        if let next = upcoming.first {
            let a = next.appointment
            buffer.put("Next appointment: \(PatientText.day(a.day)) \(LocalMoment.clock(a.startMinute)) \(next.doctorName)"
                + (upcoming.count > 1 ? " (+\(upcoming.count - 1) more)" : ""), row: row - 1, column: 2, style: .accent, maxWidth: width)
        }
        buffer.put(visits.isEmpty ? "Recent visits: none" : "Recent visits: " + visits.map { visit in
            "\(PatientText.day(visit.day)) \(visit.serviceCode ?? visit.kind)\(visit.token.map { " \($0)" } ?? "") \(visit.status.rawValue)"
        }.joined(separator: "; "), row: row, column: 2, style: visits.isEmpty ? .muted : .normal, maxWidth: width)
        // Charges not yet invoiced and the patient's share of unpaid invoices: what the cashier will ask for.
        var parts: [String] = []
        if openCharges.count > 0 { parts.append("\(openCharges.count) open charge\(openCharges.count == 1 ? "" : "s")") }
        if unpaid.count > 0 { parts.append("\(unpaid.count) unpaid invoice\(unpaid.count == 1 ? "" : "s")") }
        let onAccount = credit > 0 ? " · on account \(CashierText.money(credit, context))" : ""
        if parts.isEmpty {
            buffer.put("Balance due: none" + onAccount, row: row + 1, column: 2, style: .muted, maxWidth: width)
        } else {
            let owed = CashierText.money(openCharges.amountMinor + unpaid.amountMinor, context)
            buffer.put("Balance due: \(owed) (\(parts.joined(separator: ", ")), for the cashier)" + onAccount,
                       row: row + 1, column: 2, style: .warning, maxWidth: width)
        }
        if let message {
            NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width)
        }
    }

    func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let record, let id = command?.id, keymap.bindings.contains(where: { $0.command.id == id }) else { return .none }
        message = nil
        switch id {
        case Commands.editPatient.id:
            return .push(PatientForm.edit(record))
        case Commands.addContact.id:
            return .push(DetailForms.contact(patientID: record.patient.patientID))
        case Commands.addAllergy.id:
            return .push(DetailForms.allergy(patientID: record.patient.patientID))
        case Commands.addPolicy.id:
            return .push(DetailForms.policy(record: record, today: context.today))
        case Commands.mergeRecord.id:
            return .push(DetailForms.merge(into: record))
        case Commands.checkIn.id:
            return .push(CheckInForm.make(patientID: record.patient.patientID, context: context, popping: 1))
        case Commands.bookAppointment.id:
            return .push(BookingScreen(patientID: record.patient.patientID, context: context, popping: 1))
        case Commands.followUp.id:
            guard let visit = visits.first(where: { $0.status == .finished }) else {
                message = ("A follow-up is booked from a finished visit; this patient has none.", true)
                return .redraw
            }
            return .push(BookingScreen(patientID: record.patient.patientID, context: context, followUpOf: visit.encounterID,
                                       popping: 1))
        case Commands.removeDetail.id:
            let lines = details
            guard lines.indices.contains(selected), let actor = context.session?.actor else { return .none }
            let line = lines[selected]
            return .push(ConfirmScreen(command: Commands.removeDetail, question: "Remove \(line.text)?") { [weak self] in
                do {
                    try context.store.removeDetail(line.key, by: actor)
                    self?.message = ("Removed.", false)
                } catch {
                    self?.message = (StoreError.sentence(for: error), true)
                }
                return .pop
            })
        default:
            guard let next = Selection.moved(selected, by: command, count: details.count) else { return .none }
            selected = next
            return .redraw
        }
    }
}
