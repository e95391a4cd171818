// Commands and keymaps are data: the footer, the F1 help and docs/keybindings.md come from them.
import TerminalKit

/// A user action: what it is called, what help says, where help groups it, and whether it
/// destroys something (destructive commands always ask first).
public struct Command: Hashable, Sendable {
    public let id: String
    public let title: String
    public let help: String
    public let group: String
    public let destructive: Bool

    public init(_ id: String, _ title: String, help: String, group: String, destructive: Bool = false) {
        self.id = id
        self.title = title
        self.help = help
        self.group = group
        self.destructive = destructive
    }
}

/// A key bound to a command. `inFooter` puts it in the footer line as well as in help.
public struct Binding: Hashable, Sendable {
    public let key: Key
    public let command: Command
    public let inFooter: Bool

    public init(_ key: Key, _ command: Command, inFooter: Bool = true) {
        self.key = key
        self.command = command
        self.inFooter = inFooter
    }
}

/// The keys of one screen (or the global ones every screen shares).
public struct Keymap: Sendable {
    public let name: String
    public let bindings: [Binding]

    public init(_ name: String, _ bindings: [Binding]) {
        self.name = name
        self.bindings = bindings
    }

    public func command(for key: Key) -> Command? {
        bindings.first { $0.key == key }?.command
    }
}

/// Every command the shell knows.
public enum Commands {
    public static let help = Command("help", "Help", help: "Show the keys of this screen and what they do.", group: "General")
    public static let back = Command("back", "Back", help: "Leave this screen, closing any overlay or form without saving.", group: "General")
    public static let lock = Command("lock", "Lock", help: "Lock this terminal now: patient details are hidden until you sign in again.", group: "Session")
    public static let signOut = Command("sign-out", "Sign out", help: "End your session and return to the sign-in screen.", group: "Session", destructive: true)
    public static let quit = Command("quit", "Quit", help: "Close FrontDesk on this terminal.", group: "Session", destructive: true)
    public static let nextField = Command("next-field", "Next field", help: "Move to the next field.", group: "Forms")
    public static let previousField = Command("previous-field", "Previous field", help: "Move to the previous field.", group: "Forms")
    public static let submit = Command("submit", "Sign in", help: "Check the username and password.", group: "Forms")
    public static let switchUser = Command("switch-user", "Other user", help: "Sign in as another user instead; the locked session ends.", group: "Session")
    public static let moveUp = Command("move-up", "Up", help: "Select the item above.", group: "Navigation")
    public static let moveDown = Command("move-down", "Down", help: "Select the item below.", group: "Navigation")
    public static let open = Command("open", "Open", help: "Open the selected item.", group: "Navigation")
    public static let settings = Command("settings", "Settings", help: "Facility settings (administrators): the idle lock, the phone country code, the MRN format.", group: "Administration")
    public static let save = Command("save", "Save", help: "Save the values on this screen.", group: "Forms")
    public static let saveForm = Command("save-form", "Save", help: "Check every field and save the form; problems are shown beside their fields.", group: "Forms")
    public static let findPatient = Command("find-patient", "Find patient", help: "Open the patient lookup from any desk: name, MRN, phone, birth date, or initial + last 4 digits.", group: "Patients")
    public static let newPatient = Command("new-patient", "New patient", help: "Register a new patient (the lookup text fills in the name).", group: "Patients")
    public static let recallPatient = Command("recall-patient", "Last patient", help: "Open the patient opened last on this terminal.", group: "Patients")
    public static let editPatient = Command("edit-patient", "Edit", help: "Change the patient's details; the change is audited.", group: "Patients")
    public static let addContact = Command("add-contact", "Contact", help: "Add a next of kin, emergency contact or guardian.", group: "Patients")
    public static let addAllergy = Command("add-allergy", "Allergy", help: "Record an allergy.", group: "Patients")
    public static let addPolicy = Command("add-policy", "Insurance", help: "Add an insurance policy (one primary at most).", group: "Patients")
    public static let removeDetail = Command("remove-detail", "Remove", help: "Remove the selected contact, allergy or policy (kept in the audit trail).", group: "Patients", destructive: true)
    public static let mergeRecord = Command("merge-record", "Merge", help: "Supervisors: fold a duplicate record into this one; its MRN keeps finding this patient.", group: "Patients", destructive: true)
    public static let openExisting = Command("open-existing", "Open existing", help: "Open the selected existing patient instead of registering a new one.", group: "Patients")
    public static let continueAsNew = Command("continue-as-new", "Continue as new", help: "Register the new patient anyway: it is a different person.", group: "Patients")

