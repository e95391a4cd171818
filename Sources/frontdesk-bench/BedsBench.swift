// `frontdesk-bench beds`: admit commit latency beside a bare commit, the board of every ward, and the census,
// on a facility of 500 beds with five years of admissions behind it.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore
import GRDB

struct BedsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "beds",
        abstract: "Admit commit latency (beside a bare commit), board refresh of all wards, and the census of a day and a year.")

    @Option(help: "Folder for the benchmark store (same disk as the real store, ideally).") var dir: String = NSTemporaryDirectory()
    @Option(help: "Wards; the beds are shared among them.") var wards: Int = 10
    @Option(help: "Beds in all.") var beds: Int = 500
    @Option(help: "Years of admissions behind the facility (written straight into the tables, not timed).") var years: Int = 5
    @Option(help: "Admissions to time through the real write path (each into a free bed, then discharged untimed).") var admits: Int = 300
    @Option(help: "Times each read is timed.") var reads: Int = 200
    @Option(help: "Seed of the history.") var seed: UInt64 = 2026

    func validate() throws {
        guard wards >= 1, beds >= wards, years >= 1, admits >= 1, reads >= 1 else {
            throw ArgumentParser.ValidationError("--wards, --beds, --years, --admits and --reads must be positive, with at least a bed a ward")
        }
    }

    func run() throws {
        let bench = try BenchFacility(dir: dir, name: "beds", staff: [("clerk", .receptionist), ("nurse", .nurse)])
        defer { bench.remove() }
        let store = bench.store, admin = bench.admin, folder = bench.folder
        let clerk = bench.actor("clerk")
        let nurse = bench.actor("nurse")
        try store.setFee(code: "BED-GENERAL", name: "General ward bed-day", amountMinor: 150_000, from: CalendarDay("2020-01-01")!, by: admin)
        var bedIDs: [String] = []
        for ward in 0..<wards {
            let code = "W\(ward + 1)"
            _ = try store.beds.addWard(code: code, name: "Ward \(ward + 1)", by: admin)
            let count = beds / wards + (ward < beds % wards ? 1 : 0)
            var first = 1
            while first <= count {
                let last = min(count, first + BedLabels.maxPerCommand - 1)
                bedIDs += try store.beds.addBeds(wardCode: code, labels: "B\(first)-B\(last)", typeCode: "general", by: admin).map(\.bedID)
                first = last + 1
            }
        }
        var generator = DemoPatientGenerator(seed: seed)
        var patients: [String] = []
        while patients.count < beds * 4 + admits {
            patients += try store.registerPatients((0..<FacilityStore.registrationBatchLimit).map { _ in generator.next() }, by: clerk)
                .map(\.patientID)
        }
        let now = Date()
        let history = try timed { try Self.fillHistory(path: store.path, bedIDs: bedIDs, patients: patients, years: years, now: now, seed: seed) }
        let counts = try DatabaseQueue(path: store.path).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM admissions")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM admissions WHERE discharged_at IS NULL")!)
        }

        // Admissions through the real write path, each beside a bare commit (one settings row, one ledger entry).
        let waiting = Array(patients.suffix(admits))
        var admitting: [Double] = [], bare: [Double] = []
        for (index, patient) in waiting.enumerated() {
            guard let free = try store.beds.board().beds.first(where: { $0.status == .free }) else { break }
            bare.append(try timed { try store.setIdleLockMinutes(10 + index % 2, by: admin) })
            var admitted: Admitted?
            admitting.append(try timed {
                admitted = try store.beds.admit(NewAdmission(patientID: patient, reason: "Observation", bedID: free.bedID), by: nurse)
            })
            if let admitted {  // untimed: the bed goes back to free for the next one
                try store.beds.unassignBed(admissionID: admitted.admission.admissionID, by: nurse)
                try store.beds.markClean(bedID: free.bedID, by: nurse)
            }
        }
        var board: [Double] = [], oneWard: [Double] = [], day: [Double] = [], year: [Double] = []
        let today = try store.localNow().day
        let firstWard = try store.beds.wards()[0].wardID
        var shown = 0
        for _ in 0..<reads {
            board.append(try timed { shown = try store.beds.board().beds.count })
            oneWard.append(try timed { _ = try store.beds.board(wardID: firstWard) })
        }
        var census: CensusReport?
        for _ in 0..<max(3, reads / 20) {
            day.append(try timed { census = try store.beds.census(from: today.adding(days: -1), to: today.adding(days: -1)) })
            year.append(try timed { _ = try store.beds.census(from: today.adding(days: -365), to: today.adding(days: -1)) })
        }
        let admitSummary = LatencySummary(admitting), bareSummary = LatencySummary(bare)
        print("beds benchmark  (WAL, synchronous=FULL, \(folder))")
        print(String(format: "  %d beds in %d wards; %d years of admissions written directly: %d admissions (%d in a bed now) in %.1f s",
                     bedIDs.count, wards, years, counts.0, counts.1, history))
        print("  admit into a free bed (encounter, admission, allocation; one commit): \(admitSummary.text)")
        print("  bare commit (one settings row through the same write path)          : \(bareSummary.text)")
        print(String(format: "  admit / bare commit: median %.2f×  p99 %.2f×  (target ≤ 2×)", admitSummary.median / bareSummary.median,
                     admitSummary.p99 / bareSummary.p99))
        print("  board refresh, all wards (\(shown) beds): \(LatencySummary(board).text)  (target p99 < 16 ms)")
        print("  board refresh, one ward             : \(LatencySummary(oneWard).text)")
        print("  census of a day  : \(LatencySummary(day).text)  (yesterday: \(census?.total.inBedAtEnd ?? 0) in bed at midnight)")
        print("  census of a year : \(LatencySummary(year).text)")
    }

    /// Each bed's stays one after another over `years`: 1 to 9 days each, a gap of 0 to 2 days between, the last
    /// one still open for four beds in five. Encounters, admissions and allocations are written straight into the
    /// tables (not through the ledger): five years through the write path would take hours, and the board and the
    /// census read only these tables.
    static func fillHistory(path: String, bedIDs: [String], patients: [String], years: Int, now: Date, seed: UInt64) throws {
        let queue = try DatabaseQueue(path: path)
        var random = SeededRandom(seed: seed)
        let start = now.addingTimeInterval(-Double(years) * 365 * 86_400)
        let stamp = Timestamp.string(start)
        try queue.write { db in
            try db.execute(sql: "UPDATE beds SET created_at = ?, state_changed_at = ?", arguments: [stamp, stamp])
            let encounter = try db.makeStatement(sql: """
                INSERT INTO encounters (encounter_id, patient_id, kind, day, status, started_at, ended_at, created_at, updated_at)
                VALUES (?, ?, 'inpatient', ?, ?, ?, ?, ?, ?)
                """)
            let admission = try db.makeStatement(sql: """
                INSERT INTO admissions (admission_id, encounter_id, patient_id, admitted_at, reason, discharged_at, disposition,
                  clearance, balance_at_discharge_minor, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'Observation', ?, ?, ?, ?, ?, ?)
                """)
            let allocation = try db.makeStatement(sql: """
                INSERT INTO bed_allocations (allocation_id, admission_id, bed_id, start_at, end_at, end_reason, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // Patients with a stay still open are each the last of a bed's stays; they come from their own share.
            var nextOpen = 0
            for bedID in bedIDs {
                var at = start.addingTimeInterval(Double(random.next() % 86_400))
                while true {
                    let length = Double(1 + random.next() % 9) * 86_400 + Double(random.next() % 43_200)
                    var end: Date? = at.addingTimeInterval(length)
                    if end! >= now {
                        guard random.next() % 5 != 0 else { break }
                        end = nil
                    }
                    let patient = end == nil ? patients[nextOpen % patients.count] : patients[bedIDs.count + Int(random.next() % UInt64(patients.count - bedIDs.count))]
                    if end == nil { nextOpen += 1 }
                    let admitted = Timestamp.string(at), discharged = end.map(Timestamp.string)
                    let encounterID = Identifier.make(), admissionID = Identifier.make()
                    let day = String(admitted.prefix(10))
                    try encounter.execute(arguments: [encounterID, patient, day, end == nil ? "open" : "finished", admitted, discharged, admitted, admitted])
                    try admission.execute(arguments: [admissionID, encounterID, patient, admitted, discharged, end == nil ? nil : (random.next() % 40 == 0 ? "died" : "home"),
                                                      end == nil ? nil : "paid", end == nil ? nil : 0, admitted, admitted])
                    try allocation.execute(arguments: [Identifier.make(), admissionID, bedID, admitted, discharged, end == nil ? nil : "discharge", admitted, admitted])
                    guard let end else { break }
                    at = end.addingTimeInterval(Double(random.next() % (2 * 86_400)))
                    if at >= now { break }
                }
            }
        }
    }
}
