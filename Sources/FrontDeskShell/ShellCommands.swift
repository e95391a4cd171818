// The shell's own commands and keymaps; each desk adds its own in its module (extension Commands).
import FrontDeskCore
import TerminalKit

/// Every command, by name. The shell's are here; each desk declares its own in an extension.
public enum Commands {
    public static let help = Command("help", "Help", help: "Show the keys of this screen and what they do.", group: "General")
    public static let back = Command("back", "Back", help: "Leave this screen, closing any overlay or form without saving.", group: "General")
    /// Not bound to a key: the title of the question before typed changes are thrown away.
    public static let discard = Command("discard", "Discard changes?", help: "Throw away what was typed and not saved.", group: "General")
    public static let lock = Command("lock", "Lock", help: "Lock this terminal now: patient details are hidden until you sign in again.", group: "Session")
    public static let signOut = Command("sign-out", "Sign out", help: "End your session and return to the sign-in screen.", group: "Session", destructive: true)
    public static let quit = Command("quit", "Quit", help: "Close FrontDesk on this terminal.", group: "Session", destructive: true)
    public static let nextField = Command("next-field", "Next field", help: "Move to the next field.", group: "Forms")
    public static let nextChoice = Command("next-choice", "Choose", help: "On a choice field: the next option (a first letter picks one too). Elsewhere → moves the cursor.", group: "Forms")
    public static let previousChoice = Command("previous-choice", "Previous option", help: "On a choice field: the option before. Elsewhere ← moves the cursor.", group: "Forms")
    public static let previousField = Command("previous-field", "Previous field", help: "Move to the previous field.", group: "Forms")
    public static let submit = Command("submit", "Sign in", help: "Check the username and password.", group: "Forms")
    public static let switchUser = Command("switch-user", "Other user", help: "Sign in as another user instead; the locked session ends.", group: "Session")
    public static let unlock = Command("unlock", "Unlock", help: "Check your password and return to where you were.", group: "Session")
    public static let moveUp = Command("move-up", "Up", help: "Select the item above.", group: "Navigation")
    public static let moveDown = Command("move-down", "Down", help: "Select the item below.", group: "Navigation")
    public static let scrollDown = Command("scroll-down", "Scroll", help: "Show the next line (more ↓ says there is more).", group: "Navigation")
    public static let scrollUp = Command("scroll-up", "Scroll up", help: "Show the line before (↑ more says there is more above).", group: "Navigation")
    public static let pageDown = Command("page-down", "Page down", help: "Show the next page.", group: "Navigation")
    public static let pageUp = Command("page-up", "Page up", help: "Show the page before.", group: "Navigation")
    public static let open = Command("open", "Open", help: "Open the selected item.", group: "Navigation")
    public static let previousDay = Command("previous-day", "Previous day", help: "Show the day before.", group: "Queue")
    public static let nextDay = Command("next-day", "Next day", help: "Show the day after.", group: "Queue")
    public static let settings = Command("settings", "Settings", help: "Facility settings (administrators): the idle lock, the phone country code, the MRN format.", group: "Administration", permission: .manageFacility)
    public static let save = Command("save", "Save", help: "Save the values on this screen: it lists what changes and asks first.", group: "Forms")
    public static let saveForm = Command("save-form", "Save", help: "Check every field and save the form; problems are shown beside their fields.", group: "Forms")
    public static let findPatient = Command("find-patient", "Find patient", help: "Open the patient lookup from any desk: name, MRN, phone, birth date, or initial + last 4 digits.", group: "Patients", permission: .viewPatients)
    public static let recallPatient = Command("recall-patient", "Last patient", help: "Open the patient opened last on this terminal.", group: "Patients")
    public static let feeSchedule = Command("fee-schedule", "Fees", help: "The fee schedule (administrators): every rate by code and date; n sets a rate from a day on.", group: "Administration", permission: .manageFees)
    public static let setFee = Command("set-fee", "Set rate", help: "Set a code's rate from a day on; the rate before it ends the day before.", group: "Administration", permission: .manageFees)

    /// One command per desk, in the order of their function keys; each needs its desk's permission.
    public static let desks: [(Desk, Command)] = Desk.allCases.map { desk in
        (desk, Command("desk.\(desk.rawValue)", desk.title, help: desk.summary, group: "Desks", permission: desk.permission))
    }
}

