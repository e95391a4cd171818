// The last step of a merge: the two records side by side, what differs marked, y merges.
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

/// Before a supervisor folds `duplicate` into `survivor`: identity (birth dates, IDs, phones),
/// allergies and details of both, then each desk's summary lines of both (balances, visits:
/// through the desks' `patientSections`, so no desk is imported here). Rows that differ are
/// marked "≠" (and in the warning colour). y merges; n or Esc goes back to the reason.
package final class MergeConfirmScreen: Screen {
    package let title = Commands.mergeRecord.title
    package let keymap = Keymaps.confirm
    package let isModal = true
    private var survivor: PatientRecord
    private var duplicate: PatientRecord
    private let reason: String
    /// (label, kept record's value, duplicate's value), identity first, then the desks' lines.
    private var rows: [(label: String, kept: String, folded: String)] = []
    /// How many of `rows` are identity rows (one line each); the desks' rows take two lines.
    private var identityCount = 0
    private var failure: String?

    package init(survivor: PatientRecord, duplicate: PatientRecord, reason: String, context: ShellContext) {
        self.survivor = survivor
        self.duplicate = duplicate
        self.reason = reason
        reload(context: context)
    }

    package func reload(context: ShellContext) {
        do {
            if let kept = try context.store.patientRecord(survivor.patient.patientID),
               let folded = try context.store.patientRecord(duplicate.patient.patientID) {
                survivor = kept
                duplicate = folded
            }
            let identity = [survivor, duplicate].map { Self.identity($0, today: context.today) }
            rows = zip(identity[0], identity[1]).map { ($0.0, $0.1, $1.1) }
            identityCount = rows.count
            rows += try Self.deskLines(survivor.patient.patientID, duplicate.patient.patientID, context: context)
            failure = nil
        } catch {
            failure = StoreError.sentence(for: error)
        }
    }

    /// The facts a supervisor checks before deciding two records are one person.
    private static func identity(_ r: PatientRecord, today: CalendarDay) -> [(String, String)] {
        let p = r.person
        let born = p.dobEstimated ? "about \(p.dob.map { String($0.prefix(4)) } ?? "?")" : PatientText.day(p.dob)
        let age = PatientText.age(dob: p.dob, estimated: p.dobEstimated, today: today)
        func count(_ n: Int, _ one: String, _ many: String) -> String? { n == 0 ? nil : "\(n) \(n == 1 ? one : many)" }
        let details = [count(r.contacts.count, "contact", "contacts"), count(r.policies.count, "policy", "policies")].compactMap { $0 }
        return [
            ("Name", r.displayName),
            ("Born", "\(PatientText.sexLetter(p.sex)) · \(born) · \(age)"),
            ("Phone", p.phone ?? "none"),
            ("National ID", p.nationalID ?? "none"),
            ("Allergies", r.allergies.isEmpty ? "none" : r.allergies.map(\.substance).joined(separator: ", ")),
            ("Details", details.isEmpty ? "none" : details.joined(separator: ", ")),
        ]
    }

    /// Each desk's summary lines of both records, paired by their label ("Balance due: …").
    private static func deskLines(_ kept: String, _ folded: String, context: ShellContext) throws -> [(String, String, String)] {
        func lines(_ patientID: String) throws -> [(String, String)] {
            var out: [(String, String)] = []
            for section in context.desks.flatMap({ $0.patientSections() }) {
                try section.reload(patientID: patientID, context: context)
                for line in section.lines(context: context) {
                    guard let colon = line.text.range(of: ": ") else { out.append(("", line.text)); continue }
                    out.append((String(line.text[..<colon.lowerBound]), String(line.text[colon.upperBound...])))
                }
            }
            return out
        }
        let a = try lines(kept), b = try lines(folded)
        var labels: [String] = []
        for (label, _) in a + b where !labels.contains(label) { labels.append(label) }
        return labels.map { label in
            (label, a.first { $0.0 == label }?.1 ?? "none", b.first { $0.0 == label }?.1 ?? "none")
        }
    }

    package func draw(into buffer: inout ScreenBuffer, area: Range<Int>, context: ShellContext) {
        let width = buffer.width - 4
        var row = area.lowerBound
        let question = "Merge \(duplicate.displayName) (\(duplicate.patient.mrn)) into \(survivor.displayName) (\(survivor.patient.mrn))?"
        for line in TextWidth.wrap(question, to: width) {
            buffer.put(line, row: row, column: 2, style: .warning, maxWidth: width)
            row += 1
        }
        if let failure {
            buffer.put(failure, row: row + 1, column: 2, style: .error, maxWidth: width)
            buffer.put("n or Esc: back", row: row + 3, column: 2, style: .muted)
            return
        }
        row += 1
        let labelWidth = 19  // "≠ Next appointment" whole
        let half = (width - labelWidth) / 2
        let table = Table([Table.text(labelWidth), Table.text(half), Table.text(width - labelWidth - half)])
        buffer.put(table.line(["", "Keeps \(survivor.patient.mrn)", "Folds in \(duplicate.patient.mrn)"]), row: row, column: 2,
                   style: .title, maxWidth: width)
        row += 1
        for (index, item) in rows.enumerated() {
            let differs = item.kept != item.folded
            let style: Style = differs ? .warning : .normal
            let label = (differs ? "≠ " : "  ") + item.label
            if index < identityCount {
                buffer.put(table.line([label, item.kept, item.folded]), row: row, column: 2, style: style, maxWidth: width)
                row += 1
            } else {
                // A desk's line is read whole (money is never cut): each record's on a line of its own.
                let rest = width - labelWidth
                buffer.put(Table.cell(label, table.columns[0]) + TextWidth.truncate("\(survivor.patient.mrn): \(item.kept)", to: rest),
                           row: row, column: 2, style: style, maxWidth: width)
                buffer.put(String(repeating: " ", count: labelWidth) + TextWidth.truncate("\(duplicate.patient.mrn): \(item.folded)", to: rest),
                           row: row + 1, column: 2, style: style, maxWidth: width)
                row += 2
            }
        }
        row += 1
        let note = "≠ marks what differs. \(duplicate.patient.mrn) will find \(survivor.patient.mrn); this cannot be undone from a desk."
        for line in TextWidth.wrap(note, to: width) where row < area.upperBound - 1 {
            buffer.put(line, row: row, column: 2, style: .muted, maxWidth: width)
            row += 1
        }
        buffer.put("y: merge    n or Esc: back", row: min(row, area.upperBound - 1), column: 2, style: .muted)
    }

    package func handle(_ key: Key, command: Command?, context: ShellContext) -> Reaction {
        switch key {
        case .character("y"), .character("Y"): break
        default: return .pop
        }
        guard failure == nil, let actor = context.session?.actor else { return .pop }
        do {
            try context.store.mergePatients(survivor: survivor.patient.patientID, merged: duplicate.patient.patientID,
                                            reason: reason, by: actor)
            // Back past the reason form and the lookup that found the duplicate, to the survivor's summary.
            return .replace(popping: 4, with: PatientSummaryScreen(
                patientID: survivor.patient.patientID, context: context,
                message: "Merged \(duplicate.patient.mrn) into \(survivor.patient.mrn)."))
        } catch {
            return .replace(popping: 1, with: MessageScreen(title: "Merge refused", text: StoreError.sentence(for: error)))
        }
    }
}
