// `frontdesk-bench`: measurements printed as figures (never asserted in tests), and load helpers.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

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

/// A fresh facility for a benchmark, in a folder of its own beside the real store (`remove()` deletes it), with
/// the administrator and the staff signed in: what the beds, cashier and pharmacy benchmarks all start from.
struct BenchFacility {
    let folder: String
    let store: FacilityStore
    let admin: Actor
    private let staff: [String: Actor]

    /// `staff`: usernames and roles; each password is `bench-NAME-1`.
    init(dir: String, name: String, staff roles: [(String, Role)]) throws {
        folder = dir + "/frontdesk-\(name)-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try FacilityStore.create(
            at: folder + "/\(name).sqlite",
            NewFacility(name: "Bench Hospital", timezone: "Africa/Nairobi", currency: "KES", adminUsername: "admin",
                        adminPassword: "bench-admin-1"))
        admin = try store.signIn(username: "admin", password: "bench-admin-1")
        var signedIn: [String: Actor] = [:]
        for (username, role) in roles {
            try store.addUser(NewUser(username: username, displayName: username.capitalized, role: role, password: "bench-\(username)-1"),
                              by: admin)
            signedIn[username] = try store.signIn(username: username, password: "bench-\(username)-1")
        }
        staff = signedIn
    }

    /// The signed-in staff member `username` (one of those made at init).
    func actor(_ username: String) -> Actor { staff[username]! }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
