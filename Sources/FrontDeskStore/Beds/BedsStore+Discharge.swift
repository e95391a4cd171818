// Discharge: the clinical end of a stay and its bill (the last bed-days, the balance, a supervisor or the cashier for money owed).
import Foundation
import FrontDeskCore
import GRDB

/// What a nurse fills in to discharge a patient.
public struct DischargeRequest: Sendable, Equatable {
    public var admissionID: String
    public var disposition: Disposition
    public var note: String
    /// Nil: now. Else earlier today, never before the patient came to their bed.
    public var at: Date?
    /// A supervisor's say-so for a discharge with money still owed, and why.
    public var authorization: Authorization?
    public var authorizationReason: String

    public init(admissionID: String, disposition: Disposition, note: String = "", at: Date? = nil,
                authorization: Authorization? = nil, authorizationReason: String = "") {
        self.admissionID = admissionID
        self.disposition = disposition
        self.note = note
        self.at = at
        self.authorization = authorization
        self.authorizationReason = authorizationReason
    }
}

/// A discharge's bill before it is made: the bed-days it will post and the balance after them.
public struct DischargePreview: Sendable, Equatable {
    public let admission: Admission
    public let daysToPost: Int
    public let amountToPostMinor: Int64
    /// The balance once those days are posted.
    public let balance: EncounterBalance
    /// The cashier has already cleared the account for discharge.
    public let cashierCleared: Bool

    /// A supervisor must authorise the discharge.
    public var needsSupervisor: Bool { balance.dueMinor > 0 && !cashierCleared }
}

extension BedsStore {
    /// What discharging now would post and leave owing.
    public func dischargePreview(admissionID: String) throws -> DischargePreview {
        try read { db in
            let admission = try Self.openAdmission(admissionID, db: db)
            let now = store.clock.now()
            let due = try Self.dueDays(admission, end: now, now: now, rule: try Self.rule(db), db: db)
            var amount: Int64 = 0
            for day in due { amount += try Self.rate(bedID: day.bedID, on: day.day, db: db) }
            let before = try CashierStore.encounterBalance(patientID: admission.patientID, encounterID: admission.encounterID,
                                                          on: LocalMoment(now, in: try FacilityStore.timeZone(db)).day, db: db)
            let balance = EncounterBalance(owedMinor: before.owedMinor + amount, depositMinor: before.depositMinor)
            return DischargePreview(admission: admission, daysToPost: due.count, amountToPostMinor: amount, balance: balance,
                                    cashierCleared: admission.clearance == .cashier)
        }
    }

    /// The daily rate of a bed's type on `day` (0 with none in the schedule).
    static func rate(bedID: String, on day: CalendarDay, db: Database) throws -> Int64 {
        guard let code = try String.fetchOne(db, sql: """
            SELECT t.fee_code FROM beds b JOIN bed_types t ON t.code = b.type_code WHERE b.bed_id = ?
            """, arguments: [bedID]) else { return 0 }
        return try FacilityStore.fee(code: code, on: day, db: db)?.amountMinor ?? 0
    }

    /// Discharges a patient: the bed they leave goes to cleaning, the last bed-days (or the minimum day)
    /// are posted, and with money still owed after the deposit the discharge needs a supervisor's
    /// authorisation and reason, or the cashier's clearance given before. All in one transaction: a
    /// refused discharge leaves nothing behind. Needs `beds.allocate`.
    @discardableResult
    public func discharge(_ request: DischargeRequest, by actor: Actor) throws -> Admission {
        let note = try Self.optionalText(request.note, field: "note")
        let authorizationReason = try Self.optionalText(request.authorizationReason, field: "authorisation reason")
        return try perform(.allocateBeds, action: "discharge patients", by: actor) { tx in
            try Self.discharge(request, note: note, authorizationReason: authorizationReason, tx: tx)
        }
    }

