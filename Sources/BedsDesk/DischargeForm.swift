// The discharge form: disposition and note, the bill it leaves, and a supervisor's say-so when money is still owed.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

package enum DischargeForm {
    package static let dispositions: [(String, Disposition)] = Disposition.allCases.map { ($0.title, $0) }

    package static func make(admission: Admission, bed: BoardBed?, context: ShellContext) -> any Screen {
        let who = bed?.patientName ?? "the patient"
        let preview: DischargePreview
        do {
            preview = try context.store.beds.dischargePreview(admissionID: admission.admissionID)
        } catch {
            return MessageScreen(title: "Discharge", text: StoreError.sentence(for: error))
        }
        let bill = (preview.daysToPost == 0 ? "Bill " : "Bill with \(preview.daysToPost) last bed-day(s) (\(context.money(preview.amountToPostMinor))): ")
            + "\(context.money(preview.balance.owedMinor)); deposit \(context.money(preview.balance.depositMinor))"
            + (preview.balance.dueMinor > 0 ? "; \(context.money(preview.balance.dueMinor)) owed." : "; nothing owed.")
        let fields: [FormField] = [
            .choice("Disposition", dispositions.map(\.0), hint: "How the stay ends"),
            FormField("Note", maxLength: 500, hint: "optional"),
        ]
        let place = bed.map { " from \($0.wardCode) \($0.label)" } ?? ""
        func discharge(_ values: FormValues, _ authorization: Authorization?, _ reason: String, _ actor: Actor) throws -> String {
            let disposition = dispositions.first { $0.0 == values["disposition"] }?.1 ?? .home
            let done = try context.store.beds.discharge(DischargeRequest(
                admissionID: admission.admissionID, disposition: disposition, note: values["note"], authorization: authorization,
                authorizationReason: reason), by: actor)
            let owed = done.balanceAtDischargeMinor ?? 0
            return "\(who) discharged (\(disposition.title.lowercased()))" + place
                + (owed > 0 ? "; \(context.money(owed)) left owing." : ".") + (bed.map { " \($0.wardCode) \($0.label) needs cleaning." } ?? "")
        }
        if preview.needsSupervisor {
            return SupervisorForm.make(title: "Discharge", intro: "Discharge \(who)\(place). \(bill) A supervisor must authorise it.",
                                       action: "a discharge", extra: fields) { values, authorization, reason, actor in
                try discharge(values, authorization, reason, actor)
            }
        }
        return FormScreen(title: "Discharge", intro: "Discharge \(who)\(place). \(bill) Ctrl-S discharges.", fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            return .done(popping: 1, notice: try discharge(values, nil, "", actor))
        }
    }
}
