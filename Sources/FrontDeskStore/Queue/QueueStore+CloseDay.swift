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
    /// Visits or appointments closed per transaction. A visit closed is two ledger entries (its queue
    /// entry and its encounter) and a transaction must fit in one push (500 entries, ledger-protocol.md
    /// §3), so a clinic with 300 patients still open closes in parts, each whole, instead of being
    /// refused as too large. A part interrupted (a crash) leaves the rest open for closing again.
    static let closeDayPart = 100

    /// Closes a day's queue: whoever is still waiting or called becomes `unseenAs` (no-show or
    /// left) with the reason; anyone in consultation is done; booked appointments nobody checked in
    /// become no-shows if their slot has started (closing today early leaves later ones booked).
    /// Only today or an earlier day. Needs `queue.close`. In transactions of `closeDayPart` at most.
    public func closeDay(_ day: CalendarDay, serviceID: String? = nil, unseenAs: QueueStatus, reason rawReason: String,
                         by actor: Actor) throws -> DayClosed {
        guard unseenAs == .left || unseenAs == .noShow else {
            throw StoreError.invalid(ValidationError("close of day", "unseen patients are closed as no-show or left"))
        }
        let reason = try FacilityStore.reason(rawReason)
        var unseen = 0, finished = 0, missed = 0
        while true {
            let part = try closeVisits(day, serviceID: serviceID, unseenAs: unseenAs, reason: reason, by: actor)
            unseen += part.unseen
            finished += part.finished
            if part.unseen + part.finished < Self.closeDayPart { break }
        }
        while true {
            let part = try closeMissedAppointments(day, serviceID: serviceID, by: actor)
            missed += part
            if part < Self.closeDayPart { break }
        }
        return DayClosed(unseen: unseen, finished: finished, missedAppointments: missed)
    }

    /// One part of a close of day: up to `closeDayPart` visits still open, in calling order.
    private func closeVisits(_ day: CalendarDay, serviceID: String?, unseenAs: QueueStatus, reason: String, by actor: Actor)
        throws -> (unseen: Int, finished: Int)
    {
        try perform(.closeQueueDay, action: "close the queue's day", by: actor) { tx in
            try Self.checkClosable(day, now: try tx.localNow())
            var condition = "day = ? AND status IN ('checked_in', 'called', 'in_consultation')"
            var arguments: StatementArguments = [day.description]
            if let serviceID { condition += " AND service_id = ?"; arguments += [serviceID] }
            var unseen = 0, finished = 0
            let open = try QueueEntry.filter(sql: condition, arguments: arguments).order(sql: "token_number")
                .limit(Self.closeDayPart).fetchAll(tx.db)
            for var entry in open {
                if entry.status == .inConsultation {
                    try Self.apply(.done, to: &entry, reason: nil, tx: tx)
                    finished += 1
                } else {
                    try Self.apply(unseenAs, to: &entry, reason: reason, tx: tx)
                    unseen += 1
                }
            }
            return (unseen, finished)
        }
    }

    /// One part of a close of day: up to `closeDayPart` booked appointments nobody came to, now no-shows.
    private func closeMissedAppointments(_ day: CalendarDay, serviceID: String?, by actor: Actor) throws -> Int {
        try perform(.closeQueueDay, action: "close the queue's day", by: actor) { tx in
            let now = try tx.localNow()
            try Self.checkClosable(day, now: now)
            var condition = "day = ? AND status = 'booked'"
            var arguments: StatementArguments = [day.description]
            if let serviceID { condition += " AND service_id = ?"; arguments += [serviceID] }
            if day == now.day {
                // A slot that has not begun can still be kept: only those started by now are missed.
                condition += " AND start_minute <= ?"
                arguments += [now.minute]
            }
            var missed = 0
            for var appointment in try Appointment.filter(sql: condition, arguments: arguments).limit(Self.closeDayPart).fetchAll(tx.db) {
                appointment.status = .noShow
                appointment.updatedAt = tx.now
                appointment.updatedBy = tx.actor.userID
                try tx.update(appointment, kind: QueueKind.appointmentNoShow)
                missed += 1
            }
            return missed
        }
    }

    private static func checkClosable(_ day: CalendarDay, now: LocalMoment) throws {
        guard day <= now.day else {
            throw StoreError.invalid(ValidationError("close of day", "\(day) has not come yet"))
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
