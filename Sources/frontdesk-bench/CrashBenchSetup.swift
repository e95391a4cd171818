// The crash harness's facility: fees, services, doctors with sessions every day, an account per writer,
// a supervisor for refunds, and patients to check in, book and bill.
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore

/// A desk whose writes one crash-harness worker makes, under an account of its own.
enum CrashDeskKind: String, CaseIterable, Sendable {
    case register, importer = "import", checkIn = "checkin", queue, booking = "book", cashier = "cash"

    var role: Role {
        switch self {
        case .register, .checkIn, .booking: return .receptionist
        case .importer: return .admin
        case .queue: return .nurse
        case .cashier: return .cashier
        }
    }

    /// The kinds given to writers in turn: `--writers 8` runs the first eight, so every desk writes from 6 on.
    static let rotation: [CrashDeskKind] = [
        .register, .checkIn, .queue, .cashier, .booking, .importer, .cashier, .queue, .register, .checkIn, .booking, .importer,
    ]
}

/// One writer of every round: its desk, its account, its log (kept across rounds, as its account is).
struct CrashSlot: Sendable {
    let kind: CrashDeskKind
    /// 1-based among the writers of the same kind.
    let index: Int
    var username: String { CrashSetup.username(kind, index) }
    var name: String { "\(kind.rawValue).\(index)" }

    static func slots(writers: Int) -> [CrashSlot] {
        var seen: [CrashDeskKind: Int] = [:]
        return (0..<writers).map { n in
            let kind = CrashDeskKind.rotation[n % CrashDeskKind.rotation.count]
            seen[kind, default: 0] += 1
            return CrashSlot(kind: kind, index: seen[kind]!)
        }
    }
}

enum CrashSetup {
    static let password = "crash-desk-1"
    static let supervisor = "crash.supervisor"
    /// Fee codes the cashier adds at the counter.
    static let counterFee = "LAB-MAL"
    /// Patients registered before the first round, for check-ins, bookings and bills.
    static let patientCount = 400

    static func username(_ kind: CrashDeskKind, _ index: Int) -> String { "crash.\(kind.rawValue).\(index)" }

    /// Creates the store; writes the patients' ids to `patients.txt` beside it. Returns the store, still open.
    static func makeFacility(at path: String, folder: String, slots: [CrashSlot], seed: UInt64) throws -> FacilityStore {
        let store = try FacilityStore.create(
            at: path,
            NewFacility(name: "Crash Harness Hospital", timezone: "Africa/Nairobi", currency: "KES", adminUsername: "admin",
                        adminPassword: password))
        let admin = try store.signIn(username: "admin", password: password)
        try store.setPhoneCountryCode("254", by: admin)
        let from = try store.localNow().day.adding(days: -1)
        for (code, name, amount) in [("CONSULT", "Consultation", Int64(50_000)), (counterFee, "Malaria test", 40_000),
                                     (FacilityStore.registrationFeeCode, "Registration", 20_000)] {
            try store.setFee(code: code, name: name, amountMinor: amount, from: from, by: admin)
        }
        // Bookable every day of the week, all day, so that bookings never run out of sessions.
        for (code, name, fee, bookable) in [("GEN", "General Outpatient", "CONSULT", true), ("CARD", "Cardiology", "CONSULT", true),
                                            ("PAED", "Paediatrics", "CONSULT", false), ("ER", "Emergency", nil, false)] {
            try store.queue.addService(code: code, name: name, feeCode: fee, by: admin)
            let doctor = try store.queue.addDoctor(name: "Dr. \(name) One", serviceCode: code, room: code, by: admin)
            guard bookable else { continue }
            for weekday in 1...7 {
                try store.queue.addSession(doctorID: doctor.doctorID, NewSession(
                    weekday: weekday, startMinute: 8 * 60, endMinute: 18 * 60, slotMinutes: 15, capacity: 2, validFrom: from),
                    by: admin)
            }
        }
        for slot in slots {
            try store.addUser(NewUser(username: slot.username, displayName: "Crash \(slot.name)", role: slot.kind.role,
                                      password: password), by: admin)
        }
        try store.addUser(NewUser(username: supervisor, displayName: "Crash supervisor", role: .supervisor, password: password),
                          by: admin)
        try store.addUser(NewUser(username: "crash.setup", displayName: "Crash set-up", role: .receptionist, password: password),
                          by: admin)
        let clerk = try store.signIn(username: "crash.setup", password: password)
        var generator = DemoPatientGenerator(seed: seed)
        var patients: [RegisteredPatient] = []
        while patients.count < patientCount {
            let batch = (0..<min(FacilityStore.registrationBatchLimit, patientCount - patients.count)).map { _ in generator.next() }
            patients += try store.registerPatients(batch, by: clerk)
        }
        try patients.map(\.patientID).joined(separator: "\n").write(toFile: folder + "/patients.txt", atomically: true, encoding: .utf8)
        return store
    }

    /// The legacy ids of an import worker's job: unique per worker and job, and no job's a prefix of another's.
    static func legacyPrefix(worker: Int, job: Int) -> String { "W\(worker)J\(job)R" }

    /// Writes the job's CSV (the same every time: a re-run reads the file the killed run read).
    static func writeImportFile(_ path: String, worker: Int, job: Int, rows: Int) throws {
        var random = SeededRandom(seed: UInt64(worker) << 32 | UInt64(job))
        let first = ["Amani", "Wanjiru", "Kofi", "Ngozi", "Tomás", "Leila", "Chen", "Priya", "Olga", "Yusuf", "Aroha", "Nkechi"]
        let last = ["Otieno", "Mwangi", "Haddad", "Nguyen", "Okafor", "Rivera", "Ivanova", "Iyer", "Abdi", "Kamau", "Tane", "Osei"]
        var text = "id,first_name,last_name,date_of_birth,gender\n"
        for row in 0..<rows {
            let dob = String(format: "%04d-%02d-%02d", Int.random(in: 1940...2020, using: &random),
                             Int.random(in: 1...12, using: &random), Int.random(in: 1...28, using: &random))
            text += "\(legacyPrefix(worker: worker, job: job))\(row),\(first.randomElement(using: &random)!),"
                + "\(last.randomElement(using: &random)!),\(dob),\(Bool.random(using: &random) ? "female" : "male")\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
