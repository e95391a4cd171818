// Dates of birth as people type them at a desk, day first: 12/04/1990, 12.04.1990,
// 12-04-1990, 12041990, 1990-04-12, 12 Apr 1990.

public enum DateOfBirthParser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The day, or nil when `text` is not a date in one of the accepted forms.
    public static func parse(_ text: String) -> CalendarDay? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let iso = CalendarDay(t) { return iso }
        let parts = t.split(whereSeparator: { "/.- ".contains($0) }).map(String.init)
        if parts.count == 3 {
            guard let day = Int(parts[0]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
            if let month = Int(parts[1]) { return CalendarDay(year: year, month: month, day: day) }
            let prefix = String(parts[1].prefix(3))
            guard parts[1].count >= 3, let index = months.firstIndex(of: prefix) else { return nil }
            return CalendarDay(year: year, month: index + 1, day: day)
        }
        if t.count == 8, t.allSatisfy(\.isNumber), let day = Int(t.prefix(2)), let month = Int(t.dropFirst(2).prefix(2)),
            let year = Int(t.suffix(4))
        {
            return CalendarDay(year: year, month: month, day: day)
        }
        return nil
    }
}
