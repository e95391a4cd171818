// The midnight census and the standard inpatient statistics of a period, per ward (docs/beds.md says which definitions).
import Foundation
import FrontDeskCore
import GRDB

/// One ward's census figures over a period (or the facility's, summed).
public struct WardCensus: Sendable, Equatable {
    public var wardCode: String
    public var wardName: String
    /// Patients in a bed at the midnight that ends the period's last day.
    public var inBedAtEnd = 0
    public var admissions = 0
    /// Discharges, deaths included.
    public var discharges = 0
    public var deaths = 0
    public var transfersIn = 0
    public var transfersOut = 0
    /// Patients in a bed at each midnight, summed, plus those admitted and discharged the same day (one day each).
    public var inpatientDays = 0
    /// Beds in service at each midnight, summed.
    public var availableBedDays = 0
    /// The lengths of stay of the period's discharges, in days (a same-day stay is one), summed.
    public var dischargedStayDays = 0

    /// Inpatient days ÷ available bed-days × 100, to one decimal (tenths); nil with no beds.
    public var occupancyTenths: Int? {
        availableBedDays == 0 ? nil : Int((Double(inpatientDays) * 1000 / Double(availableBedDays)).rounded())
    }
    /// Average length of stay of the period's discharges, in tenths of a day; nil with none.
    public var averageStayTenths: Int? {
        discharges == 0 ? nil : Int((Double(dischargedStayDays) * 10 / Double(discharges)).rounded())
    }
    /// Discharges ÷ the average number of beds in service, in hundredths; nil with no beds.
    public func turnoverHundredths(days: Int) -> Int? {
        availableBedDays == 0 ? nil : Int((Double(discharges) * 100 * Double(days) / Double(availableBedDays)).rounded())
    }

    mutating func add(_ other: WardCensus) {
        inBedAtEnd += other.inBedAtEnd
        admissions += other.admissions
        discharges += other.discharges
        deaths += other.deaths
        transfersIn += other.transfersIn
        transfersOut += other.transfersOut
        inpatientDays += other.inpatientDays
        availableBedDays += other.availableBedDays
        dischargedStayDays += other.dischargedStayDays
    }
}

/// The census of a period: each ward and the facility.
public struct CensusReport: Sendable, Equatable {
    public let from: CalendarDay
    public let to: CalendarDay
    public let wards: [WardCensus]
    public let total: WardCensus
    public var days: Int { to.dayNumber - from.dayNumber + 1 }
}

extension BedsStore {
    /// The census from `from` to `to` (local days, inclusive; at most ten years).
    public func census(from: CalendarDay, to: CalendarDay) throws -> CensusReport {
        guard from <= to else { throw StoreError.invalid(ValidationError("to", "the period ends before it starts")) }
        guard to.dayNumber - from.dayNumber < 3660 else { throw StoreError.invalid(ValidationError("to", "at most ten years at a time")) }
        return try read { db in try Self.census(from: from, to: to, db: db) }
    }

