// Moves WAL checkpoints off the commit path: a background connection folds the WAL back
// into the database, so that no terminal's commit pays for it.
import Foundation
import GRDB

/// Runs PASSIVE checkpoints on its own connection while the store is open. A passive
/// checkpoint never takes the write lock, so commits in every process go on meanwhile.
final class Checkpointer: @unchecked Sendable {  // the timer is only touched in init and stop()
    /// WAL size (pages) past which a checkpoint runs: about 4 MB.
    static let thresholdPages = 1000
    private let queue: DatabaseQueue
    private let timer: DispatchSourceTimer

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(1)
        config.label = "frontdesk.checkpointer"
        queue = try DatabaseQueue(path: path, configuration: config)
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "frontdesk.checkpointer", qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200), leeway: .milliseconds(50))
        let queue = self.queue
        let walPath = path + "-wal"
        timer.setEventHandler {
            let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
            guard size > Self.thresholdPages * 4096 else { return }
            // Best effort: a busy database simply waits for the next tick.
            try? queue.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        }
        timer.resume()
    }

    func stop() {
        timer.cancel()
        try? queue.close()
    }
}
