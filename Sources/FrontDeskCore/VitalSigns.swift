// Triage vital signs as a nurse types them, refused at entry when unrealistic, held as integers.
import Foundation

/// Vital signs taken at triage. Integers only (the store holds no floating point): temperature in tenths of °C, weight in grams, height in millimetres, BMI in tenths.
public struct VitalSigns: Sendable, Equatable {
    public var systolic: Int?  // mmHg
    public var diastolic: Int?  // mmHg
    public var pulse: Int?  // beats/min
    public var temperatureTenths: Int?  // °C × 10, e.g. 368 = 36.8 °C
    public var spo2: Int?  // %
    public var respiratoryRate: Int?  // breaths/min
    public var weightGrams: Int?
    public var heightMillimetres: Int?

    public init(
        systolic: Int? = nil, diastolic: Int? = nil, pulse: Int? = nil, temperatureTenths: Int? = nil, spo2: Int? = nil,
        respiratoryRate: Int? = nil, weightGrams: Int? = nil, heightMillimetres: Int? = nil
    ) {
        self.systolic = systolic
        self.diastolic = diastolic
        self.pulse = pulse
        self.temperatureTenths = temperatureTenths
        self.spo2 = spo2
        self.respiratoryRate = respiratoryRate
        self.weightGrams = weightGrams
        self.heightMillimetres = heightMillimetres
    }

    /// BMI × 10 (rounded half up), when weight and height are both known.
    public var bmiTenths: Int? {
        guard let grams = weightGrams, let millimetres = heightMillimetres, grams > 0, millimetres > 0 else { return nil }
        // kg / m² = (g / 1000) / (mm / 1000)² = g × 1000 / mm², and × 10 for tenths. Numerator and denominator are
        // doubled so that adding mm² rounds half up without leaving integers. Values built in code are not range
        // checked, hence the overflow guards.
        let (square, o1) = millimetres.multipliedReportingOverflow(by: millimetres)
        let (twice, o2) = grams.multipliedReportingOverflow(by: 20_000)
        let (numerator, o3) = twice.addingReportingOverflow(square)
        let (denominator, o4) = square.multipliedReportingOverflow(by: 2)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return numerator / denominator
    }

    /// "22.9" style text of a tenths value (helper used for display), e.g. VitalSigns.tenths(368) == "36.8"
    public static func tenths(_ value: Int) -> String {
        decimal(value, places: 1, trimZeros: false)
    }

    /// Parses what a nurse types. Empty strings mean "not taken". Throws ValidationError naming the field on the first bad value.
    public static func parse(
        bloodPressure: String, pulse: String, temperature: String, spo2: String, respiratoryRate: String, weight: String,
        height: String
    ) throws -> VitalSigns {
        let typed = [bloodPressure, pulse, temperature, spo2, respiratoryRate, weight, height]
        guard typed.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ValidationError("vitals", "enter at least one value")
        }
        // Each field is checked as soon as it is read, so the message is about the first bad field on the form,
        // not the first one a later pass happens to look at.
        var vitals = VitalSigns()
        if let (systolic, diastolic) = try readBloodPressure(bloodPressure) {
            try checkBloodPressure(systolic: systolic, diastolic: diastolic)
            (vitals.systolic, vitals.diastolic) = (systolic, diastolic)
        }
        vitals.pulse = try Measure.pulse.read(pulse)
        vitals.temperatureTenths = try readTemperature(temperature)
        vitals.spo2 = try Measure.spo2.read(spo2)
        vitals.respiratoryRate = try Measure.respiratoryRate.read(respiratoryRate)
        vitals.weightGrams = try Measure.weight.read(weight)
        vitals.heightMillimetres = try Measure.height.read(height)
        return vitals
    }

    /// Checks every present value against realistic ranges (used by parse and by the store for values built in code).
    public func validated() throws -> VitalSigns {
        if systolic != nil || diastolic != nil {
            try Self.checkBloodPressure(systolic: systolic, diastolic: diastolic)
        }
        if let pulse { try Measure.pulse.check(pulse) }
        if let temperatureTenths { try Self.checkTemperature(temperatureTenths) }
        if let spo2 { try Measure.spo2.check(spo2) }
        if let respiratoryRate { try Measure.respiratoryRate.check(respiratoryRate) }
        if let weightGrams { try Measure.weight.check(weightGrams) }
        if let heightMillimetres { try Measure.height.check(heightMillimetres) }
        return self
    }

    public var isEmpty: Bool {  // nothing taken
        systolic == nil && diastolic == nil && pulse == nil && temperatureTenths == nil && spo2 == nil
            && respiratoryRate == nil && weightGrams == nil && heightMillimetres == nil
    }
}

