// The cashier desk against a reference model: seeded random sequences of charges, invoices, payments, deposits,
// refunds, voids, discounts and shift changes (and operations that must be refused), checked after every step.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

final class CashierModelTests: CashierDeskTestCase {
    // Five sequences of 120 steps: a failure names its seed and step, and replays exactly.
    func testSequenceSeed1() throws { try run(seed: 0xC0FF_EE01) }
    func testSequenceSeed2() throws { try run(seed: 0xC0FF_EE02) }
    func testSequenceSeed3() throws { try run(seed: 0xC0FF_EE03) }
    func testSequenceSeed4() throws { try run(seed: 0xC0FF_EE04) }
    func testSequenceSeed5() throws { try run(seed: 0xC0FF_EE05) }

    private func run(seed: UInt64, steps: Int = 120) throws {
        let run = try CashierModelRun(
            seed: seed, store: store, cashiers: [cashier, cashier2], approval: approval,
            amina: amina, baraka: baraka)
        do {
            try run.start()
            for step in 1...steps {
                run.step = step
                clock.advance(37)
                try run.randomStep()
                try run.check()
            }
        } catch let mismatch as ModelMismatch {
            XCTFail("seed \(String(seed, radix: 16)) step \(run.step): \(mismatch.description)\nlast steps:\n"
                    + run.trace.suffix(12).joined(separator: "\n"))
            return
        }
        let report = try store.verify()
        XCTAssertTrue(report.isClean, "seed \(String(seed, radix: 16)): \(report.problems)")
        print("CashierModelTests seed \(String(seed, radix: 16)): \(steps) steps, \(run.summary)")
    }
}

/// A model step the store disagreed with.
struct ModelMismatch: Error, CustomStringConvertible {
    let description: String
}

/// Deterministic, seedable (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One sequence: the reference model, the random operations, and the comparison with the store.
final class CashierModelRun {
    struct ModelCharge {
        let patient: String
        let amount: Int64
        var status: String  // open, invoiced, void
        var invoice: String?
    }

    struct ModelInvoice {
        let patient: String
        let insured: Bool
        var status: Invoice.Status = .draft
        var charges: [String] = []
        var subtotal: Int64 = 0, discount: Int64 = 0
        var payerShare: Int64 = 0, patientShare: Int64 = 0
        var patientPaid: Int64 = 0, payerPaid: Int64 = 0
        /// Of patientPaid, what came from the patient's deposit (a void gives it back to the account).
        var fromDeposit: Int64 = 0
        var number: Int?
        var patientBalance: Int64 { patientShare - patientPaid }
        var payerBalance: Int64 { payerShare - payerPaid }
    }

    /// A payment and what of it is still where it went (net of its refunds).
    struct ModelPayment {
        let patient: String
        let invoice: String?
        let total: Int64
        var patientNet: Int64, payerNet: Int64, accountNet: Int64
        var refunded: Int64 = 0
    }

    struct ModelShift {
        let id: String
        let cashier: Int
        let float: Int64
        let handoverFrom: String?
        var cashIn: Int64 = 0, cashOut: Int64 = 0
        var closed = false
        var expected: Int64?, counted: Int64?, floatLeft: Int64?
        var takenOver = false
        var drawer: Int64 { float + cashIn - cashOut }
    }

    let seed: UInt64
    let store: FacilityStore
    let cashiers: [Actor]
    let approval: Authorization
    let patients: [String]
    let insuredPatient: String
    let db: DatabaseQueue
    let fees: [(code: String, amount: Int64)] = [("CONSULT", 100_000), ("XRAY", 250_000), ("LAB", 50_000)]
    var rng: SplitMix64

    var charges: [String: ModelCharge] = [:]
    var chargeOrder: [String] = []
    var invoices: [String: ModelInvoice] = [:]
    var invoiceOrder: [String] = []
    var issued: [String] = []
    var payments: [String: ModelPayment] = [:]
    var paymentOrder: [String] = []
    var receipts: [String] = []  // payment ids, payments and refunds, in receipt order
    var remittances: [String] = []  // payment ids of insurers' settlements, in remittance order
    var credit: [String: Int64] = [:]
    var shifts: [ModelShift] = []
    var active = 0  // the cashier at the counter (index into cashiers); they always have the open shift
    var methodIn: [PaymentMethod: Int64] = [:], methodOut: [PaymentMethod: Int64] = [:]
    var reference = 0
    var step = 0
    var trace: [String] = []
    var done: [String: Int] = [:], refused: [String: Int] = [:], events: [String: Int] = [:]

    init(seed: UInt64, store: FacilityStore, cashiers: [Actor], approval: Authorization,
         amina: String, baraka: String) throws {
        self.seed = seed
        self.store = store
        self.cashiers = cashiers
        self.approval = approval
        patients = [amina, baraka]
        insuredPatient = baraka
        rng = SplitMix64(state: seed)
        db = try DatabaseQueue(path: store.path)
        for patient in patients { credit[patient] = 0 }
    }

