// How many units a prescription line needs: dose × times a day × days, from the words a prescriber writes.
import Foundation

/// A prescription's frequency as written on paper (`BD`, `TDS`, `q8h`, `nocte`…), read as times a day.
public enum DoseFrequency {
    /// The abbreviations the counter accepts, with their times a day; `stat` is one dose in all, `PRN` has no count.
    public static let perDay: [String: Int] = [
        "OD": 1, "QD": 1, "DAILY": 1, "MANE": 1, "NOCTE": 1, "ON": 1, "HS": 1,
        "BD": 2, "BID": 2, "TDS": 3, "TID": 3, "QDS": 4, "QID": 4,
        "Q4H": 6, "Q6H": 4, "Q8H": 3, "Q12H": 2, "Q24H": 1, "5X": 5,
    ]

    /// Times a day for `text`, nil when it gives no count (PRN, stat, anything unknown).
    public static func timesPerDay(_ text: String) -> Int? {
        perDay[normalized(text)]
    }

    /// True when `text` is one dose only, whatever the duration.
    public static func isOnce(_ text: String) -> Bool { ["STAT", "ONCE"].contains(normalized(text)) }

    /// The frequency in words for a label ("three times a day"), or the text as written when unknown.
    public static func words(_ text: String) -> String {
        let said: [String: String] = [
            "OD": "once a day", "QD": "once a day", "DAILY": "once a day", "MANE": "every morning", "NOCTE": "at night",
            "ON": "at night", "HS": "at bedtime", "BD": "twice a day", "BID": "twice a day", "TDS": "three times a day",
            "TID": "three times a day", "QDS": "four times a day", "QID": "four times a day", "Q4H": "every 4 hours",
            "Q6H": "every 6 hours", "Q8H": "every 8 hours", "Q12H": "every 12 hours", "Q24H": "once a day", "5X": "five times a day",
            "PRN": "when needed", "STAT": "now, once", "ONCE": "once",
        ]
        return said[normalized(text)] ?? text
    }

    static func normalized(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace && $0 != "." }
    }
}

/// The quantity a line needs when its parts allow a count: dose (a whole number of units, "1", "2", "1/2"
/// rounded up) × times a day × days. Nil when any part is missing or not a count (the counter types it).
public enum DoseQuantity {
    public static func compute(dose: String, frequency: String, days: Int?) -> Int? {
        guard let perDose = units(dose) else { return nil }
        if DoseFrequency.isOnce(frequency) { return max(1, Int(perDose.rounded(.up))) }
        guard let times = DoseFrequency.timesPerDay(frequency), let days, days > 0 else { return nil }
        let total = (perDose * Double(times * days)).rounded(.up)
        return total >= 1 && total <= 1_000_000 ? Int(total) : nil
    }

    /// The leading number of a dose ("2", "1/2", "0.5", "2 tabs", "10 ml"), in dispensing units.
    static func units(_ dose: String) -> Double? {
        let head = dose.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber || $0 == "." || $0 == "/" }
        if let slash = head.firstIndex(of: "/") {
            guard let top = Double(head[..<slash]), let bottom = Double(head[head.index(after: slash)...]), bottom > 0 else { return nil }
            return top / bottom > 0 ? top / bottom : nil
        }
        guard let value = Double(head), value > 0 else { return nil }
        return value
    }
}
