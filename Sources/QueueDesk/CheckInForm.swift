// The check-in form: which queue (or which booked appointment), priority and assistance; saves to a token.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

/// Builds the check-in form for one patient. A booked appointment today is offered first.
package enum CheckInForm {
    package static let priorities: [(String, QueuePriority)] = [("Normal", .normal), ("Urgent", .urgent), ("Emergency", .emergency)]
    package static let assistance: [(String, QueueAssistance?)] = [("None", nil), ("Elderly", .elderly), ("Disabled", .disabled)]

    /// `popping`: screens to close when checked in (the form, and a lookup it was reached from).
    package static func make(patientID: String, context: ShellContext, popping: Int, serviceID: String? = nil) -> any Screen {
        let store = context.store
        let services = (try? store.queue.services()) ?? []
        let doctors = (try? store.queue.doctors()) ?? []
        let booked = ((try? store.queue.appointments(ofPatient: patientID, from: context.today)) ?? [])
            .filter { $0.appointment.day == context.today.description && $0.appointment.status == .booked }
        let name = (try? store.patientRecord(patientID))?.map { "\($0.displayName) (\($0.patient.mrn))" } ?? "the patient"
        guard !services.isEmpty else {
            return MessageScreen(title: "Check in", text: "No services are set up yet. An administrator adds them with `frontdesk services add`.")
        }
        let walkIn = "Walk-in (no appointment)"
        let arrivals = booked.map { "Appointment \(LocalMoment.clock($0.appointment.startMinute)) \($0.doctorName) (\($0.serviceCode))" } + [walkIn]
        let serviceNames = services.map { "\($0.code)  \($0.name)" }
        let anyDoctor = "Any doctor"
        let doctorNames = [anyDoctor] + doctors.map { doctor in
            "\(doctor.name) (\(services.first { $0.serviceID == doctor.serviceID }?.code ?? "?"))"
        }
        var fields: [FormField] = []
        if !booked.isEmpty {
            fields.append(.choice("Arrival", arrivals, hint: "Booked today: check the appointment in", errorKeys: ["appointment"]))
        }
        let preselected = services.first { $0.serviceID == serviceID }.map { "\($0.code)  \($0.name)" }
        fields += [
            .choice("Service", serviceNames, selected: preselected, hint: "Walk-ins: the queue to join", errorKeys: ["service", "check-in"]),
            .choice("Doctor", doctorNames, hint: "Any doctor of the service, or one", errorKeys: ["doctor"]),
            .choice("Priority", priorities.map(\.0), hint: "Emergencies are called first"),
            .choice("Needs", assistance.map(\.0), hint: "Elderly or disabled go ahead of their priority", errorKeys: ["assistance"]),
        ]
        return FormScreen(title: "Check in", intro: "Check in \(name). Ctrl-S gives the token.", fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            var new = NewCheckIn(patientID: patientID)
            if !booked.isEmpty, let index = arrivals.firstIndex(of: values["appointment"]), index < booked.count {
                new.appointmentID = booked[index].appointment.appointmentID
            } else {
                new.serviceID = serviceNames.firstIndex(of: values["service"]).map { services[$0].serviceID }
                new.doctorID = doctorNames.firstIndex(of: values["doctor"]).flatMap { $0 == 0 ? nil : doctors[$0 - 1].doctorID }
            }
            new.priority = priorities.first { $0.0 == values["priority"] }?.1 ?? .normal
            new.assistance = assistance.first { $0.0 == values["assistance"] }?.1 ?? nil
            let done = try store.queue.checkIn(new, by: actor)
            return .done(popping: popping, notice: notice(done, context: context))
        }
    }

    /// "Checked in CARD-014 (Cardiology): 6 ahead, about 25 min. Consultation fee KES 500.00 posted."
    package static func notice(_ done: CheckedIn, context: ShellContext) -> String {
        var text = "Checked in \(done.entry.token): "
        if done.estimate.ahead == 0 {
            text += "next to be called."
        } else {
            text += "\(done.estimate.ahead) ahead"
            text += done.estimate.minutes.map { ", about \($0) min." } ?? " (no wait estimate yet today)."
        }
        if let charge = done.charge {
            text += " \(charge.description) \(context.facility.currency) "
                + Money.format(charge.amountMinor, minorUnits: context.facility.currencyMinorUnits) + " posted."
        }
        return text
    }
}
