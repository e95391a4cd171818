// A form a supervisor completes on the spot (refunds, voids, discounts): their name, password and a reason.
import FrontDeskCore
import FrontDeskStore

package enum SupervisorForm {
    /// `extra` fields come first (an amount, a method); `act` gets the form's values (by name), the checked authorisation
    /// and the reason, and returns the notice for the screen below.
    package static func make(title: String, intro: String, action: String, extra: [FormField] = [],
                     act: @escaping (_ values: FormValues, _ authorization: Authorization, _ reason: String, _ actor: Actor) throws -> String)
        -> any Screen
    {
        let fields = extra + [
            FormField("Supervisor", maxLength: 32, hint: "username of the supervisor authorising"),
            FormField("Password", maxLength: 128, hint: "typed by the supervisor", errorKeys: ["password"], masked: true),
            FormField("Reason", maxLength: 200, hint: "kept with the entry"),
        ]
        return FormScreen(title: title, intro: intro + " Nothing is deleted; the supervisor and the reason are recorded.",
                          fields: fields) { values, context in
            guard let actor = context.session?.actor else { return .none }
            let reason = values["reason"].trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else { throw ValidationError("reason", "is required") }
            if PasswordText.unreadable(values["password"]) != nil {
                throw ValidationError("password", "has bytes this terminal could not read as UTF-8; type it again")
            }
            let authorization = try context.store.cashier.authorize(username: values["supervisor"], password: values["password"], action: action,
                                                            terminal: context.terminalName)
            return .done(popping: 1, notice: try act(values, authorization, reason, actor))
        }
    }
}
