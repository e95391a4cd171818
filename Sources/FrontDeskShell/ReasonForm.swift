// A one-field form asking why (cancel, left unseen): nothing happens without a reason.
import FrontDeskStore

package enum ReasonForm {
    /// `act` does the change with the reason typed and returns the notice for the screen below.
    package static func make(title: String, intro: String, hint: String,
                     act: @escaping (_ reason: String, _ actor: Actor) throws -> String) -> any Screen {
        FormScreen(title: title, intro: intro + " Ctrl-S confirms; Esc leaves it as it was.",
                   fields: [FormField("Reason", maxLength: 200, hint: hint)]) { values, context in
            guard let actor = context.session?.actor else { return .none }
            return .done(popping: 1, notice: try act(values["reason"], actor))
        }
    }
}
