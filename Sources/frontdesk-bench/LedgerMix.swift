// `frontdesk-bench ledger-mix`: grows a facility store through the real write path until its ledger holds N entries.
import ArgumentParser
import Foundation
import FrontDeskStore

/// Writes a realistic mix (registrations, check-ins, calls, vitals, consultations, charges, invoices, payments,
/// refunds, edits, shifts) until the ledger holds at least `--entries`; a store it made earlier is grown further.
struct LedgerMix: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger-mix",
        abstract: "Grow a store (made when missing) through the desks' write path until its ledger holds N entries; print the mix.")

    @Option(help: "The facility store (created when missing, grown when smaller than --entries).") var db: String
    @Option(help: "Ledger entries the store must hold at least.") var entries: Int = 100_000
    @Option(help: "Seed for patients and the choices of the mix.") var seed: UInt64 = 2026
    @Option(help: "Entries a day: the entries written are spread over the days before now at this rate (a week of a big hospital's outpatients: 28,000 a day).")
    var perDay: Int = 28_000
    @Flag(help: "No progress lines on standard error.") var quiet = false

    /// Mean commits a step makes: the clock moves 86,400 s / (perDay / this) a step.
    static let entriesPerStep = 2.15

    func run() throws {
        let existing = FileManager.default.fileExists(atPath: db) ? try LedgerMixFacility.ledgerMix(path: db).total : 0
        // The work to write ends about now: it starts that many days back, never before the ledger's last entry.
        let span = Double(max(entries - existing, 0)) / Double(max(perDay, 1)) * 86_400
        var start = Date().addingTimeInterval(-span)
        if let last = try LedgerMixFacility.lastOccurred(path: db), last > start { start = last.addingTimeInterval(1) }
        let clock = MixClock(start: start)
        let (store, staff) = try LedgerMixFacility.openOrCreate(at: db, clock: clock)
        var total = try LedgerMixFacility.ledgerMix(path: db).total
        let before = total
        let started = DispatchTime.now().uptimeNanoseconds
        if total < entries {
            let engine = try LedgerMixEngine(store: store, staff: staff, seed: seed &+ UInt64(total))
            engine.clock = (clock, 86_400 / (Double(max(perDay, 1)) / Self.entriesPerStep))
            var nextReport = total + 10_000
            var steps = 0
            while total < entries {
                try engine.step()
                steps += 1
                // Counting the ledger costs a query: every 200 steps, then one step at a time near the end.
                if steps % 200 == 0 || entries - total < 2_000 {
                    total = try Self.head(store)
                    if !quiet, total >= nextReport {
                        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                        FileHandle.standardError.write(Data(String(format: "  %d entries, %.0f entries/s\n",
                                                                   total, Double(total - before) / seconds).utf8))
                        nextReport += 10_000
                    }
                }
            }
            let refusals = engine.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let actions = engine.commits.sorted { $0.value > $1.value }.map { action, count in
                String(format: "%@ %d (%.2f ms)", action, count, 1000 * (engine.seconds[action] ?? 0) / Double(max(count, 1)))
            }.joined(separator: ", ")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            print(String(format: "wrote %d entries in %d commits, %.1f s (%.0f entries/s, %.0f commits/s)", total - before,
                         engine.commits.values.reduce(0, +), seconds, Double(total - before) / seconds,
                         Double(engine.commits.values.reduce(0, +)) / seconds))
            print("commits by action (mean time each): \(actions)")
            if !refusals.isEmpty { print("refused (nothing written): \(refusals)") }
        }
        try store.close()
        let mix = try LedgerMixFacility.ledgerMix(path: db)
        print("facility_id \(store.identity.facilityID)")
        print("store_id \(store.identity.storeID)")
        print("entries \(mix.total)")
        for (kind, count) in mix.byKind {
            let name = kind.count < 34 ? kind + String(repeating: " ", count: 34 - kind.count) : kind
            print(name + String(format: " %8d  %5.1f%%", count, 100 * Double(count) / Double(max(mix.total, 1))))
        }
    }

    /// The ledger's last seq (its entry count: seq runs 1..N).
    static func head(_ store: FacilityStore) throws -> Int {
        Int(try store.ledgerHead().seq)
    }
}
