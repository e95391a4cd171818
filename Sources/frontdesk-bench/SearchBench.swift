// `frontdesk-bench search`: ranked patient lookup at scale, beside a LIKE scan and the bare FTS5 query.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore
import GRDB

struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Import a seeded synthetic population, then time 1,000 lookups of each key kind.")

    @Option(help: "Patients in the synthetic facility.") var patients: Int = 1_000_000
    @Option(help: "Folder for the benchmark store (kept between runs of the same size and seed).") var dir: String = NSTemporaryDirectory()
    @Option(help: "Lookups timed per key kind.") var lookups: Int = 1000
    @Option(help: "LIKE scans timed (each reads every patient).") var scans: Int = 20
    @Option(help: "Seed of the population and of the lookups.") var seed: UInt64 = 2026
    @Flag(help: "Build the store again even if one of this size is there.") var fresh = false
    @Option(help: "Print this many slowest lookups of each kind (to see what costs).") var showSlowest: Int = 0
    @Option(help: "Time only these lookups, five times each (to study one case).") var query: [String] = []

    func run() throws {
        let path = dir + "/search-bench-\(patients)-\(seed).sqlite"
        if fresh { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store: FacilityStore
        if FileManager.default.fileExists(atPath: path) {
            store = try FacilityStore.open(at: path)
            print("search benchmark: reusing \(path) (\(try store.patientCount()) patients; --fresh to rebuild)")
        } else {
            store = try build(at: path)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "  store size: %.1f MB (%.0f bytes per patient, ledger and audit included)",
                     Double(size) / 1e6, Double(size) / Double(max(patients, 1))))

        if !query.isEmpty {
            let finder = try store.makeFinder()
            for text in query {
                let times = try (0..<5).map { _ in try timed { _ = try finder.find(text) } * 1000 }
                print("  \(text): " + times.map { String(format: "%.2f ms", $0) }.joined(separator: ", ")
                      + "  (\(try finder.find(text).hits.count) hits)")
            }
            return
        }
        let raw = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let samples = try sampleQueries(raw, seed: seed)
        let finder = try store.makeFinder()
        // A terminal that has just opened reads its pages from disk; one that has been up a while
        // has them cached. Report the first lookups apart, on other patients than the measured ones.
        let warmUp = try sampleQueries(raw, seed: seed ^ 0xFFFF, count: 300).byKind.flatMap(\.1)
        var cold: [Double] = []
        for text in warmUp { cold.append(try timed { _ = try finder.find(text) }) }
        let coldSummary = LatencySummary(cold)
        print(String(format: "  first %d lookups after opening (cold cache): median %.3f ms  p99 %.3f ms  max %.1f ms",
                     cold.count, coldSummary.median, coldSummary.p99, (cold.max() ?? 0) * 1000))
        var worstP99 = 0.0
        var worstMedian = 0.0
        for (label, texts) in samples.byKind {
            var seconds: [Double] = []
            var found = 0
            for text in texts {
                var hits = 0
                seconds.append(try timed { hits = try finder.find(text).hits.count })
                if hits > 0 { found += 1 }
            }
            for (time, text) in zip(seconds, texts).sorted(by: { $0.0 > $1.0 }).prefix(showSlowest) {
                print(String(format: "      %8.2f ms  %@", time * 1000, text))
            }
            let summary = LatencySummary(seconds)
            worstP99 = max(worstP99, summary.p99)
            worstMedian = max(worstMedian, summary.median)
            print("  \(label.padding(toLength: 26, withPad: " ", startingAt: 0)) \(summary.text)  found \(found)/\(texts.count)")
        }

        // The floor: the bare FTS5 prefix query, no ranking and no card read.
        var floor: [Double] = []
        let nameQueries = samples.byKind.first { $0.0 == "name prefixes, any order" }!.1
        try raw.read { db in
            for text in nameQueries {
                let match = PatientQuery(parsing: text).nameTerms.map { "\"\($0.prefix(8))\"*" }.joined(separator: " ")
                floor.append(try timed {
                    _ = try Int64.fetchAll(db, sql: "SELECT rowid FROM patient_name_index WHERE patient_name_index MATCH ? LIMIT 50",
                                           arguments: [match])
                })
            }
        }
        print("  bare FTS5 query (floor)    \(LatencySummary(floor).text)")

        // The baseline: what a LIKE '%…%' search costs (it reads every person).
        var scan: [Double] = []
        try raw.read { db in
            for text in nameQueries.prefix(scans) {
                let fragment = text.split(separator: " ").first.map(String.init) ?? text
                scan.append(try timed {
                    _ = try String.fetchAll(db, sql: """
                        SELECT person_id FROM persons WHERE first_name || ' ' || last_name LIKE ?
                        ORDER BY last_name, first_name LIMIT 50
                        """, arguments: ["%" + fragment + "%"])
                })
            }
        }
        let scanSummary = LatencySummary(scan)
        print("  LIKE '%…%' scan (baseline) \(scanSummary.text)")
        print(String(format: "  worst ranked p99 %.2f ms (target ≤ 10 ms); scan median / worst ranked median %.0f×, scan p99 / worst ranked p99 %.0f× (target ≥ 100×)",
                     worstP99, scanSummary.median / max(worstMedian, 0.001), scanSummary.p99 / max(worstP99, 0.001)))
    }

    private func build(at path: String) throws -> FacilityStore {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try FacilityStore.create(
            at: path, NewFacility(name: "Search Bench Hospital", timezone: "UTC", currency: "USD",
                                  adminUsername: "admin", adminPassword: "bench-admin-1"))
        let admin = try store.signIn(username: "admin", password: "bench-admin-1")
        try store.setPhoneCountryCode("254", by: admin)
        try store.addUser(NewUser(username: "clerk", displayName: "Clerk", role: .receptionist, password: "bench-clerk-1"), by: admin)
        let clerk = try store.signIn(username: "clerk", password: "bench-clerk-1")
        var population = SyntheticPopulation(seed: seed)
        var done = 0
        let start = DispatchTime.now().uptimeNanoseconds
        while done < patients {
            let batch = (0..<min(FacilityStore.registrationBatchLimit, patients - done)).map { _ in population.next() }
            _ = try store.registerPatients(batch, by: clerk)
            done += batch.count
            if done % 100_000 == 0 || done == patients {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                FileHandle.standardError.write(String(format: "  registered %d patients, %.0f s\n", done, elapsed).data(using: .utf8)!)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "search benchmark: imported %d patients through the write path in %.1f s (%.0f patients/s)",
                     patients, seconds, Double(patients) / seconds))
        return store
    }

    /// 1,000 lookups of each key kind, typed as a receptionist would, for seeded random patients.
    private func sampleQueries(_ db: DatabaseQueue, seed: UInt64, count: Int? = nil) throws -> (byKind: [(String, [String])], count: Int) {
        let lookups = count ?? self.lookups
        var random = SeededRandom(seed: seed)
        let maxCard = try db.read { try Int64.fetchOne($0, sql: "SELECT max(card_id) FROM patient_search") } ?? 0
        var rows: [Row] = []
        try db.read { db in
            while rows.count < lookups {
                let id = Int64.random(in: 1...max(maxCard, 1), using: &random)
                if let row = try Row.fetchOne(db, sql: """
                    SELECT s.*, r.first_name, r.last_name FROM patient_search s
                    JOIN patients p USING (patient_id) JOIN persons r USING (person_id) WHERE s.card_id = ?
                    """, arguments: [id]) { rows.append(row) }
            }
        }
        let format = MRNFormat.standard
        func local(_ phone: String) -> String {  // +254712345678 → "0712 345 678", as people say it
            let national = "0" + phone.dropFirst(4)
            return national.prefix(4) + " " + national.dropFirst(4).prefix(3) + " " + national.dropFirst(7)
        }
        var kinds: [(String, [String])] = []
        kinds.append(("full name", rows.map { "\($0["first_name"] as String) \($0["last_name"] as String)" }))
        kinds.append(("name prefixes, any order", rows.map { row in
            let last = SearchText.fold(row["last_name"]), first = SearchText.fold(row["first_name"])
            return "\(last.prefix(3)) \(first.prefix(2))"
        }))
        kinds.append(("one name, first letters", rows.map { String(SearchText.fold($0["last_name"] as String).prefix(4)) }))
        kinds.append(("MRN", rows.map { $0["mrn"] as String }))
        kinds.append(("MRN short form", rows.map { row in
            let mrn = row["mrn"] as String
            return String(mrn.dropFirst(format.prefix.count).drop { $0 == "0" })
        }))
        let withPhone = rows.compactMap { $0["phone"] as String? }
        kinds.append(("phone, local format", withPhone.map(local)))
        kinds.append(("phone, last 4 digits", withPhone.map { String($0.suffix(4)) }))
        kinds.append(("date of birth", rows.compactMap { row in
            (row["dob"] as String?).flatMap({ CalendarDay($0) }).map { String(format: "%02d/%02d/%04d", $0.day, $0.month, $0.year) }
        }))
        kinds.append(("initial + last 4 of phone", rows.compactMap { row in
            guard let phone = row["phone"] as String? else { return nil }
            return "\(SearchText.fold(row["first_name"] as String).prefix(1)) \(phone.suffix(4))"
        }))
        return (kinds, rows.count)
    }
}
