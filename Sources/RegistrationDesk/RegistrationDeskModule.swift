// The registration desk, declared once: its first screen, keymaps, and what it offers on a patient.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Find or register patients; edit their details, contacts, allergies and insurance; merge duplicates.
public struct RegistrationDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .registration }

    public var keymaps: [Keymap] { [Keymaps.duplicates, Keymaps.editDuplicates] }

    public func firstScreen(context: ShellContext) -> any Screen { PatientLookupScreen(context: context) }

    public var lookupActions: [LookupAction] {
        [LookupAction(Binding(.ctrl("n"), Commands.newPatient), hintWhenNothingFound: "Ctrl-N registers a new one.") { typed, context in
            .push(PatientForm.register(prefill: typed, context: context))
        }]
    }

    public var patientActions: [PatientAction] {
        [
            PatientAction(Binding(.character("e"), Commands.editPatient)) { .push(PatientForm.edit($0.record)) },
            PatientAction(Binding(.character("c"), Commands.addContact)) { .push(DetailForms.contact(patientID: $0.record.patient.patientID)) },
            PatientAction(Binding(.character("a"), Commands.addAllergy)) { .push(DetailForms.allergy(patientID: $0.record.patient.patientID)) },
            PatientAction(Binding(.character("i"), Commands.addPolicy, inFooter: false)) {
                .push(DetailForms.policy(record: $0.record, today: $0.context.today,
                                              minorUnits: $0.context.facility.currencyMinorUnits))
            },
            PatientAction(Binding(.character("d"), Commands.removeDetail, inFooter: false),
                          question: { $0.selectedDetail.map { "Remove \($0.text)?" } },
                          run: Self.removeDetail),
            PatientAction(Binding(.character("m"), Commands.mergeRecord), run: Self.findDuplicateToMerge),
        ]
    }

    /// The duplicate's contacts, allergies and insurance move to the survivor; its MRN keeps finding it.
    public var mergeMoves: [String] { ["contacts", "allergies", "insurance policies"] }

    /// A supervisor finds the duplicate with the patient lookup (any key: name, phone, birth date,
    /// MRN), then gives the reason and sees what differs before anything moves.
    static func findDuplicateToMerge(_ input: PatientActionInput) -> Reaction {
        let survivor = input.record
        // Every desk says what a merge moves of its own; the form names it before anything moves.
        let moves = input.context.desks.filter { $0.desk != .registration }.flatMap(\.mergeMoves)
        return .push(PatientLookupScreen(context: input.context, title: "Find the duplicate to merge into \(survivor.patient.mrn)",
                                         findsOnly: true) {
            patientID, context in
            guard patientID != survivor.patient.patientID else {
                return .push(MessageScreen(title: "Merge", text: "That is \(survivor.patient.mrn) itself: pick the duplicate to fold into it."))
            }
            do {
                guard let duplicate = try context.store.patientRecord(patientID) else { return .none }
                return .push(DetailForms.merge(into: survivor, duplicate: duplicate, moves: moves))
            } catch {
                return .push(MessageScreen(title: "Merge", text: StoreError.sentence(for: error)))
            }
        })
    }

    /// Removes the selected contact, allergy or policy (the shell has asked already).
    static func removeDetail(_ input: PatientActionInput) -> Reaction {
        guard let detail = input.selectedDetail, let actor = input.context.session?.actor else { return .none }
        do {
            try input.context.store.removeDetail(detail.key, by: actor)
            input.notify("Removed.", false)
        } catch {
            input.notify(StoreError.sentence(for: error), true)
        }
        return .redraw
    }
}
