// `frontdesk queue`: the day's report, close of day, the long-wait threshold.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "The day's queue: report and close of day.", subcommands: [Report.self, CloseDay.self, LongWait.self, ElderlyAge.self, Wallboard.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per service: patients, seen, left, no-show, median and p90 wait (called − checked in).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Day (YYYY-MM-DD); today if left out.") var day: String?
        func run() throws {
            try store.reading { opened in
                let when = try parseDay(day, option: "--day", store: opened)
                print("Queue report \(when)")
                func cell(_ s: String, _ w: Int) -> String { s.padding(toLength: w, withPad: " ", startingAt: 0) }
                print(cell("Service", 24) + cell("Patients", 10) + cell("Seen", 6) + cell("Waiting", 9) + cell("Left", 6)
                    + cell("No-show", 9) + cell("Median", 9) + "p90")
                func wait(_ s: Int?) -> String { s.map { "\($0 / 60) min" } ?? "-" }
                for r in try opened.queue.queueReport(day: when) {
                    print(cell("\(r.serviceCode) \(r.serviceName)", 24) + cell("\(r.patients)", 10) + cell("\(r.seen)", 6)
                        + cell("\(r.waiting)", 9) + cell("\(r.left)", 6) + cell("\(r.noShow)", 9)
                        + cell(wait(r.medianWaitSeconds), 9) + wait(r.p90WaitSeconds))
                }
                // An anchor outside the file: `frontdesk verify --head` checks the ledger still holds it.
                print(try opened.currentLedgerHead())
            }
        }
    }

    struct CloseDay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-day",
            abstract: "Close a day's queue: unseen patients become left or no-show with the reason; booked appointments nobody checked in become no-shows.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Day (YYYY-MM-DD); today if left out.") var day: String?
        @Option(help: "Only this service code.") var service: String?
        @Option(name: .customLong("unseen-as"), help: "left or no-show.") var unseenAs: String = "left"
        @Option(help: "Why they are closed (kept on each entry).") var reason: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let status: QueueStatus
                switch unseenAs.lowercased() {
                case "left": status = .left
                case "no-show", "no_show", "noshow": status = .noShow
                default: throw InputError(message: "--unseen-as is left or no-show")
                }
                let serviceID = try service.map { code in
                    guard let s = try opened.queue.services().first(where: { $0.code == code.uppercased() }) else {
                        throw InputError(message: "there is no service \(code.uppercased())")
                    }
                    return s.serviceID
                }
                let when = try parseDay(day, option: "--day", store: opened)
                let done = try opened.queue.closeDay(when, serviceID: serviceID, unseenAs: status, reason: reason, by: try session.actor())
                print("\(when) closed: \(done.unseen) unseen closed as \(unseenAs), \(done.finished) in consultation marked done, \(done.missedAppointments) missed appointments marked no-show.")
                print(try opened.currentLedgerHead())
            }
        }
    }

    struct LongWait: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "long-wait", abstract: "Show, or set, the minutes of waiting after which boards flag a patient (5-600).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Argument(help: "Minutes; leave out to show the current value.") var minutes: Int?
        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                if let minutes { try opened.queue.setLongWaitMinutes(minutes, by: try session.actor()) }
                print("Boards flag patients waiting \(try opened.queue.longWaitMinutes()) minutes or more.")
            }
        }
    }

    struct ElderlyAge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "elderly-age", abstract: "Show, or set, the age from which check-in offers elderly priority (50-90).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Argument(help: "Years; leave out to show the current value.") var years: Int?
        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                if let years { try opened.queue.setElderlyAge(years, by: try session.actor()) }
                print("Check-in offers elderly priority from age \(try opened.queue.elderlyAge()).")
            }
        }
    }

    struct Wallboard: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, or set, whether a terminal keeps showing the queue board when it locks: names, tokens (names hidden) or off.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var changing: ChangingUser
        @Argument(help: "The terminal's name: `frontdesk open --terminal NAME`, or its tty (/dev/pts/3).") var terminal: String
        @Argument(help: "names, tokens or off; leave out to show the current value.") var mode: String?
        func run() throws {
            try store.signedIn(as: changing) { session in
                let opened = session.store
                if let mode {
                    let chosen = WallboardMode(rawValue: mode.lowercased())
                    guard chosen != nil || mode.lowercased() == "off" else {
                        throw InputError(message: "the wallboard mode is names, tokens or off, not '\(Quote.excerpt(mode))'")
                    }
                    try opened.queue.setWallboard(terminal: terminal, chosen, by: try session.actor())
                }
                switch try opened.queue.wallboard(terminal: terminal) {
                case .names?: print("\(terminal) shows the queue board with names when it locks.")
                case .tokens?: print("\(terminal) shows the queue board with tokens only (no names) when it locks.")
                case nil: print("\(terminal) locks like every terminal.")
                }
            }
        }
    }
}