// MARK: - Rules

extension VitalSigns {
    private static let bloodPressureExample = "type systolic/diastolic, e.g. 120/80"

    /// Nil when nothing was typed; the two halves otherwise, not yet range checked.
    private static func readBloodPressure(_ raw: String) throws -> (Int, Int)? {
        let text = stripUnit(raw.trimmingCharacters(in: .whitespaces), units: ["mmhg"])
        guard !text.isEmpty else { return nil }
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard halves.count <= 2, halves.allSatisfy({ $0.isEmpty || isDigits($0) }) else {
            throw ValidationError("blood pressure", "'\(text)' is not a blood pressure; \(bloodPressureExample)")
        }
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty else {
            throw ValidationError("blood pressure", "'\(text)' needs both numbers; \(bloodPressureExample)")
        }
        // The range check comes after both halves are read, so that it can also compare them.
        let systolic = try Measure.systolic.read(halves[0], check: { _ in })!
        let diastolic = try Measure.diastolic.read(halves[1], check: { _ in })!
        return (systolic, diastolic)
    }

    private static func checkBloodPressure(systolic: Int?, diastolic: Int?) throws {
        guard let systolic, let diastolic else {
            throw ValidationError("blood pressure", "systolic and diastolic go together; \(bloodPressureExample)")
        }
        try Measure.systolic.check(systolic)
        try Measure.diastolic.check(diastolic)
        guard diastolic < systolic else {
            throw ValidationError(
                "blood pressure", "diastolic \(diastolic) must be below systolic \(systolic); \(bloodPressureExample)")
        }
    }

