// One round of the crash harness: every writer started, some killed with SIGKILL at random instants, the
// others asked to stop through a file and expected to exit cleanly.
import Foundation
import FrontDeskDemo

#if canImport(Glibc)
import Glibc
#endif

struct CrashRound {
    let slots: [CrashSlot]
    let folder: String
    let store: String
    let executable: String
    let round: Int
    let seconds: Double
    let killChance: Double

    struct Outcome {
        var started = 0
        /// Indexes of the slots whose process was killed this round.
        var killed: Set<Int> = []
        /// Workers that failed or did not stop, as sentences.
        var failures: [String] = []
        /// Seconds from the first spawn until every writer was ready (or dead), and from the stop file until all ended.
        var startUp = 0.0
        var stopping = 0.0
    }

    func run(random: inout SeededRandom) throws -> Outcome {
        var outcome = Outcome()
        // The plan first, from the seed alone: who is killed, and when. Most kills land while the writers
        // write (seconds after all are ready); some during start-up (opening the store, signing in).
        var killAt: [Int: Double] = [:]
        var startUpKills: [Int: Double] = [:]
        for n in slots.indices where Double.random(in: 0..<1, using: &random) < killChance {
            if Double.random(in: 0..<1, using: &random) < 0.15 {
                startUpKills[n] = Double.random(in: 0.01...0.5, using: &random)
            } else {
                killAt[n] = Double.random(in: 0.01...seconds, using: &random)
            }
        }
        if killChance > 0, killAt.isEmpty, startUpKills.isEmpty { killAt[Int.random(in: 0..<slots.count, using: &random)] = Double.random(in: 0.01...seconds, using: &random) }
        let seeds = slots.map { _ in random.next() }

        let stopFile = folder + "/stop-\(round)"
        let counts = Dictionary(grouping: slots, by: \.kind).mapValues(\.count)
        var processes: [Process] = []
        var errorFiles: [FileHandle] = []
        var readyPipes: [Pipe] = []
        var goPipes: [Pipe] = []
        defer {
            for pipe in goPipes { try? pipe.fileHandleForWriting.close() }
            for handle in errorFiles { try? handle.close() }
            for pipe in readyPipes { try? pipe.fileHandleForReading.close() }
        }
        for (n, slot) in slots.enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["crash", "worker", "--store", store, "--kind", slot.kind.rawValue, "--index", String(slot.index),
                                 "--of", String(counts[slot.kind]!), "--log", folder + "/acks-\(slot.name).log",
                                 "--stop-file", stopFile, "--folder", folder, "--random-seed", String(seeds[n])]
            let go = Pipe()
            process.standardInput = go
            goPipes.append(go)
            let ready = Pipe()
            process.standardOutput = ready
            readyPipes.append(ready)
            let errors = try Self.appending(folder + "/stderr-\(slot.name).txt")
            errorFiles.append(errors)
            process.standardError = errors
            try process.run()
            processes.append(process)
        }
        outcome.started = processes.count
        func killNow(_ n: Int) {
            if processes[n].isRunning, kill(processes[n].processIdentifier, SIGKILL) == 0 { outcome.killed.insert(n) }
        }

        // Start-up: each writer says "ready" once signed in; some are killed before.
        var waiting = Set(slots.indices)
        let spawned = wallNow()
        while !waiting.isEmpty, wallNow() < spawned + 120 {
            for (n, at) in startUpKills where wallNow() >= spawned + at {
                killNow(n)
                startUpKills[n] = nil
            }
            for n in waiting {
                var ready = pollfd(fd: readyPipes[n].fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
                if poll(&ready, 1, 0) > 0 || !processes[n].isRunning { waiting.remove(n) }
            }
            usleep(2_000)
        }
        for n in startUpKills.keys { killNow(n) }
        for n in waiting {
            kill(processes[n].processIdentifier, SIGKILL)
            outcome.failures.append("\(slots[n].name) was not ready within 120 s (killed)")
        }

        signal(SIGPIPE, SIG_IGN)  // a writer killed during start-up shows as a failed write of "go"
        for (n, process) in processes.enumerated() where process.isRunning {
            try? goPipes[n].fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
        }
        let start = wallNow()
        outcome.startUp = start - spawned
        for (n, at) in killAt.sorted(by: { $0.value < $1.value }) {
            let wait = start + at - wallNow()
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            killNow(n)
        }
        let rest = start + seconds - wallNow()
        if rest > 0 { Thread.sleep(forTimeInterval: rest) }
        _ = FileManager.default.createFile(atPath: stopFile, contents: nil)

        let stopped = wallNow()
        defer { outcome.stopping = wallNow() - stopped }
        let deadline = stopped + 120
        for (n, process) in processes.enumerated() {
            while process.isRunning, wallNow() < deadline { usleep(5_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                outcome.failures.append("\(slots[n].name) did not stop within 120 s of the stop file (killed)")
            }
            process.waitUntilExit()
            if outcome.killed.contains(n) {
                if process.terminationReason != .uncaughtSignal || process.terminationStatus != SIGKILL {
                    outcome.failures.append("\(slots[n].name) ended before its kill with status \(process.terminationStatus)" + tail(slots[n]))
                }
            } else if process.terminationReason == .uncaughtSignal {
                outcome.failures.append("\(slots[n].name) died of signal \(process.terminationStatus)" + tail(slots[n]))
            } else if process.terminationStatus != 0 {
                outcome.failures.append("\(slots[n].name) exited with status \(process.terminationStatus)" + tail(slots[n]))
            }
        }
        try? FileManager.default.removeItem(atPath: stopFile)
        return outcome
    }

    /// The end of a worker's standard error, for a failure's line.
    private func tail(_ slot: CrashSlot) -> String {
        let text = (try? String(contentsOfFile: folder + "/stderr-\(slot.name).txt", encoding: .utf8)) ?? ""
        let last = text.split(separator: "\n").suffix(3).joined(separator: " | ")
        return last.isEmpty ? "" : ": \(last)"
    }

    /// A file handle that appends to `path` (created if missing).
    static func appending(_ path: String) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchFailure("cannot write \(path)") }
        handle.seekToEndOfFile()
        return handle
    }
}
