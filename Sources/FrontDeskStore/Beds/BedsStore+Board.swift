// The bed board's data: every bed with its status as people see it, who is in it, and counts per ward.
import Foundation
import FrontDeskCore
import GRDB

/// A bed's status on the board: the bed's own state, or occupied while a patient holds it.
public enum BedStatus: String, CaseIterable, Sendable {
    case free, reserved, occupied, cleaning, blocked

    /// The letter that shows the status without colour.
    public var letter: Character {
        switch self {
        case .free: return "F"
        case .reserved: return "R"
        case .occupied: return "O"
        case .cleaning: return "C"
        case .blocked: return "B"
        }
    }

    public var title: String {
        switch self {
        case .free: return "Free"
        case .reserved: return "Reserved"
        case .occupied: return "Occupied"
        case .cleaning: return "Needs cleaning"
        case .blocked: return "Blocked"
        }
    }
}

/// One bed as the board shows it.
public struct BoardBed: Sendable, Equatable, Identifiable {
    public let bedID: String
    public let wardID: String
    public let wardCode: String
    public let label: String
    public let typeCode: String
    public let typeName: String
    public let tags: [BedTag]
    public let status: BedStatus
    /// Why it is blocked.
    public let reason: String?
    /// The patient in it, or the one it is reserved for.
    public let patientID: String?
    public let patientName: String?
    public let mrn: String?
    public let admissionID: String?
    /// When the patient was admitted (occupied), or until when it is reserved.
    public let since: String?
    public let reservedUntil: String?

    public var id: String { bedID }
}

/// A ward's line on the board: counts per status and occupancy.
public struct WardCounts: Sendable, Equatable {
    public let wardID: String
    public let wardCode: String
    public let wardName: String
    public let counts: [BedStatus: Int]

    public init(wardID: String, wardCode: String, wardName: String, counts: [BedStatus: Int]) {
        self.wardID = wardID
        self.wardCode = wardCode
        self.wardName = wardName
        self.counts = counts
    }

    /// Beds that can be used: all but blocked ones.
    public var available: Int { counts.filter { $0.key != .blocked }.values.reduce(0, +) }
    public var total: Int { counts.values.reduce(0, +) }
    /// Occupied beds as a whole percentage of available ones (0 with none available).
    public var occupancyPercent: Int { available == 0 ? 0 : (counts[.occupied, default: 0] * 100 + available / 2) / available }
}

/// The board of one ward or all wards.
public struct BedBoard: Sendable, Equatable {
    public let beds: [BoardBed]
    public let wards: [WardCounts]

    public static let empty = BedBoard(beds: [], wards: [])
}

extension BedsStore {
    /// Every bed in service (retired ones left out) of one ward or all, by ward and label, with counts.
    public func board(wardID: String? = nil) throws -> BedBoard {
        try read { db in try Self.board(wardID: wardID, now: store.nowString, db: db) }
    }

