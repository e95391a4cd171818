// The model test's invalid operations: each must be refused with its message and change nothing.
import Foundation
import FrontDeskCore
import GRDB
import XCTest

@testable import FrontDeskStore

extension CashierModelRun {
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
                _ = try store.cashier.takePayment(patientID: invoice.patient, invoiceID: id, parts: parts, by: actor)
            }
        case 1:  // overpay the insurer's share
            guard let id = pick(issuedInvoices) else { return false }
            let invoice = invoices[id]!
            let excess = invoice.payerBalance + int(1...10_000)
            try refusal("overpay", "insurance \(excess) when the insurer owes \(invoice.payerBalance)", ["the insurer owes"]) {
                _ = try store.cashier.takePayment(patientID: invoice.patient, invoiceID: id,
                                          parts: [TenderLine(.insurance, excess, reference: "CLM-X")], by: actor)
            }
        case 2:  // refund more than is refundable
            guard let id = pick(paymentOrder) else { return false }
            let payment = payments[id]!
            let amount = refundable(payment) + int(1...50_000)
            // Beyond what is left of the receipt, or within it but beyond what can still be taken back (a spent deposit).
            let message = remittances.contains(id) ? "is an insurer's remittance"
                : (amount > payment.total - payment.refunded ? "left to refund" : "is still refundable")
            try refusal("over-refund", "\(amount) of \(id.prefix(8)) (refundable \(refundable(payment)))", [message]) {
                _ = try store.cashier.refund(id, parts: [TenderLine(.card, amount)], reason: "Too much", authorizedBy: approval, by: actor)
            }
        case 3:  // pay a draft (or a paid or void invoice)
            guard let id = pick(invoiceOrder.filter({ invoices[$0]!.status != .issued })) else { return false }
            let invoice = invoices[id]!
            let message = invoice.status == .draft ? "issue it before taking payment" : "it is \(invoice.status.rawValue)"
            try refusal("pay not issued", "\(invoice.status.rawValue) invoice", [message]) {
                _ = try store.cashier.takePayment(patientID: invoice.patient, invoiceID: id, parts: [TenderLine(.cash, 100)], by: actor)
            }
        case 4:  // pay (or refund) without an open shift: the other cashier is off the counter
            if let id = pick(paymentOrder.filter({ refundable(payments[$0]!) > 0 })), chance(0.4) {
                try refusal("no shift", "refund by \(idle.username)", ["open a shift first: no shift, no payment"]) {
                    _ = try store.cashier.refund(id, parts: [TenderLine(.card, 1)], reason: "No shift", authorizedBy: approval, by: idle)
                }
            } else {
                let patient = pick(patients)!
                let target = pick(issuedInvoices.filter { invoices[$0]!.patient == patient && invoices[$0]!.patientBalance > 0 })
                try refusal("no shift", "payment by \(idle.username)", ["open a shift first: no shift, no payment"]) {
                    _ = try store.cashier.takePayment(patientID: patient, invoiceID: target, parts: [TenderLine(.cash, 1)], by: idle)
                }
            }
        case 5:  // apply more deposit than the account holds
            guard let id = pick(issuedInvoices.filter({ invoices[$0]!.patientBalance > 0 })) else { return false }
            let invoice = invoices[id]!
            let amount = max(credit[invoice.patient]!, invoice.patientBalance) + int(1...1_000)
            try refusal("over-apply", "\(amount) with \(credit[invoice.patient]!) on account", ["on account"]) {
                try store.cashier.applyDeposit(patientID: invoice.patient, invoiceID: id, amountMinor: amount, by: actor)
            }
        case 6:  // an insurance deposit
            try refusal("bad tender", "insurance as a deposit", ["an insurance settlement pays an invoice, not a deposit"]) {
                _ = try store.cashier.takePayment(patientID: pick(patients)!, parts: [TenderLine(.insurance, 1_000, reference: "CLM-D")], by: actor)
            }
        case 7:  // less cash tendered than the cash amount, or mobile money without a reference
            if chance(0.5) {
                try refusal("bad tender", "tendered below the cash", ["is less than the cash amount"]) {
                    _ = try store.cashier.takePayment(patientID: pick(patients)!, parts: [TenderLine(.cash, 5_000)], tenderedMinor: 4_999, by: actor)
                }
            } else {
                try refusal("bad tender", "mobile money without reference", ["needs its reference"]) {
                    _ = try store.cashier.takePayment(patientID: pick(patients)!, parts: [TenderLine(.mobileMoney, 5_000, reference: "  ")], by: actor)
                }
            }
        case 8:  // a counter charge onto an invoice that is not a draft (or is another patient's)
            guard let id = pick(invoiceOrder.filter({ invoices[$0]!.status != .draft })) else { return false }
            let invoice = invoices[id]!
            try refusal("charge onto non-draft", "\(invoice.status.rawValue) invoice", ["services are added to this patient's draft invoice only"]) {
                _ = try store.cashier.addCounterCharge(patientID: invoice.patient, code: "LAB", toInvoice: id, by: actor)
            }
        default:  // pay another patient's invoice
            guard let id = pick(issuedInvoices) else {
                try refusal("bad tender", "nothing paid", ["enter what is paid"]) {
                    _ = try store.cashier.takePayment(patientID: pick(patients)!, parts: [], by: actor)
                }
                return true
            }
            let other = patients.first { $0 != invoices[id]!.patient }!
            try refusal("wrong patient", "paying another patient's invoice", ["it is another patient's"]) {
                _ = try store.cashier.takePayment(patientID: other, invoiceID: id, parts: [TenderLine(.card, 1)], by: actor)
            }
        }
        return true
    }
}
