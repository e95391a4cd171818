// `frontdesk leave`: record a doctor's leave (no bookings in it).
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct LeaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leave", abstract: "Record a doctor's leave (no bookings in it).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
    @Option(help: "First day away (YYYY-MM-DD).") var from: String
    @Option(help: "Last day away (YYYY-MM-DD).") var to: String
    @Option(help: "Why (shown to reception when booking).") var reason: String

    func run() throws {
        try store.signedIn(as: acting) { session in
            let opened = session.store
            let found = try findDoctor(doctor, in: opened)
            let (first, last) = try parseDayRange(from: from, to: to, store: opened)
            try opened.queue.addLeave(doctorID: found.doctorID, from: first, to: last, reason: reason, by: try session.actor())
            print("\(found.name) is on leave from \(from) to \(to).")
        }
    }
}