    var summary: String {
        let ops = Set(done.keys).union(refused.keys).sorted()
        return ops.map { "\($0) \(done[$0] ?? 0)/\(refused[$0] ?? 0)" }.joined(separator: ", ") + " (done/refused); "
            + events.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    var actor: Actor { cashiers[active] }
    var idle: Actor { cashiers[1 - active] }
    var openShift: ModelShift {
        get { shifts[shifts.count - 1] }
        set { shifts[shifts.count - 1] = newValue }
    }

    // MARK: Randomness

    func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &rng) }
    func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &rng)] }
    func nextReference(_ prefix: String) -> String {
        reference += 1
        return "\(prefix)-\(seed % 1000)-\(reference)"
    }

    /// `amount` split over 1–3 of `methods` (a reference where one is needed); cash sometimes with a tendered amount.
    func tender(_ amount: Int64, _ methods: [PaymentMethod] = [.cash, .card, .mobileMoney], cashAtMost: Int64 = .max)
        -> (parts: [TenderLine], tendered: Int64?) {
        var usable = methods
        if cashAtMost < amount { usable.removeAll { $0 == .cash } }
        usable.shuffle(using: &rng)
        let k = Int(min(Int64(Int.random(in: 1...min(3, usable.count), using: &rng)), amount))
        var cuts = Set<Int64>()
        while cuts.count < k - 1 { cuts.insert(int(1...(amount - 1))) }
        let points = [0] + cuts.sorted() + [amount]
        var parts: [TenderLine] = []
        for i in 0..<k {
            let method = usable[i]
            let ref = method.needsReference ? nextReference(method == .insurance ? "CLM" : "MM") : (chance(0.3) ? nextReference("CARD") : nil)
            parts.append(TenderLine(method, points[i + 1] - points[i], reference: method == .cash ? nil : ref))
        }
        let cash = parts.filter { $0.method == .cash }.reduce(0) { $0 + $1.amountMinor }
        let tendered: Int64? = cash > 0 && chance(0.5) ? cash + (chance(0.3) ? 0 : int(1...2_000) * 100) : nil
        return (parts, tendered)
    }

    // MARK: Model rules

    func mismatch(_ text: String) -> ModelMismatch { ModelMismatch(description: text) }
    func event(_ name: String) { events[name, default: 0] += 1 }

    /// The store's split: subtotal from the charges, the discount capped at it, 80 % to the insurer (rounded down).
    /// Nil when more has been paid on a side than its new share.
    func recalculated(_ invoice: ModelInvoice) -> ModelInvoice? {
        var next = invoice
        next.subtotal = next.charges.reduce(0) { $0 + charges[$1]!.amount }
        next.discount = min(next.discount, next.subtotal)
        let net = next.subtotal - next.discount
        next.payerShare = next.insured ? net * 80 / 100 : 0
        next.patientShare = net - next.payerShare
        guard next.patientPaid <= next.patientShare, next.payerPaid <= next.payerShare else { return nil }
        return settled(next)
    }

    func settled(_ invoice: ModelInvoice) -> ModelInvoice {
        var next = invoice
        if next.status == .issued || next.status == .paid {
            next.status = next.patientBalance == 0 && next.payerBalance == 0 ? .paid : .issued
        }
        return next
    }

    /// What of a payment a refund may still take at the counter: its patient share, and its deposit as far as
    /// the account holds it (an insurer's settlement is reversed with the insurer).
    func refundable(_ payment: ModelPayment) -> Int64 {
        payment.patientNet + min(payment.accountNet, credit[payment.patient]!)
    }

    func record(_ parts: [TenderLine], kind: Payment.Kind, paymentID: String, remittance: Bool = false) {
        for part in parts {
            if kind == .payment { methodIn[part.method, default: 0] += part.amountMinor } else { methodOut[part.method, default: 0] += part.amountMinor }
            if part.method == .cash {
                if kind == .payment { openShift.cashIn += part.amountMinor } else { openShift.cashOut += part.amountMinor }
            }
        }
        if remittance { remittances.append(paymentID) } else { receipts.append(paymentID) }
    }

    // MARK: Calling the store

    func ledgerCount() throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger_entries")! }
    }

    /// The store must accept this.
    @discardableResult
    func accepted<T>(_ op: String, _ what: String, _ body: () throws -> T) throws -> T {
        trace.append("\(step) \(op): \(what)")
        do {
            let value = try body()
            done[op, default: 0] += 1
            return value
        } catch let error as ModelMismatch {
            throw error
        } catch {
            throw mismatch("\(op) (\(what)): the store refused what the model allows: \(error)")
        }
    }

    /// The store must refuse this, saying one of `messages`, and write nothing.
    func refusal(_ op: String, _ what: String, _ messages: [String], _ body: () throws -> Void) throws {
        trace.append("\(step) \(op) [must be refused]: \(what)")
        let before = try ledgerCount()
        do {
            try body()
        } catch {
            guard messages.contains(where: { "\(error)".contains($0) }) else {
                throw mismatch("\(op) (\(what)): refused, but with “\(error)”; expected one of \(messages)")
            }
            guard try ledgerCount() == before else { throw mismatch("\(op) (\(what)): refused, yet the ledger grew") }
            refused[op, default: 0] += 1
            return
        }
        throw mismatch("\(op) (\(what)): the store accepted what the model refuses")
    }
}
