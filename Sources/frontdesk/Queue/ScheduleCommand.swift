// `frontdesk schedule`: add a weekly session to a doctor's schedule.
import ArgumentParser
import Foundation
import FrontDeskCore
import FrontDeskStore

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Add a weekly session to a doctor's schedule.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUser
    @Option(help: "Doctor: name, part of it, username or id.") var doctor: String
    @Option(help: "Weekdays: Mon,Tue,… or Mon-Fri.") var days: String
    @Option(help: "Start, e.g. 08:00.") var start: String
    @Option(help: "End, e.g. 12:00.") var end: String
    @Option(help: "Slot length in minutes.") var slot: Int = 15
    @Option(help: "Patients per slot.") var capacity: Int = 1
    @Option(help: "First day the session applies (YYYY-MM-DD); today if left out.") var validFrom: String?

    func run() throws {
        try store.signedIn(as: acting) { session in
            let opened = session.store
            let actor = try session.actor()
            let found = try findDoctor(doctor, in: opened)
            guard let from = LocalMoment.minute(start), let to = LocalMoment.minute(end) else {
                throw InputError(message: "--start and --end are times like 08:00")
            }
            let weekdays = try Self.weekdays(days)
            let first = try parseDay(validFrom, option: "--valid-from", store: opened)
            for weekday in weekdays {
                try opened.queue.addSession(doctorID: found.doctorID, NewSession(
                    weekday: weekday, startMinute: from, endMinute: to == 0 ? 1440 : to, slotMinutes: slot, capacity: capacity,
                    validFrom: first), by: actor)
            }
            print("\(found.name): \(weekdays.map { CalendarDay.weekdayNames[$0 - 1] }.joined(separator: ", ")) \(start)-\(end), \(slot)-minute slots × \(capacity).")
        }
    }

    static func weekdays(_ text: String) throws -> [Int] {
        func index(_ name: Substring) throws -> Int {
            guard let i = CalendarDay.weekdayNames.firstIndex(where: { $0.lowercased() == name.prefix(3).lowercased() }) else {
                throw InputError(message: "'\(Quote.excerpt(String(name)))' is not a weekday (Mon … Sun)")
            }
            return i + 1
        }
        var days: [Int] = []
        for part in text.split(separator: ",") {
            let range = part.split(separator: "-")
            if range.count == 2 {
                let a = try index(range[0]), b = try index(range[1])
                guard a <= b else { throw InputError(message: "'\(Quote.excerpt(String(part)))' runs backwards") }
                days += Array(a...b)
            } else {
                days.append(try index(part))
            }
        }
        return days
    }
}
