// Close of day for the queue, and the daily queue report (patients, median and p90 wait).
import Foundation
import FrontDeskCore
import GRDB

/// What closing a day did.
public struct DayClosed: Sendable, Equatable {
    /// Entries still waiting or called, now closed as no-show or left.
    public let unseen: Int
    /// Entries in consultation, now done.
    public let finished: Int
    /// Booked appointments nobody checked in, now no-shows.
    public let missedAppointments: Int
}

/// One service's day in figures. Waits are called − checked in, in seconds.
public struct QueueDayReport: Sendable, Equatable {
    public let serviceCode: String
    public let serviceName: String
    public let patients: Int
    public let seen: Int
    public let waiting: Int
    public let left: Int
    public let noShow: Int
    public let cancelled: Int
    public let medianWaitSeconds: Int?
    public let p90WaitSeconds: Int?
    public let longestWaitSeconds: Int?
}

extension QueueStore {
    /// Closes a day's queue: whoever is still waiting or called becomes `unseenAs` (no-show or
    /// left) with the reason; anyone in consultation is done; booked appointments nobody checked in
    /// become no-shows if their slot has started (closing today early leaves later ones booked).
    /// Only today or an earlier day. Needs `queue.close`.
    public func closeDay(_ day: CalendarDay, serviceID: String? = nil, unseenAs: QueueStatus, reason rawReason: String,
                         by actor: Actor) throws -> DayClosed {
        guard unseenAs == .left || unseenAs == .noShow else {
            throw StoreError.invalid(ValidationError("close of day", "unseen patients are closed as no-show or left"))
        }
        let reason = try FacilityStore.reason(rawReason)
        return try perform(.closeQueueDay, action: "close the queue's day", by: actor) { tx in
            let now = try tx.localNow()
            let today = now.day
            guard day <= today else {
                throw StoreError.invalid(ValidationError("close of day", "\(day) has not come yet"))
            }
            var condition = "day = ? AND status IN ('checked_in', 'called', 'in_consultation')"
            var arguments: StatementArguments = [day.description]
            if let serviceID { condition += " AND service_id = ?"; arguments += [serviceID] }
            var unseen = 0, finished = 0
            for var entry in try QueueEntry.filter(sql: condition, arguments: arguments).order(sql: "token_number").fetchAll(tx.db) {
                if entry.status == .inConsultation {
                    try Self.apply(.done, to: &entry, reason: nil, tx: tx)
                    finished += 1
                } else {
                    try Self.apply(unseenAs, to: &entry, reason: reason, tx: tx)
                    unseen += 1
                }
            }
            var missed = 0
            var appointmentCondition = "day = ? AND status = 'booked'"
            var appointmentArguments: StatementArguments = [day.description]
            if let serviceID { appointmentCondition += " AND service_id = ?"; appointmentArguments += [serviceID] }
            if day == today {
                // A slot that has not begun can still be kept: only those started by now are missed.
                appointmentCondition += " AND start_minute <= ?"
                appointmentArguments += [now.minute]
            }
            for var appointment in try Appointment.filter(sql: appointmentCondition, arguments: appointmentArguments).fetchAll(tx.db) {
                appointment.status = .noShow
                appointment.updatedAt = tx.now
                appointment.updatedBy = tx.actor.userID
                try tx.update(appointment, kind: QueueKind.appointmentNoShow)
                missed += 1
            }
            return DayClosed(unseen: unseen, finished: finished, missedAppointments: missed)
        }
    }

    /// Each service's figures for a day (services with no patients that day included).
    public func queueReport(day: CalendarDay) throws -> [QueueDayReport] {
        try read { db in
            let services = try Service.order(sql: "code").fetchAll(db)
            var reports: [QueueDayReport] = []
            for service in services {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT status, checked_in_at, called_at FROM queue_entries WHERE service_id = ? AND day = ?
                    """, arguments: [service.serviceID, day.description])
                guard service.active || !rows.isEmpty else { continue }
                var counts: [String: Int] = [:]
                var waits: [Int] = []
                for row in rows {
                    counts[row["status"], default: 0] += 1
                    if let called: String = row["called_at"], let c = Timestamp.date(called),
                        let arrived = Timestamp.date(row["checked_in_at"]) {
                        waits.append(max(0, Int(c.timeIntervalSince(arrived).rounded())))
                    }
                }
                let stats = WaitStatistics(waits)
                reports.append(QueueDayReport(
                    serviceCode: service.code, serviceName: service.name, patients: rows.count,
                    seen: counts["done", default: 0] + counts["in_consultation", default: 0],
                    waiting: counts["checked_in", default: 0] + counts["called", default: 0],
                    left: counts["left", default: 0], noShow: counts["no_show", default: 0],
                    cancelled: counts["cancelled", default: 0], medianWaitSeconds: stats.median,
                    p90WaitSeconds: stats.p90, longestWaitSeconds: stats.maximum))
            }
            return reports
        }
    }
}
