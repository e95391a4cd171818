// The beds desk's part of the store, reached as `store.beds`: wards and beds, admissions, bed-days, the census.
import Foundation
import FrontDeskCore
import GRDB

/// The beds desk's store functions (`store.beds.admit(…)`); they live in this folder's `BedsStore+…`
/// files and write only through the store's one write path.
public struct BedsStore: DeskStore {
    let store: FacilityStore
}

extension FacilityStore {
    /// The beds desk's store functions.
    public var beds: BedsStore { BedsStore(store: self) }
}

extension BedsStore {
    // MARK: Settings

    /// The bed-day rule in force: the charge time (`beds_charge_time`, local `HH:MM`, midnight unless
    /// set) and the grace (`beds_grace_minutes`, 120 unless set).
    public func bedDayRule() throws -> BedDayRule { try read { db in try Self.rule(db) } }

    static func rule(_ db: Database) throws -> BedDayRule {
        let values = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT key, value FROM settings WHERE key IN ('beds_charge_time', 'beds_grace_minutes')
            """).map { ($0["key"] as String, $0["value"] as String) })
        return BedDayRule(chargeMinute: values["beds_charge_time"].flatMap(LocalMoment.minute) ?? 0,
                          graceMinutes: values["beds_grace_minutes"].flatMap { Int($0) } ?? BedDayRule.defaultGraceMinutes,
                          timeZone: try FacilityStore.timeZone(db))
    }

    /// Sets the charge time and the grace period. Needs `facility.manage`.
    public func setBedDayRule(chargeTime: String, graceMinutes: Int, by actor: Actor) throws {
        guard let minute = LocalMoment.minute(chargeTime) else {
            throw StoreError.invalid(ValidationError("charge time", "give a time of day like 00:00 or 12:00"))
        }
        guard BedDayRule.graceRange.contains(graceMinutes) else {
            throw StoreError.invalid(ValidationError("grace", "must be 0 to 720 minutes"))
        }
        try store.setSettings(["beds_charge_time": LocalMoment.clock(minute), "beds_grace_minutes": String(graceMinutes)], by: actor)
    }

    // MARK: Lookups inside a transaction

    static func ward(code raw: String, db: Database) throws -> Ward {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard let ward = try Ward.filter(sql: "code = ?", arguments: [code]).fetchOne(db) else {
            let known = try String.fetchAll(db, sql: "SELECT code FROM wards WHERE active = 1 ORDER BY code")
            throw StoreError.invalid(ValidationError("ward", known.isEmpty
                ? "no wards are set up yet (frontdesk wards add)" : "no ward \(Quote.excerpt(code)); the wards are \(Quote.list(known))"))
        }
        return ward
    }

    static func bed(_ bedID: String, db: Database) throws -> Bed {
        guard let bed = try Bed.fetchOne(db, key: bedID) else { throw StoreError.invalid(ValidationError("bed", "no such bed")) }
        return bed
    }

    /// The id of the bed `WARD LABEL` names (`A A3`, `A/A3`), or a label alone when only one ward has it.
    public func bedID(named text: String) throws -> String { try read { db in try Self.bed(named: text, db: db).bedID } }

    /// The bed `WARD LABEL` or `WARD-LABEL` names (`A A3`, `A/A3`), or a label alone when only one ward has it.
    static func bed(named raw: String, db: Database) throws -> Bed {
        let parts = raw.uppercased().split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init)
        let candidates: [Bed]
        if parts.count == 2 {
            let ward = try ward(code: parts[0], db: db)
            candidates = try Bed.filter(sql: "ward_id = ? AND label = ?", arguments: [ward.wardID, parts[1]]).fetchAll(db)
        } else {
            candidates = try Bed.filter(sql: "label = ?", arguments: [parts.first ?? ""]).fetchAll(db)
        }
        guard let bed = candidates.first else {
            throw StoreError.invalid(ValidationError("bed", "no bed \(Quote.excerpt(raw))"))
        }
        guard candidates.count == 1 else {
            throw StoreError.invalid(ValidationError("bed", "\(Quote.excerpt(raw)) is in more than one ward; give the ward too (WARD LABEL)"))
        }
        return bed
    }

    /// The name a bed goes by in messages: its ward's code and its label (`MAT A3`), since labels may repeat across wards.
    static func bedName(_ bed: Bed, db: Database) throws -> String {
        let ward = try String.fetchOne(db, sql: "SELECT code FROM wards WHERE ward_id = ?", arguments: [bed.wardID]) ?? "?"
        return "\(ward) \(bed.label)"
    }

    /// The open allocation of a bed, if it is occupied.
    static func openAllocation(bedID: String, db: Database) throws -> BedAllocation? {
        try BedAllocation.fetchOne(db.cachedStatement(sql: "SELECT * FROM bed_allocations WHERE bed_id = ? AND end_at IS NULL"),
                                   arguments: [bedID])
    }

    /// The open allocation of an admission, if it has a bed.
    static func openAllocation(admissionID: String, db: Database) throws -> BedAllocation? {
        try BedAllocation.fetchOne(db.cachedStatement(sql: "SELECT * FROM bed_allocations WHERE admission_id = ? AND end_at IS NULL"),
                                   arguments: [admissionID])
    }

    static func openAdmission(patientID: String, db: Database) throws -> Admission? {
        try Admission.fetchOne(db.cachedStatement(sql: "SELECT * FROM admissions WHERE patient_id = ? AND discharged_at IS NULL"),
                               arguments: [patientID])
    }

    static func admission(_ admissionID: String, db: Database) throws -> Admission {
        guard let admission = try Admission.fetchOne(db, key: admissionID) else {
            throw StoreError.invalid(ValidationError("admission", "no such admission"))
        }
        return admission
    }

    /// A reservation whose time has passed reads as free everywhere; the next write on the bed clears it.
    static func isExpired(_ bed: Bed, now: String) -> Bool {
        bed.state == .reserved && (bed.reservedUntil ?? "") <= now
    }
}
