// The admit form: reason, doctor, diagnosis, expected stay and a bed that can take the patient now (or none).
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum AdmitForm {
    package static let noBed = "No bed yet (waiting list)"
    /// No bed is guessed: the nurse chooses one, or the waiting list (the first of a list is not a choice).
    package static let chooseBed = "Choose a bed (←/→)"
    package static let kinds: [(String, NewAdmission.Kind)] = [("Inpatient", .inpatient), ("Day case", .dayCase)]

    /// The beds offered: free ones, and one reserved for this patient (first), as `BedsText.bedChoice` names them.
    package static func bedChoices(for patientID: String, context: ShellContext) -> [BoardBed] {
        let beds: [BoardBed] = ((try? context.store.beds.board()) ?? BedBoard.empty).beds
        let reserved: [BoardBed] = beds.filter { $0.status == .reserved && $0.patientID == patientID }
        return reserved + beds.filter { $0.status == .free }
    }

    /// From a bed on the board or its screen: find the patient, then admit them into that bed.
    package static func lookupThenAdmit(into bed: BoardBed, context: ShellContext) -> Reaction {
        .push(PatientLookupScreen(context: context, title: "Admit into \(bed.wardCode) \(bed.label): find the patient") { patientID, context in
            .push(make(patientID: patientID, bedID: bed.bedID, context: context, popping: 2))
        })
    }

    /// `popping`: screens to close once admitted (the form, and the lookup it was reached from).
    package static func make(patientID: String, bedID: String?, context: ShellContext, popping: Int) -> any Screen {
        let store = context.store
        let record = (try? store.patientRecord(patientID)) ?? nil
        let name = record.map { "\($0.displayName) (\($0.patient.mrn))" } ?? "the patient"
        if let current = try? store.beds.currentAdmission(of: patientID) {
            return MessageScreen(title: "Admit", text: "\(name) is already admitted"
                + (current.bedName.map { ", in \($0)" } ?? ", waiting for a bed") + ". Transfer or discharge them from their bed.")
        }
        let beds = bedChoices(for: patientID, context: context)
        let chosenBed = beds.first { $0.bedID == bedID }.map(BedsText.bedChoice)
        let bedNames = (chosenBed == nil ? [chooseBed] : []) + [noBed] + beds.map(BedsText.bedChoice)
        let doctors = (try? store.queue.doctors()) ?? []
        let noDoctor = "Not named yet"
        let fields: [FormField] = [
            .choice("Kind", kinds.map(\.0), hint: "Inpatient or day case"),
            FormField("Reason", maxLength: 200, hint: "Why they are admitted")
                .checked { if $0.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("reason", "is required") } },
            .choice("Doctor", [noDoctor] + doctors.map(\.name), hint: "Attending doctor"),
            FormField("Diagnosis", maxLength: 200, hint: "Admitting, as text"),
            FormField("Expected days", maxLength: 3, hint: "Expected stay", errorKeys: ["expected stay"])
                .checkedAsWholeNumber(1...365, message: "give whole days, 1 to 365"),
            .choice("Bed", bedNames, selected: chosenBed, hint: "Free beds only")
                .checked { if $0 == chooseBed { throw ValidationError("bed", "choose a bed, or No bed yet") } },
        ]
        let form = FormScreen(title: "Admit", intro: "Admit \(name). Ctrl-S admits; the cashier takes the deposit.", fields: fields) {
            values, context in
            guard let actor = context.session?.actor else { return .none }
            let bedIndex = beds.firstIndex { BedsText.bedChoice($0) == values["bed"] }
            let doctorIndex = ([noDoctor] + doctors.map(\.name)).firstIndex(of: values["doctor"]).flatMap { $0 == 0 ? nil : $0 - 1 }
            let admitted = try store.beds.admit(NewAdmission(
                patientID: patientID, kind: kinds.first { $0.0 == values["kind"] }?.1 ?? .inpatient, reason: values["reason"],
                attendingDoctorID: doctorIndex.map { doctors[$0].doctorID }, diagnosis: values["diagnosis"],
                expectedDays: values["expected stay"], bedID: bedIndex.map { beds[$0].bedID }), by: actor)
            return .done(popping: popping, notice: "Admitted \(record?.displayName ?? "the patient")"
                + (admitted.bedName.map { " into \($0)." } ?? ", waiting for a bed.") + " Send them to the cashier for the deposit.")
        }
        return form
    }
}
