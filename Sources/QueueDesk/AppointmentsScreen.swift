// A day's appointments, all doctors or one: book, reschedule, cancel, no-show, check in, export .ics.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class AppointmentsScreen: Screen {
    package let title = "Appointments"
    /// The shell shows each role only the commands its permissions allow.
    package let keymap = Keymaps.appointments
    private var day: CalendarDay
    private let doctors: [Doctor]
    /// -1: every doctor.
    private var doctorIndex = -1
    /// The day's appointments; the selected one stays selected across live refreshes.
    private var list = ListState<AppointmentListing> { $0.appointment.appointmentID }
    private var rows: [AppointmentListing] { list.rows }
    private var selected: Int {
        get { list.selected }
        set { list.selected = newValue }
    }
    private var message: (text: String, isError: Bool)?
    /// What was just booked or moved: selected once the list is read again.
    private var justBooked: String?

    package init(context: ShellContext) {
        day = context.today
        doctors = (try? context.store.queue.doctors()) ?? []
        reload(context: context)
    }

    private var doctor: Doctor? { doctors.indices.contains(doctorIndex) ? doctors[doctorIndex] : nil }

    package func reload(context: ShellContext) {
        do {
            list.refresh(try context.store.queue.appointments(on: day, doctorID: doctor?.doctorID))
            if let justBooked {
                // Booked with a doctor other than the one shown: show every doctor.
                if doctor != nil, !rows.contains(where: { $0.appointment.appointmentID == justBooked }) {
                    doctorIndex = -1
                    list.refresh(try context.store.queue.appointments(on: day))
                }
                list.select(id: justBooked)
                self.justBooked = nil
            }
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
    }

    package func show(notice: String) { message = (notice, false) }

    package static func line(_ row: AppointmentListing) -> String {
        let a = row.appointment
        let status: String
        switch a.status {
        case .booked: status = a.rescheduleCount > 0 ? "Booked (moved)" : "Booked"
        case .checkedIn: status = "Arrived"
        case .cancelled: status = "Cancelled"
        case .noShow: status = "No-show"
        }
        func cell(_ text: String, _ width: Int) -> String { TextWidth.pad(TextWidth.truncate(text, to: width - 1), to: width) }
        return cell(LocalMoment.clock(a.startMinute), 7) + cell(row.patientName, 22) + cell(row.mrn, 13)
            + cell(row.doctorName, 18) + status
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put("\(day.weekdayName) \(day)\(day == context.today ? " (today)" : "") · \(doctor?.name ?? "All doctors")",
                   row: row, column: 2, style: .title, maxWidth: width)
        let booked = rows.filter { $0.appointment.status == .booked }.count
        let counts = "\(booked) booked · \(rows.filter { $0.appointment.status == .checkedIn }.count) arrived"
        buffer.put(counts, row: row, column: max(2, buffer.width - 2 - TextWidth.of(counts)), style: .muted)
        row += 1
        buffer.put("←/→ day · Tab doctor", row: row, column: 2, style: .muted, maxWidth: width)
        row += 1
        func cell(_ text: String, _ width: Int) -> String { TextWidth.pad(text, to: width) }
        buffer.put(cell("Time", 7) + cell("Patient", 22) + cell("MRN", 13) + cell("Doctor", 18) + "Status", row: row, column: 2,
                   style: .title, maxWidth: width)
        row += 1
        if rows.isEmpty {
            buffer.put("No appointments. b books one.", row: row, column: 4, style: .muted, maxWidth: width - 2)
        }
        let room = area.upperBound - row - 2
        ListRows.draw(rows, selected: selected, top: row, room: room, width: width, into: &buffer) { listing in
            (Self.line(listing), listing.appointment.status == .booked ? .normal : .muted)
        }
        if let message {
            NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: width)
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        guard let id = command?.id, keymap.bindings.contains(where: { $0.command.id == id }) else { return .none }
        message = nil
        let current = rows.indices.contains(selected) ? rows[selected] : nil
        switch id {
        case Commands.previousDay.id, Commands.nextDay.id:
            day = day.adding(days: id == Commands.nextDay.id ? 1 : -1)
            selected = 0
        case Commands.nextDoctor.id:
            doctorIndex = doctorIndex + 1 >= doctors.count ? -1 : doctorIndex + 1
            selected = 0
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: rows.count) ?? selected
            return .redraw
        case Commands.open.id:
            guard let current else { return .none }
            return .push(PatientSummaryScreen(patientID: current.appointment.patientID, context: context))
        case Commands.bookAppointment.id:
            return .push(PatientLookupScreen(context: context, title: "Book: find the patient") { [weak self] patientID, context in
                let booking = BookingScreen(patientID: patientID, context: context, popping: 2)
                booking.booked = { day, id in self?.showBooked(day: day, appointmentID: id) }
                return .push(booking)
            })
        case Commands.reschedule.id:
            guard let current, current.appointment.status == .booked else { return notBooked() }
            let booking = BookingScreen(patientID: current.appointment.patientID, context: context,
                                        rescheduling: current.appointment, popping: 1)
            booking.booked = { [weak self] day, id in self?.showBooked(day: day, appointmentID: id) }
            return .push(booking)
        case Commands.cancelAppointment.id:
            guard let current, current.appointment.status == .booked else { return notBooked() }
            let a = current.appointment
            return .push(ReasonForm.make(
                title: "Cancel appointment",
                intro: "Cancel \(current.patientName)'s appointment \(a.day) \(LocalMoment.clock(a.startMinute)) with \(current.doctorName)?",
                hint: "e.g. patient phoned to cancel") { reason, actor in
                try context.store.queue.cancelAppointment(a.appointmentID, reason: reason, by: actor)
                return "Cancelled \(current.patientName)'s appointment at \(LocalMoment.clock(a.startMinute))."
            })
        case Commands.markNoShow.id:
            guard let current, current.appointment.status == .booked, let actor = context.session?.actor else { return notBooked() }
            do {
                try context.store.queue.markNoShow(current.appointment.appointmentID, by: actor)
                message = ("\(current.patientName): no-show.", false)
            } catch {
                message = (StoreError.sentence(for: error), true)
            }
        case Commands.checkInAppointment.id:
            guard let current, current.appointment.status == .booked else { return notBooked() }
            return .push(CheckInForm.make(patientID: current.appointment.patientID, context: context, popping: 1))
        case Commands.exportCalendar.id:
            exportCalendar(current: current, context: context)
        default:
            return .none
        }
        reload(context: context)
        return .redraw
    }

    /// After a booking (or a move) the list shows the booked day, with the appointment selected,
    /// not the day it was opened on.
    private func showBooked(day: CalendarDay, appointmentID: String) {
        self.day = day
        justBooked = appointmentID
    }

    private func notBooked() -> Reaction {
        message = ("Choose a booked appointment.", true)
        return .redraw
    }

    /// Writes the doctor's day (the one shown, or the selected appointment's) beside the store, in `exports/`.
    private func exportCalendar(current: AppointmentListing?, context: ShellContext) {
        guard let doctorID = doctor?.doctorID ?? current?.appointment.doctorID,
            let doctor = doctors.first(where: { $0.doctorID == doctorID })
        else {
            message = ("Choose a doctor (Tab) or an appointment to export that doctor's day.", true)
            return
        }
        do {
            let text = try context.store.queue.doctorDayCalendar(doctorID: doctorID, day: day)
            let slug = doctor.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            let path = try ExportFolder.write(text, base: "\(slug)-\(day)", ext: "ics", context: context)
            message = ("Wrote \(path)", false)
        } catch {
            message = ("Could not write the calendar: \(error)", true)
        }
    }
}
