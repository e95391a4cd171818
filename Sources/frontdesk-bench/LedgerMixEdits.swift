// The ledger mix's less frequent commits: edits of patients' details, refunds, and the cashier's shift changes.
import Foundation
import FrontDeskCore
import FrontDeskStore

extension LedgerMixEngine {
    /// A registration clerk's edit: new phone or address (a full update), an allergy, or a next of kin.
    func edit() throws {
        guard let patientID = patients.randomElement(using: &random) else { return }
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 50, var changed = details[patientID] {
            if roll < 30 {
                changed.phone = "+2547" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &random))
            } else {
                changed.address = "P.O. Box \(Int.random(in: 100...99_999, using: &random)), Nairobi"
            }
            if try attempt("edit", { try store.updatePatient(patientID, with: changed, by: staff.clerk) }) != nil {
                details[patientID] = changed
            }
        } else if roll < 75 {
            let substance = ["Penicillin", "Sulfonamides", "Peanuts", "Latex", "Aspirin", "Codeine"].randomElement(using: &random)!
            let severity = PatientAllergy.Severity.allCases.randomElement(using: &random)!
            _ = try attempt("allergy", {
                try store.addAllergy(NewAllergy(substance: substance, reaction: "rash", severity: severity), to: patientID, by: staff.clerk)
            })
        } else {
            let name = ["Wanjiru Kamau", "Otieno Ouma", "Amina Hassan", "Kofi Mensah", "Grace Njeri"].randomElement(using: &random)!
            let phone = "+2547" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &random))
            _ = try attempt("contact", {
                try store.addContact(NewContact(kind: .nextOfKin, name: name, relationship: "sibling", phone: phone),
                                     to: patientID, by: staff.clerk)
            })
        }
    }

    /// A part refund of a recent payment, authorised on the spot by the supervisor (a password check: rare).
    func refund() throws {
        let pick = Int.random(in: 0..<payments.count, using: &random)
        let amount = min(payments[pick].left, 10_000)
        let approval = try store.cashier.authorize(username: MixStaff.supervisor, password: MixStaff.password, action: "a refund")
        let paymentID = payments[pick].id
        if try attempt("refund", {
            try store.cashier.refund(paymentID, parts: [TenderLine(.cash, amount)], reason: "charged twice",
                                     authorizedBy: approval, by: staff.cashier)
        }) != nil {
            payments[pick].left -= amount
        }
        if payments[pick].left <= 0 { payments.remove(at: pick) }
    }

    /// The cashier's shift closed with a count and a new one opened: two commits.
    func changeShift() throws {
        _ = try attempt("close_shift", {
            try store.cashier.closeShift(count: [100_000: Int.random(in: 5...40, using: &random), 5_000: 3], floatLeftMinor: 0,
                                         by: staff.cashier)
        })
        _ = try attempt("open_shift", { try store.cashier.openShift(floatMinor: 500_000, by: staff.cashier) })
        paymentsThisShift = 0
        payments.removeAll()  // refunds are of this shift's payments
    }
}
