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
        let rows = try store.board(day: try store.localNow().day)
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
            let service = try store.addService(code: code, name: name, feeCode: "CONSULT", by: admin)
            let doctor = try store.addDoctor(name: "Dr. \(name)", serviceCode: code, room: String(index + 1), by: admin)
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
            let batch = (0..<min(1000, patients - setUp.patientIDs.count)).map { _ in population.next() }
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

/// Median, p99 and max of seconds, in milliseconds.
private func latency(_ seconds: [Double]) -> String {
    let summary = LatencySummary(seconds.map { max(0, $0) })
    return String(format: "median %8.3f ms  p99 %8.3f ms  max %8.3f ms  (n=%d)",
                  summary.median, summary.p99, (seconds.max() ?? 0) * 1000, summary.count)
}

/// Seconds since 1970 on CLOCK_REALTIME: comparable between processes of one machine.
private func wallNow() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Waits for the parent's "go <wall time>" on standard input, after saying "ready"; returns the start time.
private func readyThenWaitForGo() throws -> Double {
    FileHandle.standardOutput.write(Data("ready\n".utf8))
    guard let line = readLine(), line.hasPrefix("go "), let start = Double(line.dropFirst(3)) else {
        throw BenchFailure("expected 'go <time>' on standard input")
    }
    let wait = start - wallNow()
    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    return start
}

/// A worker that did not start or did not finish.
private struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One timed write, as a terminal logged it.
private struct WriteSample {
    let op: String
    let serviceID: String
    let entryID: String
    /// The entry's status once the write committed (nil for a call that found nobody).
    let status: String?
    let end: Double
    let seconds: Double
    /// How late the write started against the plan (check-ins only).
    let lag: Double

    static func load(_ path: String) throws -> [WriteSample] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, f[0] != "error" else { return nil }
            return WriteSample(op: f[0], serviceID: f[1], entryID: f[2], status: f[3] == "-" ? nil : f[3],
                               end: Double(f[4])!, seconds: Double(f[5])!, lag: Double(f[6])!)
        }
    }
}

/// What a board process logged: each refresh, each change check, and when it first showed each entry state.
private struct BoardSamples {
    var refreshes: [(seconds: Double, rows: Int)] = []
    var checks: [Double] = []
    var firstSeen: [String: Double] = [:]

    static func load(_ path: String) throws -> BoardSamples {
        var samples = BoardSamples()
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            switch f[0] {
            case "refresh": samples.refreshes.append((Double(f[1])!, Int(f[2])!))
            case "check": samples.checks.append(Double(f[1])!)
            case "seen": samples.firstSeen[f[1]] = Double(f[2])!
            default: break
            }
        }
        return samples
    }
}

/// A worker process of the benchmark, told when to start on standard input.
private final class Child {
    let process = Process()
    let input = Pipe()
    let output = Pipe()

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    var name: String { process.arguments?[1] ?? "worker" }

    /// Waits for the worker's "ready". Watches the process too: the pipe may stay open in its siblings.
    func waitForReady() throws {
        var received = Data()
        while !received.contains(UInt8(ascii: "\n")) {
            var ready = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 100) > 0 {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { throw BenchFailure("a \(name) process ended before it was ready") }
                received += chunk
            } else if !process.isRunning {
                throw BenchFailure("a \(name) process ended before it was ready (status \(process.terminationStatus))")
            }
        }
    }

    func send(_ line: String) throws {
        do { try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) } catch {
            throw BenchFailure("a \(name) process ended before the day started")
        }
    }

    /// Ends the worker (after a failure elsewhere), and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    func waitForExit() throws {
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure("a \(name) process failed (status \(process.terminationStatus))")
        }
    }
}