/// The keymaps of the shell's screens; each desk adds its screens' keymaps in an extension.
public enum Keymaps {
    public static let global = Keymap("Everywhere", [
        Binding(.function(1), Commands.help),
        Binding(.escape, Commands.back),
        Binding(.ctrl("l"), Commands.lock),
        Binding(.function(10), Commands.signOut),
        Binding(.ctrl("q"), Commands.quit),
        Binding(.ctrl("f"), Commands.findPatient, inFooter: false),
    ] + deskKeys.map { Binding($0.key, $0.command, inFooter: false) })

    /// The desks' keys, Settings and Fees: in the footer on Home, and working from every screen.
    public static let deskKeys: [Binding] = Commands.desks.map { desk, command in
        Binding(.function(desk.functionKey), command)
    } + [Binding(.function(9), Commands.settings), Binding(.function(11), Commands.feeSchedule)]

    public static let login = Keymap("Sign-in", [
        Binding(.tab, Commands.nextField, inFooter: false),
        Binding(.backTab, Commands.previousField, inFooter: false),
        Binding(.enter, Commands.submit),
        Binding(.function(1), Commands.help),
        Binding(.ctrl("q"), Commands.quit),
    ])

    /// Home: the desks' keys, then each desk's set-up screens (administrators).
    public static func home(_ desks: [any DeskModule]) -> Keymap {
        Keymap("Home", deskKeys + desks.flatMap { $0.setUpScreens.map(\.binding) } + [
            Binding(.up, Commands.moveUp, inFooter: false),
            Binding(.down, Commands.moveDown, inFooter: false),
            Binding(.enter, Commands.open, inFooter: false),
        ])
    }

    public static let settings = Keymap("Facility settings", [
        Binding(.ctrl("s"), Commands.save),
        Binding(.enter, Commands.nextField, inFooter: false),
        Binding(.tab, Commands.nextField, inFooter: false),
        Binding(.backTab, Commands.previousField, inFooter: false),
        Binding(.down, Commands.nextField, inFooter: false),
        Binding(.up, Commands.previousField, inFooter: false),
    ])

    public static let lock = Keymap("Locked", [
        Binding(.enter, Commands.unlock),
        Binding(.tab, Commands.switchUser),
        Binding(.ctrl("q"), Commands.quit),
    ])

    public static let desk = Keymap("Desk", [])

    public static let confirm = Keymap("Confirm", [])

    public static let helpOverlay = Keymap("Help", [
        Binding(.down, Commands.scrollDown, inFooter: false), Binding(.up, Commands.scrollUp, inFooter: false),
        Binding(.pageDown, Commands.pageDown, inFooter: false), Binding(.pageUp, Commands.pageUp, inFooter: false),
    ])

    /// The lookup: open, what the desks offer on the typed text (register a new patient), recall.
    public static func lookup(_ desks: [any DeskModule]) -> Keymap {
        Keymap("Patient lookup", [Binding(.enter, Commands.open)] + desks.flatMap { $0.lookupActions.map(\.binding) } + [
            Binding(.ctrl("r"), Commands.recallPatient),
            Binding(.up, Commands.moveUp, inFooter: false),
            Binding(.down, Commands.moveDown, inFooter: false),
        ])
    }

    /// The patient summary: what each desk offers on a patient, in the order of the desks.
    public static func patient(_ desks: [any DeskModule]) -> Keymap {
        Keymap("Patient", desks.flatMap { $0.patientActions.map(\.binding) } + [
            Binding(.up, Commands.moveUp, inFooter: false),
            Binding(.down, Commands.moveDown, inFooter: false),
        ])
    }

    public static let form = Keymap("Form", [
        Binding(.ctrl("s"), Commands.saveForm),
        Binding(.tab, Commands.nextField, inFooter: false),
        Binding(.backTab, Commands.previousField, inFooter: false),
        Binding(.down, Commands.nextField, inFooter: false),
        Binding(.up, Commands.previousField, inFooter: false),
        Binding(.enter, Commands.nextField, inFooter: false),
        Binding(.right, Commands.nextChoice),
        Binding(.left, Commands.previousChoice, inFooter: false),
    ])

    public static let fees = Keymap("Fee schedule", [
        Binding(.character("n"), Commands.setFee),
        Binding(.enter, Commands.setFee, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    /// The shell's keymaps, for help, docs/keybindings.md and the keymap rules test; the desks add theirs.
    public static func shell(_ desks: [any DeskModule]) -> [Keymap] {
        [global, login, home(desks), lock, settings, lookup(desks), form, patient(desks), fees]
    }
}
