// Close of day: what is still open is named first, then closed as no-show or left with a reason.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum CloseDayForm {
    package static func make(context: ShellContext) -> any Screen {
        let day = context.today
        let services = (try? context.store.queue.services()) ?? []
        let open = ((try? context.store.queue.board(day: day)) ?? []).filter { $0.entry.status.isActive }
        let booked = ((try? context.store.queue.appointments(on: day)) ?? []).filter { $0.appointment.status == .booked }
        let allServices = "All services"
        let names = [allServices] + services.map { "\($0.code)  \($0.name)" }
        let outcomes: [(String, QueueStatus)] = [("Left unseen", .left), ("No-show", .noShow)]
        let intro = "Close \(day): \(open.count) still in the queue (those in consultation become done), "
            + "\(booked.count) booked appointment\(booked.count == 1 ? "" : "s") never checked in (become no-shows)."
        return FormScreen(title: "Close the day", intro: intro, fields: [
            .choice("Service", names, errorKeys: ["service"]),
            .choice("Unseen as", outcomes.map(\.0), hint: "How patients still waiting are closed", errorKeys: ["close of day"]),
            FormField("Reason", maxLength: 200, hint: "e.g. clinic closed at 17:00"),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let serviceID = names.firstIndex(of: values["service"]).flatMap { $0 == 0 ? nil : services[$0 - 1].serviceID }
            let outcome = outcomes.first { $0.0 == values["close of day"] }?.1 ?? .left
            let closed = try context.store.queue.closeDay(day, serviceID: serviceID, unseenAs: outcome, reason: values["reason"], by: actor)
            return .done(popping: 1, notice: "Day closed: \(closed.unseen) unseen closed as \(values["close of day"].lowercased()), "
                + "\(closed.finished) finished, \(closed.missedAppointments) missed appointment\(closed.missedAppointments == 1 ? "" : "s") marked no-show."
                + ((try? context.store.currentLedgerHead()).map { " \($0)." } ?? ""))
        }
    }
}
