// The queue desk's commands and keymaps (board, appointments, booking, the day's report).
import FrontDeskCore
import FrontDeskShell
import TerminalKit

extension Commands {
    public static let nextView = Command("next-view", "Next board", help: "Show the next board: all services, each service, each doctor.", group: "Queue")
    public static let previousView = Command("previous-view", "Previous board", help: "Show the previous board.", group: "Queue")
    public static let checkIn = Command("check-in", "Check in", help: "Check a patient in: find them, choose the service (or their booked appointment) and priority; a token is given.", group: "Queue", permission: .checkIn)
    public static let callNext = Command("call-next", "Call next", help: "Call the next patient of this board's service or doctor (emergencies first); on the all-services board, the first waiting patient shown. The call time is recorded.", group: "Queue", permission: .callPatient)
    public static let startConsultation = Command("start-consultation", "Seen", help: "The selected called patient is now in consultation.", group: "Queue", permission: .callPatient)
    public static let finishVisit = Command("finish-visit", "Done", help: "The selected patient's visit is over.", group: "Queue", permission: .callPatient)
    public static let returnToQueue = Command("return-to-queue", "Back to queue", help: "The selected called patient did not come: they wait again in their place.", group: "Queue", permission: .callPatient)
    public static let markLeft = Command("mark-left", "Left unseen", help: "The selected patient left without being seen (a reason is asked); the consultation charge is voided.", group: "Queue", permission: .callPatient)
    public static let cancelCheckIn = Command("cancel-check-in", "Cancel check-in", help: "Undo a check-in made in error (a reason is asked); its consultation charge is voided.", group: "Queue", permission: .checkIn, destructive: true, confirmedBy: .form)
    public static let recordVitals = Command("record-vitals", "Vitals", help: "Record the selected patient's vital signs on this visit.", group: "Queue", permission: .recordVitals)
    public static let appointments = Command("appointments", "Appointments", help: "The day's appointments: book, reschedule, cancel, no-show, check in, export a doctor's day.", group: "Queue", permission: .bookAppointment)
    public static let queueReport = Command("queue-report", "Report", help: "The day's queue report per service: patients, seen, median and p90 wait.", group: "Queue")
    public static let closeDay = Command("close-day", "Close day", help: "Close the day's queue: unseen patients become no-show or left, with a reason.", group: "Queue", permission: .closeQueueDay, destructive: true, confirmedBy: .form)
    public static let bookAppointment = Command("book-appointment", "Book", help: "Book an appointment: find the patient, then choose a doctor, a day and a free slot.", group: "Appointments", permission: .bookAppointment)
    public static let bookSlot = Command("book-slot", "Book slot", help: "Book the selected slot.", group: "Appointments", permission: .bookAppointment)
    public static let reschedule = Command("reschedule", "Reschedule", help: "Move the selected appointment to another slot.", group: "Appointments", permission: .bookAppointment)
    public static let cancelAppointment = Command("cancel-appointment", "Cancel", help: "Cancel the selected appointment (a reason is asked).", group: "Appointments", permission: .bookAppointment, destructive: true, confirmedBy: .form)
    public static let markNoShow = Command("no-show", "No-show", help: "The selected appointment's patient did not come (once its time has passed).", group: "Appointments", permission: .bookAppointment)
    public static let checkInAppointment = Command("check-in-appointment", "Check in", help: "The selected appointment's patient has arrived: check them in.", group: "Appointments", permission: .checkIn)
    public static let exportCalendar = Command("export-calendar", "Export .ics", help: "Write the selected doctor's day as an iCalendar (.ics) file.", group: "Appointments")
    public static let nextDoctor = Command("next-doctor", "Next doctor", help: "Show the next doctor, then all doctors again.", group: "Appointments")
    public static let nextBookingDoctor = Command("next-booking-doctor", "Next doctor", help: "Show the next doctor's slots (each doctor in turn).", group: "Appointments")
    public static let nextFreeSlot = Command("next-free-slot", "Next free", help: "Go to this doctor's next free slot, on this day or a later one.", group: "Appointments")
    public static let nextFreeInService = Command("next-free-in-service", "Next free in clinic", help: "Go to the next free slot of any doctor of this doctor's service.", group: "Appointments")
    public static let followUp = Command("follow-up", "Follow-up", help: "Book a follow-up from this patient's last finished visit.", group: "Appointments", permission: .bookAppointment)
}

extension Keymaps {
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
        Binding(.tab, Commands.nextBookingDoctor),
        Binding(.character("n"), Commands.nextFreeSlot),
        Binding(.character("s"), Commands.nextFreeInService, inFooter: false),
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
        Binding(.up, Commands.moveUp, inFooter: false),
        Binding(.down, Commands.moveDown, inFooter: false),
    ])

    public static let queueReport = Keymap("Queue report", [
        Binding(.left, Commands.previousDay),
        Binding(.right, Commands.nextDay),
    ])
}
