// The registration desk's commands and keymaps.
import FrontDeskCore
import FrontDeskShell
import TerminalKit

extension Commands {
    public static let newPatient = Command("new-patient", "New patient", help: "Register a new patient (the lookup text fills in the name).", group: "Patients", permission: .registerPatient)
    public static let editPatient = Command("edit-patient", "Edit", help: "Change the patient's details; the change is audited.", group: "Patients", permission: .editPatient)
    public static let addContact = Command("add-contact", "Contact", help: "Add a next of kin, emergency contact or guardian.", group: "Patients", permission: .editPatient)
    public static let addAllergy = Command("add-allergy", "Allergy", help: "Record an allergy (nurses and doctors too).", group: "Patients", permission: .recordAllergies)
    public static let addPolicy = Command("add-policy", "Insurance", help: "Add an insurance policy (one primary at most).", group: "Patients", permission: .editPatient)
    public static let removeDetail = Command("remove-detail", "Remove", help: "Remove the selected contact, allergy or policy (kept in the audit trail).", group: "Patients", permission: .editPatient, destructive: true)
    public static let mergeRecord = Command("merge-record", "Merge", help: "Supervisors: find the duplicate with the lookup, see what differs, fold it into this one; its MRN keeps finding this patient.", group: "Patients", permission: .mergePatients, destructive: true, confirmedBy: .form)
    public static let openExisting = Command("open-existing", "Open existing", help: "Open the selected existing patient instead of registering a new one.", group: "Patients")
    public static let continueAsNew = Command("continue-as-new", "Continue as new", help: "Register the new patient anyway: it is a different person.", group: "Patients", permission: .registerPatient)
    public static let saveEditAnyway = Command("save-edit-anyway", "Save anyway", help: "Save the changes anyway: the other record is a different person.", group: "Patients", permission: .editPatient)
}

extension Keymaps {
    public static let duplicates = Keymap("Possible duplicate", [
        Binding(.enter, Commands.openExisting),
        Binding(.ctrl("n"), Commands.continueAsNew),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    /// The same warning when an edit would make a patient look like another (their national ID or phone).
    public static let editDuplicates = Keymap("Possible duplicate (edit)", [
        Binding(.enter, Commands.openExisting),
        Binding(.ctrl("s"), Commands.saveEditAnyway),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])
}
