// What a form's save gets: the typed texts, by field name.

/// The texts of a form's fields, read by name (`values["fee code"]`): a field's name is the
/// field name the store's validation uses for it (its first error key), so a refusal lands
/// beside the field it names. There is no reading by position: adding a field to a form can
/// never shift what another field's code reads.
package struct FormValues {
    private let texts: [String]
    private let names: [String]

    package init(_ fields: [FormField]) {
        texts = fields.map(\.input.text)
        names = fields.map(\.name)
    }

    /// The text of the field named `name` (the first, when a group of fields shares it). A name no
    /// field has is a programming error.
    package subscript(name: String) -> String {
        guard let index = names.firstIndex(of: name) else { preconditionFailure("no form field is named \(name)") }
        return texts[index]
    }

    /// The texts of every field named `name`, in order: a group of like fields (one per denomination).
    package func texts(named name: String) -> [String] {
        zip(names, texts).filter { $0.0 == name }.map(\.1)
    }

    /// Whether the form has a field named `name` (forms that add fields for some uses).
    package func has(_ name: String) -> Bool { names.contains(name) }

    /// The texts in order, for a form's change check (did anything change at all).
    package var all: [String] { texts }
}
