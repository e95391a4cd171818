// Who is offered elderly at check-in: an age the facility sets (65 unless told), read from the birth date.
import Foundation
import FrontDeskCore

extension QueueStore {
    /// The age from which a patient goes ahead of others of their priority as elderly.
    public static let defaultElderlyAge = 65
    public static let elderlyAgeRange = 50...90

    public func elderlyAge() throws -> Int {
        try store.setting("queue_elderly_age").flatMap { Int($0) } ?? Self.defaultElderlyAge
    }

    public func setElderlyAge(_ years: Int, by actor: Actor) throws {
        guard Self.elderlyAgeRange.contains(years) else {
            throw StoreError.invalid(ValidationError("elderly age", "must be 50 to 90 years"))
        }
        try store.setSettings(["queue_elderly_age": String(years)], by: actor)
    }

    /// What check-in offers for a patient's needs, from their age on `day`: elderly is the default
    /// from the facility's age, and is not offered below it when the birth date is exact (an
    /// estimated or missing one leaves it to reception). Disabled is always offered.
    public func assistanceOffer(dob: String?, estimated: Bool, on day: CalendarDay) throws -> AssistanceOffer {
        let from = try elderlyAge()
        guard let age = dob.flatMap { CalendarDay($0) }?.years(until: day) else {
            return AssistanceOffer(choices: [nil, .elderly, .disabled], suggested: nil)
        }
        if age >= from { return AssistanceOffer(choices: [nil, .elderly, .disabled], suggested: .elderly) }
        return AssistanceOffer(choices: estimated ? [nil, .elderly, .disabled] : [nil, .disabled], suggested: nil)
    }
}

/// The needs check-in offers a patient (none first), and the one it suggests.
public struct AssistanceOffer: Sendable, Equatable {
    public let choices: [QueueAssistance?]
    public let suggested: QueueAssistance?

    public init(choices: [QueueAssistance?], suggested: QueueAssistance?) {
        self.choices = choices
        self.suggested = suggested
    }
}