    private static func discharge(_ request: DischargeRequest, note: String?, authorizationReason: String?,
                                  tx: BusinessTransaction) throws -> Admission {
        var admission = try Self.openAdmission(request.admissionID, db: tx.db)
        let zone = try FacilityStore.timeZone(tx.db)
        let at = request.at ?? tx.clockNow
        let atText = Timestamp.string(at)
        let current = try Self.openAllocation(admissionID: admission.admissionID, db: tx.db)
        guard at <= tx.clockNow else { throw StoreError.invalid(ValidationError("time", "cannot be later than now")) }
        guard LocalMoment(at, in: zone).day == LocalMoment(tx.clockNow, in: zone).day else {
            throw StoreError.invalid(ValidationError("time", "give a time earlier today, or leave it empty for now"))
        }
        let since = max(admission.admittedAt, current?.startAt ?? "")
        guard atText >= since else {
            throw StoreError.invalid(ValidationError("time", "the patient was in their bed from \(try Self.localText(since, db: tx.db))"))
        }
        let rule = try Self.rule(tx.db)
        let lastCharged = try String.fetchOne(tx.db, sql: """
            SELECT max(day) FROM bed_day_charges WHERE admission_id = ? AND minimum = 0
            """, arguments: [admission.admissionID])
        if let lastDay = lastCharged.flatMap({ CalendarDay($0) }) {
            let graceEnd = rule.instant(of: lastDay).addingTimeInterval(TimeInterval(rule.graceMinutes * 60))
            guard at > graceEnd else {
                throw StoreError.invalid(ValidationError(
                    "time", "the bed-day of \(lastDay) is already charged; the time must be after \(LocalMoment(graceEnd, in: zone))"))
            }
        }
        if let current { try Self.release(current, because: .discharge, at: atText, tx: tx) }
        for day in try Self.dueDays(admission, end: at, now: tx.clockNow, rule: rule, db: tx.db) {
            try Self.post(day, for: admission, tx: tx)
        }
        let balance = try CashierStore.encounterBalance(patientID: admission.patientID, encounterID: admission.encounterID,
                                                       on: LocalMoment(tx.clockNow, in: zone).day, db: tx.db)
        if balance.dueMinor == 0 {
            if admission.clearance == nil { admission.clearance = .paid }
        } else if admission.clearance != .cashier {
            let owed = try CashierStore.currency(tx.db).format(balance.dueMinor)
            guard let authorization = request.authorization else {
                throw StoreError.invalid(ValidationError("balance", "\(owed) is still owed after the deposit; a supervisor must authorise the discharge, or the cashier clear the account first"))
            }
            try CashierStore.confirm(authorization, action: "a discharge with \(owed) owed", in: tx.db)
            guard let authorizationReason else {
                throw StoreError.invalid(ValidationError("authorisation reason", "say why the patient leaves owing \(owed)"))
            }
            admission.clearance = .supervisor
            admission.clearedBy = authorization.userID
            admission.clearanceReason = authorizationReason
        }
        admission.balanceAtDischargeMinor = balance.dueMinor
        admission.dischargedAt = atText
        admission.disposition = request.disposition
        admission.dischargeNote = note
        try tx.update(admission, kind: BedsKind.admissionDischarged)
        if var encounter = try Encounter.fetchOne(tx.db, key: admission.encounterID), encounter.status == .open {
            encounter.status = .finished
            encounter.endedAt = atText
            try tx.update(encounter, kind: QueueKind.encounterFinished)
        }
        return admission
    }

    /// The cashier clears an admission's account for discharge before it happens (an insurer's guarantee
    /// letter, a company account, a payment plan): the discharge then needs no supervisor. Needs `cashier.pay`.
    public func clearForDischarge(admissionID: String, reason rawReason: String, by actor: Actor) throws {
        let reason = try FacilityStore.reason(rawReason, field: "reason")
        try perform(.takePayment, action: "clear accounts for discharge", by: actor) { tx in
            var admission = try Self.openAdmission(admissionID, db: tx.db)
            admission.clearance = .cashier
            admission.clearedBy = tx.actor.userID
            admission.clearanceReason = reason
            try tx.update(admission, kind: BedsKind.admissionCleared)
        }
    }
}
