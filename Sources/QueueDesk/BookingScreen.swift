// Choosing a slot: a doctor, a day, the slots with how many places are left; Enter books (or moves) it.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package final class BookingScreen: Screen {
    package let title: String
    package let keymap = Keymaps.booking
    private let patientID: String
    private let patientName: String
    /// Set when moving an existing appointment rather than booking a new one.
    private let rescheduling: Appointment?
    private let followUpOf: String?
    private let popping: Int
    private let doctors: [Doctor]
    private var doctorIndex = 0
    private var day: CalendarDay
    private var daySlots: DaySlots = .none
    private var selected = 0
    private var message: (text: String, isError: Bool)?
    /// Told the day and id of what was booked or moved, so the list below can show that day.
    package var booked: ((_ day: CalendarDay, _ appointmentID: String) -> Void)?

    package init(patientID: String, context: ShellContext, rescheduling: Appointment? = nil, followUpOf: String? = nil, popping: Int) {
        self.patientID = patientID
        self.rescheduling = rescheduling
        self.followUpOf = followUpOf
        self.popping = popping
        title = rescheduling == nil ? (followUpOf == nil ? "Book an appointment" : "Book a follow-up") : "Reschedule"
        patientName = (try? context.store.patientRecord(patientID))?.map { "\($0.displayName) (\($0.patient.mrn))" } ?? "?"
        doctors = (try? context.store.queue.doctors()) ?? []
        day = rescheduling.flatMap { CalendarDay($0.day) } ?? context.today
        if let rescheduling, let index = doctors.firstIndex(where: { $0.doctorID == rescheduling.doctorID }) { doctorIndex = index }
        // A follow-up is with the visit's doctor, or else a doctor of the visit's clinic.
        if let followUpOf, let visit = try? context.store.queue.visitClinic(encounterID: followUpOf),
            let index = doctors.firstIndex(where: { $0.doctorID == visit.doctorID })
                ?? doctors.firstIndex(where: { $0.serviceID == visit.serviceID }) {
            doctorIndex = index
        }
        // A follow-up is after the visit: it opens on that doctor's first free day from tomorrow.
        if followUpOf != nil, doctors.indices.contains(doctorIndex) {
            let tomorrow = LocalMoment(day: context.today.adding(days: 1), minute: 0)
            day = ((try? context.store.queue.nextFreeSlot(doctorIDs: [doctors[doctorIndex].doctorID], after: tomorrow)) ?? nil)?
                .slot.day ?? tomorrow.day
        }
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        guard doctors.indices.contains(doctorIndex) else { return }
        do {
            daySlots = try context.store.queue.slots(doctorID: doctors[doctorIndex].doctorID, day: day)
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        let now = context.localNow
        // Start on the first slot that can still be booked.
        if !daySlots.slots.indices.contains(selected) || isPast(daySlots.slots[selected], now: now) {
            selected = daySlots.slots.firstIndex { !isPast($0, now: now) && $0.free > 0 } ?? 0
        }
    }

    private func isPast(_ slot: Slot, now: LocalMoment) -> Bool { LocalMoment(day: slot.day, minute: slot.startMinute) < now }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        buffer.put("For \(patientName)", row: row, column: 2, style: .title, maxWidth: width)
        row += 1
        guard doctors.indices.contains(doctorIndex) else {
            NoticeLines.draw("No doctors are set up. An administrator adds them with `frontdesk doctors add`.", style: .error,
                             into: &buffer, row: row + 1, width: width)
            return
        }
        let doctor = doctors[doctorIndex]
        buffer.put("Doctor: \(doctor.name)\(doctor.room.map { ", room \($0)" } ?? "")   (Tab: next doctor · n: next free)", row: row, column: 2, maxWidth: width)
        row += 1
        buffer.put("Day: \(day.weekdayName) \(day)\(day == context.today ? " (today)" : "")   (←/→: day)", row: row, column: 2, maxWidth: width)
        row += 2
        if let closed = daySlots.closedReason {
            NoticeLines.draw(closed + ". Try another day or doctor.", style: .warning, into: &buffer, row: row, column: 4, width: width - 2)
        } else {
            let now = context.localNow
            let room = area.upperBound - row - 2
            let slots = daySlots.slots
            ListRows.draw(slots, selected: selected, top: row, room: room, column: 4, width: 40, into: &buffer) { slot in
                let past = isPast(slot, now: now)
                let state = past ? "past" : (slot.free == 0 ? "full" : "\(slot.free) of \(slot.capacity) free")
                return ("\(LocalMoment.clock(slot.startMinute))–\(LocalMoment.clock(slot.endMinute))   \(state)",
                        past || slot.free == 0 ? .muted : .normal)
            }
        }
        if let message {
            buffer.put(message.text, row: area.upperBound - 1, column: 2, style: message.isError ? .error : .accent, maxWidth: width)
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        message = nil
        switch command?.id {
        case Commands.nextBookingDoctor.id:
            guard !doctors.isEmpty else { return .none }
            doctorIndex = (doctorIndex + 1) % doctors.count
        case Commands.previousDay.id:
            day = day.adding(days: -1)
        case Commands.nextDay.id:
            day = day.adding(days: 1)
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: daySlots.slots.count) ?? selected
            return .redraw
        case Commands.bookSlot.id:
            return book(context: context)
        case Commands.nextFreeSlot.id, Commands.nextFreeInService.id:
            guard doctors.indices.contains(doctorIndex) else { return .none }
            let doctor = doctors[doctorIndex]
            let inService = command?.id == Commands.nextFreeInService.id
            return findFree(among: inService ? doctors.filter { $0.serviceID == doctor.serviceID } : [doctor], context: context)
        default:
            return .none
        }
        reload(context: context)
        return .redraw
    }

    /// Moves to the first free slot after the one selected (or after the day shown, when none is),
    /// of the doctor shown or of any doctor of their service.
    private func findFree(among candidates: [Doctor], context: ShellContext) -> Reaction {
        let after = daySlots.slots.indices.contains(selected)
            ? LocalMoment(day: day, minute: daySlots.slots[selected].startMinute) : LocalMoment(day: day, minute: 0)
        do {
            guard let free = try context.store.queue.nextFreeSlot(doctorIDs: candidates.map(\.doctorID), after: after),
                let index = doctors.firstIndex(where: { $0.doctorID == free.doctorID }) else {
                message = ("No free slot \(candidates.count == 1 ? "with \(candidates[0].name)" : "in this clinic") in the next \(QueueStore.bookingHorizonDays) days.", true)
                return .redraw
            }
            doctorIndex = index
            day = free.slot.day
            reload(context: context)
            selected = daySlots.slots.firstIndex { $0.startMinute == free.slot.startMinute } ?? selected
            message = ("Next free: \(day.weekdayName) \(day) \(LocalMoment.clock(free.slot.startMinute)) with \(doctors[index].name). Enter books it.", false)
        } catch {
            message = (StoreError.sentence(for: error), true)
        }
        return .redraw
    }

    private func book(context: ShellContext) -> Reaction {
        guard let actor = context.session?.actor, daySlots.slots.indices.contains(selected) else { return .none }
        let slot = daySlots.slots[selected]
        let doctor = doctors[doctorIndex]
        let when = "\(day.weekdayName) \(day) \(LocalMoment.clock(slot.startMinute)) with \(doctor.name)"
        do {
            if let rescheduling {
                try context.store.queue.rescheduleAppointment(rescheduling.appointmentID, doctorID: doctor.doctorID, day: day,
                                                        startMinute: slot.startMinute, by: actor)
                booked?(day, rescheduling.appointmentID)
                return .done(popping: popping, notice: "Moved to \(when).")
            }
            let made = try context.store.queue.bookAppointment(NewAppointment(
                patientID: patientID, doctorID: doctor.doctorID, day: day, startMinute: slot.startMinute,
                followUpOf: followUpOf), by: actor)
            booked?(day, made.appointmentID)
            return .done(popping: popping, notice: "Booked \(patientName) \(when).")
        } catch {
            message = (StoreError.sentence(for: error), true)
            reload(context: context)
            return .redraw
        }
    }
}
