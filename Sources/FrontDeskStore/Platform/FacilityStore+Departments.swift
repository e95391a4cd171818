// Departments and service lines of the facility.
import FrontDeskCore
import GRDB

extension FacilityStore {
    /// Adds a department; needs `facility.manage`.
    @discardableResult
    public func addDepartment(code: String, name: String, type: Department.Kind, by actor: Actor) throws -> Department {
        let cleanCode = code.trimmingCharacters(in: .whitespaces).uppercased()
        let cleanName: String
        do {
            guard (1...16).contains(cleanCode.count), cleanCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { throw ValidationError("code", "must be 1 to 16 letters or digits") }
            cleanName = try Validate.name(name, field: "department name")
        } catch let e as ValidationError {
            throw StoreError.invalid(e)
        }
        return try perform(.manageFacility, action: "add departments", by: actor) { tx in
            if try Department.filter(sql: "code = ?", arguments: [cleanCode]).fetchCount(tx.db) > 0 {
                throw StoreError.duplicate("A department with code \(cleanCode)")
            }
            let department = Department(
                departmentID: Identifier.make(), facilityID: tx.identity.facilityID, code: cleanCode, name: cleanName,
                type: type, active: true, createdAt: tx.now, updatedAt: tx.now, createdBy: tx.actor.userID,
                updatedBy: tx.actor.userID)
            try tx.insert(department, kind: PlatformKind.departmentCreated)
            return department
        }
    }

    /// Every department, by code.
    public func departments() throws -> [Department] {
        try read { db in try Department.order(sql: "code").fetchAll(db) }
    }

    /// The facility this store belongs to.
    public func facility() throws -> Facility {
        try read { db in try Facility.fetchOne(db, key: identity.facilityID)! }
    }
}
