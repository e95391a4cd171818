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

    public static let nextView = Command("next-view", "Next board", help: "Show the next board: all services, each service, each doctor.", group: "Queue")
    public static let previousView = Command("previous-view", "Previous board", help: "Show the previous board.", group: "Queue")
    public static let checkIn = Command("check-in", "Check in", help: "Check a patient in: find them, choose the service (or their booked appointment) and priority; a token is given.", group: "Queue")
    public static let callNext = Command("call-next", "Call next", help: "Call the next patient of this board's service or doctor (emergencies first); the call time is recorded.", group: "Queue")
    public static let startConsultation = Command("start-consultation", "Seen", help: "The selected called patient is now in consultation.", group: "Queue")
    public static let finishVisit = Command("finish-visit", "Done", help: "The selected patient's visit is over.", group: "Queue")
    public static let returnToQueue = Command("return-to-queue", "Back to queue", help: "The selected called patient did not come: they wait again in their place.", group: "Queue")
    public static let markLeft = Command("mark-left", "Left unseen", help: "The selected patient left without being seen (a reason is asked); the consultation charge is voided.", group: "Queue")
    public static let cancelCheckIn = Command("cancel-check-in", "Cancel check-in", help: "Undo a check-in made in error (a reason is asked); its consultation charge is voided.", group: "Queue", destructive: true)
    public static let recordVitals = Command("record-vitals", "Vitals", help: "Record the selected patient's vital signs on this visit.", group: "Queue")
    public static let appointments = Command("appointments", "Appointments", help: "The day's appointments: book, reschedule, cancel, no-show, check in, export a doctor's day.", group: "Queue")
    public static let queueReport = Command("queue-report", "Report", help: "The day's queue report per service: patients, seen, median and p90 wait.", group: "Queue")
    public static let closeDay = Command("close-day", "Close day", help: "Close the day's queue: unseen patients become no-show or left, with a reason.", group: "Queue", destructive: true)
    public static let previousDay = Command("previous-day", "Previous day", help: "Show the day before.", group: "Queue")
    public static let nextDay = Command("next-day", "Next day", help: "Show the day after.", group: "Queue")
    public static let bookAppointment = Command("book-appointment", "Book", help: "Book an appointment: find the patient, then choose a doctor, a day and a free slot.", group: "Appointments")
    public static let bookSlot = Command("book-slot", "Book slot", help: "Book the selected slot.", group: "Appointments")
    public static let reschedule = Command("reschedule", "Reschedule", help: "Move the selected appointment to another slot.", group: "Appointments")
    public static let cancelAppointment = Command("cancel-appointment", "Cancel", help: "Cancel the selected appointment (a reason is asked).", group: "Appointments", destructive: true)
    public static let markNoShow = Command("no-show", "No-show", help: "The selected appointment's patient did not come (once its time has passed).", group: "Appointments")
    public static let checkInAppointment = Command("check-in-appointment", "Check in", help: "The selected appointment's patient has arrived: check them in.", group: "Appointments")
    public static let exportCalendar = Command("export-calendar", "Export .ics", help: "Write the selected doctor's day as an iCalendar (.ics) file.", group: "Appointments")
    public static let nextDoctor = Command("next-doctor", "Next doctor", help: "Show the next doctor (or all doctors).", group: "Appointments")
    public static let followUp = Command("follow-up", "Follow-up", help: "Book a follow-up from this patient's last finished visit.", group: "Appointments")

    public static let openShift = Command("open-shift", "Open shift", help: "Open your cashier shift with the float counted into the drawer.", group: "Cashier")
    public static let acceptHandover = Command("accept-handover", "Take over", help: "Open your shift on the cash the last cashier left: count it and confirm.", group: "Cashier")
    public static let closeShift = Command("close-shift", "Close shift", help: "Count the drawer by denomination and close your shift; the Z-report shows over or short.", group: "Cashier", destructive: true)
    public static let findAccount = Command("find-account", "Patient", help: "Find a patient and open their account: charges, invoices, deposits, receipts.", group: "Cashier")
    public static let collectionsReport = Command("collections", "Collections", help: "Today's collections by method and by cashier, and every shift.", group: "Cashier")
    public static let makeInvoice = Command("make-invoice", "Invoice", help: "Gather open charges into a draft invoice: the selected charge's visit, or every open charge of the patient.", group: "Cashier")
    public static let addService = Command("add-service", "Add service", help: "Add a service by its fee code at the counter.", group: "Cashier")
    public static let deposit = Command("deposit", "Deposit", help: "Take money on account, to be applied to later invoices.", group: "Cashier")
    public static let issueInvoice = Command("issue-invoice", "Issue", help: "Issue the draft: it takes the next invoice number and can be paid.", group: "Cashier")
    public static let pay = Command("pay", "Pay", help: "Take a payment on this invoice: cash (with change), card, mobile money, bank transfer, insurance, or several.", group: "Cashier")
    public static let discount = Command("discount", "Discount", help: "Give a discount: a supervisor's password and a reason.", group: "Cashier")
    public static let voidInvoice = Command("void-invoice", "Void", help: "Void the invoice (nothing paid on it): a supervisor's password and a reason; its charges are open again.", group: "Cashier", destructive: true)
    public static let applyDeposit = Command("apply-deposit", "Use deposit", help: "Pay this invoice from the patient's deposit.", group: "Cashier")
    public static let voidCharge = Command("void-charge", "Void charge", help: "Void the selected charge posted in error (not yet invoiced): a supervisor's password and a reason.", group: "Cashier", destructive: true)
    public static let refund = Command("refund", "Refund", help: "Refund (part of) the selected receipt: a supervisor's password and a reason.", group: "Cashier", destructive: true)
    public static let printReceipt = Command("print-receipt", "Print", help: "Print the selected receipt (reprints say COPY).", group: "Cashier")
    public static let saveReceipt = Command("save-receipt", "To file", help: "Write the selected receipt to a text file (exports/ beside the store).", group: "Cashier")

    public static let feeSchedule = Command("fee-schedule", "Fees", help: "The fee schedule (administrators): every rate by code and date; n sets a rate from a day on.", group: "Administration")
    public static let setFee = Command("set-fee", "Set rate", help: "Set a code's rate from a day on; the rate before it ends the day before.", group: "Administration")

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
        Binding(.function(11), Commands.feeSchedule),
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
        Binding(.character("i"), Commands.addPolicy, inFooter: false),
        Binding(.character("d"), Commands.removeDetail, inFooter: false),
        Binding(.character("m"), Commands.mergeRecord),
        Binding(.character("k"), Commands.checkIn),
        Binding(.character("b"), Commands.bookAppointment),
        Binding(.character("f"), Commands.followUp, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let queueBoard = Keymap("Queue board", [
        Binding(.character("n"), Commands.checkIn),
        Binding(.character("c"), Commands.callNext),
        Binding(.character("s"), Commands.startConsultation),
        Binding(.character("d"), Commands.finishVisit),
        Binding(.character("v"), Commands.recordVitals),
        Binding(.character("a"), Commands.appointments),
        Binding(.tab, Commands.nextView),
        Binding(.backTab, Commands.previousView, inFooter: false),
        Binding(.character("r"), Commands.returnToQueue, inFooter: false),
        Binding(.character("l"), Commands.markLeft, inFooter: false),
        Binding(.character("x"), Commands.cancelCheckIn, inFooter: false),
        Binding(.character("t"), Commands.queueReport, inFooter: false),
        Binding(.character("z"), Commands.closeDay, inFooter: false),
        Binding(.enter, Commands.open, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let appointments = Keymap("Appointments", [
        Binding(.character("b"), Commands.bookAppointment),
        Binding(.character("k"), Commands.checkInAppointment),
        Binding(.character("r"), Commands.reschedule),
        Binding(.character("x"), Commands.cancelAppointment),
        Binding(.character("n"), Commands.markNoShow),
        Binding(.character("e"), Commands.exportCalendar),
        Binding(.tab, Commands.nextDoctor, inFooter: false),
        Binding(.left, Commands.previousDay, inFooter: false),
        Binding(.right, Commands.nextDay, inFooter: false),
        Binding(.enter, Commands.open, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let booking = Keymap("Book a slot", [
        Binding(.enter, Commands.bookSlot),
        Binding(.tab, Commands.nextDoctor),
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let queueReport = Keymap("Queue report", [
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
    ])

    public static let cashierDesk = Keymap("Cashier desk", [
        Binding(.character("o"), Commands.openShift),
        Binding(.character("t"), Commands.acceptHandover),
        Binding(.character("f"), Commands.findAccount),
        Binding(.character("c"), Commands.collectionsReport),
        Binding(.character("z"), Commands.closeShift),
        Binding(.enter, Commands.open, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let account = Keymap("Patient account", [
        Binding(.character("i"), Commands.makeInvoice),
        Binding(.character("a"), Commands.addService),
        Binding(.character("d"), Commands.deposit),
        Binding(.character("r"), Commands.refund),
        Binding(.character("p"), Commands.printReceipt),
        Binding(.character("w"), Commands.saveReceipt, inFooter: false),
        Binding(.character("x"), Commands.voidCharge, inFooter: false),
        Binding(.enter, Commands.open, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let invoice = Keymap("Invoice", [
        Binding(.character("p"), Commands.pay),
        Binding(.character("s"), Commands.issueInvoice),
        Binding(.character("a"), Commands.addService),
        Binding(.character("u"), Commands.applyDeposit),
        Binding(.character("d"), Commands.discount, inFooter: false),
        Binding(.character("x"), Commands.voidInvoice, inFooter: false),
    ])

    public static let fees = Keymap("Fee schedule", [
        Binding(.character("n"), Commands.setFee),
        Binding(.enter, Commands.setFee, inFooter: false),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let receipt = Keymap("Receipt or Z-report", [
        Binding(.character("p"), Commands.printReceipt),
        Binding(.character("w"), Commands.saveReceipt),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    /// Every screen's keymap, for help and docs/keybindings.md.
    public static let all: [Keymap] = [global, login, home, lock, settings, lookup, form, duplicates, patient, queueBoard,
                                       appointments, booking, queueReport, cashierDesk, account, invoice, receipt, fees]
}
