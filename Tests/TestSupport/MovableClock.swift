// A clock for tests: stands still until the test moves it.
import Foundation
import FrontDeskCore

/// Starts at Sun 22 Nov 2026 04:12:14 UTC unless told otherwise.
public final class MovableClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_320_734)) { current = start }
    public func now() -> Date { lock.withLock { current } }
    public func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
