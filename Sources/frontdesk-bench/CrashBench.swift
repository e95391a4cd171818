// `frontdesk-bench crash`: the crash harness. Rounds of writer processes on every desk writing at once into
// one store, some killed with SIGKILL at random instants; after each round the store is verified and every
// acknowledged commit is looked for. Exits non-zero on any failure; the seed replays the same plan.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore
import GRDB

struct CrashBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash",
        abstract: "Kill writers of every desk with SIGKILL at random instants, round after round; check nothing acknowledged is lost or doubled.",
        subcommands: [CrashWorker.self])

    @Option(help: "Folder for the harness's store and logs.") var dir: String = NSTemporaryDirectory()
    @Option(help: "Rounds, each on the same store.") var rounds: Int = 20
    @Option(help: "Seed of the plan: patients, workers' choices, who is killed when.") var seed: UInt64 = 1
    @Option(help: "Writer processes at once (desks in turn: register, check-in, queue, cashier, booking, import, …).") var writers: Int = 8
    @Option(help: "Seconds the writers write each round before the survivors are asked to stop.") var roundSeconds: Double = 1.0
    @Option(help: "Chance that a writer is killed in a round (at least one is, unless 0).") var killChance: Double = 0.5
    @Option(help: "Run the store's verify() every N rounds (and after the last); it reads the whole store, so its cost grows with it.")
    var verifyEvery: Int = 1
    @Option(help: "Run `frontdesk verify` on the store every N rounds (and after the last).") var cliVerifyEvery: Int = 25
    @Flag(help: "Keep the folder even when every check passed.") var keep = false
    @Option(help: .hidden) var fault: [CrashFault] = []

    func validate() throws {
        guard rounds >= 1, writers >= 1, roundSeconds > 0, (0...1).contains(killChance), verifyEvery >= 1, cliVerifyEvery >= 1 else {
            throw ArgumentParser.ValidationError("--rounds, --writers, --round-seconds, --verify-every and --cli-verify-every must be positive; --kill-chance 0 to 1")
        }
    }

    func run() throws {
        let started = wallNow()
        let folder = URL(fileURLWithPath: dir).appendingPathComponent("frontdesk-crash-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let storePath = folder + "/crash.sqlite"
        let slots = CrashSlot.slots(writers: writers)
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let frontdesk = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("frontdesk").path
        guard FileManager.default.isExecutableFile(atPath: frontdesk) else {
            throw BenchFailure("`frontdesk` is not beside \(executable); build it too (scripts/bench builds both)")
        }
        print("crash harness  (seed \(seed), \(writers) writers: \(slots.map(\.name).joined(separator: ", ")); \(folder))")
        var store: FacilityStore? = nil
        let setUp = try timed { store = try CrashSetup.makeFacility(at: storePath, folder: folder, slots: slots, seed: seed) }
        print(String(format: "  set-up: accounts, services, doctors, %d patients: %.1f s", CrashSetup.patientCount, setUp))

        let checker = try CrashChecker(path: storePath)
        let users = try checker.db.read { db in
            try Dictionary(uniqueKeysWithValues: slots.map { ($0.name, try String.fetchOne(db, sql: "SELECT user_id FROM users WHERE username = ?", arguments: [$0.username])!) })
        }
        var readers = slots.map { AckReader(path: folder + "/acks-\($0.name).log") }
        var random = SeededRandom(seed: seed)
        var figures = CrashFigures()
        for round in 1...rounds {
            let seq = try checker.lastSeq()
            let outcome = try CrashRound(slots: slots, folder: folder, store: storePath, executable: executable, round: round,
                                         seconds: roundSeconds, killChance: killChance).run(random: &random)
            figures.add(outcome)
            for damage in fault { try damage.inject(into: storePath) }
            for failure in outcome.failures { checker.fail(.worker, "round \(round): \(failure)") }
            let checksStarted = wallNow()
            var bounds: [String: (least: Int, most: Int)] = [:]
            for (n, slot) in slots.enumerated() {
                let counted = try checker.check(readers[n].newLines(), of: slot, round: round)
                bounds[users[slot.name]!] = (counted.least, counted.most + (outcome.killed.contains(n) ? 1 : 0))
            }
            try checker.checkTransactions(since: seq, bounds: bounds)
            try checker.checkStore()
            figures.checking += wallNow() - checksStarted
            if round % verifyEvery == 0 || round == rounds {
                let verifyStarted = wallNow()
                let report = try store!.verify()
                figures.verifying += wallNow() - verifyStarted
                figures.verifyRuns += 1
                for problem in report.problems.prefix(5) { checker.fail(.verify, "store.verify(): \(problem)") }
            }
            if round % cliVerifyEvery == 0 || round == rounds {
                figures.cliVerifyRuns += 1
                let (status, output) = try Self.runTool(frontdesk, ["verify", "--db", storePath])
                if status != 0 { checker.fail(.verify, "frontdesk verify exited \(status): \(output.suffix(600))") }
            }
            if round % 10 == 0 || round == rounds {
                let acked = checker.acknowledged.values.reduce(0, +)
                print(String(format: "  round %d/%d: %d killed so far, %d commits acknowledged, %d failures, %.0f s",
                             round, rounds, figures.killed, acked, checker.failures.count, wallNow() - started))
                fflush(nil)  // progress shows as it comes, also when the output is a file
            }
        }
        try store!.close()
        figures.print(checker: checker, storePath: storePath, wall: wallNow() - started, rounds: rounds)
        if !checker.failures.isEmpty || keep {
            Swift.print("  kept: \(folder) (replay the plan with --seed \(seed) --writers \(writers) --round-seconds \(roundSeconds) --kill-chance \(killChance))")
        } else {
            try? FileManager.default.removeItem(atPath: folder)
        }
        if !checker.failures.isEmpty { throw ExitCode.failure }
    }

    /// Runs a tool to its end; its status and what it printed.
    static func runTool(_ path: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Damage done to the store behind its back after a round, to show that the checks catch it (tests only).
enum CrashFault: String, ExpressibleByArgument {
    /// Acknowledged registrations no longer in the store as acknowledged (their MRNs changed).
    case lost
    /// An invoice number taken from the sequence and used by nothing.
    case gap

    func inject(into path: String) throws {
        let db = try DatabaseQueue(path: path)
        try db.write { db in
            switch self {
            case .lost:
                try db.execute(sql: """
                    UPDATE patients SET mrn = mrn || 'X'
                    WHERE created_by = (SELECT user_id FROM users WHERE username = 'crash.register.1') AND mrn NOT LIKE '%X'
                    """)
            case .gap:
                try db.execute(sql: "UPDATE number_sequences SET last_value = last_value + 1 WHERE name = 'invoice'")
            }
        }
        try db.close()
    }
}

/// The harness's totals, printed at the end.
struct CrashFigures {
    var started = 0
    var killed = 0
    var verifyRuns = 0
    var cliVerifyRuns = 0
    var startUp = 0.0, stopping = 0.0, checking = 0.0, verifying = 0.0

    mutating func add(_ outcome: CrashRound.Outcome) {
        started += outcome.started
        killed += outcome.killed.count
        startUp += outcome.startUp
        stopping += outcome.stopping
    }

    func print(checker: CrashChecker, storePath: String, wall: Double, rounds: Int) {
        let acked = checker.acknowledged.values.reduce(0, +)
        let byOp = checker.acknowledged.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let size = ((try? FileManager.default.attributesOfItem(atPath: storePath)[.size]) as? Int) ?? 0
        let entries = (try? checker.lastSeq()) ?? 0
        let count = { (kind: CrashFailure.Kind) in checker.failures.filter { $0.kind == kind }.count }
        Swift.print(String(format: "  rounds: %d in %.1f s (%.2f s a round)", rounds, wall, wall / Double(rounds)))
        let per = { (seconds: Double) in String(format: "%.2f", seconds / Double(rounds)) }
        Swift.print("  a round on average: start-up \(per(startUp)) s, writing \(per(wall - startUp - stopping - checking - verifying)) s "
                    + "(and set-up), stopping \(per(stopping)) s, checks \(per(checking)) s, store.verify() \(per(verifying)) s")
        Swift.print("  writer processes started: \(started); killed with SIGKILL: \(killed)")
        Swift.print("  commits acknowledged: \(acked) (\(byOp))")
        Swift.print("  commits made but not acknowledged (killed before the log line): \(checker.unacknowledged); refusals (a rule said no): \(checker.refusals)")
        Swift.print("  imports finished: \(checker.importsFinished), of them re-run after a kill: \(checker.importsResumed)")
        Swift.print(String(format: "  store at the end: %.1f MB, %d ledger entries; store.verify() %d times, `frontdesk verify` %d times",
                           Double(size) / 1e6, entries, verifyRuns, cliVerifyRuns))
        Swift.print("  failures: verify \(count(.verify)), lost acknowledged commits \(count(.lost)), duplicates \(count(.duplicate)), "
                    + "gaps \(count(.gap)), worker errors \(count(.worker))")
        Swift.print("crash: \(rounds) rounds, \(killed) killed, \(acked) acknowledged, \(count(.verify)) verify failures, "
                    + "\(count(.lost)) lost, \(count(.duplicate)) duplicates, \(checker.failures.count) failures")
    }
}