/// `frontdesk-bench queue terminal`: one front-desk terminal's day. Checks in its share of the
/// arrivals on time, and runs its services' queues (call, consultation, done) as their nurse.
struct QueueTerminal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal", abstract: "One terminal of the queue benchmark (started by it).", shouldDisplay: false)
    static let password = "bench-desk-1"

    @Option var store: String
    @Option var plan: String
    @Option var out: String
    @Option(help: "Signs in as receptionist.INDEX and nurse.INDEX.") var index: Int
    // Names apart from the parent command's options, which would take them otherwise.
    @Option(help: "Seconds over which the arrivals come.") var dayLength: Double
    @Option(help: "Mean seconds from one call of a service to its next.") var cycle: Double
    @Option var randomSeed: UInt64

    struct Arrival {
        let offset: Double
        let checkIn: NewCheckIn
    }

    enum DoctorState {
        case idle
        case called(String)
        case consulting(String)
        case finished
    }

    struct Desk {
        let serviceID: String
        let doctorID: String
        var state = DoctorState.idle
        var due = 0.0
    }

    func run() throws {
        var arrivals: [Arrival] = []
        var desks: [Desk] = []
        for line in try String(contentsOfFile: plan, encoding: .utf8).split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            if f[0] == "own" {
                desks.append(Desk(serviceID: f[1], doctorID: f[2]))
            } else {
                arrivals.append(Arrival(offset: Double(f[1])!, checkIn: NewCheckIn(
                    patientID: f[2], serviceID: f[3], priority: QueuePriority(rawValue: f[4])!,
                    assistance: QueueAssistance(rawValue: f[5]))))
            }
        }
        let facility = try FacilityStore.open(at: store)
        let receptionist = try facility.signIn(username: "receptionist.\(index)", password: Self.password)
        let nurse = try facility.signIn(username: "nurse.\(index)", password: Self.password)
        var random = SeededRandom(seed: randomSeed)
        var log = ""
        let start = try readyThenWaitForGo()
        /// Runs one write, timed, and logs it.
        func write(_ op: String, _ serviceID: String, lag: Double = 0, _ body: () throws -> QueueEntry?) {
            let began = DispatchTime.now().uptimeNanoseconds
            do {
                let entry = try body()
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
                let end = wallNow()
                log += "\(entry == nil ? "call_empty" : op)\t\(serviceID)\t\(entry?.entryID ?? "-")\t\(entry?.status.rawValue ?? "-")\t\(end)\t\(seconds)\t\(lag)\n"
            } catch {
                log += "error\t\(op)\t\(String(describing: error).replacingOccurrences(of: "\n", with: " "))\n"
            }
        }

        let seconds = dayLength
        let hardStop = seconds * 1.5
        var next = 0
        while true {
            let arrivalDue = next < arrivals.count ? arrivals[next].offset : .infinity
            let deskIndex = desks.indices.min { desks[$0].due < desks[$1].due }
            let deskDue = deskIndex.map { desks[$0].due } ?? .infinity
            let due = min(arrivalDue, deskDue)
            guard due.isFinite else { break }
            let wait = start + due - wallNow()
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            let now = wallNow() - start

            if arrivalDue <= deskDue {
                let arrival = arrivals[next]
                next += 1
                write("checkin", arrival.checkIn.serviceID!, lag: now - arrival.offset) {
                    try facility.checkIn(arrival.checkIn, by: receptionist).entry
                }
                continue
            }
            var desk = desks[deskIndex!]
            defer { desks[deskIndex!] = desk }
            if now > hardStop { desk.state = .finished }
            switch desk.state {
            case .idle:
                var called: QueueEntry?
                write("call", desk.serviceID) {
                    called = try facility.callNext(serviceID: desk.serviceID, doctorID: desk.doctorID, by: nurse)
                    return called
                }
                if let called {
                    desk.state = .called(called.entryID)
                    desk.due = now + cycle * Double.random(in: 0.05...0.25, using: &random)
                } else if now > seconds {
                    desk.state = .finished  // the day's arrivals are over and nobody waits
                } else {
                    desk.due = now + cycle * Double.random(in: 0.2...0.4, using: &random)
                }
            case .called(let entryID):
                if Int.random(in: 0..<100, using: &random) < 3 {
                    write("left", desk.serviceID) { try facility.markLeft(entryID, reason: "did not answer the call", by: nurse) }
                    desk.state = .idle
                    desk.due = now
                } else {
                    write("start", desk.serviceID) { try facility.startConsultation(entryID, by: nurse) }
                    desk.state = .consulting(entryID)
                    desk.due = now + cycle * Double.random(in: 0.5...1.2, using: &random)
                }
            case .consulting(let entryID):
                write("finish", desk.serviceID) { try facility.finishVisit(entryID, by: nurse) }
                desk.state = .idle
                desk.due = now
            case .finished:
                desk.due = .infinity
            }
        }
        try log.write(toFile: out, atomically: true, encoding: .utf8)
        try facility.close()
    }
}

/// `frontdesk-bench queue board`: a queue screen left open. Asks whether anything was committed
/// every poll, as the screen's loop does, and re-reads the board when so.
struct QueueBoard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board", abstract: "One board of the queue benchmark (started by it).", shouldDisplay: false)

    @Option var store: String
    @Option var out: String
    @Option(help: "Show one service; all of them when absent.") var service: String?
    @Option(help: "Milliseconds between checks for commits.") var everyMs: Int
    @Option(help: "The board stops once this file exists.") var stopFile: String

    func run() throws {
        let facility = try FacilityStore.open(at: store)
        let watcher = try facility.changeWatcher()
        var firstSeen: [String: Double] = [:]
        var log = ""
        func refresh() throws {
            let day = try facility.localNow().day
            var rows: [BoardRow] = []
            let seconds = try timed { rows = try facility.board(day: day, serviceID: service) }
            let shown = wallNow()
            log += "refresh\t\(seconds)\t\(rows.count)\n"
            for row in rows where firstSeen[row.entry.entryID + "|" + row.entry.status.rawValue] == nil {
                firstSeen[row.entry.entryID + "|" + row.entry.status.rawValue] = shown
            }
        }
        let parent = getppid()
        _ = try readyThenWaitForGo()
        try refresh()
        // Also stops should the benchmark itself have died.
        while !FileManager.default.fileExists(atPath: stopFile), getppid() == parent {
            Thread.sleep(forTimeInterval: Double(everyMs) / 1000)
            var changed = false
            log += "check\t\(timed { changed = watcher.hasChanged() })\n"
            if changed { try refresh() }
        }
        for (key, at) in firstSeen { log += "seen\t\(key)\t\(at)\n" }
        try log.write(toFile: out, atomically: true, encoding: .utf8)
        try facility.close()
    }
}
