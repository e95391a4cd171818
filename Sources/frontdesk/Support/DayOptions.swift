// Options every desk reads the same way: days (YYYY-MM-DD or today), day ranges, a doctor by name.
import FrontDeskCore
import FrontDeskStore

/// Finds a doctor by id, exact name, or a unique part of the name.
func findDoctor(_ text: String, in store: FacilityStore) throws -> Doctor {
    try store.queue.doctor(matching: text)
}

/// A YYYY-MM-DD option, or today in the facility's time zone.
func parseDay(_ text: String?, option: String, store: FacilityStore) throws -> CalendarDay {
    guard let text else { return try store.localNow().day }
    guard let day = CalendarDay(text) else { throw InputError(message: "\(option) '\(Quote.excerpt(text))' is not a YYYY-MM-DD date") }
    return day
}

/// A --from/--to pair: --from is today if left out, --to is --from; --from after --to is refused.
func parseDayRange(from: String?, to: String?, store: FacilityStore) throws -> (first: CalendarDay, last: CalendarDay) {
    let first = try parseDay(from, option: "--from", store: store)
    let last = try to.map { try parseDay($0, option: "--to", store: store) } ?? first
    guard first <= last else {
        throw InputError(message: "--from \(first) is after --to \(last); nothing was read. Give the earlier day as --from.")
    }
    return (first, last)
}