    static func census(from: CalendarDay, to: CalendarDay, db: Database) throws -> CensusReport {
        let zone = try FacilityStore.timeZone(db)
        // midnights[i] ends day from+i: the census instant of that day.
        let midnights = (0...(to.dayNumber - from.dayNumber)).map {
            Timestamp.string(LocalMoment(day: from.adding(days: $0 + 1), minute: 0).date(in: zone))
        }
        let periodStart = Timestamp.string(LocalMoment(day: from, minute: 0).date(in: zone))
        let periodEnd = midnights[midnights.count - 1]
        let wards = try Row.fetchAll(db, sql: "SELECT ward_id, code, name FROM wards ORDER BY code")
        var byWard: [String: WardCensus] = [:]
        for ward in wards { byWard[ward["ward_id"]] = WardCensus(wardCode: ward["code"], wardName: ward["name"]) }
        /// The index of the first midnight at or after `instant`.
        func firstMidnight(atOrAfter instant: String) -> Int {
            var low = 0, high = midnights.count
            while low < high { let mid = (low + high) / 2; if midnights[mid] < instant { low = mid + 1 } else { high = mid } }
            return low
        }
        func day(of instant: String) -> CalendarDay? { Timestamp.date(instant).map { LocalMoment($0, in: zone).day } }

        // Beds in service at each midnight.
        for bed in try Row.fetchAll(db, sql: """
            SELECT ward_id, created_at, retired_at FROM beds WHERE created_at < ? AND (retired_at IS NULL OR retired_at > ?)
            """, arguments: [periodEnd, periodStart]) {
            let first = firstMidnight(atOrAfter: bed["created_at"])
            let last = (bed["retired_at"] as String?).map { firstMidnight(atOrAfter: $0) } ?? midnights.count
            if last > first { byWard[bed["ward_id"], default: WardCensus(wardCode: "?", wardName: "?")].availableBedDays += last - first }
        }

        // Allocations that overlap the period: midnights in bed, and transfers.
        // Two branches so that each uses an index: stays still open (a partial index of open allocations; the
        // `+` keeps the planner off the start index, which would scan every stay ever begun), and stays that
        // ended after the period began (the end index). The previous bed's ward (a transfer) is read only for stays
        // that began in the period.
        let columns = """
            SELECT l.admission_id, l.start_at, l.end_at, b.ward_id,
                   CASE WHEN l.start_at >= :start THEN
                     (SELECT b2.ward_id FROM bed_allocations p JOIN beds b2 ON b2.bed_id = p.bed_id
                      WHERE p.admission_id = l.admission_id AND p.end_at = l.start_at AND p.allocation_id <> l.allocation_id
                      ORDER BY p.start_at DESC LIMIT 1) END AS previous_ward
            FROM bed_allocations l JOIN beds b ON b.bed_id = l.bed_id
            """
        let allocations = try Row.fetchAll(db, sql: """
            \(columns) WHERE l.end_at IS NULL AND +l.start_at < :end
            UNION ALL
            \(columns) WHERE l.end_at > :start AND l.start_at < :end
            """, arguments: ["start": periodStart, "end": periodEnd])
        for row in allocations {
            let ward: String = row["ward_id"]
            let start: String = row["start_at"]
            let end: String? = row["end_at"]
            let first = firstMidnight(atOrAfter: start)
            let last = end.map { firstMidnight(atOrAfter: $0) } ?? midnights.count  // midnights strictly before the end
            if last > first {
                byWard[ward]?.inpatientDays += last - first
                if last == midnights.count, end.map({ $0 > periodEnd }) ?? true { byWard[ward]?.inBedAtEnd += 1 }
            }
            if start >= periodStart, let previous: String = row["previous_ward"], previous != ward {
                byWard[ward]?.transfersIn += 1
                byWard[previous]?.transfersOut += 1
            }
        }

        // Admissions of the period, in the ward of their first bed.
        for row in try Row.fetchAll(db, sql: """
            SELECT a.admitted_at, a.discharged_at,
                   (SELECT b.ward_id FROM bed_allocations l JOIN beds b ON b.bed_id = l.bed_id
                    WHERE l.admission_id = a.admission_id ORDER BY l.start_at LIMIT 1) AS ward_id
            FROM admissions a WHERE a.admitted_at >= ? AND a.admitted_at < ?
            """, arguments: [periodStart, periodEnd]) {
            guard let ward: String = row["ward_id"] else { continue }
            byWard[ward]?.admissions += 1
            // Admitted and discharged the same day: one inpatient day (no midnight counted it).
            if let discharged: String = row["discharged_at"], day(of: discharged) == day(of: row["admitted_at"]) {
                byWard[ward]?.inpatientDays += 1
            }
        }

        // Discharges of the period, in the ward of their last bed, with their lengths of stay.
        for row in try Row.fetchAll(db, sql: """
            SELECT a.admitted_at, a.discharged_at, a.disposition,
                   (SELECT b.ward_id FROM bed_allocations l JOIN beds b ON b.bed_id = l.bed_id
                    WHERE l.admission_id = a.admission_id ORDER BY l.start_at DESC LIMIT 1) AS ward_id
            FROM admissions a WHERE a.discharged_at >= ? AND a.discharged_at < ?
            """, arguments: [periodStart, periodEnd]) {
            guard let ward: String = row["ward_id"], let admitted = day(of: row["admitted_at"]),
                let discharged = day(of: row["discharged_at"]) else { continue }
            byWard[ward]?.discharges += 1
            if (row["disposition"] as String?) == Disposition.died.rawValue { byWard[ward]?.deaths += 1 }
            byWard[ward]?.dischargedStayDays += max(1, discharged.dayNumber - admitted.dayNumber)
        }

        let rows = wards.compactMap { byWard[$0["ward_id"] as String] }
        var total = WardCensus(wardCode: "ALL", wardName: "All wards")
        for ward in rows { total.add(ward) }
        // A move between wards is a transfer of each ward, not of the facility.
        total.transfersIn = 0
        total.transfersOut = 0
        return CensusReport(from: from, to: to, wards: rows, total: total)
    }
}
