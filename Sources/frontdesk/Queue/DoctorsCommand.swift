// `frontdesk doctors`: doctors who can be booked, and their weekly schedules.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct DoctorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctors", abstract: "Doctors who can be booked, and their weekly schedules.",
        subcommands: [List.self, Add.self, Rename.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every active doctor with their sessions.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            try store.reading { opened in
                let services = Dictionary(uniqueKeysWithValues: try opened.queue.services().map { ($0.serviceID, $0.code) })
                for d in try opened.queue.doctors() {
                    print("\(d.name) (\(services[d.serviceID] ?? "?"))" + (d.room.map { ", room \($0)" } ?? "")
                        + "  --doctor \(try opened.queue.doctorKey(d))")
                    for s in try opened.queue.sessions(doctorID: d.doctorID) {
                        print("  \(CalendarDay.weekdayNames[s.weekday - 1]) \(LocalMoment.clock(s.startMinute))-\(LocalMoment.clock(s.endMinute)), "
                            + "\(s.slotMinutes)-minute slots × \(s.capacity), from \(s.validFrom)" + (s.validTo.map { " to \($0)" } ?? ""))
                    }
                    for l in try opened.queue.leave(doctorID: d.doctorID) { print("  leave \(l.firstDay) to \(l.lastDay): \(l.reason)") }
                }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a doctor to a service.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Service code.") var service: String
        @Option(help: "Consulting room patients are called to.") var room: String?
        @Option(help: "Their FrontDesk username, if they have one.") var user: String?
        @Argument(help: "Name, e.g. \"Dr Achieng Otieno\".") var name: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let d = try opened.queue.addDoctor(name: name, serviceCode: service, room: room, username: user, by: try session.actor())
                print("\(d.name) added to \(service.uppercased()).")
            }
        }
    }
}

extension DoctorsCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a doctor's name (no two active doctors share one).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
        @Argument(help: "The new name.") var name: String
        func run() throws {
            try store.signedIn(as: acting) { session in
                let opened = session.store
                let found = try findDoctor(doctor, in: opened)
                let renamed = try opened.queue.renameDoctor(found.doctorID, to: name, by: try session.actor())
                print("\(found.name) is now \(renamed.name).")
            }
        }
    }
}
