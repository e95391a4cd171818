// `frontdesk demo`: a ready facility with staff for every role, departments, clinics and patients.
import Foundation
import FrontDeskCore
import FrontDeskStore

/// A demo user and the password printed for them.
public struct DemoLogin: Sendable {
    public let username: String
    public let password: String
    public let role: Role
}

/// Creates, or reuses, the demo facility.
public enum DemoFacility {
    public static let facilityName = "Riverside District Hospital"
    public static let patientCount = 3000
    static let adminLogin = DemoLogin(username: "admin", password: "admin-demo-1", role: .admin)

    /// Every demo account; passwords are printed because this is a demo.
    public static let logins: [DemoLogin] = [
        adminLogin,
        DemoLogin(username: "reception", password: "reception-demo-1", role: .receptionist),
        DemoLogin(username: "nurse", password: "nurse-demo-1", role: .nurse),
        DemoLogin(username: "pharmacy", password: "pharmacy-demo-1", role: .pharmacist),
        DemoLogin(username: "cashier", password: "cashier-demo-1", role: .cashier),
        DemoLogin(username: "supervisor", password: "supervisor-demo-1", role: .supervisor),
        DemoLogin(username: "dr.achieng", password: "doctor-demo-1", role: .doctor),
    ]

    static let displayNames: [String: String] = [
        "admin": "Grace Wanjiru (IT)", "reception": "Amina Okafor", "nurse": "Nguyễn Thị Ánh",
        "pharmacy": "Rajesh Iyer", "cashier": "José Peña", "supervisor": "Fatuma Abdi", "dr.achieng": "Dr. Achieng Otieno",
    ]

    /// Opens the demo store at `path`, creating and filling it first when it does not exist.
    /// `progress` is called with (done, total) while patients are registered.
    /// `creatingFolder`: the path is in FrontDesk's own data folder, which may be created.
    public static func prepare(at path: String, creatingFolder: Bool = false,
                               progress: (Int, Int) -> Void = { _, _ in }) throws -> FacilityStore {
        if FileManager.default.fileExists(atPath: path) {
            let store = try FacilityStore.open(at: path)
            if try store.patientCount() >= patientCount, try !store.queue.services().isEmpty, try !store.beds.wards().isEmpty,
                try !store.pharmacy.items().isEmpty { return store }
            try fill(store, progress: progress)
            return store
        }
        let store = try FacilityStore.create(
            at: path,
            NewFacility(name: facilityName, timezone: "Africa/Nairobi", currency: "KES",
                        adminUsername: adminLogin.username, adminDisplayName: displayNames["admin"],
                        adminPassword: adminLogin.password),
            creatingFolder: creatingFolder)
        try fill(store, progress: progress)
        return store
    }

    /// Adds whatever of the demo is missing (a run cut short is finished on the next).
    static func fill(_ store: FacilityStore, progress: (Int, Int) -> Void) throws {
        let admin = try store.signIn(username: adminLogin.username, password: adminLogin.password)
        let clinics = try DemoClinics.load()  // Resources/demo: read before anything is written
        if try store.phoneCountryCode() == nil { try store.setPhoneCountryCode("254", by: admin) }
        try clinics.fillDepartments(store, by: admin)
        let existingUsers = Set(try store.users().map(\.username))
        for login in logins where !existingUsers.contains(login.username) {
            try store.addUser(
                NewUser(username: login.username, displayName: displayNames[login.username] ?? login.username,
                        role: login.role, password: login.password),
                by: admin)
        }
        try clinics.fill(store, by: admin)
        let reception = logins[1]
        let clerk = try store.signIn(username: reception.username, password: reception.password)
        var generator = DemoPatientGenerator(seed: 20_261_122)
        let already = try store.patientCount()
        for _ in 0..<already { _ = generator.next() }
        var done = already
        while done < patientCount {
            let batch = (0..<min(FacilityStore.registrationBatchLimit, patientCount - done)).map { _ in generator.next() }
            _ = try store.registerPatients(batch, by: clerk)
            done += batch.count
            progress(done, patientCount)
        }
        try DemoWards.fill(store, admin: adminLogin, nurse: logins.first { $0.role == .nurse }!)
        try DemoPharmacy.fill(store, admin: adminLogin, pharmacist: logins.first { $0.role == .pharmacist }!)
    }
}
