// A form of labelled one-line fields: Tab or Enter moves on, Ctrl-S saves, each problem shows beside its field.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// One field of a form: the text field, a hint, and the names validation errors use for it.
package struct FormField {
    package var input: TextField
    package let hint: String
    /// `ValidationError.field` values that belong to this field (the store's field names).
    package let errorKeys: [String]
    /// The field's name: the first of its error keys, the store's name for what it holds.
    package var name: String { errorKeys[0] }

    /// For a choice field: the options, one of which is always the text (←/→ or a first letter picks).
    package private(set) var choices: [String] = []

    package init(_ label: String, maxLength: Int, hint: String = "", errorKeys: [String] = [], text: String = "", masked: Bool = false) {
        input = TextField(label, maxLength: maxLength, masked: masked)
        input.text = text
        self.hint = hint
        self.errorKeys = errorKeys.isEmpty ? [label.lowercased()] : errorKeys
    }

    /// A field that holds one of `choices` (the first unless `selected` names another).
    package static func choice(_ label: String, _ choices: [String], selected: String? = nil, hint: String = "",
                       errorKeys: [String] = []) -> FormField {
        var field = FormField(label, maxLength: max(1, choices.map(\.count).max() ?? 1),
                              hint: hint.isEmpty ? "←/→ or first letter to choose" : hint, errorKeys: errorKeys,
                              text: selected.flatMap { choices.contains($0) ? $0 : nil } ?? choices.first ?? "")
        field.choices = choices
        field.input.moveToStart()
        return field
    }

    /// Gives a choice field new options (another field's choice narrowed them), keeping the current
    /// one when it is still among them, else the first.
    package mutating func replaceChoices(_ options: [String]) {
        input.text = options.contains(input.text) ? input.text : options.first ?? ""
        choices = options
        input.moveToStart()
    }

    /// Changes a choice field for `key`; false when the key is not for it.
    package mutating func choose(_ key: Key) -> Bool {
        guard let current = choices.firstIndex(of: input.text) ?? (choices.isEmpty ? nil : 0) else { return false }
        switch key {
        case .right, .character(" "):
            input.text = choices[(current + 1) % choices.count]
        case .left:
            input.text = choices[(current + choices.count - 1) % choices.count]
        case .character(let c):
            // The next option (after the current one) starting with the letter typed.
            let letter = String(c).lowercased()
            let order = (1...choices.count).map { (current + $0) % choices.count }
            guard let next = order.first(where: { choices[$0].lowercased().hasPrefix(letter) }) else { return true }
            input.text = choices[next]
        default:
            return false
        }
        input.moveToStart()
        return true
    }
}

/// A form screen. `save` gets the field texts (by name, or in order); it returns the reaction on success or
/// throws; a `ValidationError` (bare or in a `StoreError`) is shown beside its field.
package final class FormScreen: Screen {
    package let title: String
    package let keymap = Keymaps.form
    package private(set) var fields: [FormField]
    package private(set) var focus = 0
    private var error: (field: Int?, text: String)?
    private let intro: String?
    private let save: (_ values: FormValues, _ context: ShellContext) throws -> Reaction
    /// Called after a choice field changed (its index), to narrow the choices of fields that depend on it.
    package var choiceChanged: ((_ fields: inout [FormField], _ changed: Int) -> Void)?

    package init(title: String, intro: String? = nil, fields: [FormField],
         save: @escaping (_ values: FormValues, _ context: ShellContext) throws -> Reaction) {
        self.title = title
        self.intro = intro
        self.fields = fields
        self.save = save
    }

    package var values: [String] { fields.map(\.input.text) }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        if let intro {
            // A form's intro says what happens on save, so it is shown whole; only on a screen too
            // short for it (a third of the area) is it cut, and then it ends in "…", never silently.
            let lines = TextWidth.wrap(intro, to: buffer.width - 4)
            let shown = max(2, area.count / 3)
            for (index, line) in lines.prefix(shown).enumerated() {
                let cut = index == shown - 1 && lines.count > shown
                buffer.put(cut ? String(line.dropLast()) + "…" : line, row: row, column: 2, style: .muted, maxWidth: buffer.width - 4)
                row += 1
            }
            row += 1
        }
        let labelWidth = min(24, (fields.map { TextWidth.of($0.input.label) }.max() ?? 10) + 2)
        let fieldWidth = min(40, buffer.width - labelWidth - 6)
        // Long forms scroll so that the focused field stays on screen.
        let room = max(1, area.upperBound - row - 2)
        let first = max(0, min(focus - room / 2, fields.count - room))
        for index in first..<min(fields.count, first + room) {
            let field = fields[index]
            let cursor = field.input.draw(into: &buffer, row: row, column: 2, labelWidth: labelWidth, fieldWidth: fieldWidth)
            let note = error?.field == index ? error!.text : (index == focus ? field.hint : "")
            if !note.isEmpty, buffer.width > labelWidth + fieldWidth + 6 {
                buffer.put(note, row: row, column: 3 + labelWidth + fieldWidth, style: error?.field == index ? .error : .muted,
                           maxWidth: buffer.width - labelWidth - fieldWidth - 4)
            }
            if index == focus { buffer.cursor = (row, cursor) }
            row += 1
        }
        if let error {
            // Also in full under the form: a message beside a field may be cut at 80 columns.
            buffer.put(error.field.map { "\(fields[$0].input.label): \(error.text)" } ?? error.text, row: area.upperBound - 1,
                       column: 2, style: .error, maxWidth: buffer.width - 4)
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.saveForm.id:
            return submit(context: context)
        case Commands.nextField.id where key == .enter && focus == fields.count - 1:
            return submit(context: context)
        case Commands.nextField.id, Commands.previousField.id:
            focus = Selection.moved(focus, by: command, count: fields.count, wraps: true) ?? focus
            return .redraw
        default:
            if !fields[focus].choices.isEmpty {
                guard fields[focus].choose(key) else { return .none }
                choiceChanged?(&fields, focus)
                return .redraw
            }
            if fields[focus].input.edit(key) {
                if error?.field == focus { error = nil }
                return .redraw
            }
            return .none
        }
    }

    private func submit(context: ShellContext) -> Reaction {
        do {
            error = nil
            return try save(FormValues(fields), context)
        } catch let failure {
            let validation: ValidationError?
            switch failure {
            case let v as ValidationError: validation = v
            case StoreError.invalid(let v): validation = v
            default: validation = nil
            }
            if let validation {
                let index = fields.firstIndex { $0.errorKeys.contains(validation.field.lowercased()) }
                if let index { focus = index }
                error = (index, index == nil ? validation.description : validation.message)
            } else {
                error = (nil, StoreError.sentence(for: failure))
            }
            return .redraw
        }
    }
}
