// The queue benchmark's plumbing: worker processes, their ready/go handshake, sample files, latency lines.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore

/// Median, p99 and max of seconds, in milliseconds.
func latency(_ seconds: [Double]) -> String {
    let summary = LatencySummary(seconds.map { max(0, $0) })
    return String(format: "median %8.3f ms  p99 %8.3f ms  max %8.3f ms  (n=%d)",
                  summary.median, summary.p99, (seconds.max() ?? 0) * 1000, summary.count)
}

/// Seconds since 1970 on CLOCK_REALTIME: comparable between processes of one machine.
func wallNow() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Waits for the parent's "go <wall time>" on standard input, after saying "ready"; returns the start time.
func readyThenWaitForGo() throws -> Double {
    FileHandle.standardOutput.write(Data("ready\n".utf8))
    guard let line = readLine(), line.hasPrefix("go "), let start = Double(line.dropFirst(3)) else {
        throw BenchFailure("expected 'go <time>' on standard input")
    }
    let wait = start - wallNow()
    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    return start
}

/// A worker that did not start or did not finish.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One timed write, as a terminal logged it.
struct WriteSample {
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
struct BoardSamples {
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
final class Child {
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
