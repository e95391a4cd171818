// Median and 90th percentile of waits, as the daily queue report states them.

/// Order statistics of a list of waits (seconds). The median of an even count is the mean of the
/// middle two; p90 is the nearest-rank value (the smallest wait at or above 90 % of the waits).
public struct WaitStatistics: Sendable, Equatable {
    public let count: Int
    public let median: Int?
    public let p90: Int?
    public let maximum: Int?

    public init(_ waits: [Int]) {
        let sorted = waits.sorted()
        count = sorted.count
        maximum = sorted.last
        guard !sorted.isEmpty else {
            median = nil
            p90 = nil
            return
        }
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid] + 1) / 2
        let rank = (9 * sorted.count + 9) / 10  // ceil(0.9 × n)
        p90 = sorted[rank - 1]
    }
}
