// The cashier's small forms: a service by code, a discount and a refund (both with a supervisor).
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum CashierForms {
    package static func addService(patientID: String, invoiceID: String?) -> any Screen {
        FormScreen(title: "Add a service", intro: "A service from the fee schedule, at today's rate.", fields: [
            FormField("Code", maxLength: 32, hint: "fee code or name, e.g. XRAY or chest"),
            FormField("Quantity", maxLength: 3, text: "1").checkedAsWholeNumber(1...999, message: "type a number of 1 or more"),
        ]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            guard let quantity = Int64(values["quantity"].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("quantity", "'\(values["quantity"])' is not a number")
            }
            let charge = try context.store.cashier.addCounterCharge(patientID: patientID, code: values["code"], quantity: quantity,
                                                            toInvoice: invoiceID, by: actor)
            let onto = charge.invoiceID == nil ? "" : invoiceID == nil ? " to the patient's draft invoice" : ""
            return .done(popping: 1, notice: "Added \(charge.description) \(CashierText.money(charge.amountMinor, context))\(onto).")
        }
    }

    package static func discount(_ invoice: Invoice, context: ShellContext) -> any Screen {
        SupervisorForm.make(title: "Discount", intro: "A discount on \(invoice.number ?? "the draft") (subtotal \(CashierText.money(invoice.subtotalMinor, context))).",
                            action: "a discount",
                            extra: [FormField("Amount", maxLength: 14, hint: "0 removes the discount", errorKeys: ["amount", "discount"])
                                .checkedAsAmount(minorUnits: context.facility.currencyMinorUnits)]) { values, authorization, reason, actor in
            let amount = try CashierText.amount(values["amount"], field: "amount", context)
            let changed = try context.store.cashier.setDiscount(invoice.invoiceID, amountMinor: amount, reason: reason,
                                                        authorizedBy: authorization, by: actor)
            return "Discount \(CashierText.money(amount, context)) (authorised by \(authorization.displayName)); the patient pays \(CashierText.money(changed.patientShareMinor, context))."
        }
    }

    /// A refund of `payment`, the amount field filled with what is still refundable (`refundable`).
    package static func refund(_ payment: Payment, refundable: Int64, context: ShellContext) -> any Screen {
        let methods = PaymentMethod.allCases.filter { $0 != .insurance }
        let left = refundable < payment.totalMinor ? "; \(CashierText.money(refundable, context)) left to refund" : ""
        return SupervisorForm.make(
            title: "Refund \(payment.receiptNumber)",
            intro: "Refund from \(payment.receiptNumber) (\(CashierText.money(payment.totalMinor, context))\(left)) out of your shift's drawer.",
            action: "a refund",
            extra: [
                FormField("Amount", maxLength: 14, text: CashierText.plain(refundable, context))
                    .checkedAsAmount(minorUnits: context.facility.currencyMinorUnits),
                .choice("Paid back by", methods.map(\.title), errorKeys: ["method"]),
                FormField("Reference", maxLength: 64, hint: "for mobile money or a transfer"),
            ]) { values, authorization, reason, actor in
            let amount = try CashierText.amount(values["amount"], field: "amount", context)
            let method = methods.first { $0.title == values["method"] } ?? .cash
            let refund = try context.store.cashier.refund(payment.paymentID, parts: [TenderLine(method, amount, reference: values["reference"])],
                                                  reason: reason, authorizedBy: authorization, by: actor)
            return "Refund \(refund.payment.receiptNumber): \(CashierText.money(amount, context)) \(method.title.lowercased()), authorised by \(authorization.displayName)."
        }
    }
}
