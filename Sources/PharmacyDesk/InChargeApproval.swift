// The pharmacist in charge's say-so on a form (adjustments, counts): nothing to type when they are the one signed in.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore

/// The fields a form adds for the pharmacist in charge's approval, and the approval read from them.
struct InChargeApproval {
    /// The signed-in user is the pharmacist in charge: their own session approves.
    let isInCharge: Bool
    let fields: [FormField]

    init(context: ShellContext) {
        let settings = try? context.store.pharmacy.settings()
        isInCharge = settings?.inChargeUserID != nil && settings?.inChargeUserID == context.session?.actor.userID
        fields = isInCharge ? [] : [
            FormField("In charge", maxLength: 32, hint: "username of \(settings?.inChargeName ?? "the pharmacist in charge")",
                      errorKeys: ["in charge", "approval"]),
            FormField("Password", maxLength: 128, hint: "typed by them", masked: true),
        ]
    }

    /// Nil when the signed-in user is in charge; else their password checked now (a refusal stands beside the field).
    func approval(_ values: FormValues, context: ShellContext) throws -> Authorization? {
        guard !isInCharge else { return nil }
        if PasswordText.unreadable(values["password"]) != nil {
            throw ValidationError("password", "has bytes this terminal could not read as UTF-8; type it again")
        }
        do {
            return try context.store.pharmacy.authorizeInCharge(username: values["in charge"], password: values["password"],
                                                                 terminal: context.terminalName)
        } catch {
            throw ValidationError("in charge", StoreError.sentence(for: error))
        }
    }
}
