// The queue benchmark's worker processes: a front-desk terminal's day and a board watching for commits.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskDemo
import FrontDeskStore

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
                    try facility.queue.checkIn(arrival.checkIn, by: receptionist).entry
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
                    called = try facility.queue.callNext(serviceID: desk.serviceID, doctorID: desk.doctorID, by: nurse)
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
                    write("left", desk.serviceID) { try facility.queue.markLeft(entryID, reason: "did not answer the call", by: nurse) }
                    desk.state = .idle
                    desk.due = now
                } else {
                    write("start", desk.serviceID) { try facility.queue.startConsultation(entryID, by: nurse) }
                    desk.state = .consulting(entryID)
                    desk.due = now + cycle * Double.random(in: 0.5...1.2, using: &random)
                }
            case .consulting(let entryID):
                write("finish", desk.serviceID) { try facility.queue.finishVisit(entryID, by: nurse) }
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
            let seconds = try timed { rows = try facility.queue.board(day: day, serviceID: service) }
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
