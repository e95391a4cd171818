// The day's board and what a patient should expect to wait: calling order, pace, patients ahead.
import Foundation
import FrontDeskCore
import GRDB

extension QueueStore {
    /// The day's board: entries of every service (or one, or one doctor's), active first in
    /// calling order, then the finished ones, latest first.
    public func board(day: CalendarDay, serviceID: String? = nil, doctorID: String? = nil) throws -> [BoardRow] {
        try read { db in try Self.board(day: day, serviceID: serviceID, doctorID: doctorID, db: db) }
    }

    static func board(day: CalendarDay, serviceID: String?, doctorID: String?, db: Database) throws -> [BoardRow] {
        var condition = "q.day = ?"
        var arguments: StatementArguments = [day.description]
        if let serviceID { condition += " AND q.service_id = ?"; arguments += [serviceID] }
        if let doctorID { condition += " AND (q.doctor_id = ? OR (q.doctor_id IS NULL AND q.status = 'checked_in'))"; arguments += [doctorID] }
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT q.*, coalesce(s.display_name, '?') AS patient_name, p.mrn AS patient_mrn, v.code AS service_code,
                   d.name AS doctor_name,
                   EXISTS (SELECT 1 FROM vital_signs vs WHERE vs.encounter_id = q.encounter_id) AS has_vitals
            FROM queue_entries q
            JOIN patients p ON p.patient_id = q.patient_id
            LEFT JOIN patient_search s ON s.patient_id = q.patient_id
            JOIN services v ON v.service_id = q.service_id
            LEFT JOIN doctors d ON d.doctor_id = q.doctor_id
            WHERE \(condition)
            ORDER BY CASE q.status WHEN 'in_consultation' THEN 0 WHEN 'called' THEN 1 WHEN 'checked_in' THEN 2 ELSE 3 END,
                     CASE WHEN q.status = 'checked_in' THEN (CASE q.priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END) END,
                     CASE WHEN q.status = 'checked_in' THEN q.assistance IS NULL END,
                     CASE WHEN q.status = 'checked_in' THEN q.checked_in_at END,
                     CASE WHEN q.status = 'checked_in' THEN q.token_number END,
                     q.status_changed_at DESC
            """), arguments: arguments).map { row in
            BoardRow(entry: try QueueEntry(row: row), patientName: row["patient_name"], mrn: row["patient_mrn"],
                     serviceCode: row["service_code"], doctorName: row["doctor_name"], hasVitals: row["has_vitals"])
        }
    }

    /// The wait a patient just checked in (or about to be) should expect.
    public func waitEstimate(serviceID: String, priority: QueuePriority = .normal) throws -> WaitEstimate {
        try read { db in
            let now = clock.now()
            let today = LocalMoment(now, in: try FacilityStore.timeZone(db)).day
            let ahead = try Self.waitingAhead(serviceID: serviceID, day: today, priority: priority, entryID: nil, db: db)
            return WaitEstimate(ahead: ahead, minutes: try Self.pace(serviceID: serviceID, day: today, now: now, db: db).map { $0 * ahead })
        }
    }

    // MARK: Rules

    /// Calling order: priority, then assistance, then arrival.
    static let queueOrder = """
        CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, assistance IS NULL, checked_in_at, token_number
        """
    static func token(_ code: String, _ number: Int) -> String {
        let digits = String(number)
        return code + "-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    static func entry(_ entryID: String, db: Database) throws -> QueueEntry {
        guard let entry = try QueueEntry.fetchOne(db, key: entryID) else {
            throw StoreError.invalid(ValidationError("queue", "no such queue entry"))
        }
        return entry
    }

    static func estimate(for entry: QueueEntry, now: Date, db: Database) throws -> WaitEstimate {
        let day = CalendarDay(entry.day)!
        // Those callNext takes before this entry: a higher priority, or the same one with assistance
        // when this entry has none, or the same priority and assistance and an earlier arrival.
        let rank = "CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END"
        let ahead = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM queue_entries
            WHERE service_id = ? AND day = ? AND status = 'checked_in' AND entry_id <> ?
              AND (\(rank) < ?
                   OR (\(rank) = ? AND (assistance IS NULL) < ?)
                   OR (\(rank) = ? AND (assistance IS NULL) = ?
                       AND (checked_in_at < ? OR (checked_in_at = ? AND token_number < ?))))
            """, arguments: [entry.serviceID, entry.day, entry.entryID, entry.priority.rank, entry.priority.rank,
                             entry.assistance == nil, entry.priority.rank, entry.assistance == nil,
                             entry.checkedInAt, entry.checkedInAt, entry.tokenNumber]) ?? 0
        return WaitEstimate(ahead: ahead, minutes: try pace(serviceID: entry.serviceID, day: day, now: now, db: db).map { $0 * ahead })
    }

    /// Waiting patients who will be called before a new arrival of `priority`.
    static func waitingAhead(serviceID: String, day: CalendarDay, priority: QueuePriority, entryID: String?, db: Database) throws -> Int {
        let ranks = QueuePriority.allCases.filter { $0.rank <= priority.rank }.map { "'\($0.rawValue)'" }.joined(separator: ",")
        return try Int.fetchOne(db, sql: """
            SELECT count(*) FROM queue_entries
            WHERE service_id = ? AND day = ? AND status = 'checked_in' AND priority IN (\(ranks)) AND entry_id IS NOT ?
            """, arguments: [serviceID, day.description, entryID]) ?? 0
    }

    /// Minutes between calls over the service's last ten calls today (at least two needed).
    static func pace(serviceID: String, day: CalendarDay, now: Date, db: Database) throws -> Int? {
        let calls = try String.fetchAll(db, sql: """
            SELECT called_at FROM queue_entries WHERE service_id = ? AND day = ? AND called_at IS NOT NULL
            ORDER BY called_at DESC LIMIT 10
            """, arguments: [serviceID, day.description]).compactMap(Timestamp.date)
        guard calls.count >= 2, let last = calls.first, let first = calls.last else { return nil }
        let minutes = last.timeIntervalSince(first) / 60 / Double(calls.count - 1)
        return max(1, Int(minutes.rounded()))
    }
}
