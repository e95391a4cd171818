// Facility settings an administrator changes from a terminal: idle lock, phone country, MRN format, long wait.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// The settings on this screen, in the order of its fields: names for the fields, not positions.
private enum Setting: Int, CaseIterable {
    case idleLock, phoneCountry, mrnPrefix, mrnYear, mrnDigits, longWait
}

private extension Array where Element == String {
    subscript(setting: Setting) -> String { self[setting.rawValue] }
}

/// Admin-only. Tab, Enter or the arrows move between fields; Ctrl-S lists what changes, asks, then saves.
package final class SettingsScreen: Screen {
    package let title = "Facility settings"
    package let keymap = Keymaps.settings
    private var fields = [
        TextField("Idle lock (minutes)", maxLength: 3),
        TextField("Phone country code", maxLength: 3),
        TextField("MRN prefix", maxLength: 6),
        TextField("MRN with year (y/n)", maxLength: 1),
        TextField("MRN sequence digits", maxLength: 2),
        TextField("Long wait (minutes)", maxLength: 3),
    ]
    private let notes = [
        "Every terminal locks after this many minutes without a key (1-120).",
        "Local numbers (0712…) are read with it, e.g. 254.",
        "Letters before the number, 0 to 6 (a site code, or MR).",
        "y puts the year of registration after the prefix.",
        "4 to 10. Issued MRNs never change; new ones use the new format.",
        "Queue boards flag patients waiting this long to be called (5-600).",
    ]
    private var focus = Setting.idleLock.rawValue
    private var saved: [String] = []
    private var message: (text: String, isError: Bool)?

    package init(context: ShellContext) {
        let format = (try? context.store.mrnFormat()) ?? .standard
        let values = [
            String((try? context.store.idleLockMinutes()) ?? FacilityStore.defaultIdleLockMinutes),
            ((try? context.store.phoneCountryCode()) ?? nil) ?? "",
            format.prefix, format.includesYear ? "y" : "n", String(format.sequenceDigits),
            String((try? context.store.queue.longWaitMinutes()) ?? QueueStore.defaultLongWaitMinutes),
        ]
        for (index, value) in values.enumerated() { fields[index].text = value }
        saved = values
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound + 1
        for (index, field) in fields.enumerated() {
            let cursor = field.draw(into: &buffer, row: row, column: 2, labelWidth: 22, fieldWidth: 8)
            if index == focus { buffer.cursor = (row, cursor) }
            buffer.put(notes[index], row: row + 1, column: 4, style: .muted, maxWidth: buffer.width - 6)
            row += 2
        }
        let typed = fields.map(\.text)
        let format = MRNFormat(prefix: typed[.mrnPrefix].uppercased(), includesYear: typed[.mrnYear].lowercased() == "y",
                               sequenceDigits: Int(typed[.mrnDigits]) ?? 0)
        if (4...10).contains(format.sequenceDigits) {
            buffer.put("New MRNs will look like \(format.mrn(sequence: 1, year: context.today.year)).", row: row, column: 2,
                       maxWidth: buffer.width - 4)
        }
        if let message {
            NoticeLines.draw(message.text, isError: message.isError, into: &buffer, area: area, width: buffer.width - 4)
        }
    }

    /// Something typed and not saved: Esc asks before throwing it away.
    package var hasUnsavedChanges: Bool { fields.map(\.text) != saved }

    /// Each changed setting, old value to new, in full: what the save question lists.
    private var changes: [String] {
        Setting.allCases.compactMap { setting in
            let old = saved[setting], typed = fields[setting.rawValue].text
            // As it will be stored: the prefix in capitals, y/n in small letters.
            let new = setting == .mrnPrefix ? typed.uppercased() : setting == .mrnYear ? typed.lowercased() : typed
            guard old != new else { return nil }
            let label = fields[setting.rawValue].label
            return "\(label): \(old.isEmpty ? "(none)" : old) → \(new.isEmpty ? "(none)" : new)"
        }
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.save.id:
            let changes = changes
            guard !changes.isEmpty else {
                message = ("Nothing changed.", false)
                return .redraw
            }
            // Saving asks first, naming each new value whole.
            return .push(ConfirmScreen(command: Commands.save, question: "Save these settings? " + changes.joined(separator: "; ") + ".") {
                [weak self] in
                self?.save(context: context)
                return .pop
            })
        case Commands.nextField.id, Commands.previousField.id:
            focus = Selection.moved(focus, by: command, count: fields.count, wraps: true) ?? focus
            return .redraw
        default:
            if case .character(let c) = key, !accepts(c, field: focus) { return .none }
            if fields[focus].edit(key) { message = nil; return .redraw }
            return .none
        }
    }

    private func accepts(_ c: Character, field: Int) -> Bool {
        switch Setting(rawValue: field) {
        case .mrnPrefix: return c.isASCII && c.isLetter
        case .mrnYear: return "yYnN".contains(c)
        default: return c.isASCII && c.isNumber
        }
    }

    /// Saves each setting that changed, in order; stops at the first refusal and says why.
    private func save(context: ShellContext) {
        guard let actor = context.session?.actor else { return }
        let values = fields.map(\.text)
        var done: [String] = []
        do {
            if values[.idleLock] != saved[.idleLock] {
                guard let minutes = Int(values[.idleLock]) else {
                    focus = Setting.idleLock.rawValue
                    message = ("Idle lock: type a whole number of minutes, 1 to 120.", true)
                    return
                }
                try context.store.setIdleLockMinutes(minutes, by: actor)
                done.append("terminals lock after \(minutes) minutes without a key")
            }
            if values[.phoneCountry] != saved[.phoneCountry], !values[.phoneCountry].isEmpty {
                focus = Setting.phoneCountry.rawValue
                try context.store.setPhoneCountryCode(values[.phoneCountry], by: actor)
                done.append("local phones are read as +\(values[.phoneCountry])")
            }
            if [values[.mrnPrefix], values[.mrnYear], values[.mrnDigits]] != [saved[.mrnPrefix], saved[.mrnYear], saved[.mrnDigits]] {
                focus = Setting.mrnPrefix.rawValue
                let format = MRNFormat(prefix: values[.mrnPrefix], includesYear: values[.mrnYear].lowercased() == "y",
                                       sequenceDigits: Int(values[.mrnDigits]) ?? 0)
                try context.store.setMRNFormat(format, by: actor)
                done.append("new MRNs are \(try context.store.mrnFormat().summary)")
            }
            if values[.longWait] != saved[.longWait] {
                focus = Setting.longWait.rawValue
                guard let minutes = Int(values[.longWait]) else {
                    message = ("Long wait: type a whole number of minutes, 5 to 600.", true)
                    return
                }
                try context.store.queue.setLongWaitMinutes(minutes, by: actor)
                done.append("boards flag waits of \(minutes) minutes")
            }
            saved = values
            message = done.isEmpty ? ("Nothing changed.", false) : ("Saved: " + done.joined(separator: "; ") + ".", false)
        } catch {
            message = ((done.isEmpty ? "" : "Saved: " + done.joined(separator: "; ") + ". ") + StoreError.sentence(for: error), true)
        }
    }
}
