// The small forms of a patient's record: a contact, an allergy, an insurance policy, a merge.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package enum DetailForms {
    private static let kindWords = ["n", "next of kin", "e", "emergency", "g", "guardian"]
    private static let kindMessage = "type N (next of kin), E (emergency contact) or G (guardian)"
    private static let severityMessage = "type mild, moderate, severe or unknown"
    private static let relationshipMessage = "type self, spouse, parent, child or other"
    private static let priorityMessage = "type P (primary) or S (secondary)"
    private static let coverageMessage = "type a whole percent, 0 to 100"

    package static func contact(patientID: String) -> FormScreen {
        FormScreen(title: "Add a contact", intro: "A guardian who is a patient here can be linked by MRN. Ctrl-S saves.", fields: [
            // Fields that can be checked alone are, so that every problem shows at once on save.
            FormField("Kind", maxLength: 12, hint: "N next of kin, E emergency, G guardian", text: "N")
                .checkedAsOneOf(kindWords, message: kindMessage),
            FormField("Name", maxLength: 200, hint: "blank with a guardian's MRN: taken from the record",
                      errorKeys: ["next of kin name", "emergency contact name", "guardian name"]),
            FormField("Relationship", maxLength: 40, hint: "e.g. mother, husband, uncle"),
            FormField("Phone", maxLength: 24, errorKeys: ["next of kin phone", "emergency contact phone", "guardian phone"]),
            FormField("Address", maxLength: 500, errorKeys: ["next of kin address", "emergency contact address", "guardian address"]),
            FormField("Guardian's MRN", maxLength: 32, hint: "optional: a registered patient", errorKeys: ["guardian mrn", "patient"]),
        ]) { v, context in
            guard let actor = context.session?.actor else { throw StoreError.notSignedIn }
            let kind: PatientContact.Kind
            switch v["kind"].trimmingCharacters(in: .whitespaces).lowercased() {
            case "n", "next of kin": kind = .nextOfKin
            case "e", "emergency": kind = .emergency
            case "g", "guardian": kind = .guardian
            default: throw ValidationError("kind", kindMessage)
            }
            var name = v["next of kin name"]
            var related: String?
            let mrn = v["guardian mrn"].trimmingCharacters(in: .whitespaces)
            if !mrn.isEmpty {
                guard let hit = try patient(byMRN: mrn, context: context) else {
                    throw ValidationError("guardian mrn", "no patient has MRN \(mrn)")
                }
                guard hit.patientID != patientID else { throw ValidationError("guardian mrn", "is this patient's own MRN") }
                related = hit.patientID
                if name.trimmingCharacters(in: .whitespaces).isEmpty { name = hit.displayName }
            }
            try context.store.addContact(NewContact(kind: kind, name: name, relationship: v["relationship"], phone: v["next of kin phone"], address: v["next of kin address"],
                                                    relatedPatientID: related), to: patientID, by: actor)
            return .pop
        }
    }

    package static func allergy(patientID: String) -> FormScreen {
        FormScreen(title: "Add an allergy", intro: "Ctrl-S saves.", fields: [
            FormField("Substance", maxLength: 100, hint: "e.g. penicillin", errorKeys: ["allergy"]),
            FormField("Reaction", maxLength: 200, hint: "optional, e.g. rash"),
            FormField("Severity", maxLength: 10, hint: "mild, moderate, severe or unknown", text: "unknown")
                .checkedAsOneOf(PatientAllergy.Severity.allCases.map(\.rawValue), message: severityMessage),
        ]) { v, context in
            guard let actor = context.session?.actor else { throw StoreError.notSignedIn }
            guard let severity = PatientAllergy.Severity(rawValue: v["severity"].trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("severity", severityMessage)
            }
            try context.store.addAllergy(NewAllergy(substance: v["allergy"], reaction: v["reaction"], severity: severity), to: patientID, by: actor)
            return .pop
        }
    }

    package static func policy(record: PatientRecord, today: CalendarDay, minorUnits: Int) -> FormScreen {
        let hasPrimary = record.policies.contains { $0.priority == .primary }
        return FormScreen(title: "Add insurance", intro: "One primary policy at most. Ctrl-S saves.", fields: [
            FormField("Payer", maxLength: 100, hint: "insurer or scheme, e.g. NHIF"),
            FormField("Policy number", maxLength: 40),
            FormField("Holder", maxLength: 200, hint: "the policy holder's name", errorKeys: ["policy holder"],
                      text: "\(record.person.firstName) \(record.person.lastName)"),
            FormField("Holder is the patient's", maxLength: 10, hint: "self, spouse, parent, child or other",
                      errorKeys: ["holder relationship"], text: "self")
                .checkedAsOneOf(InsurancePolicy.HolderRelationship.allCases.map(\.rawValue), message: relationshipMessage),
            FormField("Priority", maxLength: 10, hint: "P primary or S secondary", errorKeys: ["priority", "insurance"],
                      text: hasPrimary ? "S" : "P").checkedAsOneOf(["p", "primary", "s", "secondary"], message: priorityMessage),
            FormField("Valid from", maxLength: 20, hint: "a date", text: today.description),
            FormField("Valid to", maxLength: 20, hint: "blank if open-ended"),
            FormField("Covers (%)", maxLength: 3, hint: "share of each invoice the payer pays", errorKeys: ["coverage"])
                .checkedAsWholeNumber(0...100, message: coverageMessage),
            FormField("Co-pay", maxLength: 14, hint: "or: a fixed amount the patient pays", errorKeys: ["co-pay"])
                .checkedAsAmount(minorUnits: minorUnits),
        ]) { v, context in
            guard let actor = context.session?.actor else { throw StoreError.notSignedIn }
            guard let relationship = InsurancePolicy.HolderRelationship(rawValue: v["holder relationship"].trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("holder relationship", relationshipMessage)
            }
            let priority: InsurancePolicy.Priority
            switch v["priority"].trimmingCharacters(in: .whitespaces).lowercased() {
            case "p", "primary": priority = .primary
            case "s", "secondary": priority = .secondary
            default: throw ValidationError("priority", priorityMessage)
            }
            let percentText = v["coverage"].trimmingCharacters(in: .whitespaces)
            guard percentText.isEmpty || Int(percentText) != nil else { throw ValidationError("coverage", coverageMessage) }
            let copay = try context.amount(v["co-pay"], field: "co-pay")
            try context.store.addPolicy(NewPolicy(payer: v["payer"], policyNumber: v["policy number"], holderName: v["policy holder"], holderRelationship: relationship,
                                                  priority: priority, validFrom: v["valid from"], validTo: v["valid to"],
                                                  coveragePercent: Int(percentText),
                                                  copayMinor: v["co-pay"].trimmingCharacters(in: .whitespaces).isEmpty ? nil : copay),
                                        to: record.patient.patientID, by: actor)
            return .pop
        }
    }

    /// Why `duplicate` (found with the patient lookup) is folded into `record`; Ctrl-S shows the two
    /// records side by side (`MergeConfirmScreen`) before anything moves.
    /// `moves`: what the desks declare a merge moves (their `mergeMoves`), said in the intro.
    package static func merge(into record: PatientRecord, duplicate: PatientRecord, moves: [String] = []) -> FormScreen {
        let also = moves.isEmpty ? "" : " So do its " + (moves.count == 1 ? moves[0] : moves.dropLast().joined(separator: ", ") + " and " + moves.last!) + "."
        return FormScreen(title: "Merge \(duplicate.patient.mrn) into \(record.patient.mrn)",
                   intro: "\(duplicate.displayName) (\(duplicate.patient.mrn)) is folded into this record: its MRN will find this record; "
                       + "its contacts, allergies and insurance move here." + also + " Ctrl-S shows what differs before anything moves.",
                   fields: [
                       FormField("Reason", maxLength: 500, hint: "e.g. same person registered twice"),
                   ]) { v, context in
            guard context.session?.actor != nil else { throw StoreError.notSignedIn }
            _ = try Validate.name(v["reason"], field: "reason", maxLength: 500)
            return .push(MergeConfirmScreen(survivor: record, duplicate: duplicate, reason: v["reason"], context: context))
        }
    }

    /// The live patient whose MRN is `mrn` (whole or its short form).
    package static func patient(byMRN mrn: String, context: ShellContext) throws -> PatientHit? {
        guard !mrn.isEmpty else { return nil }
        return try context.store.findPatients(mrn).hits.first { $0.exact && $0.matchedBy == .mrn && $0.foundByMergedMRN == nil }
    }
}
