// Taking money: any mix of cash (with the change worked out), card, mobile money, bank transfer and insurance.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum PaymentForm {
    /// With an invoice, pays it (insurance settles the payer's share); without, takes a deposit on account.
    package static func make(patientID: String, invoice: Invoice?, context: ShellContext) -> any Screen {
        // Each amount checked on its own too, so that every bad amount shows at once on save.
        let minor = context.facility.currencyMinorUnits
        var fields = [
            FormField("Cash", maxLength: 14, hint: "amount paid in cash").checkedAsAmount(minorUnits: minor),
            FormField("Tendered", maxLength: 14, hint: "cash handed over, for the change", errorKeys: ["tendered"])
                .checkedAsAmount(minorUnits: minor),
            FormField("Card", maxLength: 14).checkedAsAmount(minorUnits: minor),
            FormField("Card ref", maxLength: 64, hint: "approval code (optional)"),
            FormField("Mobile money", maxLength: 14).checkedAsAmount(minorUnits: minor),
            FormField("M-money ref", maxLength: 64, hint: "transaction code (required)"),
            FormField("Bank transfer", maxLength: 14).checkedAsAmount(minorUnits: minor),
            FormField("Transfer ref", maxLength: 64, hint: "bank reference (required)"),
        ]
        let insured = (invoice?.payerBalanceMinor ?? 0) > 0
        if insured {
            fields += [FormField("Insurance", maxLength: 14, hint: "the insurer's settlement").checkedAsAmount(minorUnits: minor),
                       FormField("Claim ref", maxLength: 64, hint: "claim number (required)")]
        }
        let intro: String
        if let invoice {
            intro = "\(invoice.number ?? "Invoice"): the patient owes \(CashierText.money(invoice.patientBalanceMinor, context))"
                + (insured ? ", \(invoice.payer ?? "the insurer") owes \(CashierText.money(invoice.payerBalanceMinor, context))" : "")
                + ". Split across methods as paid."
        } else {
            intro = "A deposit on the patient's account, applied to later invoices."
        }
        return FormScreen(title: invoice == nil ? "Deposit" : "Payment", intro: intro, fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            func amount(_ field: String) throws -> Int64 { try CashierText.amount(values[field], field: field, context) }
            var parts: [TenderLine] = []
            let cash = try amount("cash")
            if cash > 0 { parts.append(TenderLine(.cash, cash)) }
            let card = try amount("card")
            if card > 0 { parts.append(TenderLine(.card, card, reference: values["card ref"])) }
            let mobile = try amount("mobile money")
            if mobile > 0 { parts.append(TenderLine(.mobileMoney, mobile, reference: values["m-money ref"])) }
            let bank = try amount("bank transfer")
            if bank > 0 { parts.append(TenderLine(.bankTransfer, bank, reference: values["transfer ref"])) }
            if insured {
                let claim = try amount("insurance")
                if claim > 0 { parts.append(TenderLine(.insurance, claim, reference: values["claim ref"])) }
            }
            let tendered = try amount("tendered")
            let receipt = try context.store.cashier.takePayment(patientID: patientID, invoiceID: invoice?.invoiceID, parts: parts,
                                                        tenderedMinor: tendered > 0 ? tendered : nil, by: actor)
            // The insurer's part is a remittance of its own: said here, never added to the patient's receipt.
            let notice = receipt.remittance.map {
                "The insurer's \(CashierText.money($0.totalMinor, context)) is on remittance \($0.receiptNumber), not in the drawer."
            }
            return .replace(popping: 1, with: ReceiptView.screen(paymentID: receipt.payment.paymentID, notice: notice, context: context))
        }
    }
}
