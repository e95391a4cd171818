// The lookup box's engine: each keystroke starts a lookup off the UI thread and supersedes the last.
import Foundation
import FrontDeskStore

/// Runs lookups on a background queue. A new text interrupts the running query (SQLite
/// interrupt on the finder's own connection) and only the newest text's result is kept, so
/// typing never waits for a query.
package final class LookupRunner: @unchecked Sendable {
    private let finder: PatientFinder?
    private let queue = DispatchQueue(label: "frontdesk.lookup")
    private let lock = NSLock()
    private var generation = 0
    private var running = false
    private var finished: (generation: Int, text: String, result: Result<PatientSearchResult, Error>)?

    package init(store: FacilityStore) {
        finder = try? store.makeFinder()
    }

    /// True from `search` until its result (or a newer one's) has been taken.
    package var isWaiting: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running || finished != nil
    }

    /// Starts looking up `text`, superseding whatever is running.
    package func search(_ text: String) {
        lock.lock()
        generation += 1
        let mine = generation
        running = true
        finished = nil
        lock.unlock()
        finder?.interrupt()
        queue.async { [self] in
            if !isCurrent(mine) { return }
            var result: Result<PatientSearchResult, Error>
            if let finder {
                result = Result { try finder.find(text) }
                // An interrupt meant for the lookup before this one can land on this one: run it again.
                for _ in 0..<3 {
                    guard case .failure(let error) = result, error is PatientFinder.Interrupted, isCurrent(mine) else { break }
                    result = Result { try finder.find(text) }
                }
            } else {
                result = .failure(StoreError.storageFailure("the lookup could not open the store"))
            }
            lock.lock()
            if mine == generation {
                finished = (mine, text, result)
                running = false
            }
            lock.unlock()
        }
    }

    private func isCurrent(_ mine: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return mine == generation
    }

    /// Waits until the newest lookup has finished, at most `seconds`; true when it has.
    package func wait(upTo seconds: Double) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            lock.lock()
            let done = !running
            lock.unlock()
            if done { return true }
            usleep(500)
        }
        return false
    }

    /// The newest finished lookup, once.
    package func take() -> (text: String, result: Result<PatientSearchResult, Error>)? {
        lock.lock()
        defer { lock.unlock() }
        guard let done = finished else { return nil }
        finished = nil
        return (done.text, done.result)
    }
}
