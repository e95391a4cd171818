// Wards and beds set-up: the bed type code list, wards of a department, beds by label range, retiring a bed.
import Foundation
import FrontDeskCore
import GRDB

/// A bed as the set-up lists show it.
public struct BedListing: Sendable, Equatable {
    public let bed: Bed
    public let wardCode: String
    public let typeName: String
    public let occupied: Bool
}

extension BedsStore {
    /// The six standard bed types, added (ledgered) with the first ward or bed type.
    static let standardTypes: [(code: String, name: String)] = [
        ("general", "General"), ("private", "Private"), ("icu", "ICU"), ("maternity", "Maternity"),
        ("paediatric", "Paediatric"), ("isolation", "Isolation"),
    ]

    /// The fee code a standard bed type's daily rate is looked up under: `BED-GENERAL`.
    public static func feeCode(forType code: String) -> String { "BED-" + code.uppercased() }

    static func ensureStandardTypes(_ tx: BusinessTransaction) throws {
        guard try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM bed_types") == 0 else { return }
        for (code, name) in standardTypes {
            try tx.insert(BedType(code: code, name: name, feeCode: feeCode(forType: code), active: true, createdAt: tx.now,
                                  updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID),
                          kind: BedsKind.bedTypeAdded)
        }
    }

    /// Adds a bed type to the code list (`hdu`, "High dependency"); its daily rate is the fee code's. Needs `facility.manage`.
    public func addBedType(code raw: String, name rawName: String, feeCode rawFee: String? = nil, by actor: Actor) throws -> BedType {
        let code = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (2...20).contains(code.count), code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" }) else {
            throw StoreError.invalid(ValidationError("code", "2 to 20 letters or '_', like hdu"))
        }
        let name: String, fee: String
        do {
            name = try Validate.name(rawName, field: "name")
            fee = try Validate.feeCode(rawFee ?? Self.feeCode(forType: code))
        } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageFacility, action: "set up bed types", by: actor) { tx in
            try Self.ensureStandardTypes(tx)
            guard try BedType.fetchOne(tx.db, key: code) == nil else {
                throw StoreError.invalid(ValidationError("code", "there is already a bed type \(code)"))
            }
            let type = BedType(code: code, name: name, feeCode: fee, active: true, createdAt: tx.now, updatedAt: tx.now,
                               createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(type, kind: BedsKind.bedTypeAdded)
            return type
        }
    }

    public func bedTypes() throws -> [BedType] {
        try read { db in try BedType.order(sql: "active DESC, code").fetchAll(db) }
    }

    /// The department a ward goes in when none is named.
    public static let defaultWardDepartment = "IPD"

    /// Adds a ward to a `WARD` department; the department is made (named "Inpatients" for IPD, else after
    /// the ward) when no department has that code yet. Needs `facility.manage`.
    public func addWard(code raw: String, name rawName: String, departmentCode rawDepartment: String = defaultWardDepartment,
                        by actor: Actor) throws -> Ward {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...8).contains(code.count), code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
            throw StoreError.invalid(ValidationError("code", "1-8 letters or digits, e.g. MAT"))
        }
        let departmentCode = rawDepartment.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...16).contains(departmentCode.count), departmentCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw StoreError.invalid(ValidationError("department", "1 to 16 letters or digits, like IPD"))
        }
        let name: String
        do { name = try Validate.name(rawName, field: "name") } catch let e as ValidationError { throw StoreError.invalid(e) }
        return try perform(.manageFacility, action: "set up wards", by: actor) { tx in
            guard try Ward.filter(sql: "code = ?", arguments: [code]).fetchOne(tx.db) == nil else {
                throw StoreError.invalid(ValidationError("code", "there is already a ward \(code)"))
            }
            var department = try Department.filter(sql: "code = ?", arguments: [departmentCode]).fetchOne(tx.db)
            if let found = department, found.type != .WARD {
                throw StoreError.invalid(ValidationError("department", "\(found.code) is a \(found.type.rawValue) department, not a ward one"))
            }
            if department == nil {
                let made = Department(
                    departmentID: Identifier.make(), facilityID: tx.identity.facilityID, code: departmentCode,
                    name: departmentCode == Self.defaultWardDepartment ? "Inpatients" : name, type: .WARD, active: true,
                    createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
                try tx.insert(made, kind: PlatformKind.departmentCreated)
                department = made
            }
            try Self.ensureStandardTypes(tx)
            let ward = Ward(wardID: Identifier.make(), code: code, name: name, departmentID: department!.departmentID, active: true,
                            createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID, updatedBy: tx.actor.userID)
            try tx.insert(ward, kind: BedsKind.wardAdded)
            return ward
        }
    }

    public func wards() throws -> [Ward] {
        try read { db in try Ward.order(sql: "code").fetchAll(db) }
    }

    /// Adds beds to a ward: `labels` as an admin types them (`A1-A20`), of one type, with tags. Needs `facility.manage`.
    public func addBeds(wardCode: String, labels text: String, typeCode rawType: String, tags rawTags: [String] = [],
                        by actor: Actor) throws -> [Bed] {
        let labels: [String]
        do { labels = try BedLabels.expand(text) } catch let e as ValidationError { throw StoreError.invalid(e) }
        let tags = try Self.tags(rawTags)
        return try perform(.manageFacility, action: "set up beds", by: actor) { tx in
            try Self.ensureStandardTypes(tx)
            let ward = try Self.ward(code: wardCode, db: tx.db)
            let typeCode = rawType.trimmingCharacters(in: .whitespaces).lowercased()
            guard let type = try BedType.fetchOne(tx.db, key: typeCode), type.active else {
                let known = try String.fetchAll(tx.db, sql: "SELECT code FROM bed_types WHERE active = 1 ORDER BY code")
                throw StoreError.invalid(ValidationError("type", "no bed type \(Quote.excerpt(rawType)); the types are \(Quote.list(known))"))
            }
            let taken = Set(try String.fetchAll(tx.db, sql: "SELECT label FROM beds WHERE ward_id = ?", arguments: [ward.wardID]))
            if let clash = labels.first(where: taken.contains) {
                throw StoreError.invalid(ValidationError("labels", "ward \(ward.code) already has a bed \(clash)"))
            }
            return try labels.map { label in
                let bed = Bed(bedID: Identifier.make(), wardID: ward.wardID, label: label, typeCode: type.code, tags: tags,
                              state: .free, stateReason: nil, reservedFor: nil, reservedUntil: nil, stateChangedAt: tx.now,
                              retiredAt: nil, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
                              updatedBy: tx.actor.userID)
                try tx.insert(bed, kind: BedsKind.bedAdded)
                return bed
            }
        }
    }

    /// Tags as stored: known ones only, in `BedTag` order, comma-separated.
    static func tags(_ raw: [String]) throws -> String {
        var chosen = Set<BedTag>()
        for text in raw.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
        where !text.isEmpty {
            guard let tag = BedTag(rawValue: text) else {
                throw StoreError.invalid(ValidationError("tags", "\(Quote.excerpt(text)) is not a bed tag; they are \(BedTag.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            chosen.insert(tag)
        }
        return BedTag.allCases.filter(chosen.contains).map(\.rawValue).joined(separator: ",")
    }

    /// Retires a bed: it leaves the board and cannot be allocated; its history stays. Refused while a
    /// patient is in it or it is reserved. Needs `facility.manage`.
    public func retireBed(_ bedID: String, by actor: Actor) throws {
        try perform(.manageFacility, action: "retire beds", by: actor) { tx in
            var bed = try Self.bed(bedID, db: tx.db)
            let name = try Self.bedName(bed, db: tx.db)
            guard bed.retiredAt == nil else { throw StoreError.invalid(ValidationError("bed", "\(name) is already retired")) }
            guard try Self.openAllocation(bedID: bedID, db: tx.db) == nil else {
                throw StoreError.invalid(ValidationError("bed", "\(name) has a patient in it; transfer or discharge them first"))
            }
            guard bed.state != .reserved || Self.isExpired(bed, now: tx.now) else {
                throw StoreError.invalid(ValidationError("bed", "\(name) is reserved; cancel the reservation first"))
            }
            bed.state = .blocked
            bed.stateReason = "retired"
            bed.reservedFor = nil
            bed.reservedUntil = nil
            bed.stateChangedAt = tx.now
            bed.retiredAt = tx.now
            try tx.update(bed, kind: BedsKind.bedRetired)
        }
    }

    /// Every bed of a ward (or all wards), retired ones included, by ward and label.
    public func listBeds(wardCode: String? = nil) throws -> [BedListing] {
        try read { db in
            var sql = """
                SELECT b.*, w.code AS ward_code, t.name AS type_name,
                       EXISTS (SELECT 1 FROM bed_allocations a WHERE a.bed_id = b.bed_id AND a.end_at IS NULL) AS occupied
                FROM beds b JOIN wards w ON w.ward_id = b.ward_id JOIN bed_types t ON t.code = b.type_code
                """
            var arguments: StatementArguments = []
            if let wardCode {
                let ward = try Self.ward(code: wardCode, db: db)
                sql += " WHERE b.ward_id = ?"
                arguments += [ward.wardID]
            }
            sql += " ORDER BY w.code, length(b.label), b.label"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                BedListing(bed: try Bed(row: row), wardCode: row["ward_code"], typeName: row["type_name"], occupied: row["occupied"])
            }
        }
    }
}
