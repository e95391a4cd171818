// The ledger mix's engine: a busy outpatient facility as a stream of commits through the desks' public API
// (registrations, check-ins, calls, vitals, consultations, bills, payments, refunds, edits, shifts).
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore

/// One visit the mix moves through the facility, a commit at a time.
struct MixVisit {
    enum Stage { case waiting, called, consulting, finished, drafted(String), issued(String, Int64) }
    let patientID: String
    let serviceID: String
    let encounterID: String
    let entryID: String
    var stage: Stage
    var vitalsTaken = false
    var extraCharge = false
}

/// Makes one commit per `step()`, keeping about `inFlight` visits open at once, as a facility's desks do.
final class LedgerMixEngine {
    let store: FacilityStore
    let staff: MixStaff
    let services: [String]
    var inFlight = 16
    /// The simulated clock and its mean step in seconds; nil: the machine's clock (a paced run).
    var clock: (MixClock, Double)?
    var random: SeededRandom
    var generator: DemoPatientGenerator
    var patients: [String]
    /// What each patient registered by this run was registered with (an edit changes a copy of it).
    var details: [String: NewPatient] = [:]
    var visits: [MixVisit] = []
    var busy: Set<String> = []
    var payments: [(id: String, left: Int64)] = []
    var paymentsThisShift = 0
    /// Commits made, by action; and store calls a rule refused (nothing written).
    var commits: [String: Int] = [:]
    var refused: [String: Int] = [:]
    /// Seconds spent in each action's store calls (refusals included).
    var seconds: [String: Double] = [:]

    init(store: FacilityStore, staff: MixStaff, seed: UInt64) throws {
        self.store = store
        self.staff = staff
        services = try store.queue.services().map(\.serviceID)
        random = SeededRandom(seed: seed)
        // A resumed run registers patients the earlier runs have not: the seed moves on with the store's size.
        let existing = try LedgerMixFacility.patientIDs(path: store.path, limit: 20_000)
        generator = DemoPatientGenerator(seed: seed &+ UInt64(existing.count) &* 7919)
        patients = existing
        if try store.cashier.currentShift(of: staff.cashier) == nil {
            _ = try store.cashier.openShift(floatMinor: 500_000, by: staff.cashier)
        }
    }