    static func board(wardID: String?, now: String, db: Database) throws -> BedBoard {
        var filter = ""
        var arguments: StatementArguments = []
        if let wardID { filter = " AND b.ward_id = ?"; arguments += [wardID] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT b.bed_id, b.ward_id, w.code AS ward_code, b.label, b.type_code, t.name AS type_name, b.tags, b.state,
                   b.state_reason, b.reserved_for, b.reserved_until, a.admission_id, a.patient_id AS admitted_patient,
                   a.admitted_at, coalesce(s.display_name, rs.display_name) AS patient_name, coalesce(p.mrn, rp.mrn) AS mrn
            FROM beds b JOIN wards w ON w.ward_id = b.ward_id JOIN bed_types t ON t.code = b.type_code
            LEFT JOIN bed_allocations l ON l.bed_id = b.bed_id AND l.end_at IS NULL
            LEFT JOIN admissions a ON a.admission_id = l.admission_id
            LEFT JOIN patients p ON p.patient_id = a.patient_id
            LEFT JOIN patient_search s ON s.patient_id = a.patient_id
            LEFT JOIN patients rp ON rp.patient_id = b.reserved_for AND a.admission_id IS NULL
            LEFT JOIN patient_search rs ON rs.patient_id = rp.patient_id
            WHERE b.retired_at IS NULL\(filter)
            ORDER BY w.code, length(b.label), b.label
            """), arguments: arguments)
        var beds: [BoardBed] = []
        beds.reserveCapacity(rows.count)
        for row in rows {
            let admissionID: String? = row["admission_id"]
            let state = BedState(rawValue: row["state"]) ?? .blocked
            let reservedUntil: String? = row["reserved_until"]
            let status: BedStatus
            if admissionID != nil {
                status = .occupied
            } else {
                switch state {
                case .free: status = .free
                case .reserved: status = (reservedUntil ?? "") <= now ? .free : .reserved
                case .cleaning: status = .cleaning
                case .blocked: status = .blocked
                }
            }
            let shown = status == .occupied || status == .reserved
            beds.append(BoardBed(
                bedID: row["bed_id"], wardID: row["ward_id"], wardCode: row["ward_code"], label: row["label"],
                typeCode: row["type_code"], typeName: row["type_name"],
                tags: (row["tags"] as String).split(separator: ",").compactMap { BedTag(rawValue: String($0)) }, status: status,
                reason: status == .blocked ? row["state_reason"] : nil,
                patientID: status == .occupied ? row["admitted_patient"] : status == .reserved ? row["reserved_for"] : nil,
                patientName: shown ? row["patient_name"] : nil, mrn: shown ? row["mrn"] : nil, admissionID: admissionID,
                since: status == .occupied ? row["admitted_at"] : nil, reservedUntil: status == .reserved ? reservedUntil : nil))
        }
        var wards: [WardCounts] = []
        let wardRows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT ward_id, code, name FROM wards WHERE active = 1\(wardID == nil ? "" : " AND ward_id = ?") ORDER BY code
            """), arguments: wardID.map { [$0] } ?? [])
        let byWard = Dictionary(grouping: beds, by: \.wardID)
        for row in wardRows {
            let id: String = row["ward_id"]
            var counts: [BedStatus: Int] = [:]
            for bed in byWard[id] ?? [] { counts[bed.status, default: 0] += 1 }
            wards.append(WardCounts(wardID: id, wardCode: row["code"], wardName: row["name"], counts: counts))
        }
        return BedBoard(beds: beds, wards: wards)
    }

    /// Patients admitted and waiting for a bed, longest waiting first.
    public func waitingForBed() throws -> [WaitingAdmission] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, coalesce(s.display_name, '?') AS patient_name, p.mrn FROM admissions a
                JOIN patients p ON p.patient_id = a.patient_id LEFT JOIN patient_search s ON s.patient_id = a.patient_id
                WHERE a.discharged_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM bed_allocations l WHERE l.admission_id = a.admission_id AND l.end_at IS NULL)
                ORDER BY a.admitted_at
                """).map { WaitingAdmission(admission: try Admission(row: $0), patientName: $0["patient_name"], mrn: $0["mrn"]) }
        }
    }

    /// Whether the patient is admitted now (one indexed lookup: screens ask it as they draw).
    public func isAdmitted(_ patientID: String) throws -> Bool {
        try read { db in try Self.openAdmission(patientID: patientID, db: db) != nil }
    }

    /// The open admission of a patient, if any, and the bed they are in.
    public func currentAdmission(of patientID: String) throws -> CurrentAdmission? {
        try read { db in
            guard let admission = try Self.openAdmission(patientID: patientID, db: db) else { return nil }
            let allocation = try Self.openAllocation(admissionID: admission.admissionID, db: db)
            let bedName = try allocation.map { try Self.bedName(Self.bed($0.bedID, db: db), db: db) }
            let balance = try CashierStore.encounterBalance(patientID: patientID, encounterID: admission.encounterID,
                                                           on: LocalMoment(store.clock.now(), in: try FacilityStore.timeZone(db)).day, db: db)
            return CurrentAdmission(admission: admission, bedID: allocation?.bedID, bedName: bedName, balance: balance)
        }
    }
}

/// An admitted patient with no bed yet.
public struct WaitingAdmission: Sendable, Equatable {
    public let admission: Admission
    public let patientName: String
    public let mrn: String
}

/// A patient's stay as the bed and the patient summary show it: where they are and the running bill.
public struct CurrentAdmission: Sendable, Equatable {
    public let admission: Admission
    public let bedID: String?
    public let bedName: String?
    public let balance: EncounterBalance
}

/// One bed as its own screen shows it: the board's cell, the stay in it and its running bill.
public struct BedDetail: Sendable, Equatable {
    public let bed: BoardBed
    public let admission: Admission?
    public let doctorName: String?
    public let balance: EncounterBalance?
}

extension BedsStore {
    public func bedDetail(_ bedID: String) throws -> BedDetail {
        try read { db in
            let bed = try Self.bed(bedID, db: db)
            guard let cell = try Self.board(wardID: bed.wardID, now: store.nowString, db: db).beds.first(where: { $0.bedID == bedID }) else {
                throw StoreError.invalid(ValidationError("bed", "\(try Self.bedName(bed, db: db)) is retired"))
            }
            guard let admissionID = cell.admissionID else { return BedDetail(bed: cell, admission: nil, doctorName: nil, balance: nil) }
            let admission = try Self.admission(admissionID, db: db)
            let doctor = try admission.attendingDoctorID.flatMap {
                try String.fetchOne(db, sql: "SELECT name FROM doctors WHERE doctor_id = ?", arguments: [$0])
            }
            let balance = try CashierStore.encounterBalance(patientID: admission.patientID, encounterID: admission.encounterID,
                                                           on: LocalMoment(store.clock.now(), in: try FacilityStore.timeZone(db)).day, db: db)
            return BedDetail(bed: cell, admission: admission, doctorName: doctor, balance: balance)
        }
    }
}
