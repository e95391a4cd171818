// The queue desk's first screen: the live flow board of today's queue, by service, by doctor or all.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Today's queue: token, patient, status, time in status, total wait; long waits flagged.
/// Tab switches between all services, one service and one doctor. Other terminals' changes
/// arrive through `reload` (the shell watches the store for commits).
package final class QueueBoardScreen: Screen {
    package let title = "Queue board"
    /// The shell shows each role only the commands its permissions allow.
    package let keymap = Keymaps.queueBoard

    /// What the board shows: everything, one service, or one doctor's patients.
    package enum View: Equatable {
        case all
        case service(Service)
        case doctor(Doctor, Service)

        /// The service the board is about; nil for all services.
        package var service: Service? {
            switch self {
            case .all: return nil
            case .service(let s), .doctor(_, let s): return s
            }
        }

        package var name: String {
            switch self {
            case .all: return "All services"
            case .service(let s): return "\(s.code) \(s.name)"
            case .doctor(let d, let s): return "\(d.name) (\(s.code)\(d.room.map { ", room \($0)" } ?? ""))"
            }
        }

        /// The name in at most `width` columns. A doctor's room is what a patient is sent to, so it is
        /// never lost: the service code gives way first, then the doctor's name is shortened.
        package func name(width: Int) -> String {
            guard case .doctor(let d, _) = self, let room = d.room, TextWidth.of(name) > width else {
                return TextWidth.shortened(name, to: width)
            }
            let suffix = ", room \(room)"
            if TextWidth.of(d.name + suffix) <= width { return d.name + suffix }
            return TextWidth.truncate(d.name, to: max(4, width - TextWidth.of(suffix))) + suffix
        }
    }

    private var views: [View] = [.all]
    private var viewIndex = 0
    /// The board's rows; the selection stays on the same patient while the board moves under it.
    private var list = ListState<BoardRow> { $0.entry.entryID }
    private var rows: [BoardRow] { list.rows }
    private var selected: Int {
        get { list.selected }
        set { list.selected = newValue }
    }
    private var longWait = QueueStore.defaultLongWaitMinutes
    private var estimate: String?
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) {
        let services = (try? context.store.queue.services()) ?? []
        let doctors = (try? context.store.queue.doctors()) ?? []
        views = [.all] + services.map { .service($0) } + doctors.compactMap { doctor in
            services.first { $0.serviceID == doctor.serviceID }.map { .doctor(doctor, $0) }
        }
        // A doctor signed in opens on their own board.
        if let userID = context.session?.actor.userID,
            let own = views.firstIndex(where: { if case .doctor(let d, _) = $0 { return d.userID == userID } else { return false } }) {
            viewIndex = own
        }
        reload(context: context)
    }

    package var view: View { views[viewIndex] }

    package func reload(context: ShellContext) {
        do {
            longWait = try context.store.queue.longWaitMinutes()
            estimate = Self.estimateText(for: view.service, context: context)
            switch view {
            case .all: list.refresh(try context.store.queue.board(day: context.today))
            case .service(let s): list.refresh(try context.store.queue.board(day: context.today, serviceID: s.serviceID))
            case .doctor(let d, let s): list.refresh(try context.store.queue.board(day: context.today, serviceID: s.serviceID, doctorID: d.doctorID))
            }
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        let now = context.clock.now()
        var row = area.lowerBound
        let counts = Dictionary(grouping: rows, by: { $0.entry.status }).mapValues(\.count)
        let summary = [
            "\(counts[.checkedIn] ?? 0) waiting", "\(counts[.called] ?? 0) called",
            "\(counts[.inConsultation] ?? 0) being seen", "\(counts[.done] ?? 0) done",
        ].joined(separator: " · ")
        // The counts keep their place on the right; a long board name gives way to them.
        let countsColumn = max(2, buffer.width - 2 - TextWidth.of(summary))
        let nameWidth = max(8, countsColumn - 4)
        buffer.put(view.name(width: nameWidth), row: row, column: 2, style: .title, maxWidth: nameWidth)
        buffer.put(summary, row: row, column: countsColumn, style: .muted)
        row += 1
        buffer.put(QueueText.legend(board: viewIndex + 1, of: views.count, longWaitMinutes: longWait, width: width),
                   row: row, column: 2, style: .muted, maxWidth: width)
        row += 1
        buffer.put(QueueText.header, row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        let room = area.upperBound - row - 2
        if rows.isEmpty {
            buffer.put("Nobody in this queue today. n checks a patient in.", row: row, column: 4, style: .muted, maxWidth: width - 2)
        }
        ListRows.draw(rows, selected: selected, top: row, room: room, width: width, into: &buffer) { line in
            let long = QueueText.isLongWait(line.entry, now: now, minutes: longWait)
            return (QueueText.line(line, now: now, longWaitMinutes: longWait, zone: context.timeZone),
                    long ? .warning : (line.entry.status.isActive ? .normal : .muted))
        }
        if let message {
            NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width)
        } else if let estimate {
            buffer.put(estimate, row: area.upperBound - 1, column: 2, style: .muted, maxWidth: width)
        }
    }

    /// The wait a new arrival would be told, for a board of one service or doctor (read with the board,
    /// not on every frame).
    private static func estimateText(for service: Service?, context: ShellContext) -> String? {
        guard let service, let estimate = try? context.store.queue.waitEstimate(serviceID: service.serviceID) else { return nil }
        return "A new \(service.code) arrival now: \(estimate.ahead) ahead"
            + (estimate.minutes.map { ", about \($0) min." } ?? " (no pace yet today).")
    }

    /// Left unseen and cancel check-in open a form (a reason): for a row they cannot change (a
    /// visit already done, a patient already called for cancel) they are not offered at all,
    /// rather than refused after the reason is typed.
    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        guard let allowed = Self.rowStatuses[command.id] else { return true }
        guard rows.indices.contains(selected) else { return false }
        return allowed.contains(rows[selected].entry.status)
    }

    /// The statuses a row must be in for the commands that open a form on it (as the store allows).
    private static let rowStatuses: [String: Set<QueueStatus>] = [
        Commands.markLeft.id: [.checkedIn, .called],
        Commands.cancelCheckIn.id: [.checkedIn],
    ]
    private static let rowRules = [
        Commands.markLeft.id: "only a patient waiting or called can be marked left unseen",
        Commands.cancelCheckIn.id: "only a check-in still waiting to be called can be cancelled",
    ]

    /// A key of a command the selected row cannot take says so at once (the shell passes it on
    /// with no command because `isAvailable` left it out).
    private func explainUnavailable(_ key: Key, context: ShellContext) -> Reaction {
        guard let command = keymap.visible(to: context.session?.actor.role).command(for: key),
            !isAvailable(command, context: context), rows.indices.contains(selected) else { return .none }
        let entry = rows[selected].entry
        message = ("\(entry.token) is \(entry.status.title.lowercased()): \(Self.rowRules[command.id] ?? "not now").", true)
        return .redraw
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let command else { return explainUnavailable(key, context: context) }
        let id = command.id
        guard keymap.bindings.contains(where: { $0.command.id == id }) else { return .none }
        message = nil
        let store = context.store
        guard let actor = context.session?.actor else { return .none }
        let current = rows.indices.contains(selected) ? rows[selected] : nil
        switch id {
        case Commands.nextView.id, Commands.previousView.id:
            viewIndex = (viewIndex + (id == Commands.nextView.id ? 1 : views.count - 1)) % views.count
            selected = 0
            reload(context: context)
            return .redraw
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: rows.count) ?? selected
            return .redraw
        case Commands.open.id:
            guard let current else { return .none }
            return .push(PatientSummaryScreen(patientID: current.entry.patientID, context: context))
        case Commands.checkIn.id:
            let serviceID = view.service?.serviceID
            return .push(PatientLookupScreen(context: context, title: "Check in: find the patient") { patientID, context in
                .push(CheckInForm.make(patientID: patientID, context: context, popping: 2, serviceID: serviceID))
            })
        case Commands.callNext.id:
            return callNext(actor: actor, context: context)
        case Commands.appointments.id:
            return .push(AppointmentsScreen(context: context))
        case Commands.queueReport.id:
            return .push(QueueReport.screen(context: context))
        case Commands.closeDay.id:
            return .push(CloseDayForm.make(context: context))
        default:
            break
        }
        guard let current else { return .none }
        let entry = current.entry
        do {
            switch id {
            case Commands.startConsultation.id:
                try store.queue.startConsultation(entry.entryID, by: actor)
                message = ("\(entry.token) \(current.patientName): in consultation.", false)
            case Commands.finishVisit.id:
                try store.queue.finishVisit(entry.entryID, by: actor)
                message = ("\(entry.token) \(current.patientName): done.", false)
            case Commands.returnToQueue.id:
                try store.queue.returnToQueue(entry.entryID, by: actor)
                message = ("\(entry.token) is waiting again, in its place.", false)
            case Commands.markLeft.id:
                return .push(ReasonForm.make(
                    title: "Left without being seen", intro: "\(entry.token) \(current.patientName) left without being seen.",
                    hint: "e.g. did not answer three calls") { reason, actor in
                    try store.queue.markLeft(entry.entryID, reason: reason, by: actor)
                    return "\(entry.token) marked as left without being seen."
                })
            case Commands.cancelCheckIn.id:
                return .push(ReasonForm.make(
                    title: "Cancel check-in", intro: "Cancel the check-in of \(entry.token) \(current.patientName)? Its consultation charge is voided.",
                    hint: "e.g. checked in to the wrong service") { reason, actor in
                    try store.queue.cancelCheckIn(entry.entryID, reason: reason, by: actor)
                    return "\(entry.token) cancelled."
                })
            case Commands.recordVitals.id:
                return .push(VitalsForm.make(encounterID: entry.encounterID, who: "\(entry.token) \(current.patientName)", context: context))
            default:
                return .none
            }
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        reload(context: context)
        return .redraw
    }

    /// Calls this board's next patient. On the all-services board that is the first waiting
    /// patient the board shows (the store's calling order over every service), whichever row is
    /// selected: the selection is where the eye is, not who is next.
    private func callNext(actor: Actor, context: ShellContext) -> Reaction {
        var serviceID: String?
        var doctorID: String?
        switch view {
        case .all: serviceID = nil
        case .service(let s): serviceID = s.serviceID
        case .doctor(let d, let s):
            serviceID = s.serviceID
            doctorID = d.doctorID
        }
        do {
            if let called = try context.store.queue.callNext(serviceID: serviceID, doctorID: doctorID, by: actor) {
                let name = (try? context.store.patientRecord(called.patientID))??.displayName ?? ""
                message = ("Called \(called.token) \(name)\(called.room.map { " to room \($0)" } ?? "").", false)
                reload(context: context)
                list.select(id: called.entryID)
            } else {
                message = (view == .all ? "Nobody is waiting in any queue." : "Nobody is waiting in this queue.", false)
            }
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        return .redraw
    }
}
