// How the queue desk writes tokens, statuses, waits and durations in 80 columns.
import Foundation
import FrontDeskCore
import FrontDeskShell
import FrontDeskStore
import TerminalKit

package enum QueueText {
    /// Column widths of a board line: the marker (priority, assisted, booked, vitals, long wait) first.
    package static let columns = (marker: 5, token: 9, patient: 19, status: 16, inStatus: 9, wait: 8)

    package static var header: String {
        line(marker: "", token: "Token", patient: "Patient", status: "Status", inStatus: "In stat.", wait: "Wait", rest: "Doctor")
    }

    /// One board line: `EV!  CARD-014  Wanjiru Kamau  Checked in  12 min  12 min  Dr Otieno`.
    /// `hidingName`: a locked wallboard shows tokens, never names.
    package static func line(_ row: BoardRow, now: Date, longWaitMinutes: Int, zone: TimeZone, hidingName: Bool = false) -> String {
        let e = row.entry
        var marker = ""
        switch e.priority {
        case .emergency: marker = "E"
        case .urgent: marker = "U"
        case .normal: marker = e.assistance == nil ? "" : "A"
        }
        if e.priority != .normal, e.assistance != nil { marker += "A" }
        if e.source == "appointment" { marker += "B" }
        if row.hasVitals { marker += "V" }
        if isLongWait(e, now: now, minutes: longWaitMinutes) { marker += "!" }
        let inStatus: String
        if e.status.isActive {
            inStatus = Timestamp.date(e.statusChangedAt).map { duration(now.timeIntervalSince($0)) } ?? ""
        } else {
            inStatus = Timestamp.date(e.statusChangedAt).map { "at " + LocalMoment.clock(LocalMoment($0, in: zone).minute) } ?? ""
        }
        let waited = wait(e, now: now).map(duration) ?? ""
        var rest = row.doctorName ?? ""
        if let room = e.room { rest += rest.isEmpty ? "room \(room)" : ", \(room)" }
        return line(marker: marker, token: e.token, patient: hidingName ? "" : row.patientName, status: e.status.title, inStatus: inStatus,
                    wait: waited, rest: rest)
    }

    private static func line(marker: String, token: String, patient: String, status: String, inStatus: String, wait: String,
                             rest: String) -> String {
        let c = columns
        func cell(_ text: String, _ width: Int) -> String { TextWidth.pad(TextWidth.truncate(text, to: width - 1), to: width) }
        return cell(marker, c.marker) + cell(token, c.token) + cell(patient, c.patient) + cell(status, c.status)
            + cell(inStatus, c.inStatus) + cell(wait, c.wait) + rest
    }

    /// The board's legend in `width` columns: the long form when it fits, else the short one, else
    /// the short one without its last entries. Always whole entries, never a word cut. With no
    /// boards to switch between (a wallboard), no Tab entry.
    package static func legend(board: Int, of boards: Int, longWaitMinutes: Int, width: Int) -> String {
        let tab = boards > 0 ? ["Tab: board \(board)/\(boards)"] : []
        let long = tab + ["! waited \(longWaitMinutes)+ min", "E emergency U urgent A assisted B booked V vitals"]
        if TextWidth.of(long.joined(separator: " · ")) <= width { return long.joined(separator: " · ") }
        var short = tab + ["! \(longWaitMinutes)+ min", "E emerg.", "U urgent", "A assist.", "B booked", "V vitals"]
        let separated = tab.count + 1  // entries joined with " · "; the markers after them with " "
        func text(_ entries: [String]) -> String {
            entries.prefix(separated).joined(separator: " · ")
                + (entries.count > separated ? " · " + entries.dropFirst(separated).joined(separator: " ") : "")
        }
        while short.count > 1, TextWidth.of(text(short)) > width { short.removeLast() }
        return text(short)
    }

    /// Called − checked in; for someone still waiting, now − checked in; for someone who left unseen, until then.
    package static func wait(_ e: QueueEntry, now: Date) -> TimeInterval? {
        guard let arrived = Timestamp.date(e.checkedInAt) else { return nil }
        if let called = e.calledAt.flatMap(Timestamp.date) { return called.timeIntervalSince(arrived) }
        if e.status == .checkedIn { return now.timeIntervalSince(arrived) }
        return e.finishedAt.flatMap(Timestamp.date).map { $0.timeIntervalSince(arrived) }
    }

    /// Still waiting to be called, longer than the threshold.
    package static func isLongWait(_ e: QueueEntry, now: Date, minutes: Int) -> Bool {
        guard e.status == .checkedIn, let waited = wait(e, now: now) else { return false }
        return waited >= TimeInterval(minutes * 60)
    }

    /// `0 min`, `12 min`, `1 h 05`.
    package static func duration(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int(seconds / 60))
        if minutes < 60 { return "\(minutes) min" }
        let m = minutes % 60
        return "\(minutes / 60) h " + (m < 10 ? "0" : "") + String(m)
    }

    /// A wait in seconds as the report shows it, or `–`.
    package static func reportWait(_ seconds: Int?) -> String {
        seconds.map { duration(TimeInterval($0)) } ?? "–"
    }
}

extension QueueText {
    /// `09:42` (local) for a stored instant.
    package static func clock(_ timestamp: String, _ context: ShellContext) -> String { context.localClock(timestamp) }
}
