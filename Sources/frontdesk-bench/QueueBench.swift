// `frontdesk-bench queue`: a busy outpatient day compressed into seconds. Terminal processes check
// patients in and move them through the queue, all writing at once; board processes watch for
// commits and re-read the board, as the queue screen does. Figures only, never asserted.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore

struct QueueBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Check-in commit latency and board refresh latency (median, p99) while terminal processes write at once.",
        subcommands: [QueueTerminal.self, QueueBoard.self])

    @Option(help: "Folder for the benchmark store (same disk as the real store, ideally).") var dir: String = NSTemporaryDirectory()
    @Option(help: "Patients checked in over the day (registered beforehand, not timed).") var patients: Int = 500
    @Option(help: "Services (each with one doctor).") var services: Int = 10
    @Option(help: "Terminal processes writing at once; each checks in its share and runs the queue of its services.") var terminals: Int = 4
    @Option(help: "Length of the compressed day: check-ins arrive over this many seconds.") var seconds: Double = 30
    @Option(help: "Board processes: the first shows every service, the others one service each.") var boards: Int = 2
    @Option(help: "How often a board asks whether anything was committed (the queue screen asks after each 200 ms key wait).") var pollMs: Int = 200
    @Option(help: "Seed of the patients and of the day's arrivals.") var seed: UInt64 = 2026
    @Flag(help: "Keep the benchmark store and the raw samples (the folder is printed).") var keep = false

    func validate() throws {
        guard patients >= 1, services >= 1, terminals >= 1, boards >= 0, seconds > 0, pollMs >= 1 else {
            throw ArgumentParser.ValidationError("--patients, --services, --terminals, --seconds and --poll-ms must be positive")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: dir).appendingPathComponent("frontdesk-queue-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
        let storePath = folder + "/queue.sqlite"

        // MARK: Set-up (not timed below)
        var setUp = SetUp()
        let setUpSeconds = try timed { setUp = try makeFacility(at: storePath) }

        // MARK: The day's plan: who arrives when, at which terminal, for which service
        var random = SeededRandom(seed: seed)
        let offsets = (0..<patients).map { _ in Double.random(in: 0..<seconds, using: &random) }.sorted()
        let arrivals = setUp.patientIDs.shuffled(using: &random)
        var plans = [String](repeating: "", count: terminals)
        for (index, serviceID) in setUp.serviceIDs.enumerated() {
            plans[index % terminals] += "own\t\(serviceID)\t\(setUp.doctorIDs[index])\n"
        }
        var urgentCount = 0
        for (index, patientID) in arrivals.enumerated() {
            let service = Int.random(in: 0..<services, using: &random)
            let roll = Int.random(in: 0..<100, using: &random)
            let priority: QueuePriority = roll == 0 ? .emergency : roll < 5 ? .urgent : .normal
            if priority != .normal { urgentCount += 1 }
            let help = Int.random(in: 0..<100, using: &random)
            let assistance = help < 6 ? QueueAssistance.elderly.rawValue : help < 8 ? QueueAssistance.disabled.rawValue : "-"
            plans[index % terminals] += "arrive\t\(offsets[index])\t\(patientID)\t\(setUp.serviceIDs[service])\t\(priority.rawValue)\t\(assistance)\n"
        }
        for (index, plan) in plans.enumerated() {
            try plan.write(toFile: folder + "/plan-\(index).tsv", atomically: true, encoding: .utf8)
        }
        // A doctor's cycle (call, walk in, consult) a little shorter than the gap between arrivals
        // at one service, so queues form in bursts and drain.
        let cycle = 0.9 * seconds * Double(services) / Double(patients)

        // MARK: The day: board and terminal processes, started together
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let stopFile = folder + "/stop"
        var boardChildren: [Child] = []
        var terminalChildren: [Child] = []
        let start: Double, dayEnd: Double
        signal(SIGPIPE, SIG_IGN)  // a worker that died shows as a failed write, not the end of this process
        do {
            for index in 0..<boards {
                var arguments = ["queue", "board", "--store", storePath, "--out", folder + "/board-\(index).tsv",
                                 "--every-ms", String(pollMs), "--stop-file", stopFile]
                if index > 0 { arguments += ["--service", setUp.serviceIDs[(index - 1) % services]] }
                boardChildren.append(try Child(executable, arguments))
            }
            for index in 0..<terminals {
                terminalChildren.append(try Child(executable, [
                    "queue", "terminal", "--store", storePath, "--plan", folder + "/plan-\(index).tsv",
                    "--out", folder + "/terminal-\(index).tsv", "--index", String(index + 1), "--day-length", String(seconds),
                    "--cycle", String(cycle), "--random-seed", String(seed &+ UInt64(index)),
                ]))
            }
            for child in boardChildren + terminalChildren { try child.waitForReady() }
            start = wallNow() + 0.2
            for child in boardChildren + terminalChildren { try child.send("go \(start)") }
            for child in terminalChildren { try child.waitForExit() }
            dayEnd = wallNow()
            // Long enough for each board to notice the last commits and read them.
            Thread.sleep(forTimeInterval: Double(pollMs) / 1000 * 2 + 0.2)
            _ = FileManager.default.createFile(atPath: stopFile, contents: nil)
            for child in boardChildren { try child.waitForExit() }
        } catch {
            for child in boardChildren + terminalChildren { child.stop() }
            throw error
        }

        // MARK: Figures
        let writes = try (0..<terminals).flatMap { try WriteSample.load(folder + "/terminal-\($0).tsv") }
        let failures = try (0..<terminals).flatMap { try String(contentsOfFile: folder + "/terminal-\($0).tsv", encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("error\t") } }
        let checkIns = writes.filter { $0.op == "checkin" }
        let others = writes.filter { $0.op != "checkin" }

        print("queue benchmark  (WAL, synchronous=FULL, \(folder))")
        let plural = terminals == 1 ? "" : "s"
        print(String(format: "  set-up, not timed below: store, fee CONSULT, %d services and doctors, %d receptionist%@ and %d nurse%@, %d patients registered in bulk: %.2f s",
                     services, terminals, plural, terminals, plural, patients, setUpSeconds))
        print(String(format: "  day: %d check-ins (%d urgent or emergency) by %d terminal process%@ over %.0f s planned, %.1f s taken; %d queue moves; %d board process%@ polling every %d ms",
                     checkIns.count, urgentCount, terminals, terminals == 1 ? "" : "es", seconds, dayEnd - start, others.count,
                     boards, boards == 1 ? "" : "es", pollMs))
        print(String(format: "  writes per second over the day: %.1f  (check-ins %.1f)",
                     Double(writes.count) / (dayEnd - start), Double(checkIns.count) / (dayEnd - start)))
        if !failures.isEmpty {
            print("  FAILED writes: \(failures.count); first: \(failures[0].split(separator: "\t").dropFirst().joined(separator: ": "))")
        }
        print("  commit latency (the whole call: waiting for the write lock, the transaction, the fsync):")
        print("    check-in                     : " + latency(checkIns.map(\.seconds)))
        for (op, label) in [("call", "call next (someone waiting)"), ("call_empty", "call next (nobody waiting)"),
                            ("start", "start consultation"), ("finish", "finish visit"), ("left", "left (did not answer)")] {
            let samples = others.filter { $0.op == op }.map(\.seconds)
            if !samples.isEmpty { print("    \(label.padding(toLength: 29, withPad: " ", startingAt: 0)): " + latency(samples)) }
        }
        print("    all queue moves              : " + latency(others.map(\.seconds)))
        let lags = checkIns.map { max(0, $0.lag) }
        print(String(format: "  check-ins started behind plan by > 50 ms: %d of %d (max %.1f ms)",
                     lags.filter { $0 > 0.05 }.count, checkIns.count, (lags.max() ?? 0) * 1000))

        print("  boards (the wait for the next poll, up to \(pollMs) ms, is part of commit → on the board):")
        let serviceCodes = Dictionary(uniqueKeysWithValues: zip(setUp.serviceIDs, setUp.serviceCodes))
        for index in 0..<boards {
            let service = index == 0 ? nil : setUp.serviceIDs[(index - 1) % services]
            let name = service.map { "one service (\(serviceCodes[$0]!))" } ?? "all services"
            let board = try BoardSamples.load(folder + "/board-\(index).tsv")
            print("  - board \(index + 1), \(name): \(board.refreshes.count) refreshes, \(board.refreshes.last?.rows ?? 0) rows at the end")
            print("    change check (data_version)  : " + latency(board.checks))
            print("    board query                  : " + latency(board.refreshes.map(\.seconds)))
            // The board grows all day: its cost late in the day, when it is longest.
            let full = board.refreshes.last?.rows ?? 0
            let late = board.refreshes.filter { $0.rows * 5 >= full * 4 }.map(\.seconds)
            print("    " + "board query, ≥ \(full * 4 / 5) rows".padding(toLength: 29, withPad: " ", startingAt: 0) + ": " + latency(late))
            var staleness: [Double] = []
            var superseded = 0
            for write in writes where service == nil || write.serviceID == service {
                guard let status = write.status else { continue }
                if let seen = board.firstSeen[write.entryID + "|" + status] {
                    staleness.append(seen - write.end)
                } else {
                    superseded += 1
                }
            }
            let early = staleness.filter { $0 < 0 }.count
            print("    commit → on the board        : " + latency(staleness)
                  + (superseded > 0 ? "; \(superseded) state\(superseded == 1 ? "" : "s") replaced before a refresh showed it" : "")
                  + (early > 0 ? "; \(early) read before the writer's clock reading (counted as ≤ 0)" : ""))
        }

        let store = try FacilityStore.open(at: storePath)
        let rows = try store.queue.board(day: try store.localNow().day)
        let counts = Dictionary(grouping: rows, by: { $0.entry.status }).mapValues(\.count)
        let parts = QueueStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.title.lowercased())" } }
        print("  board at the end of the day: \(rows.count) rows (" + parts.joined(separator: ", ") + ")")
        try store.close()
        if keep { print("  kept: \(folder)") }
    }

    struct SetUp {
        var serviceIDs: [String] = []
        var serviceCodes: [String] = []
        var doctorIDs: [String] = []
        var patientIDs: [String] = []
    }

    static let serviceNames: [(String, String)] = [
        ("GEN", "General Outpatient"), ("CARD", "Cardiology"), ("PAED", "Paediatrics"), ("ORTH", "Orthopaedics"),
        ("DERM", "Dermatology"), ("ENT", "Ear, Nose and Throat"), ("OPHT", "Ophthalmology"), ("GYN", "Gynaecology"),
        ("DENT", "Dental"), ("PSYC", "Psychiatry"), ("NEURO", "Neurology"), ("UROL", "Urology"), ("ONCO", "Oncology"),
        ("RENAL", "Renal Clinic"), ("DIAB", "Diabetes Clinic"), ("PHYSIO", "Physiotherapy"),
    ]

    func makeFacility(at path: String) throws -> SetUp {
        let store = try FacilityStore.create(
            at: path,
            NewFacility(name: "Bench Hospital", timezone: "UTC", currency: "KES", adminUsername: "admin",
                        adminPassword: QueueTerminal.password))
        defer { try? store.close() }
        let admin = try store.signIn(username: "admin", password: QueueTerminal.password)
        let today = try store.localNow().day
        try store.setFee(code: "CONSULT", name: "Consultation", amountMinor: 50_000, from: today.adding(days: -1), by: admin)
        var setUp = SetUp()
        for index in 0..<services {
            let (code, name) = index < Self.serviceNames.count
                ? Self.serviceNames[index] : ("X" + letters(index), "Clinic \(index + 1)")
            let service = try store.queue.addService(code: code, name: name, feeCode: "CONSULT", by: admin)
            let doctor = try store.queue.addDoctor(name: "Dr. \(name)", serviceCode: code, room: String(index + 1), by: admin)
            setUp.serviceIDs.append(service.serviceID)
            setUp.serviceCodes.append(code)
            setUp.doctorIDs.append(doctor.doctorID)
        }
        for index in 1...terminals {
            for role in [Role.receptionist, .nurse] {
                try store.addUser(NewUser(username: "\(role.rawValue).\(index)", displayName: "\(role.title) \(index)",
                                          role: role, password: QueueTerminal.password), by: admin)
            }
        }
        let clerk = try store.signIn(username: "receptionist.1", password: QueueTerminal.password)
        var population = SyntheticPopulation(seed: seed)
        while setUp.patientIDs.count < patients {
            let batch = (0..<min(FacilityStore.registrationBatchLimit, patients - setUp.patientIDs.count)).map { _ in population.next() }
            setUp.patientIDs += try store.registerPatients(batch, by: clerk).map(\.patientID)
        }
        return setUp
    }

    /// Two or more capital letters naming `index` (service codes past the named list).
    func letters(_ index: Int) -> String {
        var text = ""
        var rest = index
        repeat {
            text = String(UnicodeScalar(UInt8(65 + rest % 26))) + text
            rest /= 26
        } while rest > 0 || text.count < 2
        return text
    }
}
