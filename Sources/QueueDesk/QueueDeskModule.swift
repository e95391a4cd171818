// The queue desk, declared once: board, keymaps, check-in and booking on a patient, visits on the summary.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Check-in, the live queue board, appointments and the day's queue report.
public struct QueueDeskModule: DeskModule {
    public init() {}

    public var desk: Desk { .queue }

    public var keymaps: [Keymap] { [Keymaps.queueBoard, Keymaps.appointments, Keymaps.booking, Keymaps.queueReport] }

    public func firstScreen(context: ShellContext) -> any Screen { QueueBoardScreen(context: context) }

    public var patientActions: [PatientAction] {
        [
            PatientAction(Binding(.character("k"), Commands.checkIn)) {
                .push(CheckInForm.make(patientID: $0.record.patient.patientID, context: $0.context, popping: 1))
            },
            PatientAction(Binding(.character("b"), Commands.bookAppointment)) {
                .push(BookingScreen(patientID: $0.record.patient.patientID, context: $0.context, popping: 1))
            },
            PatientAction(Binding(.character("f"), Commands.followUp, inFooter: false), run: Self.followUp),
        ]
    }

    public func patientSections() -> [any PatientSection] { [VisitsSection()] }

    /// A terminal set as a wallboard keeps showing the board while locked.
    public func lockedView(context: ShellContext) -> (any Screen)? {
        guard let mode = try? context.store.queue.wallboard(terminal: context.terminalName) else { return nil }
        return WallboardScreen(mode: mode, context: context)
    }

    /// Booked appointments and visits follow the survivor (the store's merge step for the queue).
    public var mergeMoves: [String] { ["booked appointments", "visits"] }

    /// Books a follow-up from the patient's last finished visit (of the three most recent).
    static func followUp(_ input: PatientActionInput) -> Reaction {
        let patientID = input.record.patient.patientID
        let visits = (try? input.context.store.queue.visits(ofPatient: patientID, limit: 3)) ?? []
        guard let visit = visits.first(where: { $0.status == .finished }) else {
            input.notify("A follow-up is booked from a finished visit; this patient has none.", true)
            return .redraw
        }
        return .push(BookingScreen(patientID: patientID, context: input.context, followUpOf: visit.encounterID, popping: 1))
    }
}

/// The summary's "Next appointment" and "Recent visits" lines.
final class VisitsSection: PatientSection {
    /// Recent visits (newest first) and appointments to come.
    private var visits: [VisitListing] = []
    private var upcoming: [AppointmentListing] = []
    private var vitals: (vitals: VitalSigns, recordedAt: String)?

    func reload(patientID: String, context: ShellContext) throws {
        visits = try context.store.queue.visits(ofPatient: patientID, limit: 3)
        vitals = try context.store.queue.latestVitals(patientID: patientID)
        upcoming = try context.store.queue.appointments(ofPatient: patientID, from: context.today)
            .filter { $0.appointment.status == .booked }
    }

    func lines(context: ShellContext) -> [SummaryLine] {
        var out: [SummaryLine] = []
        if let next = upcoming.first {
            let a = next.appointment
            out.append(SummaryLine("Next appointment: \(PatientText.day(a.day)) \(LocalMoment.clock(a.startMinute)) \(next.doctorName)"
                + (upcoming.count > 1 ? " (+\(upcoming.count - 1) more)" : ""), style: .accent, inGapAbove: true))
        }
        out.append(SummaryLine(visits.isEmpty ? "Recent visits: none" : "Recent visits: " + visits.map { visit in
            "\(PatientText.day(visit.day)) \(visit.serviceCode ?? visit.kind)\(visit.token.map { " \($0)" } ?? "") \(visit.status.rawValue)"
        }.joined(separator: "; "), style: visits.isEmpty ? .muted : .normal))
        if let vitals { out.append(SummaryLine(Self.vitalsLine(vitals.vitals, at: vitals.recordedAt, context: context))) }
        return out
    }

    /// `Vitals today 09:42: BP 120/80 · P 72 · T 36.8 …` in 76 columns: the values that fit, whole,
    /// and `…` when some are left out (the nurse's form shows them all).
    static func vitalsLine(_ vitals: VitalSigns, at recordedAt: String, context: ShellContext, width: Int = 76) -> String {
        let day = Timestamp.date(recordedAt).map { LocalMoment($0, in: context.timeZone).day }
        var text = "Vitals " + (day == context.today ? "today" : day.map { PatientText.day($0.description) } ?? "")
            + " \(context.localClock(recordedAt)):"
        let parts = VitalsForm.parts(vitals)
        for (index, part) in parts.enumerated() {
            let more = index < parts.count - 1 ? 2 : 0  // room for " …" after it
            guard TextWidth.of(text) + (index == 0 ? 1 : 3) + TextWidth.of(part) + more <= width else { return text + " …" }
            text += (index == 0 ? " " : " · ") + part
        }
        return text
    }
}
