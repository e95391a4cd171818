// The model test's steps: each does one thing at the counter to the store and to the reference model.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

extension CashierModelRun {
    // MARK: Steps

    func start() throws {
        let float = int(0...50) * 10_000
        let shift = try accepted("open shift", "float \(float)") { try store.cashier.openShift(floatMinor: float, by: actor) }
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
        let given = !drafts.isEmpty && chance(0.3) ? pick(drafts) : nil
        // Without an invoice named, a service goes on the patient's newest draft (never a second draft).
        let onto = given ?? drafts.last
        let charge = try accepted("charge", "\(fee.code) for \(name(patient))\(onto.map { " onto draft \($0.prefix(8))" } ?? "")") {
            try store.cashier.addCounterCharge(patientID: patient, code: fee.code, toInvoice: given, by: actor)
        }
        guard charge.invoiceID == onto else { throw mismatch("charge: on \(charge.invoiceID ?? "no invoice"), expected \(onto ?? "none")") }
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
                _ = try store.cashier.draftInvoice(patientID: patient, by: actor)
            }
        }
        let draft = try accepted("invoice", "draft of \(open.count) charge(s) for \(name(patient))") {
            try store.cashier.draftInvoice(patientID: patient, by: actor)
        }
        // A patient's draft gathers their open charges: one invoice, not a second draft.
        if let existing = invoiceOrder.last(where: { invoices[$0]!.status == .draft && invoices[$0]!.patient == patient }) {
            guard draft.invoiceID == existing else { throw mismatch("invoice: a second draft \(draft.invoiceID) beside \(existing)") }
            event("open charges gathered onto the patient's draft")
            for id in open {
                charges[id]!.status = "invoiced"
                charges[id]!.invoice = existing
            }
            invoices[existing]!.charges += open
            invoices[existing] = recalculated(invoices[existing]!)!
            return
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
        let invoice = try accepted("issue", "\(id.prefix(8))") { try store.cashier.issueInvoice(id, by: actor) }
        issued.append(id)
        invoices[id]!.number = issued.count
        invoices[id]!.status = .issued
        invoices[id] = settled(invoices[id]!)
        if invoices[id]!.status == .paid { event("invoice paid on issue (discounted to nothing)") }
        guard invoice.number == CashierStore.documentNumber("INV", Int64(issued.count)) else {
            throw mismatch("issue: number \(invoice.number ?? "nil"), expected the \(issued.count)th")
        }
    }

    var issuedInvoices: [String] { invoiceOrder.filter { invoices[$0]!.status == .issued } }

    func pay(_ id: String, _ parts: [TenderLine], tendered: Int64?, op: String) throws {
        let invoice = invoices[id]!
        let receipt = try accepted(op, "\(describe(parts)) tendered \(tendered.map { "\($0)" } ?? "-") on \(invoice.number.map { "\($0)" } ?? "?") (\(name(invoice.patient)) owes \(invoice.patientBalance)+\(invoice.payerBalance))") {
            try store.cashier.takePayment(patientID: invoice.patient, invoiceID: id, parts: parts, tenderedMinor: tendered, by: actor)
        }
        let insurance = parts.filter { $0.method == .insurance }.reduce(0) { $0 + $1.amountMinor }
        let patientPart = parts.reduce(0) { $0 + $1.amountMinor } - insurance
        invoices[id]!.patientPaid += patientPart
        invoices[id]!.payerPaid += insurance
        invoices[id] = settled(invoices[id]!)
        // The patient's money is a receipt; the insurer's a remittance of its own (REM-…), never on the receipt.
        var remittance = receipt.remittance
        if patientPart > 0 {
            payments[receipt.payment.paymentID] = ModelPayment(
                patient: invoice.patient, invoice: id, total: patientPart, patientNet: patientPart, payerNet: 0, accountNet: 0)
            paymentOrder.append(receipt.payment.paymentID)
            record(parts.filter { $0.method != .insurance }, kind: .payment, paymentID: receipt.payment.paymentID)
            try checkReceipt(receipt, parts: parts.filter { $0.method != .insurance }, tendered: tendered)
        } else {
            remittance = receipt.payment
        }
        guard (remittance != nil) == (insurance > 0) else { throw mismatch("remittance \(String(describing: remittance)) for insurance \(insurance)") }
        if let remittance {
            payments[remittance.paymentID] = ModelPayment(
                patient: invoice.patient, invoice: id, total: insurance, patientNet: 0, payerNet: insurance, accountNet: 0)
            paymentOrder.append(remittance.paymentID)
            record(parts.filter { $0.method == .insurance }, kind: .payment, paymentID: remittance.paymentID, remittance: true)
            let expected = CashierStore.documentNumber("REM", Int64(remittances.count))
            guard remittance.receiptNumber == expected, remittance.totalMinor == insurance, remittance.tenderedMinor == nil else {
                throw mismatch("remittance \(remittance.receiptNumber), expected \(expected) of \(insurance): \(remittance)")
            }
        }
    }

    func checkReceipt(_ receipt: Receipt, parts: [TenderLine], tendered: Int64?) throws {
        let cash = parts.filter { $0.method == .cash }.reduce(0) { $0 + $1.amountMinor }
        let expectedNumber = CashierStore.documentNumber("RCT", Int64(receipts.count))
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
            try store.cashier.takePayment(patientID: patient, parts: parts, tenderedMinor: tendered, by: actor)
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
            try store.cashier.applyDeposit(patientID: invoice.patient, invoiceID: id, amountMinor: amount, by: actor)
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
            try store.cashier.refund(id, parts: parts, reason: "Returned at the counter", authorizedBy: approval, by: actor)
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
                _ = try store.cashier.voidInvoice(id, reason: "Again", authorizedBy: approval, by: actor)
            }
        }
        if invoice.patientPaid > invoice.fromDeposit || invoice.payerPaid > 0 {
            return try refusal("void invoice", what, ["money has been paid on it; refund that first"]) {
                _ = try store.cashier.voidInvoice(id, reason: "Wrong patient", authorizedBy: approval, by: actor)
            }
        }
        try accepted("void invoice", what) { try store.cashier.voidInvoice(id, reason: "Wrong patient", authorizedBy: approval, by: actor) }
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
                try store.cashier.voidCharge(id, reason: "Posted in error", authorizedBy: approval, by: actor)
            }
        }
        try accepted("void charge", "open charge of \(charge.amount)") {
            try store.cashier.voidCharge(id, reason: "Posted in error", authorizedBy: approval, by: actor)
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
                _ = try store.cashier.setDiscount(id, amountMinor: amount, reason: "Staff", authorizedBy: approval, by: actor)
            }
        }
        var next = invoice
        next.discount = amount
        guard let after = recalculated(next) else {
            return try refusal("discount", what, ["more than that has already been paid; refund first"]) {
                _ = try store.cashier.setDiscount(id, amountMinor: amount, reason: "Staff", authorizedBy: approval, by: actor)
            }
        }
        let stored = try accepted("discount", what) {
            try store.cashier.setDiscount(id, amountMinor: amount, reason: "Staff", authorizedBy: approval, by: actor)
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
            try store.cashier.closeShift(count: count, floatLeftMinor: floatLeft, note: delta == 0 ? nil : "Recounted", by: actor)
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
            _ = try store.cashier.takePayment(patientID: patients[0], parts: [TenderLine(.cash, 100)], by: actor)
        }
        active = 1 - active
        let shift: CashierShift
        if floatLeft > 0, chance(0.75) {
            if chance(0.3) {
                try refusal("change shift", "handover miscounted", ["Count again, or call a supervisor"]) {
                    _ = try store.cashier.acceptHandover(from: closed.id, countedFloatMinor: floatLeft + 100, by: actor)
                }
            }
            shift = try accepted("change shift", "handover of \(floatLeft)") {
                try store.cashier.acceptHandover(from: closed.id, countedFloatMinor: floatLeft, by: actor)
            }
            shifts[shifts.count - 1].takenOver = true
            event("handover accepted")
            shifts.append(ModelShift(id: shift.shiftID, cashier: active, float: floatLeft, handoverFrom: closed.id))
        } else {
            let float = int(0...50) * 10_000
            shift = try accepted("change shift", "open with float \(float)") { try store.cashier.openShift(floatMinor: float, by: actor) }
            shifts.append(ModelShift(id: shift.shiftID, cashier: active, float: float, handoverFrom: nil))
        }
        guard shift.number == shifts.count, shift.cashierID == actor.userID else {
            throw mismatch("new shift: number \(shift.number) cashier \(shift.cashierID), expected \(shifts.count)")
        }
        try refusal("change shift", "a second open shift", ["is still open; close it first"]) {
            _ = try store.cashier.openShift(floatMinor: 0, by: actor)
        }
        if let taken = shifts.dropLast().last(where: { $0.takenOver }), chance(0.3) {
            try refusal("change shift", "a handover taken twice", ["was already taken over"]) {
                _ = try store.cashier.acceptHandover(from: taken.id, countedFloatMinor: taken.floatLeft ?? 0, by: idle)
            }
        }
    }
}
