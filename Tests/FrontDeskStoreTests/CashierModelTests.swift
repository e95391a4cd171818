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
private struct ModelMismatch: Error, CustomStringConvertible {
    let description: String
}

/// Deterministic, seedable (SplitMix64).
private struct SplitMix64: RandomNumberGenerator {
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
private final class CashierModelRun {
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

    func record(_ parts: [TenderLine], kind: Payment.Kind, paymentID: String) {
        for part in parts {
            if kind == .payment { methodIn[part.method, default: 0] += part.amountMinor } else { methodOut[part.method, default: 0] += part.amountMinor }
            if part.method == .cash {
                if kind == .payment { openShift.cashIn += part.amountMinor } else { openShift.cashOut += part.amountMinor }
            }
        }
        receipts.append(paymentID)
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

    // MARK: Steps

    func start() throws {
        let float = int(0...50) * 10_000
        let shift = try accepted("open shift", "float \(float)") { try store.openShift(floatMinor: float, by: actor) }
        shifts.append(ModelShift(id: shift.shiftID, cashier: active, float: float, handoverFrom: nil))
        try check()
    }

    func randomStep() throws {
        let operations: [(Int, () throws -> Void)] = [
            (14, postCharge), (10, invoice), (3, issueDraft), (8, payInFull), (9, payPart), (5, settleInsurance),
            (5, deposit), (5, applyDeposit), (6, refund), (4, voidInvoice), (3, voidCharge), (6, discount),
            (3, changeShift), (10, invalid),
        ]
        var roll = Int.random(in: 0..<operations.reduce(0) { $0 + $1.0 }, using: &rng)
        for (weight, operation) in operations {
            if roll < weight { return try operation() }
            roll -= weight
        }
    }

    func postCharge() throws {
        let patient = pick(patients)!
        let fee = pick(fees)!
        let drafts = invoiceOrder.filter { invoices[$0]!.status == .draft && invoices[$0]!.patient == patient }
        let onto = !drafts.isEmpty && chance(0.3) ? pick(drafts) : nil
        let charge = try accepted("charge", "\(fee.code) for \(name(patient))\(onto.map { " onto draft \($0.prefix(8))" } ?? "")") {
            try store.addCounterCharge(patientID: patient, code: fee.code, toInvoice: onto, by: actor)
        }
        guard charge.amountMinor == fee.amount else { throw mismatch("charge: amount \(charge.amountMinor), expected \(fee.amount)") }
        charges[charge.chargeID] = ModelCharge(patient: patient, amount: fee.amount, status: onto == nil ? "open" : "invoiced", invoice: onto)
        chargeOrder.append(charge.chargeID)
        if let onto {
            invoices[onto]!.charges.append(charge.chargeID)
            invoices[onto] = recalculated(invoices[onto]!)!
        }
    }

    func invoice() throws {
        let withOpen = patients.filter { p in chargeOrder.contains { charges[$0]!.status == "open" && charges[$0]!.patient == p } }
        if withOpen.isEmpty, chance(0.6) { return try postCharge() }
        let patient = chance(0.15) ? pick(patients)! : (pick(withOpen) ?? pick(patients)!)
        let open = chargeOrder.filter { charges[$0]!.status == "open" && charges[$0]!.patient == patient }
        if open.isEmpty {
            return try refusal("invoice", "draft for \(name(patient)) with no open charges", ["there are no open charges to invoice"]) {
                _ = try store.draftInvoice(patientID: patient, by: actor)
            }
        }
        let draft = try accepted("invoice", "draft of \(open.count) charge(s) for \(name(patient))") {
            try store.draftInvoice(patientID: patient, by: actor)
        }
        var model = ModelInvoice(patient: patient, insured: patient == insuredPatient, charges: open)
        if open.contains(where: { id in invoiceOrder.contains { invoices[$0]!.status == .void && invoices[$0]!.charges.contains(id) } }) {
            event("charges invoiced again after a void")
        }
        for id in open {
            charges[id]!.status = "invoiced"
            charges[id]!.invoice = draft.invoiceID
        }
        model = recalculated(model)!
        invoices[draft.invoiceID] = model
        invoiceOrder.append(draft.invoiceID)
        if chance(0.8) { try issue(draft.invoiceID) }
    }

    func issueDraft() throws {
        guard let id = pick(invoiceOrder.filter { invoices[$0]!.status == .draft }) else { return try postCharge() }
        try issue(id)
    }

    func issue(_ id: String) throws {
        let invoice = try accepted("issue", "\(id.prefix(8))") { try store.issueInvoice(id, by: actor) }
        issued.append(id)
        invoices[id]!.number = issued.count
        invoices[id]!.status = .issued
        invoices[id] = settled(invoices[id]!)
        if invoices[id]!.status == .paid { event("invoice paid on issue (discounted to nothing)") }
        guard invoice.number == FacilityStore.documentNumber("INV", Int64(issued.count)) else {
            throw mismatch("issue: number \(invoice.number ?? "nil"), expected the \(issued.count)th")
        }
    }

    var issuedInvoices: [String] { invoiceOrder.filter { invoices[$0]!.status == .issued } }

    func pay(_ id: String, _ parts: [TenderLine], tendered: Int64?, op: String) throws {
        let invoice = invoices[id]!
        let receipt = try accepted(op, "\(describe(parts)) tendered \(tendered.map { "\($0)" } ?? "-") on \(invoice.number.map { "\($0)" } ?? "?") (\(name(invoice.patient)) owes \(invoice.patientBalance)+\(invoice.payerBalance))") {
            try store.takePayment(patientID: invoice.patient, invoiceID: id, parts: parts, tenderedMinor: tendered, by: actor)
        }
        let insurance = parts.filter { $0.method == .insurance }.reduce(0) { $0 + $1.amountMinor }
        let patientPart = parts.reduce(0) { $0 + $1.amountMinor } - insurance
        invoices[id]!.patientPaid += patientPart
        invoices[id]!.payerPaid += insurance
        invoices[id] = settled(invoices[id]!)
        payments[receipt.payment.paymentID] = ModelPayment(
            patient: invoice.patient, invoice: id, total: patientPart + insurance, patientNet: patientPart, payerNet: insurance, accountNet: 0)
        paymentOrder.append(receipt.payment.paymentID)
        record(parts, kind: .payment, paymentID: receipt.payment.paymentID)
        try checkReceipt(receipt, parts: parts, tendered: tendered)
    }

    func checkReceipt(_ receipt: Receipt, parts: [TenderLine], tendered: Int64?) throws {
        let cash = parts.filter { $0.method == .cash }.reduce(0) { $0 + $1.amountMinor }
        let expectedNumber = FacilityStore.documentNumber("RCT", Int64(receipts.count))
        guard receipt.payment.receiptNumber == expectedNumber else {
            throw mismatch("receipt number \(receipt.payment.receiptNumber), expected \(expectedNumber)")
        }
        guard receipt.payment.totalMinor == parts.reduce(0, { $0 + $1.amountMinor }), receipt.parts.count == parts.count,
            receipt.payment.changeMinor == tendered.map({ $0 - cash }), receipt.payment.shiftID == openShift.id
        else { throw mismatch("receipt \(receipt.payment.receiptNumber): total/parts/change/shift differ: \(receipt)") }
    }

    func payInFull() throws {
        guard let id = pick(issuedInvoices) else { return try invoice() }
        let invoice = invoices[id]!
        var parts: [TenderLine] = []
        var tendered: Int64?
        if invoice.patientBalance > 0 { (parts, tendered) = tender(invoice.patientBalance) }
        if invoice.payerBalance > 0, invoice.patientBalance == 0 || chance(0.6) {
            parts.append(TenderLine(.insurance, invoice.payerBalance, reference: nextReference("CLM")))
        }
        try pay(id, parts, tendered: tendered, op: "pay in full")
    }

    func payPart() throws {
        guard let id = pick(issuedInvoices.filter({ invoices[$0]!.patientBalance > 0 })) else { return try payInFull() }
        let balance = invoices[id]!.patientBalance
        let amount = chance(0.3) ? max(1, balance / 2) : int(1...balance)
        let (parts, tendered) = tender(amount)
        try pay(id, parts, tendered: tendered, op: "pay part")
    }

    func settleInsurance() throws {
        guard let id = pick(issuedInvoices.filter({ invoices[$0]!.payerBalance > 0 })) else { return try payPart() }
        let balance = invoices[id]!.payerBalance
        let amount = chance(0.6) ? balance : int(1...balance)
        try pay(id, [TenderLine(.insurance, amount, reference: nextReference("CLM"))], tendered: nil, op: "insurance")
    }

    func deposit() throws {
        let patient = pick(patients)!
        let amount = int(1...3_000) * 100
        let (parts, tendered) = tender(amount)
        let receipt = try accepted("deposit", "\(describe(parts)) for \(name(patient))") {
            try store.takePayment(patientID: patient, parts: parts, tenderedMinor: tendered, by: actor)
        }
        credit[patient]! += amount
        payments[receipt.payment.paymentID] = ModelPayment(
            patient: patient, invoice: nil, total: amount, patientNet: 0, payerNet: 0, accountNet: amount)
        paymentOrder.append(receipt.payment.paymentID)
        record(parts, kind: .payment, paymentID: receipt.payment.paymentID)
        try checkReceipt(receipt, parts: parts, tendered: tendered)
    }

    func applyDeposit() throws {
        let candidates = issuedInvoices.filter { invoices[$0]!.patientBalance > 0 && credit[invoices[$0]!.patient]! > 0 }
        guard let id = pick(candidates) else { return try deposit() }
        let invoice = invoices[id]!
        let most = min(invoice.patientBalance, credit[invoice.patient]!)
        let amount = chance(0.5) ? most : int(1...most)
        try accepted("apply deposit", "\(amount) of \(credit[invoice.patient]!) on \(invoice.number!) (owes \(invoice.patientBalance))") {
            try store.applyDeposit(patientID: invoice.patient, invoiceID: id, amountMinor: amount, by: actor)
        }
        credit[invoice.patient]! -= amount
        invoices[id]!.patientPaid += amount
        invoices[id]!.fromDeposit += amount
        invoices[id] = settled(invoices[id]!)
    }

    func refund() throws {
        guard let id = pick(paymentOrder.filter({ refundable(payments[$0]!) > 0 })) else { return try deposit() }
        let payment = payments[id]!
        let most = refundable(payment)
        let amount = chance(0.4) ? most : int(1...most)
        // Patient share first, then the account; the payer's share is not refunded at the counter.
        let fromPatient = min(amount, payment.patientNet)
        let fromPayer: Int64 = 0
        let fromAccount = amount - fromPatient
        var parts: [TenderLine] = []
        if fromPatient + fromAccount > 0 { parts = tender(fromPatient + fromAccount, cashAtMost: openShift.drawer).parts }
        if payment.accountNet > credit[payment.patient]! { event("deposit refund capped by what is left on account") }
        if let invoiceID = payment.invoice, invoices[invoiceID]!.status == .paid { event("refund reopened a paid invoice") }
        if parts.contains(where: { $0.method == .cash }) { event("cash refund") }
        let receipt = try accepted("refund", "\(describe(parts)) of \(id.prefix(8)) (refundable \(most))") {
            try store.refund(id, parts: parts, reason: "Returned at the counter", authorizedBy: approval, by: actor)
        }
        payments[id]!.patientNet -= fromPatient
        payments[id]!.payerNet -= fromPayer
        payments[id]!.accountNet -= fromAccount
        payments[id]!.refunded += amount
        credit[payment.patient]! -= fromAccount
        if let invoiceID = payment.invoice {
            invoices[invoiceID]!.patientPaid -= fromPatient
            invoices[invoiceID]!.payerPaid -= fromPayer
            invoices[invoiceID] = settled(invoices[invoiceID]!)
        }
        record(parts, kind: .refund, paymentID: receipt.payment.paymentID)
        try checkReceipt(receipt, parts: parts, tendered: nil)
        guard receipt.payment.refundOf == id, receipt.payment.authorizedBy == approval.userID else {
            throw mismatch("refund: refund_of/authorized_by wrong: \(receipt.payment)")
        }
    }

    func voidInvoice() throws {
        let voidable = invoiceOrder.filter {
            invoices[$0]!.status != .void && invoices[$0]!.patientPaid == invoices[$0]!.fromDeposit && invoices[$0]!.payerPaid == 0
        }
        let any = invoiceOrder.filter { invoices[$0]!.status != .void || chance(0.1) }
        guard let id = chance(0.6) ? (pick(voidable) ?? pick(any)) : pick(any) else { return try invoice() }
        let invoice = invoices[id]!
        let what = "\(invoice.status.rawValue) \(invoice.number.map { "\($0)" } ?? id.prefix(8).description) paid \(invoice.patientPaid)+\(invoice.payerPaid)"
        if invoice.status == .void {
            return try refusal("void invoice", what, ["it is already void"]) {
                _ = try store.voidInvoice(id, reason: "Again", authorizedBy: approval, by: actor)
            }
        }
        if invoice.patientPaid > invoice.fromDeposit || invoice.payerPaid > 0 {
            return try refusal("void invoice", what, ["money has been paid on it; refund that first"]) {
                _ = try store.voidInvoice(id, reason: "Wrong patient", authorizedBy: approval, by: actor)
            }
        }
        try accepted("void invoice", what) { try store.voidInvoice(id, reason: "Wrong patient", authorizedBy: approval, by: actor) }
        if invoice.fromDeposit > 0 { event("void gave a deposit back to the account") }
        credit[invoice.patient]! += invoice.fromDeposit
        invoices[id]!.patientPaid = 0
        invoices[id]!.fromDeposit = 0
        invoices[id] = settled(invoices[id]!)
        invoices[id]!.status = .void
        for charge in invoice.charges {
            charges[charge]!.status = "open"
            charges[charge]!.invoice = nil
        }
    }

    func voidCharge() throws {
        guard let id = pick(chargeOrder) else { return try postCharge() }
        let charge = charges[id]!
        if charge.status != "open" {
            return try refusal("void charge", "\(charge.status) charge", ["only an open charge (not on an invoice) can be voided"]) {
                try store.voidCharge(id, reason: "Posted in error", authorizedBy: approval, by: actor)
            }
        }
        try accepted("void charge", "open charge of \(charge.amount)") {
            try store.voidCharge(id, reason: "Posted in error", authorizedBy: approval, by: actor)
        }
        charges[id]!.status = "void"
    }

    func discount() throws {
        let live = invoiceOrder.filter { [.draft, .issued].contains(invoices[$0]!.status) || chance(0.15) }
        guard let id = pick(live) else { return try invoice() }
        let invoice = invoices[id]!
        // Round amounts, odd ones (the 80 % split then rounds: the insurer's share down), none, or all of it.
        let amount = chance(0.15) ? 0 : chance(0.15) ? invoice.subtotal : chance(0.5) ? int(0...invoice.subtotal) : int(0...invoice.subtotal / 100) * 100
        let what = "\(amount) on \(invoice.status.rawValue) invoice of \(invoice.subtotal) paid \(invoice.patientPaid)+\(invoice.payerPaid)"
        guard invoice.status == .draft || invoice.status == .issued else {
            return try refusal("discount", what, ["the invoice is \(invoice.status.rawValue)"]) {
                _ = try store.setDiscount(id, amountMinor: amount, reason: "Staff", authorizedBy: approval, by: actor)
            }
        }
        var next = invoice
        next.discount = amount
        guard let after = recalculated(next) else {
            return try refusal("discount", what, ["more than that has already been paid; refund first"]) {
                _ = try store.setDiscount(id, amountMinor: amount, reason: "Staff", authorizedBy: approval, by: actor)
            }
        }
        let stored = try accepted("discount", what) {
            try store.setDiscount(id, amountMinor: amount, reason: "Staff", authorizedBy: approval, by: actor)
        }
        invoices[id] = after
        if invoice.status == .issued, after.status == .paid { event("discount settled an invoice") }
        guard stored.discountAuthorizedBy == (amount == 0 ? nil : approval.userID), (stored.discountReason == nil) == (amount == 0) else {
            throw mismatch("discount: reason/authoriser wrong: \(stored)")
        }
    }

    func changeShift() throws {
        let expected = openShift.drawer
        let delta = chance(0.5) ? 0 : int(-5_000...5_000)
        let counted = max(0, expected + delta)
        let floatLeft = chance(0.25) ? 0 : int(0...counted)
        let count: [Int64: Int] = [100_000: Int(counted / 100_000), 100: Int(counted % 100_000 / 100), 1: Int(counted % 100)]
        let report = try accepted("change shift", "close expecting \(expected), counted \(counted), leaving \(floatLeft)") {
            try store.closeShift(count: count, floatLeftMinor: floatLeft, note: delta == 0 ? nil : "Recounted", by: actor)
        }
        guard report.expectedCashMinor == expected, report.shift.countedCashMinor == counted,
            report.shift.overShortMinor == counted - expected, report.shift.floatLeftMinor == floatLeft
        else { throw mismatch("close: report \(report.expectedCashMinor)/\(String(describing: report.shift)) vs expected \(expected) counted \(counted)") }
        if delta != 0 { event("drawer over or short") }
        openShift.closed = true
        openShift.expected = expected
        openShift.counted = counted
        openShift.floatLeft = floatLeft
        let closed = openShift
        try refusal("change shift", "payment after the close", ["open a shift first: no shift, no payment"]) {
            _ = try store.takePayment(patientID: patients[0], parts: [TenderLine(.cash, 100)], by: actor)
        }
        active = 1 - active
        let shift: CashierShift
        if floatLeft > 0, chance(0.75) {
            if chance(0.3) {
                try refusal("change shift", "handover miscounted", ["Count again, or call a supervisor"]) {
                    _ = try store.acceptHandover(from: closed.id, countedFloatMinor: floatLeft + 100, by: actor)
                }
            }
            shift = try accepted("change shift", "handover of \(floatLeft)") {
                try store.acceptHandover(from: closed.id, countedFloatMinor: floatLeft, by: actor)
            }
            shifts[shifts.count - 1].takenOver = true
            event("handover accepted")
            shifts.append(ModelShift(id: shift.shiftID, cashier: active, float: floatLeft, handoverFrom: closed.id))
        } else {
            let float = int(0...50) * 10_000
            shift = try accepted("change shift", "open with float \(float)") { try store.openShift(floatMinor: float, by: actor) }
            shifts.append(ModelShift(id: shift.shiftID, cashier: active, float: float, handoverFrom: nil))
        }
        guard shift.number == shifts.count, shift.cashierID == actor.userID else {
            throw mismatch("new shift: number \(shift.number) cashier \(shift.cashierID), expected \(shifts.count)")
        }
        try refusal("change shift", "a second open shift", ["is still open; close it first"]) {
            _ = try store.openShift(floatMinor: 0, by: actor)
        }
        if let taken = shifts.dropLast().last(where: { $0.takenOver }), chance(0.3) {
            try refusal("change shift", "a handover taken twice", ["was already taken over"]) {
                _ = try store.acceptHandover(from: taken.id, countedFloatMinor: taken.floatLeft ?? 0, by: idle)
            }
        }
    }

    /// Operations that must be refused and change nothing.
    func invalid() throws {
        let first = Int.random(in: 0..<10, using: &rng)
        for offset in 0..<10 where try invalid(kind: (first + offset) % 10) { return }
    }

    /// One kind of refused operation; false when the state offers nothing to try it on.
    func invalid(kind: Int) throws -> Bool {
        switch kind {
        case 0:  // overpay the patient's share
            guard let id = pick(issuedInvoices) else { return false }
            let invoice = invoices[id]!
            let parts = tender(invoice.patientBalance + int(1...10_000)).parts
            try refusal("overpay", "\(describe(parts)) when the patient owes \(invoice.patientBalance)", ["the patient owes"]) {
                _ = try store.takePayment(patientID: invoice.patient, invoiceID: id, parts: parts, by: actor)
            }
        case 1:  // overpay the insurer's share
            guard let id = pick(issuedInvoices) else { return false }
            let invoice = invoices[id]!
            let excess = invoice.payerBalance + int(1...10_000)
            try refusal("overpay", "insurance \(excess) when the insurer owes \(invoice.payerBalance)", ["the insurer owes"]) {
                _ = try store.takePayment(patientID: invoice.patient, invoiceID: id,
                                          parts: [TenderLine(.insurance, excess, reference: "CLM-X")], by: actor)
            }
        case 2:  // refund more than is refundable
            guard let id = pick(paymentOrder) else { return false }
            let payment = payments[id]!
            let amount = refundable(payment) + int(1...50_000)
            // Beyond what is left of the receipt, or within it but beyond what can still be taken back (a spent deposit).
            let message = amount > payment.total - payment.refunded ? "left to refund" : "is still refundable"
            try refusal("over-refund", "\(amount) of \(id.prefix(8)) (refundable \(refundable(payment)))", [message]) {
                _ = try store.refund(id, parts: [TenderLine(.card, amount)], reason: "Too much", authorizedBy: approval, by: actor)
            }
        case 3:  // pay a draft (or a paid or void invoice)
            guard let id = pick(invoiceOrder.filter({ invoices[$0]!.status != .issued })) else { return false }
            let invoice = invoices[id]!
            let message = invoice.status == .draft ? "issue it before taking payment" : "it is \(invoice.status.rawValue)"
            try refusal("pay not issued", "\(invoice.status.rawValue) invoice", [message]) {
                _ = try store.takePayment(patientID: invoice.patient, invoiceID: id, parts: [TenderLine(.cash, 100)], by: actor)
            }
        case 4:  // pay (or refund) without an open shift: the other cashier is off the counter
            if let id = pick(paymentOrder.filter({ refundable(payments[$0]!) > 0 })), chance(0.4) {
                try refusal("no shift", "refund by \(idle.username)", ["open a shift first: no shift, no payment"]) {
                    _ = try store.refund(id, parts: [TenderLine(.card, 1)], reason: "No shift", authorizedBy: approval, by: idle)
                }
            } else {
                let patient = pick(patients)!
                let target = pick(issuedInvoices.filter { invoices[$0]!.patient == patient && invoices[$0]!.patientBalance > 0 })
                try refusal("no shift", "payment by \(idle.username)", ["open a shift first: no shift, no payment"]) {
                    _ = try store.takePayment(patientID: patient, invoiceID: target, parts: [TenderLine(.cash, 1)], by: idle)
                }
            }
        case 5:  // apply more deposit than the account holds
            guard let id = pick(issuedInvoices.filter({ invoices[$0]!.patientBalance > 0 })) else { return false }
            let invoice = invoices[id]!
            let amount = max(credit[invoice.patient]!, invoice.patientBalance) + int(1...1_000)
            try refusal("over-apply", "\(amount) with \(credit[invoice.patient]!) on account", ["on account"]) {
                try store.applyDeposit(patientID: invoice.patient, invoiceID: id, amountMinor: amount, by: actor)
            }
        case 6:  // an insurance deposit
            try refusal("bad tender", "insurance as a deposit", ["an insurance settlement pays an invoice, not a deposit"]) {
                _ = try store.takePayment(patientID: pick(patients)!, parts: [TenderLine(.insurance, 1_000, reference: "CLM-D")], by: actor)
            }
        case 7:  // less cash tendered than the cash amount, or mobile money without a reference
            if chance(0.5) {
                try refusal("bad tender", "tendered below the cash", ["is less than the cash amount"]) {
                    _ = try store.takePayment(patientID: pick(patients)!, parts: [TenderLine(.cash, 5_000)], tenderedMinor: 4_999, by: actor)
                }
            } else {
                try refusal("bad tender", "mobile money without reference", ["needs its reference"]) {
                    _ = try store.takePayment(patientID: pick(patients)!, parts: [TenderLine(.mobileMoney, 5_000, reference: "  ")], by: actor)
                }
            }
        case 8:  // a counter charge onto an invoice that is not a draft (or is another patient's)
            guard let id = pick(invoiceOrder.filter({ invoices[$0]!.status != .draft })) else { return false }
            let invoice = invoices[id]!
            try refusal("charge onto non-draft", "\(invoice.status.rawValue) invoice", ["services are added to this patient's draft invoice only"]) {
                _ = try store.addCounterCharge(patientID: invoice.patient, code: "LAB", toInvoice: id, by: actor)
            }
        default:  // pay another patient's invoice
            guard let id = pick(issuedInvoices) else {
                try refusal("bad tender", "nothing paid", ["enter what is paid"]) {
                    _ = try store.takePayment(patientID: pick(patients)!, parts: [], by: actor)
                }
                return true
            }
            let other = patients.first { $0 != invoices[id]!.patient }!
            try refusal("wrong patient", "paying another patient's invoice", ["it is another patient's"]) {
                _ = try store.takePayment(patientID: other, invoiceID: id, parts: [TenderLine(.card, 1)], by: actor)
            }
        }
        return true
    }

    // MARK: The comparison

    func check() throws {
        var problems: [String] = []
        func expect<T: Equatable>(_ actual: T, _ expected: T, _ what: @autoclosure () -> String) {
            if actual != expected { problems.append("\(what()): store \(actual), model \(expected)") }
        }

        // Each invoice, read through the store.
        for id in invoiceOrder {
            let model = invoices[id]!
            let detail = try store.invoiceDetail(id)
            let stored = detail.invoice
            let label = "invoice \(model.number.map { "\($0)" } ?? String(id.prefix(8)))"
            expect(stored.status, model.status, "\(label) status")
            expect(stored.subtotalMinor, model.subtotal, "\(label) subtotal")
            expect(stored.discountMinor, model.discount, "\(label) discount")
            expect(stored.patientShareMinor, model.patientShare, "\(label) patient share")
            expect(stored.payerShareMinor, model.payerShare, "\(label) payer share")
            expect(stored.patientPaidMinor, model.patientPaid, "\(label) patient paid")
            expect(stored.payerPaidMinor, model.payerPaid, "\(label) payer paid")
            expect(stored.patientBalanceMinor, model.patientBalance, "\(label) patient balance")
            expect(stored.payerBalanceMinor, model.payerBalance, "\(label) payer balance")
            expect(stored.number, model.number.map { FacilityStore.documentNumber("INV", Int64($0)) }, "\(label) number")
            expect(stored.policyID != nil, model.insured, "\(label) policy")
            expect(Set(detail.lines.map(\.chargeID)), Set(model.charges), "\(label) lines")
            expect(detail.lines.reduce(0) { $0 + $1.amountMinor }, model.subtotal, "\(label) lines' total")
            if stored.status == .paid { expect(stored.paidAt != nil, true, "\(label) paid_at") }
        }
        for patient in patients {
            expect(try store.accountCredit(of: patient), credit[patient]!, "account credit of \(name(patient))")
            let open = chargeOrder.filter { charges[$0]!.patient == patient && charges[$0]!.status == "open" }
            let stored = try store.openCharges(of: patient)
            expect(stored.count, open.count, "open charges of \(name(patient))")
            expect(stored.amountMinor, open.reduce(0) { $0 + charges[$1]!.amount }, "open charges' amount of \(name(patient))")
        }
        expect(try store.outstandingInvoices().map(\.invoice.invoiceID).sorted(),
               invoiceOrder.filter { invoices[$0]!.status == .issued }.sorted(), "outstanding invoices")

        // Shifts through the store: each one's report, and the sum of all of them.
        var shiftsNet: Int64 = 0
        for (index, model) in shifts.enumerated() {
            let report = try store.shiftReport(model.id)
            expect(report.shift.number, index + 1, "shift \(index + 1) number")
            expect(report.shift.status, model.closed ? .closed : .open, "shift \(index + 1) status")
            expect(report.shift.floatMinor, model.float, "shift \(index + 1) float")
            expect(report.shift.handoverFrom, model.handoverFrom, "shift \(index + 1) handover")
            expect(report.expectedCashMinor, model.drawer, "shift \(index + 1) expected cash")
            if model.closed {
                expect(report.shift.expectedCashMinor, model.expected, "shift \(index + 1) expected at close")
                expect(report.shift.countedCashMinor, model.counted, "shift \(index + 1) counted")
                expect(report.shift.floatLeftMinor, model.floatLeft, "shift \(index + 1) float left")
                expect(report.shift.overShortMinor, model.counted.map { $0 - model.expected! }, "shift \(index + 1) over/short")
            }
            shiftsNet += report.byMethod.reduce(0) { $0 + $1.inMinor - $1.outMinor }
        }
        expect(try store.shifts(from: CalendarDay("2026-01-01")!, to: CalendarDay("2027-12-31")!).map(\.shift.shiftID),
               shifts.reversed().map(\.id), "shifts, newest first")
        expect(try store.pendingHandovers().map(\.shiftID).sorted(),
               shifts.filter { $0.closed && !$0.takenOver && ($0.floatLeft ?? 0) > 0 }.map(\.id).sorted(), "pending handovers")

        // Collections through the store.
        let modelNet = PaymentMethod.allCases.reduce(Int64(0)) { $0 + methodIn[$1, default: 0] - methodOut[$1, default: 0] }
        let collections = try store.collections(from: CalendarDay("2026-01-01")!, to: CalendarDay("2027-12-31")!)
        expect(collections.netMinor, modelNet, "collections net")
        expect(shiftsNet, modelNet, "Σ shifts' net")
        expect(collections.byCashier.reduce(0) { $0 + $1.netMinor }, modelNet, "collections by cashier, net")
        for method in PaymentMethod.allCases {
            let line = collections.byMethod.first { $0.name == method.title }
            expect(line?.inMinor ?? 0, methodIn[method, default: 0], "collections in by \(method.rawValue)")
            expect(line?.outMinor ?? 0, methodOut[method, default: 0], "collections out by \(method.rawValue)")
        }

        // Invariants straight from the tables.
        try db.read { db in
            func zero(_ sql: String, _ what: String) throws {
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))")!
                if n != 0 { problems.append("\(what): \(n) row(s)") }
            }
            var sqlIn: [PaymentMethod: Int64] = [:], sqlOut: [PaymentMethod: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.method, p.kind, sum(m.amount_minor) AS total FROM payments p
                JOIN payment_methods m ON m.payment_id = p.payment_id GROUP BY m.method, p.kind
                """) {
                let method = PaymentMethod(rawValue: row["method"])!
                if (row["kind"] as String) == "payment" { sqlIn[method] = row["total"] } else { sqlOut[method] = row["total"] }
            }
            for method in PaymentMethod.allCases {
                expect(sqlIn[method] ?? 0, methodIn[method] ?? 0, "payment_methods in by \(method.rawValue)")
                expect(sqlOut[method] ?? 0, methodOut[method] ?? 0, "payment_methods out by \(method.rawValue)")
            }
            // Receipts: RCT-000001… gap-free, in the order they were taken.
            let receiptRows = try Row.fetchAll(db, sql: "SELECT payment_id, receipt_number FROM payments ORDER BY receipt_number")
            expect(receiptRows.map { $0["receipt_number"] as String },
                   (0..<receipts.count).map { FacilityStore.documentNumber("RCT", Int64($0 + 1)) }, "receipt numbers")
            expect(receiptRows.map { $0["payment_id"] as String }, receipts, "receipts in order")
            // Invoice numbers: INV-000001… gap-free, in issue order.
            let invoiceRows = try Row.fetchAll(db, sql: "SELECT invoice_id, number FROM invoices WHERE number IS NOT NULL ORDER BY number")
            expect(invoiceRows.map { $0["number"] as String },
                   (0..<issued.count).map { FacilityStore.documentNumber("INV", Int64($0 + 1)) }, "invoice numbers")
            expect(invoiceRows.map { $0["invoice_id"] as String }, issued, "invoices in issue order")
            expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoices")!, invoiceOrder.count, "invoices")
            // Charges as the model has them.
            var stored: [String: (String, String?, Int64)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT charge_id, status, invoice_id, amount_minor FROM charges") {
                stored[row["charge_id"]] = (row["status"], row["invoice_id"], row["amount_minor"])
            }
            expect(Set(stored.keys), Set(chargeOrder), "charges")
            for id in chargeOrder {
                guard let (status, invoice, amount) = stored[id] else { continue }
                let model = charges[id]!
                expect(status, model.status, "charge \(id.prefix(8)) status")
                expect(invoice, model.invoice, "charge \(id.prefix(8)) invoice")
                expect(amount, model.amount, "charge \(id.prefix(8)) amount")
            }
            try zero("""
                SELECT l.charge_id FROM invoice_lines l JOIN invoices i ON i.invoice_id = l.invoice_id
                WHERE i.status <> 'void' GROUP BY l.charge_id HAVING count(*) > 1
                """, "charges on more than one live invoice")
            try zero("""
                SELECT 1 FROM charges c WHERE (c.status = 'invoiced') <> (c.invoice_id IS NOT NULL)
                OR (c.invoice_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.invoice_id = l.invoice_id
                    WHERE l.charge_id = c.charge_id AND i.invoice_id = c.invoice_id AND i.status <> 'void'))
                OR (c.status <> 'invoiced' AND EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.invoice_id = l.invoice_id
                    WHERE l.charge_id = c.charge_id AND i.status <> 'void'))
                """, "charges out of step with their live invoice")
            // Invoices: paid exactly at zero balances, nothing paid beyond a share, paid = what was allocated.
            try zero("""
                SELECT 1 FROM invoices WHERE status IN ('issued', 'paid')
                AND (status = 'paid') <> (patient_paid_minor = patient_share_minor AND payer_paid_minor = payer_share_minor)
                """, "invoices paid ≠ both balances zero")
            try zero("""
                SELECT 1 FROM invoices WHERE patient_paid_minor > patient_share_minor OR payer_paid_minor > payer_share_minor
                OR patient_paid_minor < 0 OR payer_paid_minor < 0
                OR patient_share_minor + payer_share_minor <> subtotal_minor - discount_minor
                OR subtotal_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM invoice_lines l WHERE l.invoice_id = invoices.invoice_id)
                """, "invoices paid beyond a share, or shares not adding up")
            try zero("""
                SELECT 1 FROM invoices i WHERE
                i.patient_paid_minor <> (SELECT coalesce(sum(CASE p.kind WHEN 'refund' THEN -a.amount_minor ELSE a.amount_minor END), 0)
                    FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
                    WHERE a.invoice_id = i.invoice_id AND a.share = 'patient')
                OR i.payer_paid_minor <> (SELECT coalesce(sum(CASE p.kind WHEN 'refund' THEN -a.amount_minor ELSE a.amount_minor END), 0)
                    FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
                    WHERE a.invoice_id = i.invoice_id AND a.share = 'payer')
                """, "invoices whose paid amounts differ from their allocations")
            // Receipts: total = its methods = its allocations; change = tendered − cash; refunds within the payment.
            try zero("""
                SELECT 1 FROM payments p WHERE
                p.total_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM payment_methods m WHERE m.payment_id = p.payment_id)
                OR p.total_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocations a WHERE a.payment_id = p.payment_id)
                OR (p.tendered_minor IS NOT NULL AND p.change_minor <> p.tendered_minor
                    - (SELECT coalesce(sum(amount_minor), 0) FROM payment_methods m WHERE m.payment_id = p.payment_id AND m.method = 'cash'))
                """, "receipts whose total, methods, allocations or change disagree")
            try zero("""
                SELECT 1 FROM payments o WHERE o.kind = 'payment'
                AND (SELECT coalesce(sum(total_minor), 0) FROM payments r WHERE r.refund_of = o.payment_id) > o.total_minor
                """, "payments refunded beyond their total")
            try zero("""
                SELECT 1 FROM payment_allocations a LEFT JOIN payments p ON p.payment_id = a.payment_id
                GROUP BY a.patient_id HAVING sum(CASE WHEN a.share <> 'account' THEN 0
                    WHEN p.kind = 'refund' THEN -a.amount_minor ELSE a.amount_minor END) < 0
                """, "accounts below nothing")
            // Shifts: the close is float + cash in − cash out, over/short = counted − expected.
            try zero("""
                SELECT 1 FROM cashier_shifts s WHERE s.status = 'closed' AND (
                  s.expected_cash_minor <> s.float_minor + (SELECT coalesce(sum(CASE p.kind WHEN 'payment' THEN m.amount_minor
                      ELSE -m.amount_minor END), 0) FROM payments p JOIN payment_methods m ON m.payment_id = p.payment_id
                      WHERE p.shift_id = s.shift_id AND m.method = 'cash')
                  OR s.over_short_minor <> s.counted_cash_minor - s.expected_cash_minor)
                """, "closed shifts whose expected cash or over/short is off")
            try zero("""
                SELECT 1 FROM cashier_shifts s JOIN cashier_shifts prev ON prev.shift_id = s.handover_from
                WHERE s.float_minor <> prev.float_left_minor
                """, "handovers whose float is not what was left")
            try zero("SELECT cashier_id FROM cashier_shifts WHERE status = 'open' GROUP BY cashier_id HAVING count(*) > 1",
                     "cashiers with two open shifts")
            try zero("SELECT 1 FROM payments p JOIN cashier_shifts s ON s.shift_id = p.shift_id WHERE s.cashier_id <> p.cashier_id",
                     "receipts in another cashier's shift")
            // Every amount an integer.
            let amounts = [
                ("invoices", ["subtotal_minor", "discount_minor", "payer_share_minor", "patient_share_minor", "patient_paid_minor", "payer_paid_minor"]),
                ("invoice_lines", ["unit_amount_minor", "amount_minor"]),
                ("payments", ["total_minor", "tendered_minor", "change_minor"]),
                ("payment_methods", ["amount_minor"]), ("payment_allocations", ["amount_minor"]), ("charges", ["amount_minor"]),
                ("cashier_shifts", ["float_minor", "expected_cash_minor", "counted_cash_minor", "over_short_minor", "float_left_minor"]),
            ]
            for (table, columns) in amounts {
                let condition = columns.map { "(\($0) IS NOT NULL AND typeof(\($0)) <> 'integer')" }.joined(separator: " OR ")
                try zero("SELECT 1 FROM \(table) WHERE \(condition)", "\(table) amounts that are not integers")
            }
        }
        if !problems.isEmpty { throw mismatch(problems.joined(separator: "\n")) }
    }

    // MARK: Descriptions

    func name(_ patient: String) -> String { patient == insuredPatient ? "baraka" : "amina" }
    func describe(_ parts: [TenderLine]) -> String {
        parts.map { "\($0.method.rawValue) \($0.amountMinor)" }.joined(separator: " + ")
    }
}
