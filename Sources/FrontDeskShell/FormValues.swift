// What a form's save gets: the typed texts, in order and by field name.

/// The texts of a form's fields. Read them by name (`values["fee code"]`): a field's name is
/// the field name the store's validation uses for it (its first error key), so a refusal
/// lands beside the field it names. Reading by position still works for forms not yet moved.
package struct FormValues: RandomAccessCollection {
    private let texts: [String]
    private let names: [String]

    package init(_ fields: [FormField]) {
        texts = fields.map(\.input.text)
        names = fields.map(\.name)
    }

    package var startIndex: Int { texts.startIndex }
    package var endIndex: Int { texts.endIndex }
    package subscript(position: Int) -> String { texts[position] }

    /// The text of the field named `name`. A name no field has is a programming error.
    package subscript(name: String) -> String {
        guard let index = names.firstIndex(of: name) else { preconditionFailure("no form field is named \(name)") }
        return texts[index]
    }

    /// The texts in order.
    package var all: [String] { texts }
}
