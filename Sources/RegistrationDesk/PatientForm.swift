// The register and edit forms of a patient, and how their typed values become a registration.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package enum PatientForm {
    package static let sexHint = "F, M, O (other) or U (unknown)"
    package static let birthHint = "12/04/1990, 1990-04-12, 12 Apr 1990, or an age: 34, 18m"

    package static func identityFields(_ p: NewPatient?) -> [FormField] {
        [
            // Each field checked on its own too, so that every problem shows at once on save.
            FormField("Family name", maxLength: 100, hint: "required", errorKeys: ["last name"], text: p?.lastName ?? "")
                .checked { _ = try Validate.personName($0, field: "last name") },
            FormField("Given name", maxLength: 100, hint: "required", errorKeys: ["first name"], text: p?.firstName ?? "")
                .checked { _ = try Validate.personName($0, field: "first name") },
            FormField("Middle name", maxLength: 100, errorKeys: ["middle name"], text: p?.middleName ?? ""),
            FormField("Sex", maxLength: 7, hint: sexHint, text: p.map { PatientText.sexLetter($0.sex) } ?? "")
                .checked { _ = try parseSex($0) },
            // The form of the date or age (any day will do as "today" for that; the store checks the rest).
            FormField("Birth date or age", maxLength: 20, hint: birthHint, errorKeys: ["date of birth"],
                      text: p?.dob.map { $0 } ?? "").checked { _ = try parseBirth($0, today: CalendarDay(year: 2000, month: 1, day: 1)!) },
            FormField("Phone", maxLength: 24, hint: "any format; local numbers take the facility's code", text: p?.phone ?? ""),
            FormField("National ID", maxLength: 40, errorKeys: ["national id"], text: p?.nationalID ?? ""),
            FormField("Email", maxLength: 254, text: p?.email ?? ""),
            FormField("Address", maxLength: 500, text: p?.address ?? ""),
        ]
    }

    package static let registrationExtras = [
        FormField("Next of kin", maxLength: 200, hint: "name", errorKeys: ["next of kin name"]),
        FormField("  relationship", maxLength: 40, hint: "e.g. mother, husband", errorKeys: ["relationship"]),
        FormField("  phone", maxLength: 24, errorKeys: ["next of kin phone"]),
        FormField("Allergies", maxLength: 300, hint: "several: separate with , or ;", errorKeys: ["allergy"]),
    ]

    /// The registration form; `prefill` is what was typed in the lookup box.
    package static func register(prefill: String, context: ShellContext) -> FormScreen {
        var fields = identityFields(nil) + registrationExtras
        let query = PatientQuery(parsing: prefill)
        let words = prefill.split(whereSeparator: \.isWhitespace).map(String.init)
        if !query.nameTerms.isEmpty, query.digits.isEmpty, query.dateOfBirth == nil, query.mrn == nil {
            fields[0].input.text = capitalized(words.first ?? "")
            fields[1].input.text = words.dropFirst().map(capitalized).joined(separator: " ")
        } else if query.dateOfBirth != nil {
            fields[4].input.text = prefill.trimmingCharacters(in: .whitespaces)
        } else if let digits = query.digits.first, digits.count >= 7, query.nameTerms.isEmpty {
            fields[5].input.text = prefill.trimmingCharacters(in: .whitespaces)
        }
        return FormScreen(title: "Register a patient",
                          intro: "Only the names, sex and a birth date (or an age) are required. Ctrl-S saves.",
                          fields: fields) { values, context in
            let new = try registration(from: values, today: context.today)
            let checked = try context.store.validateRegistration(new)
            // The allergies field is split at "," and ";": before anything is saved, say into what.
            if checked.allergies.count > 1 {
                let question = "The allergies field holds \(checked.allergies.count) allergies: "
                    + checked.allergies.map(\.substance).joined(separator: " · ") + ". Record them as \(checked.allergies.count) allergies?"
                return .push(ConfirmScreen(command: Commands.saveForm, question: question) {
                    do {
                        return try checkDuplicatesAndRegister(checked, context: context, popping: 1)
                    } catch {
                        return .replace(popping: 1, with: MessageScreen(title: "Not registered", text: StoreError.sentence(for: error)))
                    }
                })
            }
            return try checkDuplicatesAndRegister(checked, context: context, popping: 0)
        }
    }

    /// Warns of likely duplicates, or registers `checked` and opens it; `popping`: screens above the form.
    private static func checkDuplicatesAndRegister(_ checked: NewPatient, context: ShellContext, popping: Int) throws -> Reaction {
        let duplicates = try context.store.likelyDuplicates(of: checked)
        if !duplicates.isEmpty {
            return .replace(popping: popping, with: DuplicateWarningScreen(candidate: checked, duplicates: duplicates))
        }
        return .replace(popping: popping + 1, with: try registerAndOpen(checked, context: context))
    }

    /// Saves `new` and returns the summary of the registered patient.
    package static func registerAndOpen(_ new: NewPatient, context: ShellContext) throws -> PatientSummaryScreen {
        guard let actor = context.session?.actor else { throw StoreError.notSignedIn }
        let registered = try context.store.registerPatient(new, by: actor)
        let fee = registered.registrationCharge.map {
            " Registration fee \(context.facility.currency) \(Money.format($0, minorUnits: context.facility.currencyMinorUnits)) posted."
        } ?? ""
        return PatientSummaryScreen(patientID: registered.patientID, context: context,
                                    message: "Registered \(registered.lastName), \(registered.firstName): MRN \(registered.mrn)." + fee)
    }

    /// The edit form of a registered patient's identity details.
    package static func edit(_ record: PatientRecord) -> FormScreen {
        let person = record.person
        var current = NewPatient(firstName: person.firstName, middleName: person.middleName, lastName: person.lastName,
                                 sex: person.sex, dob: person.dob, dobEstimated: person.dobEstimated, phone: person.phone,
                                 email: person.email, address: person.address, nationalID: person.nationalID)
        current.bloodType = record.patient.bloodType
        current.chronicConditions = record.patient.chronicConditions
        current.currentMedications = record.patient.currentMedications
        current.status = record.patient.status
        let original = current
        return FormScreen(title: "Edit \(record.displayName)", intro: "Changes are audited. Ctrl-S saves.",
                          fields: identityFields(current)) { values, context in
            guard let actor = context.session?.actor else { throw StoreError.notSignedIn }
            var new = try registration(from: values, today: context.today)
            new.bloodType = original.bloodType
            new.chronicConditions = original.chronicConditions
            new.currentMedications = original.currentMedications
            new.status = original.status
            // An unchanged birth date keeps its "estimated" mark.
            if values["date of birth"] == original.dob { new.dobEstimated = original.dobEstimated }
            let checked = try context.store.validateRegistration(new)
            let changed = changes(from: original, to: checked)
            guard !changed.isEmpty else { return .done(popping: 1, notice: "Nothing changed.") }
            let patientID = record.patient.patientID
            let save = { (context: ShellContext, popping: Int) throws -> Reaction in
                try context.store.updatePatient(patientID, with: checked, by: actor)
                return .done(popping: popping, notice: "Saved: \(changed.joined(separator: ", ")).")
            }
            // Warn as registration does, about the records these changes make this one look like
            // (another's national ID or phone), not about ones it already looked like.
            let before = Set(try context.store.likelyDuplicates(of: original, excluding: patientID).map(\.patientID))
            let duplicates = try context.store.likelyDuplicates(of: checked, excluding: patientID).filter { !before.contains($0.patientID) }
            guard duplicates.isEmpty else {
                return .push(DuplicateWarningScreen(
                    heading: "With these changes, \(checked.lastName), \(checked.firstName) looks like another patient:",
                    keymap: Keymaps.editDuplicates, goOnLine: "Ctrl-S: save the changes anyway (a different person).",
                    duplicates: duplicates) { try save($0, 2) })
            }
            return try save(context, 1)
        }
    }

    /// What an edit changes, as a person reads it ("phone", "national ID"); empty when nothing.
    static func changes(from old: NewPatient, to new: NewPatient) -> [String] {
        var out: [String] = []
        if (old.firstName, old.middleName ?? "", old.lastName) != (new.firstName, new.middleName ?? "", new.lastName) { out.append("name") }
        if old.sex != new.sex { out.append("sex") }
        if old.dob != new.dob || old.dobEstimated != new.dobEstimated { out.append("birth date") }
        if old.phone != new.phone { out.append("phone") }
        if old.nationalID != new.nationalID { out.append("national ID") }
        if old.email != new.email { out.append("email") }
        if old.address != new.address { out.append("address") }
        return out
    }

    /// Reads the form's values by field name (the identity fields, then the registration extras if present).
    package static func registration(from v: FormValues, today: CalendarDay) throws -> NewPatient {
        let sex = try parseSex(v["sex"])
        let (dob, estimated) = try parseBirth(v["date of birth"], today: today)
        var new = NewPatient(firstName: v["first name"], middleName: v["middle name"], lastName: v["last name"], sex: sex, dob: dob,
                             dobEstimated: estimated, phone: v["phone"], email: v["email"], address: v["address"],
                             nationalID: v["national id"])
        guard v.has("next of kin name") else { return new }
        let kin = v["next of kin name"].trimmingCharacters(in: .whitespaces)
        let relationship = v["relationship"], phone = v["next of kin phone"]
        if !kin.isEmpty || !relationship.trimmingCharacters(in: .whitespaces).isEmpty || !phone.trimmingCharacters(in: .whitespaces).isEmpty {
            new.contacts = [NewContact(kind: .nextOfKin, name: kin, relationship: relationship, phone: phone)]
        }
        new.allergies = v["allergy"].split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { NewAllergy(substance: $0) }
        return new
    }

    package static func parseSex(_ text: String) throws -> String {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "f", "female": return "female"
        case "m", "male": return "male"
        case "o", "other": return "other"
        case "u", "unknown": return "unknown"
        case "": throw ValidationError("sex", "is required: \(sexHint)")
        default: throw ValidationError("sex", "'\(text)' is not one of \(sexHint)")
        }
    }

    /// A birth date as typed, or an age ("34", "34y", "18m") turned into an estimated birth date.
    package static func parseBirth(_ text: String, today: CalendarDay) throws -> (String?, Bool) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !t.isEmpty else { throw ValidationError("date of birth", "a birth date or an age is required") }
        if let day = DateOfBirthParser.parse(t) { return (day.description, false) }
        let number = t.filter(\.isNumber)
        let unit = t.filter { !$0.isNumber && $0 != " " }
        guard !number.isEmpty, number.count <= 3, let amount = Int(number), ["", "y", "yr", "yrs", "years", "m", "mo", "months"].contains(unit) else {
            throw ValidationError("date of birth", "'\(text)' is neither a date nor an age (\(birthHint))")
        }
        let months = unit.hasPrefix("m") ? amount : amount * 12
        guard months <= 130 * 12 else { throw ValidationError("date of birth", "gives an age over 130") }
        var year = today.year - months / 12
        var month = today.month - months % 12
        if month < 1 { month += 12; year -= 1 }
        let day = min(today.day, CalendarDay.daysIn(month: month, year: year))
        return (CalendarDay(year: year, month: month, day: day)!.description, true)
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