    func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// Runs one store call as `action`; a rule's refusal (nothing written) is counted and gives nil.
    func attempt<T>(_ action: String, _ body: () throws -> T) throws -> T? {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { seconds[action, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        do {
            let result = try body()
            commits[action, default: 0] += 1
            return result
        } catch let error as StoreError {
            switch error {
            case .invalid, .duplicate:
                refused[action, default: 0] += 1
                return nil
            default: throw error
            }
        }
    }

    /// One step: usually one commit (a refusal writes nothing and is counted apart).
    func step() throws {
        if let simulated = clock { simulated.0.advance(Double.random(in: 0...(2 * simulated.1), using: &random)) }
        let roll = Int.random(in: 0..<1000, using: &random)
        if roll < 40 { return try edit() }
        if roll < 41, !payments.isEmpty { return try refund() }
        if paymentsThisShift >= 400 { return try changeShift() }
        if visits.count < inFlight || roll < 120 { return try newVisit() }
        try advance(Int.random(in: 0..<visits.count, using: &random))
    }

    private func newVisit() throws {
        var patientID: String?
        if patients.count < 200 || chance(30) {
            let new = generator.next()
            guard let registered = try attempt("register", { try store.registerPatient(new, by: staff.clerk) }) else { return }
            patients.append(registered.patientID)
            details[registered.patientID] = new
            patientID = registered.patientID
        } else {
            for _ in 0..<5 {
                let candidate = patients.randomElement(using: &random)!
                if !busy.contains(candidate) { patientID = candidate; break }
            }
        }
        guard let patientID else { return }
        let roll = Int.random(in: 0..<100, using: &random)
        let service = roll < 55 ? services[0] : services[1 + roll % (services.count - 1)]
        let new = NewCheckIn(patientID: patientID, serviceID: service,
                             priority: roll < 2 ? .emergency : roll < 8 ? .urgent : .normal,
                             assistance: roll % 12 == 11 ? .elderly : nil)
        guard let done = try attempt("checkin", { try store.queue.checkIn(new, by: staff.clerk) }) else { return }
        visits.append(MixVisit(patientID: patientID, serviceID: service, encounterID: done.entry.encounterID,
                               entryID: done.entry.entryID, stage: .waiting))
        busy.insert(patientID)
    }

    private func advance(_ index: Int) throws {
        var visit = visits[index]
        switch visit.stage {
        case .waiting:
            // The queue decides who is next (emergencies first): it may be another patient than this one.
            guard let called = try attempt("call", { try store.queue.callNext(serviceID: visit.serviceID, by: staff.nurse) }) else { return }
            guard let entry = called else { visits.remove(at: index); busy.remove(visit.patientID); return }
            if let other = visits.firstIndex(where: { $0.encounterID == entry.encounterID }) {
                visits[other].stage = .called
            } else {
                // Checked in by an earlier run of the mix: it joins this one.
                visits.append(MixVisit(patientID: entry.patientID, serviceID: entry.serviceID, encounterID: entry.encounterID,
                                       entryID: entry.entryID, stage: .called))
                busy.insert(entry.patientID)
            }
            return
        case .called:
            let entryID = visit.entryID
            if chance(3) {
                _ = try attempt("left", { try store.queue.markLeft(entryID, reason: "did not answer the call", by: staff.nurse) })
                visits.remove(at: index)
                busy.remove(visit.patientID)
                return
            }
            if !visit.vitalsTaken, chance(85) {
                let vitals = VitalSigns(systolic: Int.random(in: 100...160, using: &random), diastolic: Int.random(in: 60...95, using: &random),
                                        pulse: Int.random(in: 55...110, using: &random),
                                        temperatureTenths: Int.random(in: 360...389, using: &random), spo2: Int.random(in: 92...100, using: &random),
                                        weightGrams: Int.random(in: 3_000...110_000, using: &random),
                                        heightMillimetres: chance(50) ? Int.random(in: 500...1_950, using: &random) : nil)
                _ = try attempt("vitals", { try store.queue.recordVitals(encounterID: visit.encounterID, vitals, by: staff.nurse) })
                visit.vitalsTaken = true
            } else if try attempt("start", { try store.queue.startConsultation(entryID, by: staff.nurse) }) != nil {
                visit.stage = .consulting
            }
        case .consulting:
            let entryID = visit.entryID
            if try attempt("finish", { try store.queue.finishVisit(entryID, by: staff.nurse) }) != nil { visit.stage = .finished }
        case .finished:
            if !visit.extraCharge, chance(35) {
                let code = MixStaff.counterFees.randomElement(using: &random)!
                _ = try attempt("counter_charge", { try store.cashier.addCounterCharge(patientID: visit.patientID, code: code, by: staff.cashier) })
                visit.extraCharge = true
            } else if let draft = try attempt("draft", { try store.cashier.draftInvoice(patientID: visit.patientID, by: staff.cashier) }) {
                visit.stage = .drafted(draft.invoiceID)
            } else {
                return finish(index, visit)  // nothing to bill (an emergency has no fee)
            }
        case .drafted(let invoiceID):
            guard let issued = try attempt("issue", { try store.cashier.issueInvoice(invoiceID, by: staff.cashier) }) else {
                return finish(index, visit)
            }
            guard issued.patientBalanceMinor > 0 else { return finish(index, visit) }
            visit.stage = .issued(invoiceID, issued.patientBalanceMinor)
        case .issued(let invoiceID, let due):
            let roll = Int.random(in: 0..<100, using: &random)
            let part = roll < 55 ? TenderLine(.cash, due) : roll < 80 ? TenderLine(.mobileMoney, due, reference: "MM\(Int.random(in: 100_000...999_999, using: &random))")
                : TenderLine(.card, due)
            let tendered: Int64? = part.method == .cash ? (due + 99_999) / 100_000 * 100_000 : nil
            if let receipt = try attempt("pay", {
                try store.cashier.takePayment(patientID: visit.patientID, invoiceID: invoiceID, parts: [part], tenderedMinor: tendered,
                                              by: staff.cashier)
            }) {
                payments.append((receipt.payment.paymentID, receipt.payment.totalMinor))
                if payments.count > 200 { payments.removeFirst(100) }
                paymentsThisShift += 1
            }
            return finish(index, visit)
        }
        visits[index] = visit
    }

    func finish(_ index: Int, _ visit: MixVisit) {
        visits.remove(at: index)
        busy.remove(visit.patientID)
    }
}
