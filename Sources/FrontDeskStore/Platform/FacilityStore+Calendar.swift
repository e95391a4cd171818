// The facility's clock and calendar: its time zone, its wall clock now, how far ahead it plans; a typed reason.
import Foundation
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// The facility's wall clock now.
    public func localNow() throws -> LocalMoment {
        try read { db in LocalMoment(clock.now(), in: try Self.timeZone(db)) }
    }

    /// The facility's time zone (days and times of day are its wall clock).
    static func timeZone(_ db: Database) throws -> TimeZone {
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT timezone FROM facilities LIMIT 1")) ?? "UTC"
        return TimeZone(identifier: name) ?? TimeZone(identifier: "UTC")!
    }

    /// A reason someone types (cancel, leave, close of day): 1 to 200 characters.
    static func reason(_ raw: String, field: String = "reason") throws -> String {
        do {
            guard let text = try Validate.text(raw, field: field, maxLength: 200) else { throw ValidationError(field, "is required") }
            return text
        } catch let e as ValidationError { throw StoreError.invalid(e) }
    }
}

extension FacilityStore {
    /// How far ahead a facility plans its calendar and rates (sessions, leave, holidays, fees):
    /// two years. A day past it is a typing slip (9999-12-31), never a plan.
    public static let planningHorizonDays = 731
    /// The earliest day the calendar and rates take: nothing this facility does predates it.
    public static let earliestPlannedDay = CalendarDay(year: 2000, month: 1, day: 1)!
}

extension BusinessTransaction {
    /// The facility's wall clock at this transaction's instant.
    func localNow() throws -> LocalMoment { LocalMoment(clockNow, in: try FacilityStore.timeZone(db)) }

    /// Refuses a calendar or rate day outside 2000-01-01 … today + the planning horizon.
    func requirePlannable(_ day: CalendarDay, field: String) throws {
        let last = try localNow().day.adding(days: FacilityStore.planningHorizonDays)
        guard day <= last else {
            throw StoreError.invalid(ValidationError(field, "\(day) is too far ahead; plan up to two years ahead (until \(last))"))
        }
        guard day >= FacilityStore.earliestPlannedDay else {
            throw StoreError.invalid(ValidationError(field, "\(day) is before \(FacilityStore.earliestPlannedDay); check the year"))
        }
    }
}