    private static func readTemperature(_ raw: String) throws -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let fahrenheit = stripUnit(text, units: ["°f", "f"])
        if fahrenheit != text, let value = try? Measure.temperature.read(fahrenheit, check: { _ in }) {
            throw ValidationError(
                "temperature", "'\(text)' is in °F; this field is in °C (\(tenths(value)) °F = \(tenths(celsius(value))) °C)")
        }
        return try Measure.temperature.read(text, check: checkTemperature)
    }

    /// A body temperature of 80–115 is not a typo but a thermometer set to °F; saying so gets the right number faster.
    private static func checkTemperature(_ value: Int) throws {
        if (800...1150).contains(value) {
            throw ValidationError(
                "temperature",
                "\(tenths(value)) looks like °F; this field is in °C (\(tenths(value)) °F = \(tenths(celsius(value))) °C)")
        }
        try Measure.temperature.check(value)
    }

    /// The °C text for a temperature typed in °F (`101.3`, `101.3 F`, `101.3°F`), nil for anything
    /// else: what the vitals form offers to save instead with one key.
    public static func celsiusText(forFahrenheit raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let number = stripUnit(text, units: ["°f", "f"])
        guard let value = try? Measure.temperature.read(number, check: { _ in }),
            number != text || (800...1150).contains(value) else { return nil }
        let converted = celsius(value)
        guard (try? Measure.temperature.check(converted)) != nil else { return nil }
        return tenths(converted)
    }

    /// °F tenths to °C tenths, rounded half away from zero.
    private static func celsius(_ fahrenheitTenths: Int) -> Int {
        let scaled = (fahrenheitTenths - 320) * 10
        return (scaled + (scaled >= 0 ? 9 : -9)) / 18
    }

    /// One number a nurse types: how it is stored, its realistic range, and the unit it is shown in.
    private struct Measure: Sendable {
        let field: String
        /// Put before the value in messages when several values share a field (systolic, diastolic).
        var label = ""
        let unit: String
        /// Decimals between what is typed and what is stored (kg → g is 3), which is also the most a nurse may type.
        var places = 0
        /// Temperature reads better as "25.0"; weights and heights as "500" rather than "500.000".
        var trimZeros = true
        let range: ClosedRange<Int>
        /// Units a nurse may type after the number out of habit, lowercase.
        var units: [String] = []

        static let systolic = Measure(field: "blood pressure", label: "systolic ", unit: "mmHg", range: 50...300)
        static let diastolic = Measure(field: "blood pressure", label: "diastolic ", unit: "mmHg", range: 20...200)
        static let pulse = Measure(field: "pulse", unit: "beats/min", range: 20...300, units: ["bpm", "beats/min", "/min"])
        static let temperature = Measure(
            field: "temperature", unit: "°C", places: 1, trimZeros: false, range: 250...450, units: ["°c", "c", "°"])
        static let spo2 = Measure(field: "SpO2", unit: "%", range: 50...100, units: ["%"])
        static let respiratoryRate = Measure(
            field: "respiratory rate", unit: "breaths/min", range: 4...80, units: ["breaths/min", "/min"])
        static let weight = Measure(field: "weight", unit: "kg", places: 3, range: 300...500_000, units: ["kg"])
        static let height = Measure(field: "height", unit: "cm", places: 1, range: 200...2_720, units: ["cm"])

        func show(_ value: Int) -> String { VitalSigns.decimal(value, places: places, trimZeros: trimZeros) }

        func check(_ value: Int) throws {
            guard range.contains(value) else {
                throw ValidationError(
                    field, "\(label)\(show(value)) is outside \(show(range.lowerBound))–\(show(range.upperBound)) \(unit)")
            }
        }

        /// Nil for nothing typed; the stored integer otherwise, checked by `check` (the range by default).
        func read(_ raw: String, check: ((Int) throws -> Void)? = nil) throws -> Int? {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            var number = VitalSigns.stripUnit(text, units: units)
            let negative = number.hasPrefix("-")
            if negative { number.removeFirst() }
            let parts = number.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
            guard parts.count <= 2, parts.allSatisfy({ VitalSigns.isDigits(String($0)) }) else {
                throw ValidationError(field, "'\(text)' is not a number")
            }
            // "36.80" says no more than "36.8", so only significant decimals count against the limit.
            var fraction = parts.count == 2 ? String(parts[1]) : ""
            while fraction.hasSuffix("0") { fraction.removeLast() }
            guard fraction.count <= places else {
                throw ValidationError(
                    field,
                    places == 0
                        ? "'\(text)' must be a whole number"
                        : "'\(text)' has more than \(places == 1 ? "one decimal place" : "\(places) decimal places")")
            }
            let whole = parts[0].drop { $0 == "0" }
            guard whole.count <= 9 else {
                // Too long for Int; no realistic value has ten digits, so say so in the range's own words.
                throw ValidationError(
                    field, "\(label)\(text) is outside \(show(range.lowerBound))–\(show(range.upperBound)) \(unit)")
            }
            var value = Int(whole) ?? 0
            for _ in 0..<places { value *= 10 }
            value += Int(fraction + String(repeating: "0", count: places - fraction.count)) ?? 0
            if negative { value = -value }
            try (check ?? self.check)(value)
            return value
        }
    }

    private static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `text` without one trailing unit from `units` (case-insensitive), so "98 %" and "72.5kg" read as numbers.
    private static func stripUnit(_ text: String, units: [String]) -> String {
        let lower = text.lowercased()
        for unit in units where lower.hasSuffix(unit) && lower.count > unit.count {
            return String(text.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// `value` / 10^places as text; trailing zeros dropped when `trimZeros`.
    fileprivate static func decimal(_ value: Int, places: Int, trimZeros: Bool) -> String {
        var scale: UInt = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = value.magnitude
        let sign = value < 0 ? "-" : ""
        guard places > 0 else { return sign + String(magnitude) }
        let digits = String(magnitude % scale)
        var fraction = String(repeating: "0", count: places - digits.count) + digits
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        return sign + String(magnitude / scale) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
