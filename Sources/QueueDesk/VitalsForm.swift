// Triage vital signs for a visit: refused values are shown beside their field.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum VitalsForm {
    package static func make(encounterID: String, who: String, context: ShellContext) -> any Screen {
        var intro = "Vital signs of \(who). Leave a field empty if not taken."
        if let last = try? context.store.queue.latestVitals(encounterID: encounterID) {
            intro += " Last: " + summary(last.vitals) + "."
        }
        let offered = FahrenheitOffer()
        return FormScreen(title: "Vital signs", intro: intro, fields: [
            // Each value checked on its own too, so that every bad value shows at once on save.
            FormField("Blood pressure", maxLength: 9, hint: "mmHg, e.g. 120/80", errorKeys: ["blood pressure", "vitals"])
                .checked(by: alone("blood pressure")),
            FormField("Pulse", maxLength: 4, hint: "beats/min").checked(by: alone("pulse")),
            FormField("Temperature", maxLength: 5, hint: "°C, e.g. 36.8").checked(by: alone("temperature")),
            FormField("SpO2", maxLength: 4, hint: "%", errorKeys: ["spo2"]).checked(by: alone("spo2")),
            FormField("Respiratory rate", maxLength: 3, hint: "breaths/min").checked(by: alone("respiratory rate")),
            FormField("Weight", maxLength: 7, hint: "kg, e.g. 72.5").checked(by: alone("weight")),
            FormField("Height", maxLength: 6, hint: "cm, e.g. 172").checked(by: alone("height")),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            // A temperature in °F is offered in °C: Ctrl-S again (the field unchanged) saves the °C value.
            var temperature = values["temperature"]
            if let celsius = VitalSigns.celsiusText(forFahrenheit: temperature) {
                guard offered.fahrenheit == temperature else {
                    offered.fahrenheit = temperature
                    throw ValidationError("temperature", "\(temperature) looks like °F = \(celsius) °C; Ctrl-S again saves \(celsius) °C")
                }
                temperature = celsius
            }
            let vitals = try VitalSigns.parse(bloodPressure: values["blood pressure"], pulse: values["pulse"],
                                              temperature: temperature, spo2: values["spo2"],
                                              respiratoryRate: values["respiratory rate"], weight: values["weight"],
                                              height: values["height"])
            try context.store.queue.recordVitals(encounterID: encounterID, vitals, by: actor)
            return .done(popping: 1, notice: "Vitals recorded for \(who): \(summary(vitals)).")
        }
    }

    /// A check of one measure as `VitalSigns.parse` reads it, the others left out (blank is "not
    /// taken"); a temperature in °F is left to the save, which offers it in °C.
    private static func alone(_ field: String) -> @Sendable (String) throws -> Void {
        { text in
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
            if field == "temperature", VitalSigns.celsiusText(forFahrenheit: text) != nil { return }
            func value(_ name: String) -> String { name == field ? text : "" }
            _ = try VitalSigns.parse(bloodPressure: value("blood pressure"), pulse: value("pulse"), temperature: value("temperature"),
                                     spo2: value("spo2"), respiratoryRate: value("respiratory rate"), weight: value("weight"),
                                     height: value("height"))
        }
    }

    /// `BP 120/80 · P 72 · T 36.8 · SpO2 98 · RR 16 · 72.5 kg · 172 cm · BMI 24.5`.
    package static func summary(_ v: VitalSigns) -> String { parts(v).joined(separator: " · ") }

    /// The values taken, each as the summary writes it.
    package static func parts(_ v: VitalSigns) -> [String] {
        var parts: [String] = []
        if let s = v.systolic, let d = v.diastolic { parts.append("BP \(s)/\(d)") }
        if let p = v.pulse { parts.append("P \(p)") }
        if let t = v.temperatureTenths { parts.append("T \(VitalSigns.tenths(t))") }
        if let o = v.spo2 { parts.append("SpO2 \(o)") }
        if let r = v.respiratoryRate { parts.append("RR \(r)") }
        if let w = v.weightGrams { parts.append("\(VitalSigns.tenths((w + 50) / 100)) kg") }
        if let h = v.heightMillimetres { parts.append("\(VitalSigns.tenths(h)) cm") }
        if let b = v.bmiTenths { parts.append("BMI \(VitalSigns.tenths(b))") }
        return parts
    }
}

/// The °F temperature the form last offered to save in °C (a second Ctrl-S on it accepts).
private final class FahrenheitOffer {
    var fahrenheit: String?
}
