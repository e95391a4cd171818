// `frontdesk-bench`: measurements printed as figures (never asserted in tests), and load helpers.
import ArgumentParser
import Foundation

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontdesk-bench",
        abstract: "Benchmarks and load generators for FrontDesk.",
        subcommands: [StoreBench.self, SearchBench.self, CashierBench.self, BedsBench.self, PharmacyBench.self, QueueBench.self, SignInBench.self, CrashBench.self, Append.self,
                      LedgerMix.self, SyncFreshness.self])
}

/// Median and p99 of a set of durations, in milliseconds.
struct LatencySummary {
    let median: Double
    let p99: Double
    let count: Int

    init(_ seconds: [Double]) {
        let sorted = seconds.sorted()
        count = sorted.count
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)] * 1000
        }
        median = at(0.5)
        p99 = at(0.99)
    }

    var text: String { String(format: "median %.3f ms  p99 %.3f ms  (n=%d)", median, p99, count) }
}

/// Seconds taken by `body`, on a monotonic clock.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
