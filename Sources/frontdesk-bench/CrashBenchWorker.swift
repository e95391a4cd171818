// `frontdesk-bench crash worker`: one writer of the crash harness. Signs in as its own account and makes its
// desk's writes back to back until the round's stop file appears (or a SIGKILL ends it), acknowledging
// each commit in its log.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore

struct CrashWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "One writer of the crash harness (started by it).", shouldDisplay: false)

    @Option var store: String
    @Option var kind: String
    @Option var index: Int
    @Option(help: "How many writers of this kind there are (the queue's services are shared out by it).") var of: Int
    @Option var log: String
    @Option var stopFile: String
    @Option var folder: String
    @Option var randomSeed: UInt64

    func run() throws {
        guard let kind = CrashDeskKind(rawValue: kind) else { throw ValidationError("unknown kind \(kind)") }
        let facility = try FacilityStore.open(at: store)
        let actor = try facility.signIn(username: CrashSetup.username(kind, index), password: CrashSetup.password)
        let patients = try String(contentsOfFile: folder + "/patients.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        let context = CrashDeskContext(store: facility, actor: actor, acks: try AckLog(path: log),
                                       random: SeededRandom(seed: randomSeed), patients: patients)
        let desk: any CrashDesk
        switch kind {
        case .register: desk = RegisterDesk(seed: randomSeed)
        case .importer: desk = ImportDesk(worker: index, folder: folder, log: log)
        case .checkIn: desk = CheckInDesk(services: try facility.queue.services().map(\.serviceID))
        case .queue:
            let services = try facility.queue.services().enumerated().filter { $0.offset % of == index - 1 }.map(\.element.serviceID)
            desk = try QueueDesk(services: services, context: context)
        case .booking: desk = BookingDesk(doctors: try facility.queue.doctors().filter { try !facility.queue.sessions(doctorID: $0.doctorID).isEmpty }
            .map(\.doctorID))
        case .cashier: desk = try CashierDesk(context: context)
        }
        // Ready, then wait for the round to start: every writer writes for the same time.
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        guard readLine() != nil else { return }  // the harness is gone
        while access(stopFile, F_OK) != 0 { try desk.step(context) }
        try facility.close()
        if context.unexpected > 0 { throw ExitCode(3) }
    }
}

/// What every desk's step needs: the store, the signed-in account, the log and the dice.
final class CrashDeskContext {
    let store: FacilityStore
    let actor: Actor
    let acks: AckLog
    var random: SeededRandom
    let patients: [String]
    /// Failures that are not a rule saying no: each is logged, and the worker exits non-zero.
    var unexpected = 0

    init(store: FacilityStore, actor: Actor, acks: AckLog, random: SeededRandom, patients: [String]) {
        self.store = store
        self.actor = actor
        self.acks = acks
        self.random = random
        self.patients = patients
    }

    func patient() -> String { patients.randomElement(using: &random)! }
    func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// Runs one store call. A refusal (a rule said no; nothing was written) is noted and nil returned;
    /// anything else is an unexpected failure, logged for the harness to count.
    func attempt<T>(_ op: String, _ body: () throws -> T) -> T? {
        do { return try body() } catch let error as StoreError {
            switch error {
            case .invalid, .duplicate: acks.note("refused", op, error.description)
            default:
                unexpected += 1
                acks.ack("error", op, error.description)
            }
        } catch {
            unexpected += 1
            acks.ack("error", op, String(describing: error))
        }
        return nil
    }
}

/// A desk's workload: one step is one or a few store calls, each acknowledged when it returns.
protocol CrashDesk: AnyObject {
    func step(_ c: CrashDeskContext) throws
}

/// Registration: one new patient a step.
final class RegisterDesk: CrashDesk {
    private var generator: DemoPatientGenerator

    init(seed: UInt64) { generator = DemoPatientGenerator(seed: seed) }

    func step(_ c: CrashDeskContext) throws {
        let new = generator.next()
        guard let patient = c.attempt("register", { try c.store.registerPatient(new, by: c.actor) }) else { return }
        c.acks.ack("reg", patient.patientID, patient.mrn)
    }
}

/// Check-in: a patient of the list into a service's queue (refused while they already wait there).
final class CheckInDesk: CrashDesk {
    let services: [String]

    init(services: [String]) { self.services = services }

    func step(_ c: CrashDeskContext) throws {
        let roll = Int.random(in: 0..<100, using: &c.random)
        let new = NewCheckIn(patientID: c.patient(), serviceID: services.randomElement(using: &c.random)!,
                             priority: roll < 2 ? .emergency : roll < 8 ? .urgent : .normal,
                             assistance: roll % 10 == 9 ? .elderly : nil)
        guard let done = c.attempt("checkin", { try c.store.queue.checkIn(new, by: c.actor) }) else { return }
        c.acks.ack("chk", done.entry.entryID, done.entry.serviceID, done.entry.day, String(done.entry.tokenNumber))
    }
}

/// Bookings: a free slot of a bookable doctor in the next 90 days; now and then one of its own cancelled.
final class BookingDesk: CrashDesk {
    let doctors: [String]
    private var booked: [String] = []

    init(doctors: [String]) { self.doctors = doctors }

    func step(_ c: CrashDeskContext) throws {
        if !booked.isEmpty, c.chance(15) {
            let id = booked.remove(at: Int.random(in: 0..<booked.count, using: &c.random))
            guard c.attempt("cancel", { try c.store.queue.cancelAppointment(id, reason: "crash harness", by: c.actor) }) != nil else { return }
            c.acks.ack("cancel", id)
            return
        }
        let doctor = doctors.randomElement(using: &c.random)!
        let day = try c.store.localNow().day.adding(days: Int.random(in: 1...90, using: &c.random))
        guard let slot = try c.store.queue.slots(doctorID: doctor, day: day).slots.filter({ $0.free > 0 }).randomElement(using: &c.random)
        else { return }
        let new = NewAppointment(patientID: c.patient(), doctorID: doctor, day: day, startMinute: slot.startMinute,
                                 visitReason: "crash harness")
        guard let appointment = c.attempt("book", { try c.store.queue.bookAppointment(new, by: c.actor) }) else { return }
        booked.append(appointment.appointmentID)
        c.acks.ack("book", appointment.appointmentID, doctor, day.description)
    }
}
