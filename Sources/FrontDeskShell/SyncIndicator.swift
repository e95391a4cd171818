// The sync part of every terminal's status line: up to date, N waiting, offline since, or an alarm.
import Foundation
import FrontDeskCore
import FrontDeskStore
import TerminalKit

/// What the status line says about sync, and whether it is an alarm (drawn in the alarm colour;
/// the words say it too, for a terminal without colour).
package struct SyncIndicator: Equatable {
    package let text: String
    package let isAlarm: Bool

    /// The words for `status` at `now`, with times in the facility's zone.
    package static func of(_ status: SyncStatus, now: Date, timeZone: TimeZone) -> SyncIndicator {
        guard status.serverURL != nil else { return SyncIndicator(text: "Sync: not set up", isAlarm: false) }
        switch status.state {
        case .alarm:
            return SyncIndicator(text: "SYNC ALARM: \(alarmWords(status.alarmKind))", isAlarm: true)
        case .offline:
            let since = status.offlineSince.flatMap(Timestamp.date).map { clock($0, timeZone) } ?? "?"
            let waiting = status.waiting > 0 ? ", \(status.waiting) waiting" : ""
            return SyncIndicator(text: "Sync: offline since \(since)\(waiting)", isAlarm: false)
        case .waiting:
            let age = status.oldestWaitingAt.flatMap(Timestamp.date).map { ", oldest " + Self.age(now.timeIntervalSince($0)) } ?? ""
            return SyncIndicator(text: "Sync: \(status.waiting) waiting\(age)", isAlarm: false)
        case .upToDate:
            return SyncIndicator(text: "Sync: up to date", isAlarm: false)
        }
    }

    /// An alarm in a few words (the F8 desk says what to do).
    static func alarmWords(_ kind: String?) -> String {
        switch kind.flatMap(SyncAlarmKind.init(rawValue:)) {
        case .divergence?: return "ledgers diverge"
        case .refusedToken?: return "token refused"
        case .badHash?: return "bad hash"
        case .forbidden?: return "wrong facility"
        case .tooLarge?: return "batch too large"
        case .malformed?: return "push refused"
        case nil: return "see F8"
        }
    }

    /// `40 s`, `12 min`, `3 h`, `2 days`.
    package static func age(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h" }
        return "\(s / 86400) days"
    }

    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
