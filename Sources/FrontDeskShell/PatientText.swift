// How patient facts read on screen: ages, sexes, dates, one result line.
import Foundation
import FrontDeskCore
import FrontDeskStore
import TerminalKit

package enum PatientText {
    /// "34y", "18m" under two years, "12d" under a month; "~" when the birth date was estimated.
    package static func age(dob: String?, estimated: Bool, today: CalendarDay) -> String {
        guard let dob, let born = CalendarDay(dob) else { return "?" }
        let years = born.years(until: today)
        let text: String
        if years >= 2 {
            text = "\(years)y"
        } else {
            let months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day ? 1 : 0)
            if months >= 1 {
                text = "\(months)m"
            } else {
                text = "\(today.dayNumber - born.dayNumber)d"
            }
        }
        return (estimated ? "~" : "") + text
    }

    package static func sexLetter(_ sex: String) -> String {
        switch sex {
        case "female": return "F"
        case "male": return "M"
        case "other": return "O"
        default: return "U"
        }
    }

    /// "12 Apr 1990" from "1990-04-12" (day first, month named: no day/month confusion).
    package static func day(_ iso: String?) -> String {
        guard let iso, let day = CalendarDay(String(iso.prefix(10))) else { return "—" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%02d %@ %04d", day.day, months[day.month - 1], day.year)
    }

    /// Column layout of result lines (80 columns): name, sex, age, MRN, phone, last visit.
    package static let columns = [("Name", 26), ("Sex", 4), ("Age", 6), ("MRN", 12), ("Phone", 15), ("Last visit", 11)]

    package static func header() -> String {
        columns.map { TextWidth.pad($0.0, to: $0.1) }.joined()
    }

    package static func line(_ hit: PatientHit, today: CalendarDay) -> String {
        let values = [
            hit.displayName, sexLetter(hit.sex), age(dob: hit.dob, estimated: hit.dobEstimated, today: today),
            hit.mrn, hit.phone ?? "—", hit.lastVisitAt.map { day($0) } ?? "—",
        ]
        return zip(columns, values).map { column, value in
            TextWidth.pad(TextWidth.truncate(value, to: column.1 - 1), to: column.1)
        }.joined()
    }
}
