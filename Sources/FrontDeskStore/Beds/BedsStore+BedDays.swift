// Bed-day charges: each counted charge instant posted once, at the rate of the bed held then (idempotent accrual).
import Foundation
import FrontDeskCore
import GRDB

/// What one accrual run posted.
public struct AccrualReport: Sendable, Equatable {
    public var admissions = 0
    public var days = 0
    public var amountMinor: Int64 = 0
    public var transactions = 0
}

/// A bed-day due but not yet posted.
struct DueBedDay {
    let day: CalendarDay
    let bedID: String
    let minimum: Bool
}

extension BedsStore {
    /// At most this many bed-days in one accrual transaction (each is one ledger entry; a transaction holds 500).
    static let daysPerTransaction = 400
    /// At most this many admissions in one accrual transaction, so a crash halfway leaves the rest for the next run.
    static let admissionsPerTransaction = 200

    /// Posts every bed-day due and not yet posted, for every admission still open: the app runs it after
    /// each charge instant's grace, and `frontdesk beds accrue` by hand. Run twice, or after a crash, it
    /// posts nothing twice (`bed_day_charges` is unique per admission and day). As the system when
    /// `actor` is nil; else needs `beds.allocate`.
    @discardableResult
    public func accrueBedDays(by actor: Actor? = nil) throws -> AccrualReport {
        var report = AccrualReport()
        var after = ""
        while true {
            let (last, batch) = try write(actor) { tx -> (String?, AccrualReport) in
                let rule = try Self.rule(tx.db)
                let open = try Admission.fetchAll(tx.db, sql: """
                    SELECT * FROM admissions WHERE discharged_at IS NULL AND admission_id > ? ORDER BY admission_id LIMIT ?
                    """, arguments: [after, Self.admissionsPerTransaction])
                var batch = AccrualReport()
                var last: String?
                for admission in open {
                    let due = try Self.dueDays(admission, end: nil, now: tx.clockNow, rule: rule, db: tx.db)
                    if batch.days > 0, batch.days + due.count > Self.daysPerTransaction { break }
                    last = admission.admissionID
                    for day in due.prefix(Self.daysPerTransaction) {
                        batch.amountMinor += try Self.post(day, for: admission, tx: tx)
                        batch.days += 1
                    }
                    if !due.isEmpty { batch.admissions += 1 }
                }
                return (open.count < Self.admissionsPerTransaction && last == open.last?.admissionID ? nil : last, batch)
            }
            report.admissions += batch.admissions
            report.days += batch.days
            report.amountMinor += batch.amountMinor
            if batch.days > 0 { report.transactions += 1 }
            guard let last else { return report }
            after = last
        }
    }

    private func write<T>(_ actor: Actor?, _ body: (BusinessTransaction) throws -> T) throws -> T {
        if let actor { return try perform(.allocateBeds, action: "post bed-day charges", by: actor, body) }
        return try store.performAsSystem(action: "post bed-day charges", body)
    }

    /// The bed-days of `admission` due and not yet posted, for a stay ending at `end` (nil: still open, as
    /// of `now`): one per counted charge instant at which it held a bed, or its one minimum day when the
    /// stay ended (`end` given) having counted none.
    static func dueDays(_ admission: Admission, end: Date?, now: Date, rule: BedDayRule, db: Database) throws -> [DueBedDay] {
        let allocations = try BedAllocation.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM bed_allocations WHERE admission_id = ? ORDER BY start_at
            """), arguments: [admission.admissionID])
        guard let first = allocations.first, let start = Timestamp.date(admission.admittedAt) else { return [] }
        let posted = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT day FROM bed_day_charges WHERE admission_id = ?"),
                                             arguments: [admission.admissionID]))
        var due: [DueBedDay] = []
        var counted = 0
        for day in rule.countedDays(start: start, end: end, now: now) {
            let instant = Timestamp.string(rule.instant(of: day))
            guard let held = allocations.last(where: { $0.startAt <= instant && ($0.endAt.map { $0 > instant } ?? true) }) else { continue }
            counted += 1
            if !posted.contains(day.description) { due.append(DueBedDay(day: day, bedID: held.bedID, minimum: false)) }
        }
        if let end, counted == 0, posted.isEmpty {
            due.append(DueBedDay(day: LocalMoment(end, in: rule.timeZone).day, bedID: first.bedID, minimum: true))
        }
        return due
    }

    /// Posts one bed-day: its row and, when the bed's type has a rate that day, its charge (one ledger entry).
    /// Returns the amount charged.
    @discardableResult
    static func post(_ due: DueBedDay, for admission: Admission, tx: BusinessTransaction) throws -> Int64 {
        let bed = try bed(due.bedID, db: tx.db)
        let type = try BedType.fetchOne(tx.db, key: bed.typeCode)
        var dayCharge = BedDayCharge(
            dayChargeID: Identifier.make(), admissionID: admission.admissionID, day: due.day.description, bedID: bed.bedID,
            typeCode: bed.typeCode, minimum: due.minimum, chargeID: nil, createdAt: tx.now, updatedAt: tx.now,
            createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
        guard let code = type?.feeCode, let fee = try FacilityStore.fee(code: code, on: due.day, db: tx.db) else {
            try tx.insert(dayCharge, kind: BedsKind.bedDayCharged)
            return 0
        }
        let currency = try CashierStore.currency(tx.db)
        let ward = try String.fetchOne(tx.db, sql: "SELECT code FROM wards WHERE ward_id = ?", arguments: [bed.wardID]) ?? ""
        let charge = Charge(
            chargeID: Identifier.make(), patientID: admission.patientID, feeID: fee.feeID, code: fee.code,
            description: "\(fee.name) \(due.day)\(due.minimum ? " (minimum day)" : "") \(ward) \(bed.label)", quantity: 1,
            unitAmountMinor: fee.amountMinor, amountMinor: fee.amountMinor, currency: currency.code, source: "beds",
            status: "open", postedAt: tx.now, encounterID: admission.encounterID, invoiceID: nil, voidReason: nil, voidedBy: nil,
            createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
        dayCharge.chargeID = charge.chargeID
        try tx.insert(charge, dayCharge, kind: BedsKind.bedDayCharged)
        return fee.amountMinor
    }
}
