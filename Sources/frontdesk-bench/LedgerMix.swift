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
    @Flag(help: "No progress lines on standard error.") var quiet = false

    func run() throws {
        let (store, staff) = try LedgerMixFacility.openOrCreate(at: db)
        var total = try LedgerMixFacility.ledgerMix(path: db).total
        let before = total
        let started = DispatchTime.now().uptimeNanoseconds
        if total < entries {
            let engine = try LedgerMixEngine(store: store, staff: staff, seed: seed &+ UInt64(total))
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
            let actions = engine.commits.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            print(String(format: "wrote %d entries in %d commits, %.1f s (%.0f entries/s, %.0f commits/s)", total - before,
                         engine.commits.values.reduce(0, +), seconds, Double(total - before) / seconds,
                         Double(engine.commits.values.reduce(0, +)) / seconds))
            print("commits by action: \(actions)")
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
