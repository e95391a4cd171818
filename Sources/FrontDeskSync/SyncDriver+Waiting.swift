// `sync once` while the agent runs: ask it to push now, then watch the store until it has caught up.
import Foundation
import FrontDeskStore

extension SyncDriver {
    /// For `sync once` when another process (the agent) holds the store's lock: asks it to push now
    /// and reads the store's sync state every 100 ms until everything committed before the call is
    /// acknowledged, an alarm stands, or `timeout` passes. Sends nothing itself: one push in flight.
    public static func awaitRunningAgent(store: FacilityStore, timeout: Duration) throws -> Outcome {
        let target = try store.ledgerHead().seq
        try store.requestPushNow()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let status = try store.syncStatus()
            if let alarm = status.alarm {
                return .alarm(SyncAlarmKind(rawValue: status.alarmKind ?? "") ?? .divergence, detail: alarm)
            }
            if status.ackedSeq >= target { return .upToDate(ackedSeq: status.ackedSeq) }
            if clock.now >= deadline {
                return .offline(lastError: status.lastError ?? "the running agent acknowledged seq \(status.ackedSeq) of \(target)")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
