// The label stuck on a dispensed medicine: 42 columns, for the facility's label or receipt printer.

/// One item's label. Plain text, 42 columns (a 58 mm label printer or an 80 mm receipt printer both take it).
public struct PharmacyLabel: Sendable, Equatable {
    public static let width = 42

    public var facility: String
    public var patientName: String
    public var mrn: String
    /// "Amoxicillin 500 mg capsule".
    public var item: String
    public var quantity: Int
    public var unit: String
    public var dose: String
    public var frequency: String
    public var durationDays: Int?
    public var instructions: String?
    public var prescriptionNumber: Int64
    public var batches: [(number: String, expiry: String)]
    public var dispensedOn: String
    public var pharmacist: String
    public var allergy: String?

    public init(facility: String, patientName: String, mrn: String, item: String, quantity: Int, unit: String, dose: String,
                frequency: String, durationDays: Int?, instructions: String?, prescriptionNumber: Int64,
                batches: [(number: String, expiry: String)], dispensedOn: String, pharmacist: String, allergy: String? = nil) {
        self.facility = facility
        self.patientName = patientName
        self.mrn = mrn
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.dose = dose
        self.frequency = frequency
        self.durationDays = durationDays
        self.instructions = instructions
        self.prescriptionNumber = prescriptionNumber
        self.batches = batches
        self.dispensedOn = dispensedOn
        self.pharmacist = pharmacist
        self.allergy = allergy
    }

    public static func == (a: PharmacyLabel, b: PharmacyLabel) -> Bool { a.lines == b.lines }

    /// The directions in words: "Take 1 capsule three times a day for 5 days."
    public var directions: String {
        let dose = self.dose.contains(where: \.isLetter) ? self.dose : "\(self.dose) \(unit)\(self.dose == "1" ? "" : "s")"
        var text = "Take \(dose) \(DoseFrequency.words(frequency))"
        if let days = durationDays { text += " for \(days) day\(days == 1 ? "" : "s")" }
        return text + "."
    }

    /// The label's lines, none wider than `width`: long text wraps at spaces.
    public var lines: [String] {
        let rule = String(repeating: "-", count: Self.width)
        var out = [Self.centred(facility), rule]
        out += Self.wrap("\(patientName)  \(mrn)")
        out.append(rule)
        out += Self.wrap("\(item) x \(quantity) \(unit)\(quantity == 1 ? "" : "s")")
        out += Self.wrap(directions)
        if let instructions { out += Self.wrap(instructions) }
        if let allergy { out += Self.wrap("ALLERGY NOTED: \(allergy)") }
        out.append(rule)
        for batch in batches { out += Self.wrap("Batch \(batch.number)  exp \(batch.expiry)") }
        out += Self.wrap("Rx \(prescriptionNumber)  \(dispensedOn)  \(pharmacist)")
        return out
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    static func centred(_ text: String) -> String {
        let cut = String(text.prefix(width))
        return String(repeating: " ", count: (width - cut.count) / 2) + cut
    }

    /// Wraps at spaces to `width`; a word longer than the width is cut.
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let piece = String(word.prefix(width))
            if line.isEmpty { line = piece } else if line.count + 1 + piece.count <= width { line += " " + piece } else {
                lines.append(line)
                line = piece
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