    /// One command per desk, in the order of their function keys.
    public static let desks: [(Desk, Command)] = Desk.allCases.map { desk in
        (desk, Command("desk.\(desk.rawValue)", desk.title, help: desk.summary, group: "Desks"))
    }
}

/// The keymaps of the shell's screens.
public enum Keymaps {
    public static let global = Keymap("Everywhere", [
        Binding(.function(1), Commands.help),
        Binding(.escape, Commands.back),
        Binding(.ctrl("l"), Commands.lock),
        Binding(.function(10), Commands.signOut),
        Binding(.ctrl("q"), Commands.quit),
        Binding(.ctrl("f"), Commands.findPatient, inFooter: false),
    ])

    public static let login = Keymap("Sign-in", [
        Binding(.tab, Commands.nextField, inFooter: false),
        Binding(.backTab, Commands.previousField, inFooter: false),
        Binding(.enter, Commands.submit),
        Binding(.function(1), Commands.help),
        Binding(.ctrl("q"), Commands.quit),
    ])

    public static let home = Keymap("Home", Commands.desks.map { desk, command in
        Binding(.function(desk.functionKey), command)
    } + [
        Binding(.function(9), Commands.settings),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
        Binding(.enter, Commands.open, inFooter: false),
    ])

    public static let settings = Keymap("Facility settings", [
        Binding(.enter, Commands.save),
        Binding(.tab, Commands.nextField, inFooter: false),
        Binding(.backTab, Commands.previousField, inFooter: false),
        Binding(.down, Commands.nextField, inFooter: false),
        Binding(.up, Commands.previousField, inFooter: false),
    ])

    public static let lock = Keymap("Locked", [
        Binding(.enter, Command("unlock", "Unlock", help: "Check your password and return to where you were.", group: "Session")),
        Binding(.tab, Commands.switchUser),
        Binding(.ctrl("q"), Commands.quit),
    ])

    public static let desk = Keymap("Desk", [])

    public static let lookup = Keymap("Patient lookup", [
        Binding(.enter, Commands.open),
        Binding(.ctrl("n"), Commands.newPatient),
        Binding(.ctrl("r"), Commands.recallPatient),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let form = Keymap("Form", [
        Binding(.ctrl("s"), Commands.saveForm),
        Binding(.tab, Commands.nextField, inFooter: false),
        Binding(.backTab, Commands.previousField, inFooter: false),
        Binding(.down, Commands.nextField, inFooter: false),
        Binding(.up, Commands.previousField, inFooter: false),
        Binding(.enter, Commands.nextField, inFooter: false),
    ])

    public static let duplicates = Keymap("Possible duplicate", [
        Binding(.enter, Commands.openExisting),
        Binding(.ctrl("n"), Commands.continueAsNew),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let patient = Keymap("Patient", [
        Binding(.character("e"), Commands.editPatient),
        Binding(.character("c"), Commands.addContact),
        Binding(.character("a"), Commands.addAllergy),
        Binding(.character("i"), Commands.addPolicy),
        Binding(.character("d"), Commands.removeDetail),
        Binding(.character("m"), Commands.mergeRecord),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    /// Every screen's keymap, for help and docs/keybindings.md.
    public static let all: [Keymap] = [global, login, home, lock, settings, lookup, form, duplicates, patient]
}
