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

    /// A check of this field alone, run on save for every field before the form's own save, so
    /// that every field's problem shows at once (beside each field), not one per save.
    package var check: (@Sendable (String) throws -> Void)?

    /// This field with `check` run on save (a thrown `ValidationError`'s message shows beside it).
    package func checked(by check: @escaping @Sendable (String) throws -> Void) -> FormField {
        var field = self
        field.check = check
        return field
    }

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
/// throws; a `ValidationError` (bare or in a `StoreError`) is shown beside its field. Each field's own
/// `check` runs first, for every field, so all their problems show together.
package final class FormScreen: Screen {
    package let title: String
    package let keymap = Keymaps.form
    package private(set) var fields: [FormField]
    package private(set) var focus = 0
    /// Problems beside fields, by field index; `formError` is one no field owns.
    package private(set) var errors: [Int: String] = [:]
    private var formError: String?
    private let intro: String?
    private let initialValues: [String]
    private let save: (_ values: FormValues, _ context: ShellContext) throws -> Reaction
    /// Called after a choice field changed (its index), to narrow the choices of fields that depend on it.
    package var choiceChanged: ((_ fields: inout [FormField], _ changed: Int) -> Void)?

    package init(title: String, intro: String? = nil, fields: [FormField],
         save: @escaping (_ values: FormValues, _ context: ShellContext) throws -> Reaction) {
        self.title = title
        self.intro = intro
        self.fields = fields
        self.save = save
        initialValues = fields.map(\.input.text)
    }

    package var values: [String] { fields.map(\.input.text) }

    /// Something was typed since the form opened: Esc (or a desk key) asks before throwing it away.
    package var hasUnsavedChanges: Bool { values != initialValues }

    /// ←/→ choose only on a choice field; elsewhere they move the cursor and are not offered.
    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        guard command == Commands.nextChoice || command == Commands.previousChoice else { return true }
        return fields.indices.contains(focus) && !fields[focus].choices.isEmpty
    }

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
        // Boxes no wider than the longest text a field takes, and leaving about 30 columns beside them for a
        // problem or a hint (a longer text scrolls in its box): what stands beside a field should read whole.
        // A choice is never cut: its box holds the longest option.
        let longest = fields.map(\.input.maxLength).max() ?? 40
        let longestChoice = fields.filter { !$0.choices.isEmpty }.map(\.input.maxLength).max() ?? 0
        let fieldWidth = max(4, min(40, longest + 1, max(16, longestChoice + 1, buffer.width - labelWidth - 36)))
        let noteColumn = 3 + labelWidth + fieldWidth
        let noteWidth = buffer.width - noteColumn - 1
        // The problem under the form; else the focused field's hint when it is too long to stand whole beside it.
        let bottom: (text: String, isError: Bool)? = bottomText.map { ($0, true) }
            ?? note(for: focus).flatMap { TextWidth.of($0.text) > noteWidth ? ($0.text, false) : nil }
        let bottomLines = bottom.map { min(3, TextWidth.wrap($0.text, to: buffer.width - 4).count) } ?? 0
        // Long forms scroll so that the focused field stays on screen.
        let room = max(1, area.upperBound - row - 1 - max(1, bottomLines))
        let first = max(0, min(focus - room / 2, fields.count - room))
        for index in first..<min(fields.count, first + room) {
            let field = fields[index]
            let cursor = field.input.draw(into: &buffer, row: row, column: 2, labelWidth: labelWidth, fieldWidth: fieldWidth)
            if let note = note(for: index), noteWidth > 4 {
                // Beside the field, shortened at a word when long (never cut mid-word); it is whole under the form.
                buffer.put(TextWidth.shortened(note.text, to: noteWidth), row: row, column: noteColumn, style: note.style)
            }
            if index == focus { buffer.cursor = (row, cursor) }
            row += 1
        }
        if let bottom {
            if bottom.isError {
                NoticeLines.draw(bottom.text, isError: true, into: &buffer, area: area, width: buffer.width - 4, maxLines: 3)
            } else {
                let lines = NoticeLines.fitted(bottom.text, width: buffer.width - 4, maxLines: 3)
                NoticeLines.draw(bottom.text, style: .muted, into: &buffer, row: area.upperBound - lines.count, width: buffer.width - 4,
                                 maxLines: 3)
            }
        }
    }

    /// What stands beside field `index`: its problem, else (when focused) the length limit it hit or its hint.
    private func note(for index: Int) -> (text: String, style: Style)? {
        guard fields.indices.contains(index) else { return nil }
        if let error = errors[index] { return (error, .error) }
        guard index == focus else { return nil }
        if fields[index].input.refusedAtLimit { return (fields[index].input.limitNote, .warning) }
        return fields[index].hint.isEmpty ? nil : (fields[index].hint, .muted)
    }

    /// The problem shown whole under the form: one no field owns, else the focused field's (or
    /// the first one's), with a count of the others.
    private var bottomText: String? {
        if let formError { return formError }
        guard let index = errors[focus] != nil ? focus : errors.keys.min(), let text = errors[index] else { return nil }
        let others = errors.count - 1
        let more = others == 0 ? "" : " (\(others) more field\(others == 1 ? "" : "s") to correct, marked beside them.)"
        return "\(fields[index].input.label.trimmingCharacters(in: .whitespaces)): \(text)" + more
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
                errors[focus] = nil
                choiceChanged?(&fields, focus)
                return .redraw
            }
            if fields[focus].input.edit(key) {
                errors[focus] = nil
                return .redraw
            }
            return .none
        }
    }

    private func submit(context: ShellContext) -> Reaction {
        errors = [:]
        formError = nil
        for (index, field) in fields.enumerated() {
            guard let check = field.check else { continue }
            do { try check(field.input.text) } catch { record(error) { _ in index } }
        }
        if !errors.isEmpty {
            focus = errors.keys.min() ?? focus
            return .redraw
        }
        do {
            return try save(FormValues(fields), context)
        } catch let failure {
            record(failure) { validation in self.fields.firstIndex { $0.errorKeys.contains(validation.field.lowercased()) } }
            if let index = errors.keys.min() { focus = index }
            return .redraw
        }
    }

    /// Puts `failure` beside the field `index` names, or under the form.
    private func record(_ failure: any Error, index: (ValidationError) -> Int?) {
        let validation: ValidationError?
        switch failure {
        case let v as ValidationError: validation = v
        case StoreError.invalid(let v): validation = v
        default: validation = nil
        }
        guard let validation else {
            formError = StoreError.sentence(for: failure)
            return
        }
        if let at = index(validation) {
            errors[at] = validation.message
        } else {
            formError = validation.description
        }
    }
}
