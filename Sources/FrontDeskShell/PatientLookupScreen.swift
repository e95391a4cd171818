// The registration desk's first screen, Ctrl-F from any desk, and every desk's patient picker: one box that finds a patient by any key.
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// Type a name, an MRN, a phone (or its last digits), a birth date, or an initial and the
/// last digits; results update as you type, best first. Enter opens the patient.
package final class PatientLookupScreen: Screen {
    package let title: String
    package let keymap: Keymap
    /// When set, Enter hands the chosen patient to this (check in, book) instead of opening the record.
    private let pick: ((_ patientID: String, _ context: ShellContext) -> Reaction)?
    private var box = TextField("Find", maxLength: 80)
    private let runner: LookupRunner
    private var result = PatientSearchResult.empty
    private var shownText = ""
    private var selected = 0
    private var failure: String?
    /// What the desks offer on the typed text (register a new patient).
    private let actions: [LookupAction]
    /// Only finds and picks: no new patient, no last patient (the duplicate a merge folds in).
    private let findsOnly: Bool

    package init(context: ShellContext, title: String = "Find or register a patient", findsOnly: Bool = false,
         pick: ((_ patientID: String, _ context: ShellContext) -> Reaction)? = nil) {
        self.title = title
        self.pick = pick
        self.findsOnly = findsOnly
        runner = LookupRunner(store: context.store)
        actions = context.desks.flatMap(\.lookupActions)
        keymap = Keymaps.lookup(context.desks)
    }

    /// Ctrl-F's lookup (or a desk's first screen): Enter opens the record; not a desk's picker.
    package var isFinder: Bool { pick == nil }

    package var isWaiting: Bool { runner.isWaiting }

    package func isAvailable(_ command: Command, context: ShellContext) -> Bool {
        !findsOnly || !(command == Commands.recallPatient || actions.contains { $0.binding.command == command })
    }

    package func poll() -> Bool {
        guard let (text, outcome) = runner.take() else { return false }
        // A refresh (another terminal committed) keeps the selected patient selected.
        let wasSelected = text == shownText && result.hits.indices.contains(selected) ? result.hits[selected].patientID : nil
        shownText = text
        switch outcome {
        case .success(let found):
            result = found
            failure = nil
        case .failure(let error):
            result = .empty
            failure = StoreError.sentence(for: error)
        }
        selected = wasSelected.flatMap { id in result.hits.firstIndex { $0.patientID == id } } ?? 0
        return true
    }

    package func reload(context: ShellContext) {
        // A registration or an edit (here or at another terminal) may change the results.
        if !box.text.isEmpty { runner.search(box.text) }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        var row = area.lowerBound
        let cursor = box.draw(into: &buffer, row: row, column: 2, labelWidth: 6, fieldWidth: buffer.width - 10)
        row += 1
        let hint = "Name parts, MRN, phone (or last 4+ digits), birth date, initial + last 4"
        if box.refusedAtLimit {
            buffer.put("The box takes \(box.limitNote): the rest was not typed in.", row: row, column: 2, style: .warning,
                       maxWidth: buffer.width - 4)
        } else if let failure {
            // Two lines (the blank one under it too): a refusal is read whole, never cut mid-word.
            NoticeLines.draw(failure, style: .error, into: &buffer, row: row, width: buffer.width - 4)
        } else if let notice = result.notice, shownText == box.text {
            NoticeLines.draw(notice, style: .warning, into: &buffer, row: row, width: buffer.width - 4)
        } else {
            buffer.put(hint, row: row, column: 2, style: .muted, maxWidth: buffer.width - 4)
        }
        row += 2
        buffer.put(PatientText.header(), row: row, column: 2, style: .title, maxWidth: buffer.width - 4)
        row += 1
        let room = area.upperBound - row - 1
        let today = context.today
        ListRows.draw(result.hits, selected: selected, top: row, room: room, width: buffer.width - 4, into: &buffer) {
            (PatientText.line($0, today: today), .normal)
        }
        let status: String
        if box.text.isEmpty {
            status = context.lastPatientID == nil || findsOnly ? "Start typing to find a patient." : "Ctrl-R opens the last patient again."
        } else if runner.isWaiting || shownText != box.text {
            status = "Searching…"
        } else if result.hits.isEmpty {
            let offer = actions.first {
                context.allows($0.binding.command) && isAvailable($0.binding.command, context: context) && $0.hintWhenNothingFound != nil
            }?.hintWhenNothingFound
            status = offer.map { "No patient found. " + $0 } ?? "No patient found."
        } else {
            let merged = result.hits[selected].foundByMergedMRN.map { "  (\($0) was merged into this record)" } ?? ""
            status = "\(result.hits.count)\(result.truncated ? "+" : "") found\(merged)"
        }
        buffer.put(status, row: area.upperBound - 1, column: 2, style: .muted, maxWidth: buffer.width - 4)
        buffer.cursor = (area.lowerBound, cursor)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch command?.id {
        case Commands.open.id:
            // Enter right after a key: wait for that lookup (milliseconds) rather than ignore the key.
            if shownText != box.text, runner.wait(upTo: 2) { _ = poll() }
            guard shownText == box.text, result.hits.indices.contains(selected) else { return .none }
            if let pick { return pick(result.hits[selected].patientID, context) }
            return .push(PatientSummaryScreen(patientID: result.hits[selected].patientID, context: context))
        case Commands.recallPatient.id:
            guard let last = context.lastPatientID else { return .none }
            return .push(PatientSummaryScreen(patientID: last, context: context))
        case Commands.moveUp.id, Commands.moveDown.id:
            selected = Selection.moved(selected, by: command, count: result.hits.count) ?? selected
            return .redraw
        default:
            if let command, let action = actions.first(where: { $0.binding.command == command }) {
                return action.run(box.text, context)
            }
            let before = box.text
            guard box.edit(key) else { return .none }
            if box.text == before { return .redraw }
            if box.text.trimmingCharacters(in: .whitespaces).isEmpty {
                runner.search("")
                result = .empty
                shownText = box.text
            } else {
                runner.search(box.text)
            }
            return .redraw
        }
    }
}
