// The check-in form: which queue (or which booked appointment), priority and assistance; saves to a token.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

/// Builds the check-in form for one patient. A booked appointment today is offered first.
package enum CheckInForm {
    package static let priorities: [(String, QueuePriority)] = [("Normal", .normal), ("Urgent", .urgent), ("Emergency", .emergency)]
    package static let assistance: [(String, QueueAssistance?)] = [("None", nil), ("Elderly", .elderly), ("Disabled", .disabled)]

    /// `popping`: screens to close when checked in (the form, and a lookup it was reached from).
    /// The service offered first is the board's (checking in from a service's board), else the one
    /// the patient is booked with today, else their last visit's; the doctors are that service's.
    package static func make(patientID: String, context: ShellContext, popping: Int, serviceID: String? = nil) -> any Screen {
        let store = context.store
        let services = (try? store.queue.services()) ?? []
        let doctors = (try? store.queue.doctors()) ?? []
        let booked = ((try? store.queue.appointments(ofPatient: patientID, from: context.today)) ?? [])
            .filter { $0.appointment.day == context.today.description && $0.appointment.status == .booked }
        let record = (try? store.patientRecord(patientID)) ?? nil
        let name = record.map { "\($0.displayName) (\($0.patient.mrn))" } ?? "the patient"
        guard !services.isEmpty else {
            return MessageScreen(title: "Check in", text: "No services are set up yet. An administrator adds them with `frontdesk services add`.")
        }
        let walkIn = "Walk-in (no appointment)"
        let arrivals = booked.map { "Appointment \(LocalMoment.clock($0.appointment.startMinute)) \($0.doctorName) (\($0.serviceCode))" } + [walkIn]
        let visits = (try? store.queue.visits(ofPatient: patientID, limit: 10)) ?? []
        // A queue the patient already waits in today is never the one offered: check-in there is
        // sure to be refused (one wait per service and day).
        let waitingIn = Set(visits.filter { $0.day == context.today.description && $0.status == .open }.compactMap(\.serviceCode))
        let lastCode = visits.first?.serviceCode
        let known = (services.first { $0.serviceID == serviceID }
            ?? booked.first.flatMap { b in services.first { $0.serviceID == b.appointment.serviceID } }
            ?? services.first { $0.code == lastCode }
            ?? (services.count == 1 ? services[0] : nil)).flatMap { waitingIn.contains($0.code) ? nil : $0 }
        // With nothing to go on, no service is guessed (the first of the list sent a baby to
        // Antenatal): reception chooses, and Ctrl-S says so until they have.
        let chooseService = "Choose a service (←/→)"
        let serviceNames = (known == nil ? [chooseService] : []) + services.map { "\($0.code)  \($0.name)" }
        let offset = known == nil ? 1 : 0
        let anyDoctor = "Any doctor"
        /// The doctor choices of a service: any, or one of its own.
        /// `serviceIndex`: in `services`.
        func doctorChoices(_ serviceIndex: Int?) -> (names: [String], doctors: [Doctor]) {
            let own = serviceIndex.map { i in doctors.filter { $0.serviceID == services[i].serviceID } } ?? []
            return ([anyDoctor] + own.map(\.name), own)
        }
        /// The service a choice names, as an index in `services`; nil for "choose".
        func serviceIndex(_ choice: String) -> Int? {
            serviceNames.firstIndex(of: choice).flatMap { $0 - offset >= 0 ? $0 - offset : nil }
        }
        let firstIndex = known.flatMap { services.firstIndex(of: $0) }
        let offer = (try? store.queue.assistanceOffer(dob: record?.person.dob, estimated: record?.person.dobEstimated ?? false,
                                                      on: context.today))
            ?? AssistanceOffer(choices: [nil, .elderly, .disabled], suggested: nil)
        let needs = assistance.filter { offer.choices.contains($0.1) }
        let elderlyAge = (try? store.queue.elderlyAge()) ?? QueueStore.defaultElderlyAge
        // Hints are short: they stand beside the field in what is left of 80 columns.
        let needsHint = offer.suggested == QueueAssistance.elderly ? "Aged \(elderlyAge)+: elderly"
            : offer.choices.contains(QueueAssistance.elderly) ? "Elderly or disabled first" : "Elderly from age \(elderlyAge)"
        var fields: [FormField] = []
        if !booked.isEmpty {
            fields.append(.choice("Arrival", arrivals, hint: "Booked today: check it in", errorKeys: ["appointment"]))
        }
        // Hints stand beside their field in what 80 columns leave (26): short, never cut.
        fields += [
            .choice("Service", serviceNames, selected: known.map { "\($0.code)  \($0.name)" }, hint: "The queue to join",
                    errorKeys: ["service", "check-in"])
                .checked { if $0 == chooseService { throw ValidationError("service", "choose a service") } },
            .choice("Doctor", doctorChoices(firstIndex).names, hint: "Any, or one of its own", errorKeys: ["doctor"]),
            .choice("Priority", priorities.map(\.0), hint: "Emergencies called first"),
            .choice("Needs", needs.map { $0.0 }, selected: needs.first { $0.1 == offer.suggested }?.0, hint: needsHint,
                    errorKeys: ["assistance"]),
        ]
        let form = FormScreen(title: "Check in", intro: "Check in \(name). Ctrl-S gives the token.", fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            var new = NewCheckIn(patientID: patientID)
            if !booked.isEmpty, let index = arrivals.firstIndex(of: values["appointment"]), index < booked.count {
                new.appointmentID = booked[index].appointment.appointmentID
            } else {
                let chosen = serviceIndex(values["service"])
                new.serviceID = chosen.map { services[$0].serviceID }
                let choices = doctorChoices(chosen)
                new.doctorID = choices.names.firstIndex(of: values["doctor"]).flatMap { $0 == 0 ? nil : choices.doctors[$0 - 1].doctorID }
            }
            new.priority = priorities.first { $0.0 == values["priority"] }?.1 ?? .normal
            new.assistance = assistance.first { $0.0 == values["assistance"] }?.1 ?? nil
            let done = try store.queue.checkIn(new, by: actor)
            return .done(popping: popping, notice: notice(done, context: context))
        }
        // Another service offers its own doctors.
        form.choiceChanged = { fields, changed in
            guard fields[changed].name == "service", let doctorField = fields.firstIndex(where: { $0.name == "doctor" }) else { return }
            fields[doctorField].replaceChoices(doctorChoices(serviceIndex(fields[changed].input.text)).names)
        }
        return form
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
