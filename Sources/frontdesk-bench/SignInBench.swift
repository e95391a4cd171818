// `frontdesk-bench signin`: how long a refused sign-in takes, by case, to show that timing tells none apart.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct SignInBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Median time of a refused sign-in: unknown user, wrong password, locked account, disabled account.",
        discussion: """
            Cases are interleaved round by round, so that they share the machine's noise. In-process by default; \
            with --processes each attempt is a `frontdesk reindex --password-stdin` process (the frontdesk \
            binary beside this one), as the issue measured them.
            """)

    @Option(help: "Folder for the benchmark store.") var dir: String = NSTemporaryDirectory()
    @Option(help: "Attempts per case.") var tries: Int = 20
    @Flag(help: "Time whole `frontdesk` processes rather than calls in this one.") var processes = false

    static let password = "bench-pass-1"
    static let cases = ["unknown", "wrong", "locked", "disabled"]

    func run() throws {
        let folder = dir + "/frontdesk-signin-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/signin.sqlite"
        let store = try FacilityStore.create(at: path, NewFacility(
            name: "Bench Hospital", timezone: "UTC", currency: "USD", adminUsername: "admin", adminPassword: Self.password))
        let admin = try store.signIn(username: "admin", password: Self.password)
        for name in ["wrong", "locked", "disabled"] {
            try store.addUser(NewUser(username: name, displayName: name.capitalized, role: .admin, password: Self.password), by: admin)
        }
        try store.disableUser("disabled", reason: "benchmark", by: admin)
        for _ in 0..<FacilityStore.lockoutThreshold { _ = try? store.signIn(username: "locked", password: "not-the-password") }

        var cpu: [String: [Double]] = [:]
        let attempt: (String) throws -> (seconds: Double, answer: String) = processes
            ? { username in
                let cpuStart = Self.childrenCPUSeconds()
                let result = try Self.processAttempt(path: path, username: username)
                cpu[username, default: []].append(Self.childrenCPUSeconds() - cpuStart)
                return result
            }
            : { username in
                var answer = ""
                let cpuStart = Self.threadCPUSeconds()
                let seconds = timed {
                    do { _ = try store.signIn(username: username, password: "not-the-password") } catch { answer = "\(error)" }
                }
                cpu[username, default: []].append(Self.threadCPUSeconds() - cpuStart)
                return (seconds, answer)
            }
        var times: [String: [Double]] = [:]
        var answers: [String: Set<String>] = [:]
        for round in 0..<tries {
            // Rotated each round, so that no case always runs first or last.
            for offset in 0..<Self.cases.count {
                let name = Self.cases[(round + offset) % Self.cases.count]
                let (seconds, answer) = try attempt(name == "unknown" ? "nobody" : name)
                times[name, default: []].append(seconds)
                answers[name, default: []].insert(answer)
            }
            // Not timed: the right password takes the count back to zero, so "wrong" and "disabled" stay themselves.
            _ = try? store.signIn(username: "wrong", password: Self.password)
            _ = try? store.signIn(username: "disabled", password: Self.password)
        }
        print("refused sign-ins, \(processes ? "one `frontdesk` process each" : "in-process"), \(tries) tries per case")
        for name in Self.cases {
            var line = "  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) wall \(LatencySummary(times[name] ?? []).text)"
            if let spent = cpu[name == "unknown" ? "nobody" : name] {
                line += String(format: "   CPU median %.3f ms", LatencySummary(spent).median)
            }
            print(line)
        }
        let distinct = Set(answers.values.flatMap { $0 })
        print("  answers: \(distinct.count == 1 ? "all identical" : "DIFFER"): \(distinct.sorted().joined(separator: " | "))")
    }

    /// CPU time of this thread: bcrypt's work, without the waits another busy process causes
    /// (on a shared machine the wall times wander by tens of milliseconds; the CPU times do not).
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU time of the processes started and waited for so far (user and system).
    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// One `frontdesk reindex` sign-in with a wrong password, timed from spawn to exit.
    static func processAttempt(path: String, username: String) throws -> (seconds: Double, answer: String) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("frontdesk").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["reindex", "--db", path, "--as", username, "--password-stdin"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        var output = Data()
        let seconds = try timed {
            try process.run()
            input.fileHandleForWriting.write(Data("not-the-password\n".utf8))
            try input.fileHandleForWriting.close()
            output = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        }
        return (seconds, String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
